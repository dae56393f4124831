package org.fuyu.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fuyu.policy.facts.Assets;
import org.fuyu.policy.facts.Credit;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.facts.HouseholdStatus;
import org.fuyu.policy.facts.Income;
import org.fuyu.policy.facts.Person;
import org.fuyu.policy.facts.Village;
import org.fuyu.policy.packs.RulePack;
import org.fuyu.policy.packs.RulePacks;
import org.fuyu.policy.params.ParameterFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine on small directory packs written by the test. */
class PolicyEngineTest {
    @TempDir
    Path dir;

    private static final String PACK_YAML = """
            id: test-pack
            version: 1.0.0
            title: Test pack
            codes:
              - {code: TOP_UP, subject: HOUSEHOLD}
              - {code: COUNTED, subject: COUNTY}
            """;
    private static final String PARAMS = """
            low_income.line:
              values: {2022-01-01: 13000}
            test.grant:
              reference: "test [default]"
              values: {2022-01-01: 100, 2024-01-01: 200}
            """;
    private static final String DRL = """
            package org.fuyu.test.pack;
            import org.fuyu.policy.evaluation.HouseholdCase;
            import org.fuyu.policy.evaluation.CountyCase;
            import static org.fuyu.policy.evaluation.Criteria.*;

            rule "TOP_UP" @citation("test §1")
            when
                $c : HouseholdCase()
            then
                $c.decide("TOP_UP", kcontext)
                  .require($c.identifiedLowIncome())
                  .require(atMost("assets.vehicleValueYuan", $c.assets().vehicleValueYuan(), $c.param("test.grant").times(1000)))
                  .grant($c.param("test.grant").times($c.memberCount()));
                $c.tally(kcontext, "households.seen");
            end

            rule "COUNTED" @citation("test §2")
            when
                $k : CountyCase()
            then
                $k.decide("COUNTED", kcontext)
                  .require(atLeast("households.seen", $k.count("test-pack:households.seen"), 2L))
                  .target();
            end
            """;

    private Path pack(String drl, String params) throws IOException {
        Path p = dir.resolve("pack");
        Files.createDirectories(p);
        Files.writeString(p.resolve("pack.yaml"), PACK_YAML);
        Files.writeString(p.resolve("parameters.yaml"), params);
        Files.writeString(p.resolve("rules.drl"), drl);
        return p;
    }

    private static Household household(String id, long wage, int members, long vehicle, Set<HouseholdStatus> statuses) {
        List<Person> people = new java.util.ArrayList<>();
        for (int i = 0; i < members; i++) {
            people.add(new Person(id + "-p" + i, 30 + i, true, false, false, false, Set.of()));
        }
        return new Household(id, "v1", null, null, people, new Income(wage, 0, 0, 0), statuses, null, 0, 0,
                new Assets(vehicle, false, 0), Credit.UNRATED);
    }

    @Test
    void decidesWithTheParameterInForceOnAsOfAndExplains() throws IOException {
        PolicyEngine engine = PolicyEngine.builder().addPacks(RulePacks.fromTrustedDirectory(pack(DRL, PARAMS))).build();
        HouseholdInput h = HouseholdInput.of(household("h1", 20000, 2, 0, Set.of()));

        CaseResult before = engine.evaluate(h, EvaluationOptions.asOf(LocalDate.of(2023, 12, 31)));
        assertThat(before.decisions()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("TOP_UP");
            assertThat(d.outcome()).isEqualTo(Outcome.GRANTED);
            assertThat(d.amountYuan()).isEqualTo(200L);
            assertThat(d.pack()).isEqualTo("test-pack");
            assertThat(d.packVersion()).startsWith("1.0.0+");
            assertThat(d.rule()).isEqualTo("TOP_UP");
            assertThat(d.citation()).isEqualTo("test §1");
            assertThat(d.asOf()).isEqualTo(LocalDate.of(2023, 12, 31));
            Criterion vehicle = d.reasons().get(1);
            assertThat(vehicle.criterion()).isEqualTo("assets.vehicleValueYuan");
            assertThat(vehicle.actual()).isEqualTo(0L);
            assertThat(vehicle.required()).isEqualTo(100000L);
            assertThat(vehicle.parameter()).isEqualTo("test.grant");
            assertThat(vehicle.effective()).isEqualTo(LocalDate.of(2022, 1, 1));
            assertThat(vehicle.passed()).isTrue();
        });
        CaseResult after = engine.evaluate(h, EvaluationOptions.asOf(LocalDate.of(2024, 1, 1)));
        assertThat(after.decisions().get(0).amountYuan()).isEqualTo(400L);
    }

    @Test
    void denialsListEveryFailedCriterionOnlyOnRequest() throws IOException {
        PolicyEngine engine = PolicyEngine.builder().addPacks(RulePacks.fromTrustedDirectory(pack(DRL, PARAMS))).build();
        HouseholdInput h = HouseholdInput.of(household("h1", 90000, 2, 500000, Set.of()));
        LocalDate asOf = LocalDate.of(2024, 6, 30);
        assertThat(engine.evaluate(h, EvaluationOptions.asOf(asOf)).decisions()).isEmpty();
        Decision denied = engine.evaluate(h, new EvaluationOptions(asOf, true)).decisions().get(0);
        assertThat(denied.outcome()).isEqualTo(Outcome.DENIED);
        assertThat(denied.reasons()).extracting(Criterion::criterion)
                .containsExactly("identifiedLowIncome", "assets.vehicleValueYuan");
        assertThat(denied.reasons().get(1).gap()).isEqualByComparingTo("300000");
        assertThat(denied.amountYuan()).isNull();
    }

    @Test
    void countyCountersAccumulateOverStreamedBatches() throws IOException {
        PolicyEngine engine = PolicyEngine.builder().addPacks(RulePacks.fromTrustedDirectory(pack(DRL, PARAMS))).build();
        PolicyRun run = engine.newRun(EvaluationOptions.asOf(LocalDate.of(2024, 6, 30)));
        run.addVillages(List.of(new Village("v1", "c1", null, null, 0, null, 0)));
        run.evaluate(List.of(HouseholdInput.of(household("h1", 1000, 1, 0, Set.of()))));
        run.evaluate(List.of(HouseholdInput.of(household("h2", 1000, 1, 0, Set.of()))));
        RunResult counties = run.finish();
        assertThat(counties.decisions()).singleElement().satisfies(d -> {
            assertThat(d.subjectType()).isEqualTo(SubjectType.COUNTY);
            assertThat(d.subjectId()).isEqualTo("c1");
            assertThat(d.outcome()).isEqualTo(Outcome.TARGET_MET);
            assertThat(d.reasons().get(0).actual()).isEqualTo(2L);
        });
    }

    @Test
    void drlSyntaxErrorFailsTheBuildWithFileAndLine() throws IOException {
        Path p = pack(DRL.replace("$c : HouseholdCase()\nthen", "$c : HouseholdCase(\nthen"), PARAMS);
        assertThatThrownBy(() -> PolicyEngine.builder().addPacks(RulePacks.fromTrustedDirectory(p)).build())
                .isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.problems()).isNotEmpty()
                        .allSatisfy(pr -> {
                            assertThat(pr.file()).endsWith("rules.drl");
                            assertThat(pr.line()).isBetween(6, 12);
                        }));
    }

    @Test
    void ruleReadingAnUndefinedParameterFailsTheBuildWithASuggestion() throws IOException {
        Path p = pack(DRL.replace("$c.param(\"test.grant\").times($c.memberCount())", "$c.param(\"test.grnt\").times(2)"), PARAMS);
        assertThatThrownBy(() -> PolicyEngine.builder().addPacks(RulePacks.fromTrustedDirectory(p)).build())
                .isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(pr -> {
                            assertThat(pr.line()).isEqualTo(13);
                            assertThat(pr.message()).contains("test.grnt").contains("did you mean 'test.grant'");
                        }));
    }

    @Test
    void overrideOfAnUnknownParameterIsRejected() throws IOException {
        RulePack pack = RulePacks.fromTrustedDirectory(pack(DRL, PARAMS)).get(0);
        Path override = dir.resolve("county.yaml");
        Files.writeString(override, "low_income.lin:\n  values: {2024-01-01: 15000}\n");
        assertThatThrownBy(() -> PolicyEngine.builder().addPack(pack)
                .overrideParameters(ParameterFiles.read(override)).build())
                .isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.getMessage())
                        .contains("county.yaml:1").contains("did you mean 'low_income.line'"));
    }

    @Test
    void overrideChangesDecisions() throws IOException {
        RulePack pack = RulePacks.fromTrustedDirectory(pack(DRL, PARAMS)).get(0);
        Path override = dir.resolve("county.yaml");
        Files.writeString(override, "low_income.line:\n  values: {2024-01-01: 15000}\n");
        PolicyEngine engine = PolicyEngine.builder().addPack(pack).overrideParameters(ParameterFiles.read(override)).build();
        HouseholdInput h = HouseholdInput.of(household("h1", 14000, 1, 0, Set.of()));
        assertThat(engine.evaluate(h, EvaluationOptions.asOf(LocalDate.of(2023, 6, 30))).decisions()).isEmpty();
        assertThat(engine.evaluate(h, EvaluationOptions.asOf(LocalDate.of(2024, 6, 30))).decisions()).hasSize(1);
    }

    @Test
    void missingParameterFailsOnlyThatCase() throws IOException {
        PolicyEngine engine = PolicyEngine.builder().addPacks(RulePacks.fromTrustedDirectory(pack(DRL, PARAMS))).build();
        PolicyRun run = engine.newRun(EvaluationOptions.asOf(LocalDate.of(2021, 6, 30)));
        List<CaseResult> rs = run.evaluate(List.of(HouseholdInput.of(household("h1", 1000, 1, 0, Set.of())),
                HouseholdInput.of(household("h2", 1000, 1, 0, Set.of()))));
        assertThat(rs).allSatisfy(r -> assertThat(r.error()).contains("low_income.line").contains("2021-06-30"));
    }

    @Test
    void twoPacksWithDifferentValuesForOneParameterAreRejected() throws IOException {
        RulePack a = RulePacks.fromTrustedDirectory(pack(DRL, PARAMS)).get(0);
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        Files.writeString(other.resolve("pack.yaml"), PACK_YAML.replace("test-pack", "other-pack"));
        Files.writeString(other.resolve("parameters.yaml"), "low_income.line:\n  values: {2022-01-01: 12000}\n");
        Files.writeString(other.resolve("rules.drl"), "package org.fuyu.test.other;\n");
        RulePack b = RulePacks.fromTrustedDirectory(other).get(0);
        assertThatThrownBy(() -> PolicyEngine.builder().addPack(a).addPack(b).build())
                .hasMessageContaining("low_income.line").hasMessageContaining("different values");
    }

    @Test
    void packYamlMissingFieldsIsReported() throws IOException {
        Path p = pack(DRL, PARAMS);
        Files.writeString(p.resolve("pack.yaml"), "id: test-pack\ntitle: x\ncodes: []\n");
        assertThatThrownBy(() -> RulePacks.fromTrustedDirectory(p))
                .isInstanceOf(PolicyException.class).hasMessageContaining("pack.yaml").hasMessageContaining("version");
    }

    @Test
    void decisionsOfACaseAreInCanonicalOrder() {
        Map<String, Integer> unused = Map.of();
        assertThat(unused).isEmpty();
        Decision a = new Decision(SubjectType.PERSON, "p", "A", Outcome.GRANTED, 1L, "x", "1", "r", List.of(), null, null);
        Decision b = new Decision(SubjectType.HOUSEHOLD, "h", "Z", Outcome.FLAG, null, "x", "1", "r", List.of(), null, null);
        assertThat(List.of(a, b).stream().sorted(Decision.CANONICAL).toList()).containsExactly(b, a);
    }
}
