package org.fuyu.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.facts.Person;
import org.fuyu.policy.packs.RulePacks;
import org.fuyu.policy.testing.TestPacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A rule set that loops stops after the configured number of firings per case and reports an
 * error for that case; the other cases of the batch still get their decisions.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS) // a hang would otherwise block the build forever
class RunawayRulesTest {
    private static final EvaluationOptions OPTIONS = new EvaluationOptions(LocalDate.of(2024, 6, 30), false);

    private static PolicyEngine engine(int max) {
        return PolicyEngine.builder().addPacks(RulePacks.fromTrustedDirectory(TestPacks.resource("runaway")))
                .maxFiringsPerCase(max).build();
    }

    private static HouseholdInput household(String id) {
        return new HouseholdInput(new Household(id, "v1", null, null, List.of(new Person(id + "-p", 40, true, true,
                false, false, null)), null, null, null, 0, 0, null, null), List.of());
    }

    @Test
    void loopingCasesFailAloneInABatch() {
        PolicyEngine engine = engine(50);
        List<HouseholdInput> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            batch.add(household("h" + i));
        }
        batch.add(5, household("loop-update"));
        batch.add(12, household("loop-insert"));
        List<CaseResult> results = engine.newRun(OPTIONS).evaluate(batch);

        assertThat(results).hasSize(22);
        for (CaseResult r : results) {
            if (r.subjectId().startsWith("loop-")) {
                assertThat(r.error()).as(r.subjectId()).startsWith("more than 50 rule firings for HOUSEHOLD " + r.subjectId())
                        .contains("a rule probably re-triggers itself");
                assertThat(r.decisions()).isEmpty();
            } else {
                assertThat(r.error()).as(r.subjectId()).isNull();
                assertThat(r.decisions()).extracting(Decision::code).containsExactly("ORDINARY");
            }
        }
        // update() re-activates ORDINARY too, so either rule may be the one past the limit
        assertThat(results.get(5).error()).containsAnyOf("runaway.SELF_UPDATE_LOOP)", "runaway.ORDINARY)");
        assertThat(results.get(12).error()).containsAnyOf("runaway.PING)", "runaway.PONG)");
    }

    @Test
    void aSingleLoopingCaseIsAnErrorResultNotAHang() {
        CaseResult r = engine(1_000).evaluate(household("loop-update"), OPTIONS);
        assertThat(r.error()).startsWith("more than 1000 rule firings for HOUSEHOLD loop-update");
    }

    @Test
    void theLimitCountsFiringsNotDecisions() {
        // ORDINARY fires once and START_PING once for an ordinary household: a limit of 2 is enough
        CaseResult ok = engine(2).evaluate(household("h1"), OPTIONS);
        assertThat(ok.error()).isNull();
        // the insert loop fires START_PING, PING, PONG, PING... and ORDINARY: 3 firings exceed a limit of 2
        CaseResult loop = engine(2).evaluate(household("loop-insert"), OPTIONS);
        assertThat(loop.error()).startsWith("more than 2 rule firings for HOUSEHOLD loop-insert");
    }

    @Test
    void theDefaultLimitStopsALoopInABatchOfAThousand() {
        PolicyEngine engine = engine(PolicyEngine.DEFAULT_MAX_FIRINGS_PER_CASE);
        List<HouseholdInput> batch = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            batch.add(household(i == 500 ? "loop-update" : "h" + i));
        }
        List<CaseResult> results = engine.newRun(OPTIONS).evaluate(batch);
        assertThat(results).filteredOn(CaseResult::failed).extracting(CaseResult::subjectId).containsExactly("loop-update");
        assertThat(results).filteredOn(r -> !r.failed()).hasSize(999)
                .allSatisfy(r -> assertThat(r.decisions()).hasSize(1));
    }
}
