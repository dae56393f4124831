package org.fuyu.policy.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.fuyu.policy.Decision;
import org.fuyu.policy.Outcome;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.cases.CaseRunner;
import org.fuyu.policy.cases.PolicyCase;
import org.fuyu.policy.cases.PolicyCaseFile;
import org.fuyu.policy.coverage.ProvisionCoverage;
import org.fuyu.policy.packs.RulePacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PolicyCheck} (the runner behind {@code fuyu check}) on the shipped low-income pack and on
 * a copy whose top-up overshoots the line by one yuan.
 */
class PolicyCheckTest {
    private static final LocalDate AS_OF = LocalDate.of(2024, 6, 30);
    private static final String PROPERTY = "the top-up brings per-capita income exactly to the line";

    @Test
    void theShippedPackHoldsEveryProperty() {
        ProvisionCoverage coverage = new ProvisionCoverage();
        PolicyEngine engine = PolicyEngine.builder().addPacks(RulePacks.fromClasspath(List.of("low-income-relief")))
                .addRuleFiringListener(coverage).build();
        coverage.addRulesOf(engine);

        PolicyCheck.Result r = PolicyCheck.run(engine, coverage, new PolicyCheck.Options(AS_OF, 50, "42"));

        assertThat(r.passed()).as(r.text()).isTrue();
        assertThat(r.properties()).extracting(PolicyCheck.PropertyResult::property).hasSize(12)
                .contains("determinism: the same case gets the same decisions",
                        "what would change a denial: each change set grants the code, no strict subset does, only mutable facts",
                        "policy properties: amounts (declared in properties.yaml)");
        assertThat(r.properties()).allSatisfy(p -> assertThat(p.tries()).isBetween(1, 50));
        // 8 rules, every one reached by generated cases
        assertThat(r.coverage().ruleCount()).isEqualTo(8);
        assertThat(r.coverage().unreached()).as(r.coverage().text()).isEmpty();
        assertThat(r.text()).contains("✓ determinism", "· " + PROPERTY + " [low-income-relief, 002 §三.13]",
                "all properties hold (rerun with --seed 42 --tries 50)");
    }

    @Test
    void aTopUpThatOvershootsTheLineIsCaughtAndShrunkToAMinimalPolicyCase(@TempDir Path dir) throws IOException {
        Path pack = brokenCopy(dir);
        PolicyEngine broken = PolicyEngine.builder().addPacks(RulePacks.fromDirectory(pack)).build();

        PolicyCheck.Result r = PolicyCheck.run(broken, null, new PolicyCheck.Options(AS_OF, 200, "42"));

        assertThat(r.passed()).isFalse();
        PolicyCheck.PropertyResult amounts = r.properties().stream()
                .filter(p -> p.method().equals("declaredAmounts")).findFirst().orElseThrow();
        assertThat(amounts.status()).isEqualTo(PolicyCheck.Status.FAILED);
        PolicyPropertyFailure f = amounts.counterexample().orElseThrow();
        assertThat(f.property()).isEqualTo(PROPERTY);
        assertThat(f.pack()).isEqualTo("low-income-relief");
        // shrunk: one household whose top-up is one yuan above line × members − totalIncome
        Evaluation e = f.cases().get(0).evaluation();
        assertThat(e.scenario().households()).hasSize(1);
        Decision topUp = e.withCode("LOW_INCOME_TOP_UP").get(0);
        long members = e.scenario().households().get(0).household().memberCount();
        long total = e.scenario().households().get(0).household().totalIncome();
        assertThat(topUp.amountYuan()).isEqualTo(13_000 * members - total + 1);
        assertThat(f.problems()).singleElement().asString()
                .contains("LOW_INCOME_TOP_UP " + topUp.amountYuan() + " is not low_income.line × members − totalIncome = "
                        + (13_000 * members - total));
        assertThat(r.text()).contains("✗ policy properties: amounts", "--- counterexample for",
                "households.jsonl: {\"id\":\"h1\"", "as policy cases", "PROPERTIES FAILED (rerun with --seed 42");

        // the YAML stub is a policy case: it reads, and it records what the broken pack decided…
        PolicyCase stub = PolicyCaseFile.read("stub", new ByteArrayInputStream(
                ("packs: [low-income-relief]\ncases:\n" + f.yaml()).getBytes(StandardCharsets.UTF_8))).cases().get(0);
        assertThat(CaseRunner.run(broken, stub).mismatches()).isEmpty();
        // …so against the shipped pack it fails exactly on the top-up's amount
        PolicyEngine shipped = PolicyEngine.builder().addPacks(RulePacks.fromClasspath(List.of("low-income-relief"))).build();
        assertThat(CaseRunner.run(shipped, stub).mismatches()).singleElement().asString()
                .startsWith("expected LOW_INCOME_TOP_UP GRANTED for h1 amount " + topUp.amountYuan())
                .endsWith("amount " + (topUp.amountYuan() - 1));
    }

    @Test
    void theSameSeedFindsTheSameCounterexample(@TempDir Path dir) throws IOException {
        PolicyEngine broken = PolicyEngine.builder().addPacks(RulePacks.fromDirectory(brokenCopy(dir))).build();
        PolicyCheck.Options options = new PolicyCheck.Options(AS_OF, 100, "7");

        String first = PolicyCheck.run(broken, null, options).text();
        String second = PolicyCheck.run(broken, null, options).text();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void optionsRejectUnusableValues() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PolicyCheck.Options(AS_OF, 0, "1"))
                .hasMessageContaining("tries must be at least 1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PolicyCheck.Options(AS_OF, 10, "abc"))
                .hasMessageContaining("seed must be a whole number");
        assertThat(new PolicyCheck.Options(AS_OF, 10, null).seed()).matches("-?\\d+");
    }

    /** The shipped low-income pack with a top-up of line × members − totalIncome + 1. */
    static Path brokenCopy(Path dir) throws IOException {
        Path pack = dir.resolve("low-income-relief");
        Files.createDirectories(pack);
        for (String f : List.of("pack.yaml", "low-income-relief.rules.yaml", "parameters.yaml", "properties.yaml")) {
            try (InputStream in = PolicyCheckTest.class.getClassLoader().getResourceAsStream("packs/low-income-relief/" + f)) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (f.endsWith(".rules.yaml")) {
                    String broken = text.replace("grant: low_income.line * memberCount - totalIncome\n",
                            "grant: low_income.line * memberCount - totalIncome + 1\n");
                    assertThat(broken).as("the top-up formula to break").isNotEqualTo(text);
                    text = broken;
                }
                Files.writeString(pack.resolve(f), text);
            }
        }
        return pack;
    }

    @SuppressWarnings("unused")
    private static boolean granted(Decision d) {
        return d.outcome() == Outcome.GRANTED;
    }
}
