package org.fuyu.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.fuyu.policy.CaseResult;
import org.fuyu.policy.Decision;
import org.fuyu.policy.EvaluationOptions;
import org.fuyu.policy.HouseholdInput;
import org.fuyu.policy.Outcome;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.WhatWouldChange;
import org.fuyu.policy.facts.Assets;
import org.fuyu.policy.facts.Business;
import org.fuyu.policy.facts.BusinessKind;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.facts.Income;
import org.fuyu.policy.facts.Person;
import org.fuyu.policy.packs.RulePacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What would change a result, with the spec's default parameters (asOf 2024-06-30): the numbers
 * are worked out by hand from spec §3.1, §3.2 and §3.4 (line 13000 per person, vehicle at most
 * 100000, savings at most 26000 per member, micro-credit below 50000 outstanding, 50 mu).
 */
class WhatWouldChangeTest {
    static final LocalDate AS_OF = LocalDate.of(2024, 6, 30);
    static PolicyEngine engine;

    @BeforeAll
    static void build() {
        engine = PolicyEngine.builder().addPacks(RulePacks.fromClasspath(ShippedPacksTest.ALL)).build();
    }

    static Household.Builder household(String id) {
        return Household.builder().id(id).villageId("V01").countyId("C01");
    }

    static Person adult(String id) {
        return Person.builder().id(id).age(40).laborCapable(true).employed(true).build();
    }

    static CaseResult evaluate(HouseholdInput in) {
        return engine.evaluate(in, EvaluationOptions.asOf(AS_OF).withWhatWouldChange());
    }

    static Decision decision(CaseResult r, String code) {
        return r.decisions().stream().filter(d -> d.code().equals(code)).findFirst().orElseThrow();
    }

    static List<String> sets(CaseResult r, String code) {
        WhatWouldChange w = r.whatWouldChange(decision(r, code));
        assertThat(w).as("what would change %s", code).isNotNull();
        return w.changeSets().stream().map(WhatWouldChange.ChangeSet::toString).toList();
    }

    @Test
    void aVehicleAboveTheMaximumIsTheOneChangeOfWorkedExample2() {
        // spec example 2: 3 members, 27000 income, vehicle 150000: top-up denied for the vehicle alone
        Household h = household("H2").member(adult("P1")).member(adult("P2")).member(adult("P3"))
                .income(20000, 4000, 0, 3000).assets(new Assets(150000, false, 0)).build();
        CaseResult r = evaluate(HouseholdInput.of(h));
        assertThat(decision(r, "LOW_INCOME_TOP_UP").outcome()).isEqualTo(Outcome.DENIED);
        assertThat(sets(r, "LOW_INCOME_TOP_UP")).containsExactly("[assets.vehicleValueYuan: 150000 → at most 100000]");
    }

    @Test
    void perCapitaIncomeIsSolvedForEachIncomeSourceOverTheMembers() {
        // 2 members, wage 30000: per capita 15000 ≥ 13000; below the line needs total ≤ 25999
        Household h = household("H3").member(adult("P1")).member(adult("P2")).income(30000, 0, 0, 0).build();
        CaseResult r = evaluate(HouseholdInput.of(h));
        assertThat(decision(r, "LOW_INCOME_TOP_UP").outcome()).isEqualTo(Outcome.DENIED);
        assertThat(sets(r, "LOW_INCOME_TOP_UP")).containsExactly("[income.wage: 30000 → at most 25999]");
        assertThat(sets(r, "LOW_INCOME_HOUSEHOLD")).containsExactly("[income.wage: 30000 → at most 25999]");
    }

    @Test
    void twoFailedCriteriaNeedTwoChangesAndNeitherAloneIsReported() {
        // 1 member, wage 10000 (identified), vehicle 120000 > 100000 and savings 30000 > 26000 × 1
        Household h = household("H4").member(adult("P1")).income(10000, 0, 0, 0)
                .assets(new Assets(120000, false, 30000)).build();
        CaseResult r = evaluate(HouseholdInput.of(h));
        assertThat(sets(r, "LOW_INCOME_TOP_UP")).containsExactly(
                "[assets.savingsYuan: 30000 → at most 26000, assets.vehicleValueYuan: 120000 → at most 100000]");
    }

    @Test
    void theMarginOfAGrantIsHowFarTheWageMayRise() {
        // 1 member, wage 1000: below the line while wage ≤ 12999, so it may rise by 11999
        Household h = household("H5").member(adult("P1")).income(1000, 0, 0, 0).build();
        CaseResult r = evaluate(HouseholdInput.of(h));
        Decision topUp = decision(r, "LOW_INCOME_TOP_UP");
        assertThat(topUp.outcome()).isEqualTo(Outcome.GRANTED);
        WhatWouldChange w = r.whatWouldChange(topUp);
        WhatWouldChange.Margin wage = w.margins().stream().filter(m -> m.field().equals("income.wage")).findFirst().orElseThrow();
        assertThat(wage.mayRiseBy()).isEqualTo(11999L);
        assertThat(wage.mayFallBy()).isNull();
        assertThat(wage.describe("LOW_INCOME_TOP_UP", false))
                .isEqualTo("income.wage may rise by up to 11999 before LOW_INCOME_TOP_UP is lost");
        // the vehicle may be worth up to 100000
        assertThat(w.margins()).anySatisfy(m -> {
            assertThat(m.field()).isEqualTo("assets.vehicleValueYuan");
            assertThat(m.mayRiseBy()).isEqualTo(100000L);
        });
    }

    @Test
    void aCodeNoMutableFactReachesSaysSo() {
        // a housing renovation needs a dangerous house, which the housing office assesses (not mutable)
        Household h = household("H6").member(adult("P1")).income(1000, 0, 0, 0).build();
        CaseResult r = evaluate(HouseholdInput.of(h));
        WhatWouldChange w = r.whatWouldChange(decision(r, "HOUSING_RENOVATION"));
        assertThat(w.changeSets()).isEmpty();
        assertThat(w.cannot()).isEqualTo(WhatWouldChange.CANNOT_QUALIFY).contains("cannot qualify by changing mutable facts");
    }

    @Test
    void aBusinessNeedsMoreLandAndAnOverdueLoanRepaid() {
        // family farm of 30 mu: the award needs at least 50 mu (scale_award.min_mu)
        Person owner = Person.builder().id("P1").age(40).laborCapable(true).employed(true)
                .category(org.fuyu.policy.facts.PersonCategory.VETERAN).build();
        Household h = household("H7").member(owner).income(60000, 0, 0, 0)
                .credit(org.fuyu.policy.facts.Credit.builder().overdue(true).build()).build();
        Business b = Business.builder().id("B1").ownerId("P1").householdId("H7").villageId("V01")
                .kind(BusinessKind.FAMILY_FARM).landAreaMu(new java.math.BigDecimal("30")).build();
        CaseResult r = evaluate(new HouseholdInput(h, List.of(b)));
        assertThat(sets(r, "SCALE_FARMER_AWARD")).containsExactly("[businesses[B1].landAreaMu: 30 → at least 50]");
        assertThat(sets(r, "GUARANTEE_LOAN")).containsExactly("[credit.overdue: true → false]");
    }

    @Test
    void aPackThatLetsStatusesChangeGetsAddMonitored(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        // a county that treats statuses as something a household may apply for: the micro-loan pack copied
        // with statuses in mutable:. 2 members, wage 40000 (20000 per person): not in the target group
        java.nio.file.Path from = java.nio.file.Path.of(WhatWouldChangeTest.class.getResource("/packs/micro-loan").toURI());
        java.nio.file.Path dir = tmp.resolve("micro-loan");
        java.nio.file.Files.createDirectories(dir);
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(from)) {
            for (java.nio.file.Path f : files.toList()) {
                java.nio.file.Files.copy(f, dir.resolve(f.getFileName().toString()));
            }
        }
        java.nio.file.Files.writeString(dir.resolve("pack.yaml"), "  - statuses\n", java.nio.file.StandardOpenOption.APPEND);
        PolicyEngine county = PolicyEngine.builder().addPacks(RulePacks.fromDirectory(tmp)).build();
        Household h = household("H9").member(adult("P1")).member(adult("P2")).income(40000, 0, 0, 0).build();
        CaseResult r = county.evaluate(HouseholdInput.of(h), EvaluationOptions.asOf(AS_OF).withWhatWouldChange(5));
        WhatWouldChange w = r.whatWouldChange(decision(r, "POVERTY_MICRO_CREDIT"));
        assertThat(w.changeSets().stream().map(WhatWouldChange.ChangeSet::toString).toList()).containsExactly(
                "[income.wage: 40000 → at most 25999]", "[statuses: add MINIMUM_LIVING]",
                "[statuses: add EXTREME_POVERTY_SUPPORT]", "[statuses: add POVERTY_ALLEVIATED]", "[statuses: add MONITORED]");
        // the shipped pack does not let statuses change
        CaseResult shipped = evaluate(HouseholdInput.of(h));
        assertThat(sets(shipped, "POVERTY_MICRO_CREDIT")).containsExactly("[income.wage: 40000 → at most 25999]");
    }

    @Test
    void decisionsAreTheSameWithAndWithoutTheOption() {
        Household h = household("H8").member(adult("P1")).member(adult("P2")).income(30000, 0, 0, 0)
                .assets(new Assets(150000, false, 0)).build();
        CaseResult plain = engine.evaluate(HouseholdInput.of(h), EvaluationOptions.asOf(AS_OF).withDenials());
        CaseResult with = evaluate(HouseholdInput.of(h));
        assertThat(with.decisions()).isEqualTo(plain.decisions());
        assertThat(plain.whatWouldChange()).isEmpty();
    }
}
