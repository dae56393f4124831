package org.fuyu.policy.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.fuyu.policy.HouseholdInput;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.PolicyException;
import org.fuyu.policy.SubjectType;
import org.fuyu.policy.facts.CollectiveIncome;
import org.fuyu.policy.facts.County;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.facts.Income;
import org.fuyu.policy.facts.Person;
import org.fuyu.policy.facts.Village;
import org.fuyu.policy.packs.RulePacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading the policy properties declared next to packs, and the changes they name. */
class PolicyPropertiesTest {
    static final PolicyEngine LOW_INCOME = PolicyEngine.builder()
            .addPacks(RulePacks.fromClasspath(List.of("low-income-relief"))).build();

    @TempDir
    Path dir;

    @Test
    void theLowIncomePackDeclaresItsPolicyProperties() {
        PolicyProperties p = PolicyProperties.of(LOW_INCOME);
        assertThat(p.monotone()).singleElement().satisfies(m -> {
            assertThat(m.change()).hasToString("household.income down");
            assertThat(m.codes()).contains("LOW_INCOME_TOP_UP", "EDUCATION_FEE_WAIVER")
                    .doesNotContain("RETURN_TO_POVERTY_MONITORING", "PUBLIC_WELFARE_JOB");
            assertThat(m.source()).isEqualTo("classpath:packs/low-income-relief/properties.yaml properties[0]");
        });
        assertThat(p.amounts()).extracting(PolicyProperties.Amount::code).containsExactly("LOW_INCOME_TOP_UP",
                "MEDICAL_SUPPLEMENTARY_INSURANCE", "EDUCATION_FEE_WAIVER", "HOUSING_RENOVATION");
        assertThat(p.amounts()).filteredOn(PolicyProperties.Amount::capOnly).hasSize(2);
        assertThat(p.implies()).hasSize(4);
        assertThat(p.bands()).isEmpty();
        assertThat(p.all()).allSatisfy(d -> assertThat(d.pack()).isEqualTo("low-income-relief"));
        assertThat(PolicyProperties.of(LOW_INCOME)).isSameAs(p);
    }

    @Test
    void anEditedCopyWithoutItsOwnFileIsCheckedAgainstTheShippedDeclarations() throws IOException {
        Path pack = copyOfLowIncome(false);
        PolicyEngine engine = PolicyEngine.builder().addPacks(RulePacks.fromDirectory(pack)).build();
        assertThat(PolicyProperties.of(engine).all()).hasSize(9)
                .allSatisfy(d -> assertThat(d.source()).startsWith("classpath:packs/low-income-relief/properties.yaml"));
    }

    @Test
    void anEditedCopyWithItsOwnFileUsesIt() throws IOException {
        Path pack = copyOfLowIncome(false);
        Files.writeString(pack.resolve("properties.yaml"), """
                properties:
                  - amount: {code: HOUSING_RENOVATION, equals: low_income.housing_grant}
                """);
        PolicyEngine engine = PolicyEngine.builder().addPacks(RulePacks.fromDirectory(pack)).build();
        assertThat(PolicyProperties.of(engine).all()).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("HOUSING_RENOVATION amount = low_income.housing_grant");
            assertThat(d.source()).isEqualTo(pack.resolve("properties.yaml") + " properties[0]");
        });
    }

    @Test
    void everyUnusableDeclarationIsReportedWithItsFileAndEntry() throws IOException {
        Path pack = copyOfLowIncome(false);
        Files.writeString(pack.resolve("properties.yaml"), """
                properties:
                  - name: two kinds
                    amount: {code: LOW_INCOME_TOP_UP, equals: members}
                    implies: {code: LOW_INCOME_TOP_UP, requires: [HELPER_ASSIGNED]}
                  - amount: {code: NO_SUCH_CODE, equals: members}
                  - amount: {code: LOW_INCOME_TOP_UP, equals: low_income.lin × members}
                  - monotone: {change: household.wealth, direction: down, codes: [LOW_INCOME_TOP_UP]}
                  - monotone: {change: household.income, direction: sideways, codes: [LOW_INCOME_TOP_UP]}
                  - bands: {change: household.income, direction: up, order: [LOW_INCOME_HOUSEHOLD, EDUCATION_FEE_WAIVER]}
                  - implies: {code: LOW_INCOME_TOP_UP}
                  - amount: {code: LOW_INCOME_TOP_UP, equals: "members ×"}
                """);
        PolicyEngine engine = PolicyEngine.builder().addPacks(RulePacks.fromDirectory(pack)).build();
        assertThatThrownBy(() -> PolicyProperties.of(engine)).isInstanceOf(PolicyException.class).satisfies(e -> {
            List<String> messages = ((PolicyException) e).problems().stream().map(Object::toString).toList();
            String file = pack.resolve("properties.yaml").toString();
            assertThat(messages).hasSize(8).allSatisfy(m -> assertThat(m).startsWith(file + ": properties["));
            assertThat(messages.get(0)).endsWith("properties[0] (two kinds): give exactly one of monotone, amount, implies, bands");
            assertThat(messages.get(1)).endsWith("code NO_SUCH_CODE is not produced by any loaded pack");
            assertThat(messages.get(2)).contains("'low_income.lin' in 'low_income.lin × members' is neither a parameter "
                    + "nor a value of the household (", "totalIncome");
            assertThat(messages.get(3)).contains("change 'household.wealth': not a number a property can change; one of [",
                    "household.income", "village.collectiveIncome.operating");
            assertThat(messages.get(4)).endsWith("direction 'sideways': expected up or down");
            assertThat(messages.get(5)).endsWith("band EDUCATION_FEE_WAIVER is about PERSON, the change about HOUSEHOLD");
            assertThat(messages.get(6)).endsWith("implies: give requires or excludes");
            assertThat(messages.get(7)).contains("the expression ends too soon");
        });
    }

    @Test
    void aPackWithoutDeclarationsHasNone() {
        PolicyEngine engine = PolicyEngine.builder().addPack(new SuiteCatchesBrokenPacksTest.Fixture("no-citation")).build();
        assertThat(PolicyProperties.of(engine).all()).isEmpty();
    }

    // ---- changes ----

    private static final Person ADULT = new Person("p1", 40, true, false, false, false, Set.of());

    private static Scenario scenario(Household h, Village v, County c) {
        return new Scenario(LocalDate.of(2024, 6, 30), false, List.of(HouseholdInput.of(h)), List.of(v),
                c == null ? List.of() : List.of(c));
    }

    @Test
    void loweringIncomeTakesFromWagePropertyTransferThenOperating() {
        Household h = new Household("h1", "v1", null, null, List.of(ADULT), new Income(100, 50, 20, 30), null, null, 0,
                0, null, null);
        Scenario s = scenario(h, new Village("v1", "C1", null, null, 0, null, 0), null);
        FactChange down = FactChange.parse("household.income", "down");

        FactChange.Applied a = down.apply(s, 0, 170);

        assertThat(a.changed().households().get(0).household().income()).isEqualTo(new Income(0, 30, 0, 0));
        assertThat(a.description()).isEqualTo("lowered household h1 totalIncome from 200 to 30");
        // operating may go negative (a loss)
        assertThat(down.apply(s, 0, 500).changed().households().get(0).household().totalIncome()).isEqualTo(-300);
        assertThat(FactChange.parse("household.income", "UP").apply(s, 7, 5).changed().households().get(0).household()
                .income().wage()).isEqualTo(105);
    }

    @Test
    void aFieldChangeStaysValidOrIsSkipped() {
        Village v = new Village("v1", "C1", null, null, 10, new CollectiveIncome(30_000, 40_000), 2);
        County c = new County("C1", 100L, null, null, null, null, null, null);
        Household h = new Household("h1", "v1", null, null, List.of(ADULT), null, null, null, 0, 0, null, null);
        Scenario s = scenario(h, v, c);

        FactChange up = FactChange.parse("village.collectiveIncome.operating", "up");
        assertThat(up.subject()).isEqualTo(SubjectType.VILLAGE);
        assertThat(up.apply(s, 0, 170_000).changed().villages().get(0).collectiveIncome())
                .isEqualTo(new CollectiveIncome(200_000, 40_000));
        // below 0 is not a count: lowered to 0 instead, and not at all when it already is 0
        FactChange down = FactChange.parse("village.newAgriculturalEntities", "down");
        assertThat(down.apply(s, 0, 5).changed().villages().get(0).newAgriculturalEntities()).isZero();
        assertThat(FactChange.parse("household.medicalExpenseYuan", "down").apply(s, 0, 5)).isNull();
        // a county statistic that is not given is not changed
        assertThat(FactChange.parse("county.previousRuralPerCapitaIncome", "up").apply(s, 0, 5)).isNull();
        assertThat(FactChange.parse("county.ruralPerCapitaIncome", "up").apply(s, 0, 5).changed().counties().get(0)
                .ruralPerCapitaIncome()).isEqualTo(105L);
        // no business in the scenario: nothing to change
        assertThat(FactChange.parse("business.landAreaMu", "up").apply(s, 0, 5)).isNull();
    }

    @Test
    void boundaryAmountsMoveTheNumberOntoEachThresholdAndOnePast() {
        Household h = new Household("h1", "v1", null, null, List.of(ADULT, new Person("p2", 8, false, false, false, true,
                Set.of())), new Income(30_000, 0, 0, 0), null, null, 0, 0, null, null);
        Scenario s = scenario(h, new Village("v1", "C1", null, null, 0, null, 0), null);
        Thresholds t = new Thresholds(ThresholdsTest.LOW_INCOME, LocalDate.of(2024, 6, 30));
        // 2 members: line × 2 = 26000; from 30000 down by 4000 lands on it, by 4001 one below
        assertThat(FactChange.parse("household.income", "down").boundaryAmounts(s, 0, t))
                .contains(1L, 4_000L, 4_001L, 4_002L, 30_000L, 30_001L);
        assertThat(FactChange.parse("household.income", "down").value(s, 0)).isEqualByComparingTo(BigDecimal.valueOf(30_000));
    }

    private Path copyOfLowIncome(boolean withProperties) throws IOException {
        Path pack = dir.resolve("low-income-relief");
        Files.createDirectories(pack);
        for (String f : List.of("pack.yaml", "low-income-relief.rules.yaml", "parameters.yaml", "properties.yaml")) {
            if (f.equals("properties.yaml") && !withProperties) {
                continue;
            }
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("packs/low-income-relief/" + f)) {
                Files.write(pack.resolve(f), in.readAllBytes());
            }
        }
        return pack;
    }
}
