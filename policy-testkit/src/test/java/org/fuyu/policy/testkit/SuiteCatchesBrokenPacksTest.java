package org.fuyu.policy.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.function.UnaryOperator;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.packs.ClasspathRulePack;
import org.fuyu.policy.packs.RulePacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every property of the suite fails on a pack broken the way it guards against, and names the
 * problem: the suite is not vacuous. Fixture packs are under {@code src/test/resources/fixture-packs}
 * or are the shipped low-income pack with one line changed.
 */
class SuiteCatchesBrokenPacksTest {
    private static final LocalDate AS_OF = LocalDate.of(2024, 6, 30);

    /** A fixture on the test class path, trusted like a shipped pack. */
    static final class Fixture extends ClasspathRulePack {
        Fixture(String name) {
            super("fixture-packs/" + name);
        }
    }

    private static PolicyCheck.Result check(PolicyEngine engine) {
        return PolicyCheck.run(engine, null, new PolicyCheck.Options(AS_OF, 100, "20240630"));
    }

    private static PolicyCheck.Result checkFixture(String name) {
        return check(PolicyEngine.builder().addPack(new Fixture(name)).build());
    }

    private static PolicyCheck.PropertyResult result(PolicyCheck.Result r, String method) {
        return r.properties().stream().filter(p -> p.method().equals(method)).findFirst().orElseThrow();
    }

    private static PolicyPropertyFailure failed(PolicyCheck.Result r, String method) {
        PolicyCheck.PropertyResult p = result(r, method);
        assertThat(p.status()).as(r.text()).isEqualTo(PolicyCheck.Status.FAILED);
        return p.counterexample().orElseThrow(() -> new AssertionError("no counterexample: " + p.failure()));
    }

    @Test
    void orderIndependenceCatchesARuleThatReadsTheFirstMember() {
        PolicyCheck.Result r = checkFixture("order-dependent");
        PolicyPropertyFailure f = failed(r, "orderIndependence");
        assertThat(f.cases()).extracting(PolicyPropertyFailure.LabelledCase::label).containsExactly("in input order", "shuffled");
        assertThat(f.problems()).anySatisfy(p -> assertThat(p).contains("FIRST_MEMBER_SENIOR"));
        // shrunk to one household; any counterexample has a member 60 or older and one younger
        assertThat(f.cases().get(0).evaluation().scenario().households()).singleElement().satisfies(h -> {
            assertThat(h.household().members()).anyMatch(m -> m.age() >= 60).anyMatch(m -> m.age() < 60);
        });
        assertThat(result(r, "determinism").status()).isEqualTo(PolicyCheck.Status.PASSED);
    }

    @Test
    void criteriaAndCitationCatchesARuleWithoutCitation() {
        PolicyPropertyFailure f = failed(checkFixture("no-citation"), "criteriaAndCitation");
        assertThat(f.problems()).contains("household h1 UNCITED FLAG has no citation (rule UNCITED needs @citation)");
    }

    @Test
    void neverGrantedAndDeniedCatchesTwoRulesDecidingOneCodeDifferently() {
        PolicyPropertyFailure f = failed(checkFixture("granted-and-denied"), "neverGrantedAndDenied");
        assertThat(f.problems()).singleElement().asString().isEqualTo("household h1 SUPPORT got [GRANTED, DENIED]");
        assertThat(f.cases().get(0).evaluation().scenario().explainDenials()).isTrue();
    }

    @Test
    void determinismCatchesARuleThatTossesACoin() {
        PolicyCheck.Result r = checkFixture("nondeterministic");
        assertThat(result(r, "determinism").status()).isEqualTo(PolicyCheck.Status.FAILED);
        assertThat(r.passed()).isFalse();
    }

    @Test
    void bandsHoldForACorrectBandingAndFailWhenRaisingIncomeLowersTheBand() {
        PolicyCheck.Result good = checkFixture("village-bands");
        assertThat(good.passed()).as(good.text()).isTrue();
        assertThat(result(good, "declaredBands").tries()).isEqualTo(100);

        PolicyPropertyFailure f = failed(checkFixture("village-bands-broken"), "declaredBands");
        assertThat(f.property()).startsWith("every village is in exactly one band");
        // shrunk to one village raised onto bands.top (1500000) or above: back to BAND_LOW
        assertThat(f.problems()).hasSize(2);
        assertThat(f.problems().get(0)).matches("after the change: raised village v1 collectiveIncome.operating from \\d+ to \\d+");
        assertThat(f.problems().get(1)).matches("village v1 moved from BAND_(MIDDLE|HIGH) to BAND_LOW");
        assertThat(f.cases()).hasSize(2);
        long after = f.cases().get(1).evaluation().scenario().villages().get(0).collectiveIncome().operating();
        assertThat(after).isGreaterThanOrEqualTo(1_500_000);
    }

    @Test
    void monotoneCatchesATopUpThatNeedsSomeIncome(@TempDir Path dir) throws IOException {
        // lowering income below 150 yuan now removes the top-up
        PolicyEngine engine = lowIncomeWith(dir, rules -> rules.replace(
                "      - perCapitaIncome < low_income.line\n",
                "      - perCapitaIncome < low_income.line\n      - totalIncome >= low_income.medical_premium\n"));
        PolicyPropertyFailure f = failed(check(engine), "declaredMonotone");
        assertThat(f.property()).isEqualTo("lowering a household's income never removes a benefit nor lowers its amount");
        assertThat(f.problems()).anySatisfy(p -> assertThat(p).startsWith("household h1 lost LOW_INCOME_TOP_UP (GRANTED"));
        assertThat(f.cases()).extracting(PolicyPropertyFailure.LabelledCase::label)
                .satisfies(labels -> assertThat(labels.get(1)).startsWith("after the change (lowered household h1 totalIncome"));
    }

    @Test
    void impliesCatchesMonitoringOfAnIdentifiedHousehold(@TempDir Path dir) throws IOException {
        PolicyEngine engine = lowIncomeWith(dir, rules -> rules.replace("      - not identifiedLowIncome\n", ""));
        PolicyPropertyFailure f = failed(check(engine), "declaredImplications");
        assertThat(f.property()).isEqualTo("a household already identified is not also put under return-to-poverty monitoring");
        assertThat(f.problems()).contains("household h1 got both RETURN_TO_POVERTY_MONITORING and LOW_INCOME_HOUSEHOLD");
    }

    @Test
    void explainingDenialsCatchesAGuardStricterThanTheConsequence(@TempDir Path dir) throws IOException {
        // A guard stricter than its consequence cannot be written in the rule language (the when and the
        // explanation come from one expression), so this is hand-written DRL in a trusted directory: the
        // guard of the housing grant also asks for no child under 6, which the consequence does not.
        PolicyEngine engine = trustedDrlWith(dir, drl -> {
            int rule = drl.indexOf("rule \"HOUSING_RENOVATION\"");
            String guard = "$c : HouseholdCase( explainDenials || identifiedLowIncome.passed )";
            int at = drl.indexOf(guard, rule);
            return drl.substring(0, at) + "$c : HouseholdCase( explainDenials || (identifiedLowIncome.passed"
                    + " && membersAged(0, 5) == 0) )" + drl.substring(at + guard.length());
        });
        PolicyCheck.Result r = check(engine);
        PolicyPropertyFailure f = failed(r, "explainingDenialsOnlyAddsDenials");
        assertThat(f.property()).isEqualTo("explaining denials only adds denials: a guard never hides a grant");
        assertThat(f.problems()).anySatisfy(p -> assertThat(p).contains("HOUSING_RENOVATION"));
        assertThat(f.cases()).extracting(PolicyPropertyFailure.LabelledCase::label)
                .containsExactly("denials not explained", "denials explained (DENIED left out)");
        // shrunk to one household with a young child in an unsafe house
        assertThat(f.cases().get(0).evaluation().scenario().households()).singleElement()
                .satisfies(h -> assertThat(h.household().members()).anyMatch(m -> m.age() <= 5));
        assertThat(result(r, "neverGrantedAndDenied").status()).isEqualTo(PolicyCheck.Status.PASSED);
    }

    @Test
    void amountsCatchAGrantAboveItsDeclaredCap(@TempDir Path dir) throws IOException {
        PolicyEngine engine = lowIncomeWith(dir, rules -> rules.replace(
                "grant: low_income.housing_grant\n", "grant: low_income.housing_grant * 2\n"));
        PolicyPropertyFailure f = failed(check(engine), "amounts");
        assertThat(f.problems()).singleElement().asString().isEqualTo("household h1 HOUSING_RENOVATION 40000 is above "
                + "low_income.housing_grant = 20000 (low_income.housing_grant = 20000) "
                + "[low-income-relief: the housing renovation grant is at most the grant amount]");
    }

    /** The hand-written DRL version of the low-income pack (a test fixture) in a trusted directory, its DRL edited. */
    private static PolicyEngine trustedDrlWith(Path dir, UnaryOperator<String> edit) throws IOException {
        Path pack = dir.resolve("low-income-drl");
        Files.createDirectories(pack);
        for (String f : List.of("pack.yaml", "low-income-relief.drl", "parameters.yaml", "properties.yaml")) {
            try (InputStream in = SuiteCatchesBrokenPacksTest.class.getClassLoader()
                    .getResourceAsStream("fixture-packs/low-income-drl/" + f)) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (f.endsWith(".drl")) {
                    String changed = edit.apply(text);
                    assertThat(changed).as("the edit applies to the DRL").isNotEqualTo(text);
                    text = changed;
                }
                Files.writeString(pack.resolve(f), text);
            }
        }
        return PolicyEngine.builder().addPacks(RulePacks.fromTrustedDirectory(pack)).build();
    }

    /** The shipped low-income pack as a directory, its rule file changed by {@code edit} (which must change it). */
    private static PolicyEngine lowIncomeWith(Path dir, UnaryOperator<String> edit) throws IOException {
        Path pack = dir.resolve("low-income-relief");
        Files.createDirectories(pack);
        for (String f : List.of("pack.yaml", "low-income-relief.rules.yaml", "parameters.yaml", "properties.yaml")) {
            try (InputStream in = SuiteCatchesBrokenPacksTest.class.getClassLoader()
                    .getResourceAsStream("packs/low-income-relief/" + f)) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (f.endsWith(".rules.yaml")) {
                    String changed = edit.apply(text);
                    assertThat(changed).as("the edit applies to the shipped rule file").isNotEqualTo(text);
                    text = changed;
                }
                Files.writeString(pack.resolve(f), text);
            }
        }
        return PolicyEngine.builder().addPacks(RulePacks.fromDirectory(pack)).build();
    }
}
