package org.fuyu.policy.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.fuyu.policy.packs.RulePacks;
import org.fuyu.policy.params.ParameterSet;
import org.junit.jupiter.api.Test;

/** The boundaries the low-income pack's default parameters create (spec §3.1). */
class ThresholdsTest {
    static final ParameterSet LOW_INCOME = RulePacks.fromClasspath(List.of("low-income-relief")).get(0).parameters();
    final Thresholds t = new Thresholds(LOW_INCOME, LocalDate.of(2024, 6, 30));

    @Test
    void moneyBoundariesAreEachWholeParameterAndItsNeighbours() {
        assertThat(t.money()).contains(0L, 12_999L, 13_000L, 13_001L, 99_999L, 100_000L, 100_001L, 25_999L, 26_000L,
                26_001L, 149L, 150L, 151L, 19_999L, 20_000L, 20_001L).isSorted();
        assertThat(t.money()).doesNotContain(13_002L, 6L);
    }

    @Test
    void countBoundariesAreSmallParametersAndQuotientsOfParameters() {
        // ages 6, 22, 16, 60 ± 1
        assertThat(t.ages()).contains(5, 6, 7, 21, 22, 23, 15, 16, 17, 59, 60, 61);
        // 100000 / 2000 = 50, 26000 / 13000 = 2: whole quotients (a cap over a per-unit amount)
        assertThat(t.counts()).contains(49, 50, 51, 1, 2, 3);
    }

    @Test
    void householdTotalsPutPerCapitaIncomeJustBelowAtAndJustAboveTheLineAndTheMonitoringLine() {
        // 3 members: line 13000 × 3 = 39000; monitoring 1.5 × 39000 = 58500
        assertThat(t.householdTotals(3)).contains(0L, 38_999L, 39_000L, 39_001L, 58_499L, 58_500L, 58_501L);
        assertThat(t.householdTotals(1)).contains(12_999L, 13_000L, 13_001L, 19_499L, 19_500L, 19_501L);
    }

    @Test
    void sharesGrowthAndFactorsUseTheRatesAndFactorsInForce() {
        assertThat(t.rates()).containsExactly(new java.math.BigDecimal("0.5"));
        assertThat(t.factors()).containsExactly(new java.math.BigDecimal("1.5"));
        // shock share 0.5 of 39001 = 19500.5: 19499 … 19502
        assertThat(t.sharesOf(39_001)).contains(19_499L, 19_500L, 19_501L, 19_502L);
        assertThat(t.grownFrom(100)).containsExactly(149L, 150L, 151L);
        assertThat(t.timesFactors(1000)).containsExactly(1499L, 1500L, 1501L);
        // savings limit 26000 × 2 members
        assertThat(t.savings(2)).contains(51_999L, 52_000L, 52_001L);
    }

    @Test
    void nothingIsInForceBeforeTheFirstEffectiveDate() {
        Thresholds before = new Thresholds(LOW_INCOME, LocalDate.of(2021, 12, 31));
        assertThat(before.value("low_income.line")).isNull();
        assertThat(before.money()).containsExactly(0L);
        assertThat(t.value("low_income.line")).isEqualByComparingTo("13000");
    }
}
