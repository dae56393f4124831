package org.fuyu.policy.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fuyu.policy.EvaluationOptions;
import org.fuyu.policy.HouseholdInput;
import org.fuyu.policy.Outcome;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.facts.Person;
import org.fuyu.policy.io.FactMapper;
import org.fuyu.policy.packs.RulePacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provision coverage on a small pack: a granting rule, a rule that only denies, helpers, a rule that never fires, a decision table. */
class ProvisionCoverageTest {
    private static final String PACK_YAML = """
            id: coverage-pack
            version: 2.0.0
            title: Coverage test pack
            codes:
              - {code: GRANTS, subject: HOUSEHOLD}
              - {code: ONLY_DENIES, subject: HOUSEHOLD}
              - {code: NEVER, subject: HOUSEHOLD}
              - {code: ROW, subject: HOUSEHOLD}
            """;
    private static final String DRL = """
            package org.fuyu.test.coverage;
            import org.fuyu.policy.evaluation.HouseholdCase;
            import static org.fuyu.policy.evaluation.Criteria.*;

            rule "GRANTS" @citation("test §1")
            when
                $c : HouseholdCase()
            then
                $c.decide("GRANTS", kcontext).require(atLeast("members", $c.memberCount(), 1)).grant(10);
            end

            rule "ONLY_DENIES" @citation("test §2")
            when
                $c : HouseholdCase()
            then
                $c.decide("ONLY_DENIES", kcontext).require(atLeast("members", $c.memberCount(), 1000)).flag();
            end

            rule "HELPER"
            when
                $c : HouseholdCase()
            then
                $c.tally(kcontext, "seen");
            end

            rule "CITED_HELPER" @citation("test §4")
            when
                $c : HouseholdCase()
            then
                $c.tally(kcontext, "cited");
            end

            rule "NEVER_FIRES" @citation("test §3")
            when
                $c : HouseholdCase(totalIncome() < -1000000000)
            then
                $c.decide("NEVER", kcontext).flag();
            end
            """;
    private static final String TABLE = """
            RuleSet,org.fuyu.test.coveragetable
            Import,org.fuyu.policy.evaluation.HouseholdCase
            ,
            RuleTable Members
            CONDITION,ACTION
            $c : HouseholdCase
            memberCount() == $param,"$c.decide(""ROW"", kcontext).flag();"
            members,decide
            1,x
            2,x
            """;

    @Test
    void reportsEachRuleReachedOrNotWithItsCitation(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("pack.yaml"), PACK_YAML);
        Files.writeString(dir.resolve("rules.drl"), DRL);
        Files.writeString(dir.resolve("members.drl.csv"), TABLE);
        ProvisionCoverage coverage = new ProvisionCoverage();
        PolicyEngine engine = PolicyEngine.builder().addPacks(RulePacks.fromTrustedDirectory(dir))
                .addRuleFiringListener(coverage).build();
        coverage.addRulesOf(engine);
        Household oneMember = new Household("h1", "v1", null, null, List.of(new Person("p", 40, false, false, false,
                false, Set.of())), null, null, null, 0, 0, null, null);

        coverage.record(engine.evaluate(HouseholdInput.of(oneMember), EvaluationOptions.asOf(LocalDate.of(2024, 6, 30))
                .withDenials()));
        CoverageReport report = coverage.report();

        assertThat(report.packs()).singleElement().satisfies(p -> {
            assertThat(p.pack()).isEqualTo("coverage-pack");
            assertThat(p.version()).startsWith("2.0.0+");
            assertThat(p.ruleCount()).isEqualTo(7);
            assertThat(p.reachedCount()).isEqualTo(4);
        });
        Map<String, CoverageReport.RuleCoverage> byRule = new java.util.HashMap<>();
        report.rules().forEach(r -> byRule.put(r.rule(), r));
        assertThat(byRule.get("GRANTS").reached()).isTrue();
        assertThat(byRule.get("GRANTS").decisions()).containsEntry(Outcome.GRANTED, 1L);
        assertThat(byRule.get("GRANTS").citation()).isEqualTo("test §1");
        // fired, but a denial is not the provision applying
        assertThat(byRule.get("ONLY_DENIES").firings()).isEqualTo(1);
        assertThat(byRule.get("ONLY_DENIES").decisions()).containsOnly(Map.entry(Outcome.DENIED, 1L));
        assertThat(byRule.get("ONLY_DENIES").reached()).isFalse();
        // a rule that makes no decisions (a tally, a note) is reached by firing, cited or not
        assertThat(byRule.get("HELPER").reached()).isTrue();
        assertThat(byRule.get("HELPER").decides()).isFalse();
        assertThat(byRule.get("CITED_HELPER").reached()).isTrue();
        assertThat(byRule.get("GRANTS").decides()).isTrue();
        assertThat(byRule.get("NEVER_FIRES").decides()).isTrue();
        assertThat(byRule.get("NEVER_FIRES").firings()).isZero();
        assertThat(byRule.get("NEVER_FIRES").reached()).isFalse();
        // decision-table rows: one rule per row, the 1-member row fired
        List<CoverageReport.RuleCoverage> rows = report.rules().stream().filter(CoverageReport.RuleCoverage::decisionTableRow)
                .toList();
        assertThat(rows).hasSize(2).allSatisfy(r -> assertThat(r.source()).isEqualTo("members.drl.csv"));
        assertThat(rows).filteredOn(CoverageReport.RuleCoverage::reached).hasSize(1);
        assertThat(report.unreached()).extracting(CoverageReport.RuleCoverage::rule)
                .contains("ONLY_DENIES", "NEVER_FIRES").hasSize(3);

        assertThat(report.text())
                .contains("provision coverage: 4 of 7 rules reached")
                .contains("✓ CITED_HELPER  [test §4]  fired 1× (makes no decisions)")
                .contains("✓ GRANTS  [test §1]  fired 1×, GRANTED 1")
                .contains("✗ ONLY_DENIES  [test §2]  fired 1× but never decided anything but a denial")
                .contains("✗ NEVER_FIRES  [test §3]  never fired")
                .contains("(table row, members.drl.csv)");
        JsonNode json = FactMapper.get().readTree(report.json());
        assertThat(json.get("rules").asInt()).isEqualTo(7);
        assertThat(json.get("reached").asInt()).isEqualTo(4);
        assertThat(json.get("packs").get(0).get("ruleCoverage")).hasSize(7);
    }
}
