package org.fuyu.policy.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.fuyu.policy.io.FactMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate} (the pipeline under one run) and {@code compare}
 * (the same pipeline under two runs) reject the same records with the same messages: rejected
 * records of every kind end up in errors.jsonl, counts add up, and the output does not depend on
 * threads.
 */
class EvaluateInputPassTest {
    @TempDir
    Path tmp;

    @Test
    void rejectedRecordsAndCountsAreTheSameForAnyThreads() throws IOException {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        DemoCommand.copyDemoData(in);
        Files.writeString(in.resolve("households.jsonl"), """
                {"id": "H001", "villageId": "V01", "members": [{"id": "X", "age": 45}]}
                {"id": "HBAD", "villageId": "V01", "members": [{"id": "X", "age": 45}], "colour": "red"}
                """, StandardOpenOption.APPEND);
        Files.writeString(in.resolve("businesses.jsonl"), """
                {"id": "B99", "ownerId": "X", "householdId": "HNONE", "villageId": "V01", "sector": "OTHER", "kind": "INDIVIDUAL", "registeredOn": "2023-01-10", "monthsOperating": 14}
                """, StandardOpenOption.APPEND);
        Path one = tmp.resolve("one");
        Path two = tmp.resolve("two");
        assertThat(CompareCommandTest.fuyu("evaluate", "--input", in.toString(), "--out", one.toString(),
                "--as-of", "2024-06-30", "--threads", "1").exit()).isZero();
        assertThat(CompareCommandTest.fuyu("evaluate", "--input", in.toString(), "--out", two.toString(),
                "--as-of", "2024-06-30", "--threads", "2", "--batch-size", "5").exit()).isZero();
        for (String f : List.of("decisions.jsonl", "errors.jsonl")) {
            assertThat(Files.readString(two.resolve(f))).as(f).isEqualTo(Files.readString(one.resolve(f)));
        }
        List<JsonNode> errors = CompareCommandTest.lines(one.resolve("errors.jsonl"));
        assertThat(errors).anySatisfy(e -> assertThat(e.path("message").asText()).contains("duplicate household id 'H001'"));
        assertThat(errors).anySatisfy(e -> assertThat(e.path("message").asText()).contains("unknown field 'colour'"));
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.path("id").asText()).isEqualTo("B99");
            assertThat(e.path("message").asText()).contains("'HNONE' is not among the evaluated households");
        });
        JsonNode summary = FactMapper.get().readTree(one.resolve("summary.json").toFile());
        long rejected = 0;
        for (JsonNode f : summary.path("files")) {
            assertThat(f.path("read").asLong()).isEqualTo(f.path("evaluated").asLong() + f.path("rejected").asLong());
            rejected += f.path("rejected").asLong();
        }
        assertThat(errors).hasSize((int) rejected);
        assertThat(summary.at("/files/businesses.jsonl/rejected").asLong()).isEqualTo(1);
        assertThat(summary.path("packs").get(0).fieldNames().next()).isEqualTo("id");

        // compare reads the same input through the same pipeline: the same records are rejected, alike
        Path compared = tmp.resolve("compared");
        assertThat(CompareCommandTest.fuyu("compare", "--input", in.toString(), "--out", compared.toString(),
                "--reform", Path.of("../reforms/low-income-line-15000.yaml").toString(), "--as-of", "2024-06-30").exit())
                .isZero();
        assertThat(new java.util.TreeSet<>(Files.readAllLines(compared.resolve("errors.jsonl"))))
                .isEqualTo(new java.util.TreeSet<>(Files.readAllLines(one.resolve("errors.jsonl"))));
    }
}
