package org.fuyu.policy.reform;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class IncomeBandsTest {

    @Test
    void tenDistinctIncomesFillTenDeciles() {
        IncomeBands bands = new IncomeBands();
        for (int i = 0; i < 10; i++) {
            bands.add(BigDecimal.valueOf(1000L * (10 - i)), 0, i, false); // household with 10000 - 1000 i gains i
        }
        List<Comparison.IncomeBand> d = bands.deciles();
        assertThat(d).hasSize(10);
        assertThat(d.get(0).perCapitaMin()).isEqualByComparingTo("1000");
        assertThat(d.get(0).winners()).isEqualTo(new Comparison.GainLoss(1, 9));
        assertThat(d.get(9).perCapitaMax()).isEqualByComparingTo("10000");
        assertThat(d.get(9).winners()).isEqualTo(new Comparison.GainLoss(0, 0));
    }

    @Test
    void tiesShareADecileAndEmptyDecilesAreLeftOut() {
        IncomeBands bands = new IncomeBands();
        // ranks 0..4 of 5: deciles ⌊10 r / 5⌋ + 1 = 1, 3, 3 (tie), 7, 9
        bands.add(new BigDecimal("9000.00"), 4000, 6000, true);
        bands.add(new BigDecimal("14000.00"), 0, 5450, true);
        bands.add(new BigDecimal("14000.00"), 0, 20300, true);
        bands.add(new BigDecimal("20000.00"), 0, 0, true);
        bands.add(new BigDecimal("25000.00"), 0, 0, false);
        List<Comparison.IncomeBand> d = bands.deciles();
        assertThat(d).extracting(Comparison.IncomeBand::decile).containsExactly(1, 3, 7, 9);
        Comparison.IncomeBand third = d.get(1);
        assertThat(third.households()).isEqualTo(2);
        assertThat(third.winners()).isEqualTo(new Comparison.GainLoss(2, 25750));
        assertThat(third.deltaYuan()).isEqualTo(25750);
        assertThat(d.get(2).changed()).isEqualTo(1);
        assertThat(d.get(2).winners().count()).isZero();
    }

    @Test
    void incomesWithinABinAreTies() {
        assertThat(IncomeBands.binOf(1_234_56)).isEqualTo(1_234_00);       // 1234.56 → [1234, 1235)
        assertThat(IncomeBands.binOf(12_345_67)).isEqualTo(12_340_00);     // 12345.67 → [12340, 12350)
        assertThat(IncomeBands.binOf(123_456_78)).isEqualTo(123_400_00);   // four significant figures
        assertThat(IncomeBands.binOf(-50)).isEqualTo(-100);                // −0.50 → [−1, 0)
        assertThat(IncomeBands.binOf(-12_345_00)).isEqualTo(-12_350_00);
    }

    @Property
    void binsKeepIncomeOrderAndHoldTheirIncome(@ForAll @LongRange(min = -10_000_000_000L, max = 10_000_000_000L) long a,
                                               @ForAll @LongRange(min = -10_000_000_000L, max = 10_000_000_000L) long b) {
        long lo = Math.min(a, b);
        long hi = Math.max(a, b);
        assertThat(IncomeBands.binOf(lo)).isLessThanOrEqualTo(IncomeBands.binOf(hi));
        assertThat(IncomeBands.binOf(a)).isLessThanOrEqualTo(a);
    }

    @Property(tries = 200)
    void binsAreBoundedByTheRangeNotTheNumberOfHouseholds(@ForAll @LongRange(min = 0, max = 500_000) long seed) {
        IncomeBands bands = new IncomeBands();
        java.util.Random r = new java.util.Random(seed);
        for (int i = 0; i < 20_000; i++) {
            bands.add(BigDecimal.valueOf(r.nextInt(100_000_00), 2), 0, 0, false); // 0 – 100,000 yuan
        }
        // ≤ 10,000 one-yuan bins below 10,000 and ≤ 9,000 ten-yuan bins up to 100,000
        assertThat(bands.binCount()).isLessThanOrEqualTo(19_000);
        assertThat(bands.deciles().stream().mapToLong(Comparison.IncomeBand::households).sum()).isEqualTo(20_000);
    }
}
