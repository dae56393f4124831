package org.fuyu.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.facts.Income;
import org.fuyu.policy.facts.Person;
import org.fuyu.policy.packs.RulePack;
import org.fuyu.policy.packs.RulePacks;
import org.fuyu.policy.testing.TestPacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whatever a pack contains — even trusted DRL — it adds decisions for its own codes only: it
 * cannot remove, change or reset another pack's decisions, a case it hangs is stopped by the time
 * budget, and a failure of its rules costs only its own decisions for that case.
 */
class PackIsolationTest {
    private static final EvaluationOptions OPTIONS = EvaluationOptions.asOf(LocalDate.of(2024, 6, 30));

    /** A pack in the rule language: 100 yuan per member for every household. */
    private static Path goodPack(Path tmp) {
        Path dir = tmp.resolve("good");
        TestPacks.write(dir.resolve("pack.yaml"), "id: good\nversion: 1.0.0\ntitle: Good\ncodes:\n"
                + "  - {code: GOOD_GRANT, subject: HOUSEHOLD}\n");
        TestPacks.write(dir.resolve("parameters.yaml"), "good.amount:\n  values: {2022-01-01: 100}\n");
        TestPacks.write(dir.resolve("good.rules.yaml"), "decisions:\n  GOOD_GRANT:\n    subject: household\n"
                + "    citation: test\n    require: memberCount >= 1\n    grant: good.amount * memberCount\n");
        return dir;
    }

    /** A trusted DRL pack whose one rule does {@code consequence} for every household. */
    private static Path hostilePack(Path tmp, String consequence, int salience) {
        Path dir = tmp.resolve("hostile");
        TestPacks.write(dir.resolve("pack.yaml"), "id: hostile\nversion: 1.0.0\ntitle: Hostile\ncodes:\n"
                + "  - {code: HOSTILE_FLAG, subject: HOUSEHOLD}\n");
        TestPacks.write(dir.resolve("hostile.drl"), "package org.fuyu.test.hostile;\n"
                + "import org.fuyu.policy.evaluation.HouseholdCase;\n"
                + "import static org.fuyu.policy.evaluation.Criteria.*;\n"
                + "function int deep(int n) { return n <= 0 ? 0 : 1 + deep(n + 1); }\n"
                + "rule \"HOSTILE\" salience " + salience + "\nwhen\n    $c : HouseholdCase()\nthen\n" + consequence + "\nend\n");
        return dir;
    }

    private static PolicyEngine engine(Path tmp, String consequence, int salience) {
        List<RulePack> packs = new ArrayList<>(RulePacks.fromDirectory(goodPack(tmp)));
        packs.addAll(RulePacks.fromTrustedDirectory(hostilePack(tmp, consequence, salience)));
        return PolicyEngine.builder().addPacks(packs).caseTimeBudget(Duration.ofMillis(500)).build();
    }

    private static List<HouseholdInput> households(int n) {
        List<HouseholdInput> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(HouseholdInput.of(new Household("h" + i, "v1", "c1", null,
                    List.of(new Person("p" + i, 40, true, true, false, false, Set.of()),
                            new Person("q" + i, 38, true, true, false, false, Set.of())),
                    new Income(50000, 0, 0, 0), Set.of(), null, 0, 0, null, null)));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        // decide a code another pack declares
        "    $c.decide(\"GOOD_GRANT\", kcontext).grant(999999L);",
        // stop the session before the other pack's rules ran
        "    kcontext.getKieRuntime().halt();",
        // throw from a consequence
        "    throw new IllegalStateException(\"broken\");",
        // recurse without end
        "    deep(1);",
    })
    void aFailingOrMeddlingPackLosesOnlyItsOwnDecisions(String consequence, @TempDir Path tmp) {
        PolicyEngine engine = engine(tmp, consequence, 100);
        List<CaseResult> results = engine.newRun(OPTIONS).evaluate(households(3));
        assertThat(results).hasSize(3).allSatisfy(r -> {
            assertThat(r.failed()).isFalse();
            assertThat(r.decisions()).singleElement().satisfies(d -> {
                assertThat(d.code()).isEqualTo("GOOD_GRANT");
                assertThat(d.pack()).isEqualTo("good");
                assertThat(d.amountYuan()).isEqualTo(200L); // 100 yuan × 2 members, untouched
            });
            assertThat(r.packErrors()).singleElement().asString().startsWith("pack hostile: ");
        });
    }

    @Test
    void stateChangingCaseMethodsCannotBeReachedFromRules(@TempDir Path tmp) {
        for (String call : List.of("$c.reset();", "$c.fail(\"x\");", "$c.countFiring(kcontext.getRule());",
                "org.fuyu.policy.evaluation.EngineAccess.claim().reset($c);")) {
            Path dir = tmp.resolve("try" + Math.abs(call.hashCode()));
            if (call.contains("claim()")) {
                // the handle is public but already claimed by the engine: using it fails the pack's rules for the case
                PolicyEngine engine = engine(dir, "    " + call, -100);
                List<CaseResult> r = engine.newRun(OPTIONS).evaluate(households(1));
                assertThat(r.get(0).decisions()).extracting(Decision::code).containsExactly("GOOD_GRANT");
                assertThat(r.get(0).packErrors()).singleElement().asString().contains("already claimed");
                continue;
            }
            PolicyException e = catchThrowableOfType(PolicyException.class, () -> engine(dir, "    " + call, -100));
            assertThat(e).as(call).isNotNull();
            assertThat(e.getMessage()).contains("hostile.drl");
        }
    }

    @Test
    void aCaseThatHangsIsStoppedByTheTimeBudgetAndTheRunGoesOn(@TempDir Path tmp) {
        // a consequence that never returns, for one household only
        PolicyEngine engine = engine(tmp, "    if ($c.household().id().equals(\"h1\")) { while (true) { Math.sqrt(2); } }", 100);
        List<CaseResult> results = engine.newRun(OPTIONS).evaluate(households(3));
        assertThat(results.get(0).packErrors()).isEmpty();
        assertThat(results.get(2).packErrors()).isEmpty();
        assertThat(results).allSatisfy(r -> assertThat(r.decisions()).extracting(Decision::code).containsExactly("GOOD_GRANT"));
        assertThat(results.get(1).packErrors()).singleElement().asString()
                .contains("time budget of 500 ms", "rule 'HOSTILE'", "of pack hostile");
        assertThat(engine.timeBudgetExceeded()).containsEntry("hostile", 1L);
    }

    @Test
    void aDirectoryRunWritesDecisionsOfTheOtherPacksAndAnErrorNamingTheFailingPack(@TempDir Path tmp) throws Exception {
        PolicyEngine engine = engine(tmp, "    kcontext.getKieRuntime().halt();", 100);
        Path in = tmp.resolve("in");
        TestPacks.write(in.resolve("households.jsonl"),
                "{\"id\":\"H1\",\"villageId\":\"V1\",\"members\":[{\"id\":\"P1\",\"age\":40}]}\n");
        Path out = tmp.resolve("out");
        org.fuyu.policy.io.RunSummary summary = org.fuyu.policy.io.DirectoryEvaluation.builder(engine, OPTIONS).build().run(in, out);
        assertThat(java.nio.file.Files.readString(out.resolve("decisions.jsonl"))).contains("\"code\":\"GOOD_GRANT\"",
                "\"amountYuan\":100");
        assertThat(java.nio.file.Files.readAllLines(out.resolve("errors.jsonl"))).singleElement().asString()
                .contains("\"line\":1", "pack hostile", "other packs decided it");
        assertThat(summary.files.get("households.jsonl").evaluated).isEqualTo(1);
        assertThat(summary.notes).anySatisfy(n -> assertThat(n).contains("1 households: the rules of one pack failed"));
    }
}
