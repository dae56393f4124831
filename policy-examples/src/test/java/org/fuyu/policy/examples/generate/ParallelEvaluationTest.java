package org.fuyu.policy.examples.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.fuyu.policy.EvaluationOptions;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.io.DirectoryEvaluation;
import org.fuyu.policy.io.FactMapper;
import org.fuyu.policy.io.RunSummary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streaming evaluation of a generated county with some broken records mixed in: the output files
 * are byte for byte the same whatever the number of threads and the batch size, and every record
 * is accounted for.
 */
class ParallelEvaluationTest {
    private static final int HOUSEHOLDS = 20_000;
    private static final EvaluationOptions OPTIONS = EvaluationOptions.asOf(LocalDate.of(2024, 6, 30));

    @TempDir
    static Path dir;
    static Path input;
    static PolicyEngine engine;

    @BeforeAll
    static void generate() throws IOException {
        input = dir.resolve("input");
        new PopulationGenerator(new PopulationGenerator.Config(HOUSEHOLDS, 40, 2, 11)).write(input, 2, n -> { });
        List<String> lines = Files.readAllLines(input.resolve("households.jsonl"));
        // broken records in the middle and at the end: bad JSON, a repeated id, an impossible age, a blank line
        lines.add(5_000, "{not json");
        lines.add(7_001, lines.get(10));
        lines.add(12_000, lines.get(12_000).replaceFirst("\"age\":\\d+", "\"age\":150"));
        lines.add(15_000, "   ");
        lines.add(lines.get(3));
        Files.write(input.resolve("households.jsonl"), lines);
        Files.writeString(input.resolve("businesses.jsonl"), "{\"id\":\"B-orphan\",\"ownerId\":\"P1\",\"householdId\":\"H-none\","
                + "\"villageId\":\"V0001\"}\n", StandardOpenOption.APPEND);
        engine = PolicyEngine.builder().addClasspathPacks().build();
    }

    private static Path evaluate(String name, int threads, int batch) throws IOException {
        Path out = dir.resolve(name);
        DirectoryEvaluation.builder(engine, OPTIONS).threads(threads).batchSize(batch).build().run(input, out);
        return out;
    }

    @Test
    void oneThreadAndManyThreadsWriteTheSameBytes() throws IOException {
        Path a = evaluate("t1", 1, 2_000);
        Path b = evaluate("t4", 4, 337);
        Path c = evaluate("t2-batch1", 2, 1);
        for (String f : List.of("decisions.jsonl", "errors.jsonl", "summary.json")) {
            byte[] expected = Files.readAllBytes(a.resolve(f));
            assertThat(Files.readAllBytes(b.resolve(f))).as(f + ", 4 threads").isEqualTo(expected);
            assertThat(Files.readAllBytes(c.resolve(f))).as(f + ", batches of 1").isEqualTo(expected);
        }
        assertThat(Files.size(a.resolve("decisions.jsonl"))).isGreaterThan(1_000_000);
    }

    @Test
    void everyRecordIsEvaluatedOrRejectedWithItsLine() throws IOException {
        Path out = evaluate("counts", 3, 1_000);
        RunSummary s = FactMapper.get().readValue(out.resolve("summary.json").toFile(), RunSummary.class);
        RunSummary.FileCounts h = s.files.get("households.jsonl");
        assertThat(h.read).isEqualTo(HOUSEHOLDS + 4);
        assertThat(h.evaluated).isEqualTo(HOUSEHOLDS);
        assertThat(h.rejected).isEqualTo(4);
        s.files.values().forEach(f -> assertThat(f.read).isEqualTo(f.evaluated + f.rejected));
        assertThat(s.files.get("businesses.jsonl").rejected).isEqualTo(1);

        List<JsonNode> errors = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("errors.jsonl"), StandardCharsets.UTF_8)) {
            errors.add(FactMapper.get().readTree(line));
        }
        assertThat(errors).extracting(e -> e.get("file").asText() + ":" + e.get("line").asInt() + ":" + e.get("field").asText())
                .containsExactly(
                        "households.jsonl:5001:",
                        "households.jsonl:7002:id",
                        "households.jsonl:12001:members[0].age",
                        "households.jsonl:20005:id",
                        "businesses.jsonl:" + (Files.readAllLines(input.resolve("businesses.jsonl")).size()) + ":householdId");
        assertThat(errors.get(1).get("message").asText()).startsWith("duplicate household id 'H000011'");

        long lines;
        try (var s2 = Files.lines(out.resolve("decisions.jsonl"))) {
            lines = s2.count();
        }
        long counted = s.decisions.values().stream().flatMap(m -> m.values().stream()).mapToLong(t -> t.count).sum();
        assertThat(lines).isEqualTo(counted);
        // county aggregates cover exactly the evaluated households
        assertThat(s.counties.values().stream().mapToLong(c -> c.households).sum()).isEqualTo(HOUSEHOLDS);
        assertThat(s.counties.values().stream().mapToLong(c -> c.perCapitaIncome.total()).sum()).isEqualTo(HOUSEHOLDS);
        assertThat(s.counties.values().stream().mapToLong(c -> c.villages.count).sum()).isEqualTo(40);
    }
}
