package org.fuyu.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.fuyu.policy.EvaluationOptions;
import org.fuyu.policy.HouseholdInput;
import org.fuyu.policy.Outcome;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.PolicyException;
import org.fuyu.policy.SubjectType;
import org.fuyu.policy.facts.County;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.facts.Village;
import org.fuyu.policy.io.FactMapper;
import org.fuyu.policy.packs.RulePack;
import org.fuyu.policy.packs.RulePacks;
import org.fuyu.policy.reform.Comparison;
import org.fuyu.policy.reform.Comparison.GainLoss;
import org.fuyu.policy.reform.Reform;
import org.fuyu.policy.reform.ReformComparison;
import org.fuyu.policy.reform.ReformFiles;
import org.fuyu.policy.reform.SubjectChange;
import org.fuyu.policy.reform.SubjectChange.Entry;
import org.junit.jupiter.api.Test;

/**
 * The shipped reform "low-income-line-15000" (line 13000 → 15000 from 2025-01-01) over five
 * households, every number worked out by hand from spec §3.1 with the default parameters.
 *
 * <pre>
 * h1  V1  3 members (one 12, in school), 42000 → 14000 per capita
 *     baseline: not identified; 14000 &lt; 1.5 × 13000 = 19500 → RETURN_TO_POVERTY_MONITORING
 *     reform:   identified (14000 &lt; 15000): top-up 15000 × 3 − 42000 = 3000, medical 150 × 3 = 450,
 *               education waiver 2000 for the child, LOW_INCOME_HOUSEHOLD, HELPER_ASSIGNED; no monitoring
 *               → +5450
 * h2  V1  1 member, 9000: baseline top-up 13000 − 9000 = 4000 + medical 150; reform top-up 6000 → +2000
 * h3  V2  2 members, 40000 → 20000: nothing; reform: 20000 &lt; 1.5 × 15000 = 22500 → monitored (no amount)
 * h4  V2  4 members, 100000 → 25000: nothing either way
 * h5  V3  2 members, 28000 → 14000, a 150000 vehicle, an unsafe house:
 *     baseline monitored; reform identified: no top-up (vehicle), medical 300, housing 20000 → +20300
 * </pre>
 */
class ReformComparisonTest {
    static final LocalDate AS_OF = LocalDate.of(2025, 6, 30);
    static final Path SHIPPED_REFORM = Path.of("../reforms/low-income-line-15000.yaml");
    static final List<RulePack> PACKS = RulePacks.fromClasspath(List.of("low-income-relief"));
    static final Reform REFORM = ReformFiles.read(SHIPPED_REFORM);
    static final PolicyEngine BASELINE = PolicyEngine.builder().addPacks(PACKS).build();
    static final PolicyEngine REFORMED = REFORM.engineBuilder(PACKS, List.of()).build();

    static Household household(String json) {
        try {
            return FactMapper.get().readValue(json, Household.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static final Household H1 = household("""
            {"id": "h1", "villageId": "V1", "countyId": "C1", "income": {"wage": 42000}, "members": [
              {"id": "h1a", "age": 40, "laborCapable": true, "employed": true},
              {"id": "h1b", "age": 38},
              {"id": "h1c", "age": 12, "inSchool": true}]}""");
    static final Household H2 = household("""
            {"id": "h2", "villageId": "V1", "countyId": "C1", "income": {"wage": 9000}, "members": [
              {"id": "h2a", "age": 50, "laborCapable": true, "employed": true}]}""");
    static final Household H3 = household("""
            {"id": "h3", "villageId": "V2", "countyId": "C1", "income": {"wage": 40000}, "members": [
              {"id": "h3a", "age": 45, "laborCapable": true, "employed": true},
              {"id": "h3b", "age": 44, "laborCapable": true, "employed": true}]}""");
    static final Household H4 = household("""
            {"id": "h4", "villageId": "V2", "countyId": "C1", "income": {"wage": 100000}, "members": [
              {"id": "h4a", "age": 45, "laborCapable": true, "employed": true},
              {"id": "h4b", "age": 44, "laborCapable": true, "employed": true},
              {"id": "h4c", "age": 70}, {"id": "h4d", "age": 72}]}""");
    static final Household H5 = household("""
            {"id": "h5", "villageId": "V3", "countyId": "C1", "income": {"wage": 28000}, "housingSafe": false,
             "assets": {"vehicleValueYuan": 150000}, "members": [
              {"id": "h5a", "age": 60, "laborCapable": true, "employed": true},
              {"id": "h5b", "age": 58}]}""");
    static final List<HouseholdInput> POPULATION = List.of(H1, H2, H3, H4, H5).stream().map(HouseholdInput::of).toList();

    record Run(Comparison comparison, List<SubjectChange> changes) {
    }

    static Run compare(PolicyEngine baseline, PolicyEngine reform, LocalDate asOf, List<HouseholdInput> households,
                       List<Village> villages, List<County> counties) {
        List<SubjectChange> changes = new ArrayList<>();
        Comparison c = ReformComparison.builder(baseline, reform, EvaluationOptions.asOf(asOf)).reform(REFORM)
                .batchSize(2).build().compare(households, villages, counties, changes::add);
        return new Run(c, changes);
    }

    static Entry entry(String code, Outcome outcome, Long amount) {
        return new Entry(code, outcome, amount);
    }

    @Test
    void theShippedReformRaisesTheLineFromItsEffectiveDate() {
        assertThat(REFORM.name()).isEqualTo("low-income-line-15000");
        assertThat(REFORM.effective()).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(REFORMED.parametersAt(AS_OF).get("low_income.line").value()).isEqualByComparingTo("15000");
        assertThat(REFORMED.parametersAt(LocalDate.of(2024, 12, 31)).get("low_income.line").value())
                .isEqualByComparingTo("13000");
        assertThat(BASELINE.parametersAt(AS_OF).get("low_income.line").value()).isEqualByComparingTo("13000");
    }

    @Test
    void everySubjectChangeIsWorkedOutByHand() {
        List<SubjectChange> changes = compare(BASELINE, REFORMED, AS_OF, POPULATION, List.of(), List.of()).changes();

        assertThat(changes).extracting(SubjectChange::subjectType, SubjectChange::subjectId).containsExactly(
                org.assertj.core.groups.Tuple.tuple(SubjectType.HOUSEHOLD, "h1"),
                org.assertj.core.groups.Tuple.tuple(SubjectType.PERSON, "h1c"),
                org.assertj.core.groups.Tuple.tuple(SubjectType.HOUSEHOLD, "h2"),
                org.assertj.core.groups.Tuple.tuple(SubjectType.HOUSEHOLD, "h3"),
                org.assertj.core.groups.Tuple.tuple(SubjectType.HOUSEHOLD, "h5"));

        SubjectChange h1 = changes.get(0);
        assertThat(h1.added()).containsExactly(
                entry("HELPER_ASSIGNED", Outcome.FLAG, null),
                entry("LOW_INCOME_HOUSEHOLD", Outcome.FLAG, null),
                entry("LOW_INCOME_TOP_UP", Outcome.GRANTED, 3000L),
                entry("MEDICAL_SUPPLEMENTARY_INSURANCE", Outcome.GRANTED, 450L));
        assertThat(h1.removed()).containsExactly(entry("RETURN_TO_POVERTY_MONITORING", Outcome.FLAG, null));
        assertThat(h1.changed()).isEmpty();
        assertThat(List.of(h1.baselineYuan(), h1.reformYuan(), h1.deltaYuan())).containsExactly(0L, 3450L, 3450L);
        assertThat(h1.villageId()).isEqualTo("V1");
        assertThat(h1.countyId()).isEqualTo("C1");

        SubjectChange child = changes.get(1);
        assertThat(child.householdId()).isEqualTo("h1");
        assertThat(child.added()).containsExactly(entry("EDUCATION_FEE_WAIVER", Outcome.GRANTED, 2000L));
        assertThat(child.deltaYuan()).isEqualTo(2000);

        SubjectChange h2 = changes.get(2);
        assertThat(h2.added()).isEmpty();
        assertThat(h2.removed()).isEmpty();
        assertThat(h2.changed()).singleElement().satisfies(c -> {
            assertThat(c.code()).isEqualTo("LOW_INCOME_TOP_UP");
            assertThat(c.from()).isEqualTo(new SubjectChange.Side(Outcome.GRANTED, 4000L));
            assertThat(c.to()).isEqualTo(new SubjectChange.Side(Outcome.GRANTED, 6000L));
            assertThat(c.deltaYuan()).isEqualTo(2000);
        });
        assertThat(List.of(h2.baselineYuan(), h2.reformYuan())).containsExactly(4150L, 6150L);

        SubjectChange h3 = changes.get(3);
        assertThat(h3.added()).containsExactly(entry("RETURN_TO_POVERTY_MONITORING", Outcome.FLAG, null));
        assertThat(h3.deltaYuan()).isZero();

        SubjectChange h5 = changes.get(4);
        assertThat(h5.added()).containsExactly(
                entry("HELPER_ASSIGNED", Outcome.FLAG, null),
                entry("HOUSING_RENOVATION", Outcome.GRANTED, 20000L),
                entry("LOW_INCOME_HOUSEHOLD", Outcome.FLAG, null),
                entry("MEDICAL_SUPPLEMENTARY_INSURANCE", Outcome.GRANTED, 300L));
        assertThat(h5.removed()).containsExactly(entry("RETURN_TO_POVERTY_MONITORING", Outcome.FLAG, null));
        assertThat(h5.deltaYuan()).isEqualTo(20300);
    }

    @Test
    void totalsWinnersVillagesAndDecilesAreWorkedOutByHand() {
        Comparison c = compare(BASELINE, REFORMED, AS_OF, POPULATION, List.of(), List.of()).comparison();

        // winners h1 +5450 (household 3450 + child 2000), h2 +2000, h5 +20300; h3 changed at no cost; h4 untouched
        assertThat(c.households()).isEqualTo(new Comparison.Households(5, 4, new GainLoss(3, 27750),
                new GainLoss(0, 0), 2));
        assertThat(c.cost()).isEqualTo(new Comparison.Cost(4150, 31900, 27750));
        assertThat(c.subjectsChanged()).isEqualTo(5);
        assertThat(c.reformInForce()).isTrue();
        assertThat(c.flips()).isEmpty();

        assertThat(c.totals()).containsExactly(
                new Comparison.CodeTotal("EDUCATION_FEE_WAIVER", Outcome.GRANTED, 0, 1, 1, 0, 2000, 2000),
                new Comparison.CodeTotal("HELPER_ASSIGNED", Outcome.FLAG, 1, 3, 2, 0, 0, 0),
                new Comparison.CodeTotal("HOUSING_RENOVATION", Outcome.GRANTED, 0, 1, 1, 0, 20000, 20000),
                new Comparison.CodeTotal("LOW_INCOME_HOUSEHOLD", Outcome.FLAG, 1, 3, 2, 0, 0, 0),
                new Comparison.CodeTotal("LOW_INCOME_TOP_UP", Outcome.GRANTED, 1, 2, 1, 4000, 9000, 5000),
                new Comparison.CodeTotal("MEDICAL_SUPPLEMENTARY_INSURANCE", Outcome.GRANTED, 1, 3, 2, 150, 900, 750),
                new Comparison.CodeTotal("RETURN_TO_POVERTY_MONITORING", Outcome.FLAG, 2, 1, -1, 0, 0, 0));

        assertThat(c.byVillage()).containsExactly(
                new Comparison.VillageResult("V1", "C1", 2, 2, new GainLoss(2, 7450), new GainLoss(0, 0), 4150, 11600, 7450),
                new Comparison.VillageResult("V2", "C1", 2, 1, new GainLoss(0, 0), new GainLoss(0, 0), 0, 0, 0),
                new Comparison.VillageResult("V3", "C1", 1, 1, new GainLoss(1, 20300), new GainLoss(0, 0), 0, 20300, 20300));

        // ranks by per capita: h2 9000 (0), h1 = h5 14000 (1, tie), h3 20000 (3), h4 25000 (4) of 5
        // → deciles ⌊10 × rank / 5⌋ + 1 = 1, 3, 3, 7, 9
        assertThat(c.byIncomeDecile()).extracting(Comparison.IncomeBand::decile).containsExactly(1, 3, 7, 9);
        Comparison.IncomeBand third = c.decile(3).orElseThrow();
        assertThat(third.households()).isEqualTo(2);
        assertThat(third.perCapitaMin()).isEqualByComparingTo("14000");
        assertThat(third.perCapitaMax()).isEqualByComparingTo("14000");
        assertThat(third.winners()).isEqualTo(new GainLoss(2, 25750));
        assertThat(c.decile(1).orElseThrow().winners()).isEqualTo(new GainLoss(1, 2000));
        assertThat(c.decile(7).orElseThrow().changed()).isEqualTo(1);
        assertThat(c.decile(7).orElseThrow().winners().count()).isZero();
        assertThat(c.decile(9).orElseThrow().changed()).isZero();
    }

    @Test
    void swappingTheSidesTurnsWinnersIntoLosers() {
        Run forward = compare(BASELINE, REFORMED, AS_OF, POPULATION, List.of(), List.of());
        Run back = compare(REFORMED, BASELINE, AS_OF, POPULATION, List.of(), List.of());

        assertThat(back.comparison().households()).isEqualTo(new Comparison.Households(5, 4, new GainLoss(0, 0),
                new GainLoss(3, -27750), 2));
        assertThat(back.comparison().village("V3").orElseThrow().losers()).isEqualTo(new GainLoss(1, -20300));
        assertThat(back.comparison().cost()).isEqualTo(new Comparison.Cost(31900, 4150, -27750));
        for (int i = 0; i < forward.changes().size(); i++) {
            assertThat(back.changes().get(i).added()).isEqualTo(forward.changes().get(i).removed());
            assertThat(back.changes().get(i).removed()).isEqualTo(forward.changes().get(i).added());
            assertThat(back.changes().get(i).deltaYuan()).isEqualTo(-forward.changes().get(i).deltaYuan());
        }
    }

    @Test
    void beforeTheEffectiveDateNothingChanges() {
        Comparison c = compare(BASELINE, REFORMED, LocalDate.of(2024, 12, 31), POPULATION, List.of(), List.of())
                .comparison();
        assertThat(c.noChange()).isTrue();
        assertThat(c.reformInForce()).isFalse();
        assertThat(c.households()).isEqualTo(new Comparison.Households(5, 0, new GainLoss(0, 0), new GainLoss(0, 0), 5));
        assertThat(c.notes()).singleElement().asString().contains("takes effect 2025-01-01");
    }

    @Test
    void countyTargetsThatFlipAreListed() {
        // A test pack's county target: no household below the line. h1 (14000) is below 15000, not 13000.
        List<RulePack> packs = new ArrayList<>(PACKS);
        packs.addAll(RulePacks.fromDirectory(Path.of("src/test/resources/reform-test-packs/line-target")));
        PolicyEngine baseline = PolicyEngine.builder().addPacks(packs).build();
        PolicyEngine reformed = REFORM.engineBuilder(packs, List.of()).build();
        List<HouseholdInput> population = List.of(H1, H3, H4).stream().map(HouseholdInput::of).toList();
        Village v1 = new Village("V1", "C1", null, null, 0, null, 0);

        Run run = compare(baseline, reformed, AS_OF, population, List.of(v1), List.of());

        assertThat(run.comparison().flips()).containsExactly(new Comparison.Flip(SubjectType.COUNTY, "C1", "C1",
                "TEST_NO_HOUSEHOLD_BELOW_LINE", Outcome.TARGET_MET, Outcome.TARGET_MISSED));
        SubjectChange county = run.changes().get(run.changes().size() - 1);
        assertThat(county.subjectType()).isEqualTo(SubjectType.COUNTY);
        assertThat(county.householdId()).isNull();
        assertThat(county.changed()).singleElement().satisfies(ch -> {
            assertThat(ch.from().outcome()).isEqualTo(Outcome.TARGET_MET);
            assertThat(ch.to().outcome()).isEqualTo(Outcome.TARGET_MISSED);
        });
        assertThat(run.comparison().total("TEST_NO_HOUSEHOLD_BELOW_LINE", Outcome.TARGET_MISSED).orElseThrow().deltaCount())
                .isEqualTo(1);
    }

    @Test
    void benefitCodesLimitWhatCountsAsAGain() {
        Comparison c = ReformComparison.builder(BASELINE, REFORMED, EvaluationOptions.asOf(AS_OF))
                .benefitCodes(List.of("LOW_INCOME_TOP_UP")).build()
                .compare(POPULATION, List.of(), List.of(), ch -> { });
        // only top-ups: h1 +3000, h2 +2000; h5 gains medical and housing only, which are not counted
        assertThat(c.households().winners()).isEqualTo(new GainLoss(2, 5000));
        assertThat(c.cost()).isEqualTo(new Comparison.Cost(4000, 9000, 5000));
        // per-code totals still list every code
        assertThat(c.total("HOUSING_RENOVATION", Outcome.GRANTED).orElseThrow().deltaYuan()).isEqualTo(20000);
        assertThat(c.benefitCodes()).containsExactly("LOW_INCOME_TOP_UP");
    }

    @Test
    void aReformParameterNoPackDefinesIsRejectedWithItsLineAndADidYouMean() throws Exception {
        Path dir = java.nio.file.Files.createTempDirectory("reform-test");
        Path f = dir.resolve("typo.yaml");
        java.nio.file.Files.writeString(f, """
                name: typo
                description: Misspells the line.
                effective: 2025-01-01
                parameters:
                  low_income.lien: 15000
                """);
        Reform typo = ReformFiles.read(f);
        assertThatThrownBy(() -> typo.engineBuilder(PACKS, List.of()).build())
                .isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> {
                            assertThat(p.file()).isEqualTo(f.toString());
                            assertThat(p.line()).isEqualTo(5);
                            assertThat(p.message()).contains("'low_income.lien' is not defined by any loaded pack",
                                    "did you mean 'low_income.line'");
                        }));
    }
}
