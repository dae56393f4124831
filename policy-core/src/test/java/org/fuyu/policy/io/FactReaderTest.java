package org.fuyu.policy.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.fuyu.policy.facts.Business;
import org.fuyu.policy.facts.CreditRating;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.facts.Village;
import org.junit.jupiter.api.Test;

class FactReaderTest {
    private static final String GOOD = "{\"id\":\"h1\",\"villageId\":\"v1\",\"members\":[{\"id\":\"p1\",\"age\":40}],"
            + "\"income\":{\"wage\":20000,\"operating\":-500}}";

    record Outcome<T>(List<FactReader.Read<T>> good, List<RecordError> bad) {
    }

    private static <T> Outcome<T> read(Class<T> type, String file, String text) throws IOException {
        List<FactReader.Read<T>> good = new ArrayList<>();
        List<RecordError> bad = new ArrayList<>();
        new FactReader<>(type).read(file, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), good::add, bad::add);
        return new Outcome<>(good, bad);
    }

    private static RecordError onlyError(String line) throws IOException {
        Outcome<Household> o = read(Household.class, "households.jsonl", GOOD + "\n" + line + "\n" + GOOD.replace("h1", "h3"));
        assertThat(o.good()).extracting(r -> r.value().id()).containsExactly("h1", "h3");
        assertThat(o.bad()).hasSize(1);
        RecordError e = o.bad().get(0);
        assertThat(e.file()).isEqualTo("households.jsonl");
        assertThat(e.line()).isEqualTo(2);
        return e;
    }

    @Test
    void readsValidHouseholdWithSpecDefaults() throws IOException {
        Outcome<Household> o = read(Household.class, "households.jsonl", GOOD + "\n\n");
        assertThat(o.bad()).isEmpty();
        Household h = o.good().get(0).value();
        assertThat(h.farming()).isTrue();
        assertThat(h.housingSafe()).isTrue();
        assertThat(h.credit().rating()).isEqualTo(CreditRating.UNRATED);
        assertThat(h.totalIncome()).isEqualTo(19500);
        assertThat(h.perCapitaIncome()).isEqualByComparingTo("19500");
        assertThat(h.members().get(0).laborCapable()).isFalse();
    }

    @Test
    void unknownFieldIsRejectedWithItsPath() throws IOException {
        RecordError e = onlyError("{\"id\":\"h2\",\"villageId\":\"v1\",\"members\":[{\"id\":\"p1\",\"age\":40,\"height\":170}]}");
        assertThat(e.field()).isEqualTo("members[0].height");
        assertThat(e.message()).contains("unknown field 'height'").contains("laborCapable");
    }

    @Test
    void missingRequiredFieldIsRejected() throws IOException {
        RecordError e = onlyError("{\"id\":\"h2\",\"members\":[{\"id\":\"p1\",\"age\":40}]}");
        assertThat(e.field()).isEqualTo("villageId");
        assertThat(e.message()).contains("required");
    }

    @Test
    void missingAgeIsRejected() throws IOException {
        RecordError e = onlyError("{\"id\":\"h2\",\"villageId\":\"v1\",\"members\":[{\"id\":\"p1\"}]}");
        assertThat(e.field()).isEqualTo("members[0].age");
    }

    @Test
    void wrongTypeIsRejected() throws IOException {
        RecordError e = onlyError("{\"id\":\"h2\",\"villageId\":\"v1\",\"members\":[{\"id\":\"p1\",\"age\":\"forty\"}]}");
        assertThat(e.field()).isEqualTo("members[0].age");
        assertThat(e.message()).contains("whole number");
    }

    @Test
    void numberAsStringIsRejected() throws IOException {
        RecordError e = onlyError("{\"id\":\"h2\",\"villageId\":\"v1\",\"members\":[{\"id\":\"p1\",\"age\":40}],"
                + "\"income\":{\"wage\":\"20000\"}}");
        assertThat(e.field()).isEqualTo("income.wage");
    }

    @Test
    void fractionOfAYuanIsRejected() throws IOException {
        RecordError e = onlyError("{\"id\":\"h2\",\"villageId\":\"v1\",\"members\":[{\"id\":\"p1\",\"age\":40}],"
                + "\"income\":{\"wage\":200.5}}");
        assertThat(e.field()).isEqualTo("income.wage");
    }

    @Test
    void negativeIncomeIsRejectedExceptOperating() throws IOException {
        RecordError e = onlyError("{\"id\":\"h2\",\"villageId\":\"v1\",\"members\":[{\"id\":\"p1\",\"age\":40}],"
                + "\"income\":{\"transfer\":-1}}");
        assertThat(e.field()).isEqualTo("income.transfer");
        assertThat(e.message()).contains("≥ 0").contains("-1");
    }

    @Test
    void ageOutsideZeroTo120IsRejected() throws IOException {
        RecordError e = onlyError("{\"id\":\"h2\",\"villageId\":\"v1\",\"members\":[{\"id\":\"p1\",\"age\":40},{\"id\":\"p2\",\"age\":121}]}");
        assertThat(e.field()).isEqualTo("members[1].age");
        assertThat(e.message()).contains("0–120").contains("121");
        assertThat(onlyError("{\"id\":\"h2\",\"villageId\":\"v1\",\"members\":[{\"id\":\"p1\",\"age\":-1}]}").field())
                .isEqualTo("members[0].age");
    }

    @Test
    void emptyMembersIsRejected() throws IOException {
        RecordError e = onlyError("{\"id\":\"h2\",\"villageId\":\"v1\",\"members\":[]}");
        assertThat(e.field()).isEqualTo("members");
        assertThat(e.message()).contains("at least one member");
    }

    @Test
    void unknownEnumValueIsRejected() throws IOException {
        RecordError e = onlyError("{\"id\":\"h2\",\"villageId\":\"v1\",\"members\":[{\"id\":\"p1\",\"age\":40}],"
                + "\"statuses\":[\"RICH\"]}");
        assertThat(e.field()).isEqualTo("statuses[0]");
        assertThat(e.message()).contains("MINIMUM_LIVING");
    }

    @Test
    void lineThatIsNotJsonIsRejected() throws IOException {
        RecordError e = onlyError("this is not json");
        assertThat(e.message()).startsWith("not valid JSON");
        RecordError trailing = onlyError(GOOD.replace("h1", "h2") + " {}");
        assertThat(trailing.message()).isNotEmpty();
    }

    @Test
    void duplicateKeyIsRejected() throws IOException {
        RecordError e = onlyError("{\"id\":\"h2\",\"id\":\"h9\",\"villageId\":\"v1\",\"members\":[{\"id\":\"p1\",\"age\":40}]}");
        assertThat(e.message()).containsIgnoringCase("duplicate");
    }

    @Test
    void jsonArrayRecordsCarryTheirStartLine() throws IOException {
        String text = "[\n" + GOOD + ",\n{\"id\":\"h2\",\"villageId\":\"v1\",\n \"members\":[]},\n" + GOOD.replace("h1", "h3") + "\n]";
        Outcome<Household> o = read(Household.class, "households.json", text);
        assertThat(o.good()).extracting(FactReader.Read::line).containsExactly(2, 5);
        assertThat(o.bad()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.field()).isEqualTo("members");
        });
    }

    @Test
    void businessDateAndEnumsAreParsed() throws IOException {
        Outcome<Business> o = read(Business.class, "businesses.jsonl",
                "{\"id\":\"b1\",\"ownerId\":\"p1\",\"householdId\":\"h1\",\"villageId\":\"v1\",\"sector\":\"ECOMMERCE\","
                        + "\"registeredOn\":\"2023-01-10\",\"monthsOperating\":14,\"localJobsCreated\":4,\"landAreaMu\":12.5}\n"
                        + "{\"id\":\"b2\",\"ownerId\":\"p1\",\"householdId\":\"h1\",\"villageId\":\"v1\",\"registeredOn\":\"2023-13-40\"}");
        assertThat(o.good()).singleElement().satisfies(r -> {
            assertThat(r.value().registeredOn()).hasToString("2023-01-10");
            assertThat(r.value().landAreaMu()).isEqualByComparingTo("12.5");
        });
        assertThat(o.bad()).singleElement().satisfies(e -> assertThat(e.field()).isEqualTo("registeredOn"));
    }

    @Test
    void villageRequiresCounty() throws IOException {
        Outcome<Village> o = read(Village.class, "villages.jsonl", "{\"id\":\"v1\"}");
        assertThat(o.bad()).singleElement().satisfies(e -> assertThat(e.field()).isEqualTo("countyId"));
    }
}
