package org.fuyu.policy.reform;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Winners and losers by per-capita income decile in one pass with bounded memory. Deciles need
 * the whole population's ranks, which are only known at the end; instead of keeping every
 * household, households are counted into bins of per-capita income narrow enough to act as
 * ties: one yuan below 10,000, ten yuan below 100,000, then four significant figures (the same
 * on the negative side). The number of bins depends on the range of incomes, never on the
 * number of households (at most about 10,000 + 9,000 per power of ten). At the end each bin,
 * in income order, goes whole to the decile of its first household's rank:
 * {@code decile = ⌊10 × households before it / households⌋ + 1}. Households in one bin
 * always share a decile, so a decile holds about, not exactly, a tenth of the households.
 */
final class IncomeBands implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final TreeMap<Long, Bin> bins = new TreeMap<>();
    private long households;

    /** Totals of one bin. */
    private static final class Bin extends GroupTotals {
        long minCents = Long.MAX_VALUE;
        long maxCents = Long.MIN_VALUE;
    }

    void add(BigDecimal perCapita, long baselineYuan, long reformYuan, boolean changed) {
        long cents = cents(perCapita);
        Bin b = bins.computeIfAbsent(binOf(cents), k -> new Bin());
        households++;
        b.add(baselineYuan, reformYuan, changed);
        b.minCents = Math.min(b.minCents, cents);
        b.maxCents = Math.max(b.maxCents, cents);
    }

    /** Adds the bins of another part of the population. */
    void merge(IncomeBands o) {
        households += o.households;
        o.bins.forEach((k, b) -> {
            Bin mine = bins.computeIfAbsent(k, x -> new Bin());
            mine.merge(b);
            mine.minCents = Math.min(mine.minCents, b.minCents);
            mine.maxCents = Math.max(mine.maxCents, b.maxCents);
        });
    }

    int binCount() {
        return bins.size();
    }

    /** The lower edge of the bin of a per-capita income in cents. */
    static long binOf(long cents) {
        long yuan = Math.abs(cents / 100);
        long width = 100;
        for (long limit = 10_000; yuan >= limit && limit <= Long.MAX_VALUE / 10; limit *= 10) {
            width *= 10;
        }
        return Math.floorDiv(cents, width) * width;
    }

    private static long cents(BigDecimal perCapita) {
        BigDecimal c = perCapita.movePointRight(2).setScale(0, java.math.RoundingMode.HALF_UP);
        if (c.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 2)) > 0) {
            return Long.MAX_VALUE / 2;
        }
        if (c.compareTo(BigDecimal.valueOf(Long.MIN_VALUE / 2)) < 0) {
            return Long.MIN_VALUE / 2;
        }
        return c.longValueExact();
    }

    List<Comparison.IncomeBand> deciles() {
        Bin[] deciles = new Bin[10];
        long before = 0;
        for (Map.Entry<Long, Bin> e : bins.entrySet()) {
            Bin b = e.getValue();
            int d = (int) Math.min(9, (10 * before) / households);
            Bin acc = deciles[d] == null ? (deciles[d] = new Bin()) : deciles[d];
            acc.merge(b);
            acc.minCents = Math.min(acc.minCents, b.minCents);
            acc.maxCents = Math.max(acc.maxCents, b.maxCents);
            before += b.households;
        }
        List<Comparison.IncomeBand> out = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Bin b = deciles[i];
            if (b != null) {
                out.add(new Comparison.IncomeBand(i + 1, BigDecimal.valueOf(b.minCents, 2), BigDecimal.valueOf(b.maxCents, 2),
                        b.households, b.changed, b.winnersGainLoss(), b.losersGainLoss(), b.baselineYuan, b.reformYuan,
                        b.reformYuan - b.baselineYuan));
            }
        }
        return out;
    }
}
