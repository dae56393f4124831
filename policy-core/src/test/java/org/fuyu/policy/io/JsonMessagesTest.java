package org.fuyu.policy.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.fuyu.policy.facts.Business;
import org.fuyu.policy.facts.Household;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Record errors say what the record held in plain words, never Jackson's internals. */
class JsonMessagesTest {
    private static final String H = "{\"id\":\"H1\",\"villageId\":\"V1\",\"members\":[{\"id\":\"P1\",\"age\":45}]";

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "~{\"id\":\"H1\",\"villageId\":\"V1\",\"members\":[{\"id\":\"P1\",\"age\":\"45\"}]}~|members[0].age|expected a whole number, got the text \"45\" (write numbers and true/false without quotes)",
        "~" + H + ",\"income\":{\"wage\":\"20000\"}}~|income.wage|expected a whole number, got the text \"20000\" (write numbers and true/false without quotes)",
        "~" + H + ",\"farming\":\"yes\"}~|farming|expected true or false, got the text \"yes\" (write numbers and true/false without quotes)",
        "~{\"id\":\"H1\",\"villageId\":\"V1\",\"members\":{\"id\":\"P1\"}}~|members|expected an array, got an object {…}",
        "~" + H + ",\"statuses\":\"MONITORED\"}~|statuses|expected an array, got a text value",
        "~" + H + ",\"income\":5}~|income|expected an object (Income), got the number 5",
        "~" + H + ",\"medicalExpenseYuan\":99999999999999999999}~|medicalExpenseYuan|expected a whole number, got 99999999999999999999 (too large)",
        "~" + H + ",\"medicalExpenseYuan\":true}~|medicalExpenseYuan|expected a whole number, got a true/false value",
        "~{\"id\":1,\"villageId\":\"V1\",\"members\":[{\"id\":\"P1\",\"age\":45}]}~|id|应为字符串 / expected a string in quotes, got the number 1; write it as \"...\"",
        "~" + H + "~||not valid JSON: the record ends before its closing bracket",
        "~" + H + "} x~||not valid JSON: unexpected 'x' (text values need double quotes)",
        "~[1]~||expected an object (Household), got an array […]",
        "~{\"id\":\"H1\",\"villageId\":\"V1\",\"members\":[{\"id\":\"P1\",\"age\":45}~|members|not valid JSON: the record ends before its closing bracket",
        "~{\"id\":\"H1\",\"villageId\":\"V1\",\"members\":[{\"id\":\"P1\",\"age\":45},]}~|members|not valid JSON: unexpected character ']'",
        "~" + H + ",\"statuses\":[MONITORED]}~|statuses|not valid JSON: unexpected 'MONITORED' (text values need double quotes)",
        "~" + H + ",\"income\":{\"wage\":01}}~|income|not valid JSON: invalid number (Leading zeroes not allowed)",
        "~{'id':'H1'}~||not valid JSON: text values and field names need double quotes \", not '",
    })
    void householdErrors(String line, String field, String message) throws IOException {
        RecordError e = only(Household.class, line);
        assertThat(e.field()).isEqualTo(field == null ? "" : field);
        assertThat(e.message()).isEqualTo(message);
        assertNoInternals(e.message());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "~{\"id\":\"B1\",\"ownerId\":\"P1\",\"householdId\":\"H1\",\"villageId\":\"V1\",\"landAreaMu\":\"3\"}~|landAreaMu|expected a number, got the text \"3\" (write numbers and true/false without quotes)",
        "~{\"id\":\"B1\",\"ownerId\":\"P1\",\"householdId\":\"H1\",\"villageId\":\"V1\",\"monthsOperating\":\"3\"}~|monthsOperating|expected a whole number, got the text \"3\" (write numbers and true/false without quotes)",
    })
    void businessErrors(String line, String field, String message) throws IOException {
        RecordError e = only(Business.class, line);
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.message()).isEqualTo(message);
    }

    @org.junit.jupiter.api.Test
    void cleanRemovesClassNamesTokensAndHints() {
        String s = JsonMessages.clean("Cannot deserialize value of type `java.util.ArrayList<org.fuyu.policy.facts.Person>`"
                + " from Object value (token `JsonToken.START_OBJECT`) (but might if coercion using `CoercionConfig` was enabled)");
        assertThat(s).isEqualTo("Cannot deserialize value of type from Object value");
        assertNoInternals(s);
    }

    private static void assertNoInternals(String message) {
        assertThat(message).doesNotContain("CoercionConfig", "JsonToken", "`", "java.", "Source:", "REDACTED");
    }

    private static RecordError only(Class<?> type, String line) throws IOException {
        List<RecordError> errors = new ArrayList<>();
        List<Object> ok = new ArrayList<>();
        new FactReader<>(type).read("x.jsonl", new ByteArrayInputStream((line + "\n").getBytes(StandardCharsets.UTF_8)),
                r -> ok.add(r.value()), errors::add);
        assertThat(ok).isEmpty();
        assertThat(errors).hasSize(1);
        return errors.get(0);
    }
}
