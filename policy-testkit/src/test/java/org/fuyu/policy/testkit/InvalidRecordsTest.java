package org.fuyu.policy.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.fuyu.policy.io.FactReader;
import org.fuyu.policy.io.RecordError;

/** The reader's error handling, against records broken one way each. */
class InvalidRecordsTest {
    final FactArbitraries facts = FactArbitraries.of(ThresholdsTest.LOW_INCOME, LocalDate.of(2024, 6, 30));

    private static final Map<String, String> VALID = Map.of(
            "households.jsonl", "{\"id\":\"ok\",\"villageId\":\"v1\",\"members\":[{\"id\":\"p\",\"age\":40}]}",
            "businesses.jsonl", "{\"id\":\"ok\",\"ownerId\":\"p\",\"householdId\":\"h\",\"villageId\":\"v1\"}",
            "villages.jsonl", "{\"id\":\"ok\",\"countyId\":\"C1\"}",
            "counties.jsonl", "{\"id\":\"ok\"}");

    @Provide
    Arbitrary<InvalidRecord> invalid() {
        return facts.invalidRecords();
    }

    @Property(tries = 500)
    void aBrokenRecordIsRejectedNamingItsFieldAndTheRecordsAroundItAreRead(@ForAll("invalid") InvalidRecord r)
            throws IOException {
        Statistics.label("defect").collect(r.defect());
        String valid = VALID.get(r.file());
        byte[] jsonl = String.join("\n", valid, r.json(), valid).getBytes(StandardCharsets.UTF_8);
        List<Integer> read = new ArrayList<>();
        List<RecordError> errors = new ArrayList<>();

        new FactReader<>(r.type()).read(r.file(), new ByteArrayInputStream(jsonl), ok -> read.add(ok.line()), errors::add);

        assertThat(read).as("the good records on lines 1 and 3").containsExactly(1, 3);
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.file()).isEqualTo(r.file());
            assertThat(r.named(e.field())).as("error %s names %s", e, r.field().isEmpty() ? "the record" : r.field())
                    .isTrue();
            assertThat(e.message()).isNotBlank();
        });
    }
}
