package org.fuyu.policy.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.cases.CaseRunner;
import org.fuyu.policy.cases.PolicyCase;
import org.fuyu.policy.cases.PolicyCaseFile;
import org.fuyu.policy.io.FactMapper;
import org.fuyu.policy.packs.RulePacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fuyu check} on the shipped packs and on a deliberately broken copy of the low-income
 * pack whose top-up overshoots the line by one yuan.
 */
class CheckCommandTest {
    static final Path BROKEN = Path.of("src/test/resources/broken-packs/low-income-relief-overshoot");

    @TempDir
    Path tmp;

    @Test
    void theShippedPacksPass() throws IOException {
        Path coverage = tmp.resolve("coverage.json");
        CompareCommandTest.Result r = CompareCommandTest.fuyu("check", "--tries", "30", "--seed", "11",
                "--as-of", "2024-06-30", "--coverage", coverage.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("asOf 2024-06-30, 30 tries per property, seed 11",
                "✓ determinism: the same case gets the same decisions",
                "✓ policy properties: amounts (declared in properties.yaml)",
                "· the top-up brings per-capita income exactly to the line [low-income-relief, 002 §三.13]",
                "all properties hold (rerun with --seed 11 --tries 30)");
        assertThat(r.out()).doesNotContain("✗");
        JsonNode json = FactMapper.get().readTree(coverage.toFile());
        assertThat(json.get("rules").asInt()).isPositive();
    }

    @Test
    void inChineseTheReportIsChinese() {
        CompareCommandTest.Result r = CompareCommandTest.fuyu("check", "--lang", "zh", "--tries", "5", "--seed", "11",
                "--as-of", "2024-06-30");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("评估日 2024-06-30，每个性质 5 个生成用例，随机种子 11",
                "✓ 确定性：同一个案总得出同样的决定  (5 个用例)", "✓ 规则包声明的性质：金额（properties.yaml）",
                "所有性质成立（重跑：--seed 11 --tries 5）");
    }

    @Test
    void aTopUpOvershootingTheLineFailsWithItsCounterexample() throws IOException {
        CompareCommandTest.Result r = CompareCommandTest.fuyu("check", "--rules", BROKEN.toString(), "--only-rules", "--seed", "42",
                "--as-of", "2024-06-30");

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out())
                .contains("200 tries per property, seed 42")
                .contains("✗ policy properties: amounts (declared in properties.yaml)")
                .contains("property failed: the top-up brings per-capita income exactly to the line [low-income-relief, 002 §三.13]")
                // shrunk to the smallest household: one member, no income, topped up to 13001 instead of 13000
                .contains("household h1 LOW_INCOME_TOP_UP 13001 is not low_income.line × members − totalIncome = 13000 "
                        + "(low_income.line = 13000, members = 1, totalIncome = 0)")
                .contains("households.jsonl: {\"id\":\"h1\",\"villageId\":\"v1\",\"members\":[{\"id\":\"h1-p1\",\"age\":30}]}")
                .contains("- {subjectId: h1, code: LOW_INCOME_TOP_UP, outcome: GRANTED, amountYuan: 13001}")
                .contains("PROPERTIES FAILED (rerun with --seed 42 --tries 200)");
        // the other properties still hold for the broken pack
        assertThat(r.out()).contains("✓ determinism", "✓ order independence", "✓ policy properties: monotone");

        // the printed YAML is a policy case a tester can paste: it records what the broken pack decided
        String out = r.out();
        String yaml = out.substring(out.indexOf("  - name: \"counterexample:"), out.indexOf("rules the generated cases reached"));
        PolicyCase c = PolicyCaseFile.read("pasted", new ByteArrayInputStream(("packs: [low-income-relief]\ncases:\n" + yaml)
                .getBytes(StandardCharsets.UTF_8))).cases().get(0);
        PolicyEngine broken = PolicyEngine.builder().addPacks(RulePacks.fromDirectory(BROKEN)).build();
        assertThat(CaseRunner.run(broken, c).mismatches()).isEmpty();
        PolicyEngine shipped = PolicyEngine.builder().addPacks(RulePacks.fromClasspath(java.util.List.of("low-income-relief")))
                .build();
        assertThat(CaseRunner.run(shipped, c).mismatches()).containsExactly(
                "expected LOW_INCOME_TOP_UP GRANTED for h1 amount 13001 but got LOW_INCOME_TOP_UP GRANTED for h1 amount 13000");
    }

    @Test
    void unusableArgumentsAreRefused() {
        assertThat(CompareCommandTest.fuyu("check", "--tries", "0").exit()).isEqualTo(2);
        assertThat(CompareCommandTest.fuyu("check", "--seed", "abc").exit()).isEqualTo(2);
        CompareCommandTest.Result r = CompareCommandTest.fuyu("check", "--rules", tmp.resolve("missing").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("not a directory");
    }

    @Test
    void aPropertiesFileThatNamesAnUnknownCodeIsReported() throws IOException {
        Path pack = tmp.resolve("pack");
        Files.createDirectories(pack);
        for (String f : new String[] {"pack.yaml", "parameters.yaml", "low-income-relief.rules.yaml"}) {
            Files.copy(BROKEN.resolve(f), pack.resolve(f));
        }
        Files.writeString(pack.resolve("properties.yaml"), """
                properties:
                  - amount: {code: NO_SUCH_CODE, equals: low_income.line}
                """);
        CompareCommandTest.Result r = CompareCommandTest.fuyu("check", "--rules", pack.toString(), "--tries", "5");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("the policy properties cannot be loaded",
                "properties.yaml: properties[0]: code NO_SUCH_CODE is not produced by any loaded pack");
    }
}
