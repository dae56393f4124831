package org.fuyu.policy.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.fuyu.policy.facts.Business;
import org.fuyu.policy.facts.County;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.facts.Village;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile records (issue 12, items 1, 2, 3 and 5): each is rejected for itself, with its line, the
 * field and what was expected, and the good records around it are read. Every probe is a line
 * between two good households (or a record among good ones).
 */
class HostileRecordsTest {
    private static final String GOOD = "{\"id\":\"h1\",\"villageId\":\"v1\",\"members\":[{\"id\":\"p1\",\"age\":40}],"
            + "\"income\":{\"wage\":20000}}";

    private record Outcome<T>(List<FactReader.Read<T>> good, List<RecordError> bad) {
    }

    private static <T> Outcome<T> read(Class<T> type, String file, byte[] bytes) throws IOException {
        List<FactReader.Read<T>> good = new ArrayList<>();
        List<RecordError> bad = new ArrayList<>();
        new FactReader<>(type).read(file, new ByteArrayInputStream(bytes), good::add, bad::add);
        return new Outcome<>(good, bad);
    }

    /** The one error of a households.jsonl whose line 2 is {@code line} between two good households. */
    private static RecordError rejected(byte[] line) throws IOException {
        byte[] before = (GOOD + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] after = ("\n" + GOOD.replace("h1", "h3") + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[before.length + line.length + after.length];
        System.arraycopy(before, 0, all, 0, before.length);
        System.arraycopy(line, 0, all, before.length, line.length);
        System.arraycopy(after, 0, all, before.length + line.length, after.length);
        Outcome<Household> o = read(Household.class, "households.jsonl", all);
        assertThat(o.good()).extracting(r -> r.value().id()).containsExactly("h1", "h3");
        assertThat(o.bad()).hasSize(1);
        assertThat(o.bad().get(0).line()).isEqualTo(2);
        return o.bad().get(0);
    }

    private static RecordError rejected(String line) throws IOException {
        return rejected(line.getBytes(StandardCharsets.UTF_8));
    }

    private static String household(String extra) {
        return "{\"id\":\"h2\",\"villageId\":\"v1\",\"members\":[{\"id\":\"p1\",\"age\":40}]" + extra + "}";
    }

    // --- 1. amounts: a plausible maximum for every amount, named with its field and limit

    @Test
    void theOverflowingIncomeOfTheIssueIsRejectedNotWrapped() throws IOException {
        RecordError e = rejected("{\"id\":\"HOVF2\",\"villageId\":\"V01\",\"members\":[{\"id\":\"P1\",\"age\":45}],"
                + "\"income\":{\"wage\":5000000000000000000,\"property\":5000000000000000000}}");
        assertThat(e.field()).isEqualTo("income.wage");
        assertThat(e.message()).contains("1000000000").contains("5000000000000000000");
    }

    @ParameterizedTest
    @CsvSource({
        "'\"income\":{\"wage\":1000000001}', income.wage",
        "'\"income\":{\"operating\":1000000001}', income.operating",
        "'\"income\":{\"operating\":-1000000001}', income.operating",
        "'\"income\":{\"property\":999999999999}', income.property",
        "'\"income\":{\"transfer\":999999999999}', income.transfer",
        "'\"medicalExpenseYuan\":1000000001', medicalExpenseYuan",
        "'\"disasterLossYuan\":1000000001', disasterLossYuan",
        "'\"assets\":{\"vehicleValueYuan\":1000000001}', assets.vehicleValueYuan",
        "'\"assets\":{\"savingsYuan\":1000000001}', assets.savingsYuan",
        "'\"credit\":{\"inclusiveCreditLineYuan\":1000000001}', credit.inclusiveCreditLineYuan",
        "'\"credit\":{\"outstandingLoanYuan\":1000000001}', credit.outstandingLoanYuan",
    })
    void everyHouseholdAmountHasItsMaximum(String field, String path) throws IOException {
        RecordError e = rejected(household("," + field));
        assertThat(e.field()).isEqualTo(path);
        assertThat(e.message()).contains("1000000000");
    }

    @Test
    void amountsAtTheMaximumAreAccepted() throws IOException {
        String text = GOOD + "\n" + household(",\"income\":{\"wage\":1000000000,\"operating\":-1000000000,"
                + "\"property\":1000000000,\"transfer\":1000000000},\"assets\":{\"savingsYuan\":1000000000}");
        Outcome<Household> o = read(Household.class, "households.jsonl", text.getBytes(StandardCharsets.UTF_8));
        assertThat(o.bad()).isEmpty();
        assertThat(o.good().get(1).value().totalIncome()).isEqualTo(2_000_000_000L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e999999", "1e-999999999", "1E+400", "-1e999999", "9.99e99999999"})
    void hugeAndTinyExponentsAreRejectedInWholeNumberFields(String number) throws IOException {
        RecordError e = rejected(household(",\"medicalExpenseYuan\":" + number));
        assertThat(e.field()).isEqualTo("medicalExpenseYuan");
        RecordError age = rejected("{\"id\":\"h2\",\"villageId\":\"v1\",\"members\":[{\"id\":\"p1\",\"age\":" + number + "}]}");
        assertThat(age.field()).isEqualTo("members[0].age");
    }

    @ParameterizedTest
    @CsvSource({
        "'\"monthsOperating\":1201', monthsOperating",
        "'\"localJobsCreated\":1000001', localJobsCreated",
        "'\"lowIncomeJobsCreated\":2147483647', lowIncomeJobsCreated",
        "'\"landAreaMu\":1e999999', landAreaMu",
        "'\"landAreaMu\":1e-999999999', landAreaMu",
        "'\"landAreaMu\":10000000.5', landAreaMu",
        "'\"landAreaMu\":1.00001', landAreaMu",
        "'\"registeredOn\":\"2024-01-10 \"', registeredOn",
        "'\"registeredOn\":[2024,1,10]', registeredOn",
        "'\"registeredOn\":\"2024-01-10T23:59:59Z\"', registeredOn",
        "'\"registeredOn\":\"2024-02-30\"', registeredOn",
        "'\"registeredOn\":20240110', registeredOn",
        "'\"registeredOn\":\"10/01/2024\"', registeredOn",
        "'\"sector\":\"PLANTING \"', sector",
        "'\"sector\":\"planting\"', sector",
        "'\"sector\":0', sector",
    })
    void businessFieldsAreWhatTheySay(String field, String path) throws IOException {
        String base = "{\"id\":\"b1\",\"ownerId\":\"p1\",\"householdId\":\"h1\",\"villageId\":\"v1\"";
        String text = base + "}\n" + base.replace("b1", "b2") + "," + field + "}\n" + base.replace("b1", "b3")
                + ",\"registeredOn\":\"2024-01-10\",\"landAreaMu\":12.5}\n";
        Outcome<Business> o = read(Business.class, "businesses.jsonl", text.getBytes(StandardCharsets.UTF_8));
        assertThat(o.good()).extracting(r -> r.value().id()).containsExactly("b1", "b3");
        assertThat(o.bad()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.field()).isEqualTo(path);
        });
    }

    @Test
    void villageAndCountyAmountsHaveTheirMaxima() throws IOException {
        Outcome<Village> v = read(Village.class, "villages.jsonl", ("{\"id\":\"v1\",\"countyId\":\"c1\",\"population\":1000001}\n"
                + "{\"id\":\"v2\",\"countyId\":\"c1\",\"collectiveIncome\":{\"operating\":1000000001,\"total\":0}}\n"
                + "{\"id\":\"v3\",\"countyId\":\"c1\",\"collectiveIncome\":{\"operating\":500000,\"total\":800000}}\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(v.good()).extracting(r -> r.value().id()).containsExactly("v3");
        assertThat(v.bad()).extracting(RecordError::field).containsExactly("population", "collectiveIncome.operating");
        Outcome<County> c = read(County.class, "counties.jsonl", ("{\"id\":\"c1\",\"creditLoanBalanceYuan\":10000000000001}\n"
                + "{\"id\":\"c2\",\"creditLoanBalanceYuan\":10000000000000}\n").getBytes(StandardCharsets.UTF_8));
        assertThat(c.good()).extracting(r -> r.value().id()).containsExactly("c2");
        assertThat(c.bad()).singleElement().satisfies(e -> assertThat(e.message()).contains("10000000000000"));
    }

    // --- 2. a record that is not one: null, a lone surrogate

    @ParameterizedTest
    @ValueSource(strings = {"null", " null ", "\"text\"", "[1,2]", "42", "true"})
    void aLineThatIsNotAnObjectIsRejectedForItself(String line) throws IOException {
        RecordError e = rejected(line);
        assertThat(e.field()).isEmpty();
        if (line.strip().equals("null")) {
            assertThat(e.message()).contains("expected a JSON object").contains("null");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"id\":\"S\\ud83d\",\"villageId\":\"v1\",\"members\":[{\"id\":\"p1\",\"age\":40}]}|id",
        "{\"id\":\"S\\ude00x\",\"villageId\":\"v1\",\"members\":[{\"id\":\"p1\",\"age\":40}]}|id",
        "{\"id\":\"h2\",\"villageId\":\"V\\ud83d\",\"members\":[{\"id\":\"p1\",\"age\":40}]}|villageId",
        "{\"id\":\"h2\",\"villageId\":\"v1\",\"members\":[{\"id\":\"p\\udbff\",\"age\":40}]}|members[0].id",
        "{\"id\":\"h2\",\"villageId\":\"v1\",\"countyId\":\"\\ud83d\\ud83d\",\"members\":[{\"id\":\"p1\",\"age\":40}]}|countyId",
    })
    void unpairedSurrogatesAreRejectedNotTurnedIntoQuestionMarks(String line, String field) throws IOException {
        RecordError e = rejected(line);
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.message()).contains("unpaired UTF-16 surrogate");
    }

    @Test
    void aPairedSurrogateIsAnOrdinaryCharacter() throws IOException {
        String text = GOOD + "\n{\"id\":\"S\\ud83d\\ude00\",\"villageId\":\"v1\",\"members\":[{\"id\":\"p1\",\"age\":40}]}\n";
        Outcome<Household> o = read(Household.class, "households.jsonl", text.getBytes(StandardCharsets.UTF_8));
        assertThat(o.bad()).isEmpty();
        assertThat(o.good().get(1).value().id()).isEqualTo("S\uD83D\uDE00");
    }

    @Test
    void nullElementsOfAJsonArrayAreRejectedForThemselves() throws IOException {
        String text = "[" + GOOD + ",\nnull,\n" + GOOD.replace("h1", "h3") + ", null]";
        Outcome<Household> o = read(Household.class, "households.json", text.getBytes(StandardCharsets.UTF_8));
        assertThat(o.good()).extracting(r -> r.value().id()).containsExactly("h1", "h3");
        assertThat(o.bad()).extracting(RecordError::line).containsExactly(2, 3);
        assertThat(o.bad()).allSatisfy(e -> assertThat(e.message()).contains("null"));
    }

    // --- 3. input is what it says

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"id\":1,\"villageId\":\"v1\",\"members\":[{\"id\":\"p1\",\"age\":40}]}|id",
        "{\"id\":\"h2\",\"villageId\":true,\"members\":[{\"id\":\"p1\",\"age\":40}]}|villageId",
        "{\"id\":\"h2\",\"villageId\":\"v1\",\"countyId\":false,\"members\":[{\"id\":\"p1\",\"age\":40}]}|countyId",
        "{\"id\":\"h2\",\"villageId\":\"v1\",\"members\":[{\"id\":2.5,\"age\":40}]}|members[0].id",
        "{\"id\":[\"h2\"],\"villageId\":\"v1\",\"members\":[{\"id\":\"p1\",\"age\":40}]}|id",
        "{\"id\":{\"x\":1},\"villageId\":\"v1\",\"members\":[{\"id\":\"p1\",\"age\":40}]}|id",
    })
    void aNumberOrBooleanWhereAStringBelongsIsRejected(String line, String field) throws IOException {
        RecordError e = rejected(line);
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.message()).contains("expected a string");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'\"credit\":{\"rating\":\"AAA \"}'|credit.rating",
        "'\"credit\":{\"rating\":\" AAA\"}'|credit.rating",
        "'\"credit\":{\"rating\":\"aaa\"}'|credit.rating",
        "'\"credit\":{\"rating\":3}'|credit.rating",
        "'\"statuses\":[\"MONITORED \"]'|statuses[0]",
        "'\"statuses\":[\"MONITORED\",\"\"]'|statuses[1]",
    })
    void enumValuesMustBeExact(String field, String path) throws IOException {
        RecordError e = rejected(household("," + field));
        assertThat(e.field()).isEqualTo(path);
        assertThat(e.message()).startsWith("expected one of ");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "H\\xC0\\xB11", // overlong '1'
        "H\\xE0\\x80\\xB11", // three-byte overlong
        "H\\x801", // stray continuation byte
        "H\\xE4\\xB8", // truncated sequence
        "H\\xED\\xA0\\xBD1", // an encoded surrogate (CESU-8)
        "H\\xF8\\x88\\x80\\x80\\x801", // five-byte form
    })
    void malformedUtf8IsNamedWithItsByte(String id) throws IOException {
        byte[] idBytes = unescape(id);
        byte[] head = "{\"id\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\",\"villageId\":\"v1\",\"members\":[{\"id\":\"p1\",\"age\":40}]}".getBytes(StandardCharsets.UTF_8);
        byte[] line = new byte[head.length + idBytes.length + tail.length];
        System.arraycopy(head, 0, line, 0, head.length);
        System.arraycopy(idBytes, 0, line, head.length, idBytes.length);
        System.arraycopy(tail, 0, line, head.length + idBytes.length, tail.length);
        RecordError e = rejected(line);
        assertThat(e.message()).contains("not valid UTF-8 at byte " + (head.length + 2));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"\u00a0|U+00A0 (NO-BREAK SPACE)", "\u2007|U+2007 (FIGURE SPACE)",
        "\ufeff{}|U+FEFF", "\u00a0" + "{\"id\":\"h2\"}|U+00A0"})
    void aLineOfOnlyANoBreakSpaceGetsATrueMessage(String line, String named) throws IOException {
        RecordError e = rejected(line);
        assertThat(e.message()).contains(named).contains("not a JSON object").doesNotContain("Invalid UTF-8");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"id\":\"h2\",\u00a0\"villageId\":\"v1\",\"members\":[{\"id\":\"p1\",\"age\":40}]}|12",
        "{\"id\":\"h2\",\"villageId\":\"v1\",\"members\":[{\"id\":\"p1\",\"age\":40}]}\u00a0|62",
        "{\"id\":\"h\u00a02\",\"villageId\":\"v1\",\"members\":[{\"id\":\"p1\",\"age\":40}]}\u3000|63",
    })
    void aNoBreakSpaceBetweenValuesIsNamedNotCalledBadUtf8(String line, int column) throws IOException {
        RecordError e = rejected(line);
        assertThat(e.message()).contains("character " + column + " is U+").contains("between values")
                .doesNotContain("Invalid UTF-8");
    }

    @Test
    void malformedUtf8InAJsonArrayStopsThatFileWithAMessage() throws IOException {
        byte[] text = ("[" + GOOD + ",\n{\"id\":\"H\u0001\"}]").getBytes(StandardCharsets.UTF_8);
        int at = new String(text, StandardCharsets.UTF_8).indexOf('\u0001');
        text[at] = (byte) 0xC0;
        Outcome<Household> o = read(Household.class, "households.json", text);
        assertThat(o.good()).extracting(r -> r.value().id()).containsExactly("h1");
        assertThat(o.bad()).singleElement().satisfies(e -> assertThat(e.message()).contains("not valid UTF-8"));
    }

    // --- 5. a record over the size limits is rejected for itself

    @Test
    void aJsonArrayElementWithTooManyMembersIsRefusedBeforeItIsHeld() throws IOException {
        StringBuilder members = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            members.append(i == 0 ? "" : ",").append("{\"id\":\"p").append(i).append("\",\"age\":1}");
        }
        String big = "{\"id\":\"h2\",\"villageId\":\"v1\",\"members\":[" + members + "]}";
        String text = "[" + GOOD + ",\n" + big + ",\n" + GOOD.replace("h1", "h3") + "]";
        Outcome<Household> o = read(Household.class, "households.json", text.getBytes(StandardCharsets.UTF_8));
        assertThat(o.good()).extracting(r -> r.value().id()).containsExactly("h1", "h3");
        assertThat(o.bad()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.field()).isEqualTo("members");
            assertThat(e.message()).contains("at most 100 members");
        });
    }

    @Test
    void aJsonArrayElementLargerThanTheRecordLimitIsRefused() throws IOException {
        StringBuilder statuses = new StringBuilder();
        while (statuses.length() <= FactReader.MAX_LINE_LENGTH) {
            statuses.append(statuses.length() == 0 ? "" : ",").append("\"MONITORED\"");
        }
        String big = "{\"id\":\"h2\",\"villageId\":\"v1\",\"members\":[{\"id\":\"p1\",\"age\":1}],\"statuses\":[" + statuses + "]}";
        String text = "[" + GOOD + ",\n" + big + ",\n" + GOOD.replace("h1", "h3") + "]";
        Outcome<Household> o = read(Household.class, "households.json", text.getBytes(StandardCharsets.UTF_8));
        assertThat(o.good()).extracting(r -> r.value().id()).containsExactly("h1", "h3");
        assertThat(o.bad()).singleElement().satisfies(e -> assertThat(e.message()).contains("larger than 1048576"));
    }

    @Test
    void aJsonLinesRecordOverTheLimitIsRejectedForItself() throws IOException {
        String big = household(",\"countyId\":\"" + "c".repeat(9_000) + "\",\"statuses\":[" + "\"MONITORED\",".repeat(90_000)
                + "\"MONITORED\"]");
        assertThat(big.length()).isGreaterThan(FactReader.MAX_LINE_LENGTH);
        RecordError e = rejected(big);
        assertThat(e.message()).contains("longer than 1048576 bytes");
    }

    private static byte[] unescape(String s) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            if (s.startsWith("\\x", i)) {
                out.write(Integer.parseInt(s.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                out.write(s.charAt(i));
            }
        }
        return out.toByteArray();
    }
}
