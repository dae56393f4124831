package org.fuyu.policy.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {
    @TempDir
    Path tmp;

    private final ObjectMapper json = new ObjectMapper();

    /** Runs the CLI in process (one helper for the CLI tests: {@link CompareCommandTest#fuyu}). */
    private static CompareCommandTest.Result fuyu(String... args) {
        return CompareCommandTest.fuyu(args);
    }

    @Test
    void evaluatesTheDemoDataAndReconcilesCounts() throws IOException {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        DemoCommand.copyDemoData(in);
        Path out = tmp.resolve("out");
        CompareCommandTest.Result r = fuyu("evaluate", "--input", in.toString(), "--out", out.toString(), "--as-of", "2024-06-30");
        assertThat(r.exit()).as(r.err()).isZero();

        JsonNode summary = json.readTree(out.resolve("summary.json").toFile());
        List<String> errors = Files.readAllLines(out.resolve("errors.jsonl"));
        long rejected = 0;
        for (String file : List.of("households.jsonl", "businesses.jsonl", "villages.jsonl", "counties.jsonl")) {
            JsonNode f = summary.get("files").get(file);
            assertThat(f.get("read").asLong()).as(file)
                    .isEqualTo(f.get("evaluated").asLong() + f.get("rejected").asLong());
            assertThat(f.get("read").asLong()).isEqualTo(Files.readAllLines(in.resolve(file)).size());
            rejected += f.get("rejected").asLong();
        }
        assertThat(errors).hasSize((int) rejected);
        assertThat(errors).anySatisfy(e -> assertThat(e).contains("\"line\":43").contains("\"field\":\"members[0].age\""));

        // worked example 1 is household H001 of the demo: 13000 × 3 − 27000
        List<JsonNode> decisions = Files.readAllLines(out.resolve("decisions.jsonl")).stream().map(this::parse).toList();
        assertThat(decisions).anySatisfy(d -> {
            assertThat(d.get("subjectId").asText()).isEqualTo("H001");
            assertThat(d.get("code").asText()).isEqualTo("LOW_INCOME_TOP_UP");
            assertThat(d.get("amountYuan").asLong()).isEqualTo(12000);
            assertThat(d.get("reasons").size()).isEqualTo(5);
            assertThat(d.get("citation").asText()).isNotEmpty();
        });
        long topUps = decisions.stream().filter(d -> d.get("code").asText().equals("LOW_INCOME_TOP_UP")).count();
        assertThat(summary.get("decisions").get("LOW_INCOME_TOP_UP").get("GRANTED").get("count").asLong()).isEqualTo(topUps);
        long total = decisions.stream().filter(d -> d.get("code").asText().equals("LOW_INCOME_TOP_UP"))
                .mapToLong(d -> d.get("amountYuan").asLong()).sum();
        assertThat(summary.get("decisions").get("LOW_INCOME_TOP_UP").get("GRANTED").get("amountYuan").asLong())
                .isEqualTo(total);
    }

    @Test
    void explainDenialsAddsDeniedDecisions() throws IOException {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        Files.writeString(in.resolve("households.json"), """
                [{"id":"h1","villageId":"v1","members":[{"id":"p1","age":40,"employed":true}],
                  "income":{"wage":9000},"assets":{"vehicleValueYuan":150000}}]
                """);
        Path out = tmp.resolve("out");
        assertThat(fuyu("evaluate", "--input", in.toString(), "--out", out.toString(), "--as-of", "2024-06-30",
                "--explain-denials").exit()).isZero();
        assertThat(Files.readString(out.resolve("decisions.jsonl")))
                .contains("\"code\":\"LOW_INCOME_TOP_UP\",\"outcome\":\"DENIED\"")
                .contains("\"parameter\":\"low_income.max_vehicle_value\"");
    }

    @Test
    void brokenRuleDirectoryExitsNonZeroWithFileAndLine() throws IOException {
        Path rules = tmp.resolve("rules");
        Files.createDirectories(rules);
        Files.writeString(rules.resolve("pack.yaml"), "id: broken\nversion: 1\ntitle: Broken\ncodes: [{code: X, subject: HOUSEHOLD}]\n");
        Files.writeString(rules.resolve("x.drl"), "package org.fuyu.broken;\nrule \"X\"\nwhen\n  eval(\nthen\nend\n");
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        DemoCommand.copyDemoData(in);
        CompareCommandTest.Result r = fuyu("evaluate", "--input", in.toString(), "--out", tmp.resolve("out").toString(), "--rules", rules.toString());
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("x.drl:");
    }

    @Test
    void unusableArgumentsExitNonZeroWithOneLine() {
        CompareCommandTest.Result missing = fuyu("evaluate", "--input", tmp.resolve("nope").toString(), "--out", tmp.toString());
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.err().strip()).contains("nope").doesNotContain("\n");
        CompareCommandTest.Result badDate = fuyu("evaluate", "--input", tmp.toString(), "--out", tmp.toString(), "--as-of", "2024-13-01");
        assertThat(badDate.exit()).isNotZero();
    }

    @Test
    void demoPrintsPerCountySummary() {
        CompareCommandTest.Result r = fuyu("demo");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("County C01").contains("LOW_INCOME_TOP_UP").contains("households.jsonl");
    }

    private JsonNode parse(String line) {
        try {
            return json.readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
