package org.fuyu.policy.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.fuyu.policy.facts.Household;
import org.junit.jupiter.api.Test;

class FactReaderLinesTest {
    private static final String GOOD = "{\"id\":\"H%d\",\"villageId\":\"V1\",\"members\":[{\"id\":\"P%d\",\"age\":40}]}";

    @Test
    void goodAndBadRecordsKeepTheirLineNumbers() throws IOException {
        String text = String.format(GOOD, 1, 1) + "\n"
                + "\n"
                + "{\"id\":\"H2\",\"villageId\":\"V1\",\"members\":[{\"id\":\"P2\",\"age\":140}]}\n"
                + "{not json\n"
                + "{\"id\":\"H3\",\"villageId\":\"V1\",\"members\":[{\"id\":\"P3\",\"age\":40}],\"extra\":1}\n"
                + "{\"id\":\"H4\",\"villageId\":\"V1\",\"members\":[{\"id\":\"P4\",\"age\":40}],\"padding\":\""
                + "x".repeat(FactReader.MAX_LINE_LENGTH) + "\"}\n"
                + String.format(GOOD, 5, 5);
        List<String> ok = new ArrayList<>();
        List<RecordError> bad = new ArrayList<>();
        new FactReader<>(Household.class).read("households.jsonl",
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                r -> ok.add(r.line() + ":" + r.value().id()), bad::add);
        assertThat(ok).containsExactly("1:H1", "7:H5");
        assertThat(bad).extracting(RecordError::line).containsExactly(3, 4, 5, 6);
        assertThat(bad.get(0).field()).isEqualTo("members[0].age");
        assertThat(bad.get(1).message()).startsWith("not valid JSON");
        assertThat(bad.get(2).message()).contains("unknown field 'extra'");
        assertThat(bad.get(3).message()).isEqualTo("line longer than " + FactReader.MAX_LINE_LENGTH
                + " bytes; expected one JSON object per line");
    }

    @Test
    void invalidUtf8IsARecordErrorNotAReplacementCharacter() throws IOException {
        byte[] line = String.format(GOOD, 1, 1).getBytes(StandardCharsets.UTF_8);
        line[8] = (byte) 0xC3; // "H1" becomes a broken two-byte sequence
        List<RecordError> bad = new ArrayList<>();
        new FactReader<>(Household.class).read("households.jsonl", new ByteArrayInputStream(line), r -> { }, bad::add);
        assertThat(bad).hasSize(1);
        assertThat(bad.get(0).line()).isEqualTo(1);
    }
}
