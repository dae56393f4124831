package org.fuyu.policy.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.fuyu.policy.facts.Household;
import org.junit.jupiter.api.Test;

/** The fast path reads a household exactly as the strict mapper does, or leaves it to the mapper. */
class HouseholdJsonTest {
    private static final HouseholdJson FAST = new HouseholdJson();
    private static final String FULL = "{\"id\":\"H1\",\"villageId\":\"V1\",\"countyId\":\"C1\",\"farming\":false,"
            + "\"members\":[{\"id\":\"P1\",\"age\":44,\"laborCapable\":true,\"employed\":true,\"disabled\":false,"
            + "\"inSchool\":false,\"categories\":[\"VETERAN\",\"RETURNING_MIGRANT\"]},{\"id\":\"P2\",\"age\":9,\"inSchool\":true}],"
            + "\"income\":{\"wage\":20000,\"operating\":-4000,\"property\":0,\"transfer\":3000},"
            + "\"statuses\":[\"MINIMUM_LIVING\",\"MONITORED\",\"MINIMUM_LIVING\"],\"housingSafe\":false,"
            + "\"medicalExpenseYuan\":40000,\"disasterLossYuan\":5,"
            + "\"assets\":{\"vehicleValueYuan\":150000,\"commercialProperty\":true,\"savingsYuan\":1},"
            + "\"credit\":{\"rating\":\"AA\",\"overdue\":true,\"dishonestDebtor\":false,\"inclusiveCreditLineYuan\":30000,"
            + "\"outstandingLoanYuan\":1000}}";

    private static Household strict(String json) {
        try {
            return FactMapper.get().readValue(json, Household.class);
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }

    private static Household fast(String json) {
        byte[] b = ("  " + json + " ").getBytes(StandardCharsets.UTF_8);
        return FAST.parse(b, 1, b.length - 1);
    }

    @Test
    void whiteSpaceAndFieldOrderDoNotMatter() {
        String spaced = " {\t\"villageId\" : \"V\" ,\r\n \"members\":[ { \"age\" : -0 , \"id\":\"P\" } ] , \"id\":\"H\" } ";
        assertThat(fast(spaced)).isNotNull().isEqualTo(strict(spaced));
    }

    @Test
    void readsEveryFieldOfThePlainShape() {
        Household h = fast(FULL);
        assertThat(h).isNotNull().isEqualTo(strict(FULL));
        assertThat(fast("{\"id\":\"H\",\"villageId\":\"V\",\"members\":[{\"id\":\"P\",\"age\":0}]}"))
                .isEqualTo(strict("{\"id\":\"H\",\"villageId\":\"V\",\"members\":[{\"id\":\"P\",\"age\":0}]}"));
    }

    @Test
    void leavesEverythingUnusualToTheStrictMapper() {
        for (String odd : List.of(
                FULL.replace("\"countyId\":\"C1\"", "\"countyId\":null"),
                FULL.replace("\"farming\":false", "\"farming\":0"),
                FULL.replace("\"wage\":20000", "\"wage\":\"20000\""),
                FULL.replace("\"wage\":20000", "\"wage\":20000.0"),
                FULL.replace("\"age\":44", "\"age\":44,\"age\":45"),
                FULL.replace("\"id\":\"H1\",", "\"id\":\"H1\",\"id\":\"H2\","),
                FULL.replace("\"rating\":\"AA\"", "\"rating\":\"aa\""),
                FULL.replace("\"statuses\":[", "\"statuses\":[null,"),
                FULL.replace("\"housingSafe\":false", "\"housingSafe\":false,\"extra\":1"),
                FULL.replace("\"age\":44", "\"age\":140"),
                FULL.replace("\"wage\":20000", "\"wage\":-1"),
                FULL.replace("\"id\":\"P2\"", "\"id\":\"P1\""),
                FULL.replace("\"members\":[", "\"members\":{").replace("}],\"income\"", "}},\"income\""),
                FULL + "{}",
                "[" + FULL + "]",
                "{\"villageId\":\"V\",\"members\":[{\"id\":\"P\",\"age\":1}]}",
                FULL.replace("\"wage\":20000", "\"wage\":99999999999999999999"),
                FULL.replace("\"wage\":20000", "\"wage\":020000"),
                FULL.replace("\"overdue\":true", "\"overdue\":truex"),
                FULL.replace("\"id\":\"H1\"", "\"id\":\"H\\u0031\""),
                FULL.replace("\"id\":\"H1\"", "\"\\u0069d\":\"H1\""),
                FULL.replace("\"id\":\"H1\"", "\"id\":\"户1\""),
                FULL.replace("\"id\":\"H1\"", "\"id\":\"" + "x".repeat(FactMapper.MAX_STRING_LENGTH + 1) + "\""))) {
            assertThat(fast(odd)).as(odd).isNull();
        }
    }

    @Provide
    Arbitrary<String> mutatedLines() {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, FULL.length() - 1);
        Arbitrary<String> insert = Arbitraries.of("", "null", "0", "00", "-", "-0", "\"", ",", ":", "}", "]", "[", "{",
                "1.5", "true", "truex", "fals", " ", "\t", "\r\n", "\\u0041", "\\\"", "村", "x", "\"\"", "1e3", "E2",
                "99999999999999999999", "1234567890123456789", ",\"id\":\"Z\"", "\u0000", "\u007f");
        return net.jqwik.api.Combinators.combine(position, Arbitraries.integers().between(0, 4), insert)
                .as((at, cut, text) -> FULL.substring(0, at) + text + FULL.substring(Math.min(FULL.length(), at + cut)));
    }

    @Property(tries = 3_000)
    void sameRecordAsTheStrictMapperOrNone(@ForAll("mutatedLines") String line) {
        Household f = fast(line);
        if (f != null) {
            assertThat(f).isEqualTo(strict(line));
        }
    }
}
