package org.fuyu.policy.reform;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Winners and losers in fixed-width bands of per-capita income around the low-income line, so
 * that the households near the line — where a change of the line acts — are told apart, which
 * deciles cannot do (most winners of a higher line sit in the first decile). The bands run from
 * {@value #BANDS_EACH_SIDE} widths below the lower of the two sides' lines to
 * {@value #BANDS_EACH_SIDE} widths above the higher, each {@code width} yuan wide, with one open
 * band below and one above. Edges are whole yuan; a household's per-capita income (total income /
 * members, exact) falls in {@code [from, to)}.
 */
final class LineBands implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    static final int BANDS_EACH_SIDE = 4;
    /** Band width when none is given: 1,000 yuan. */
    static final long DEFAULT_WIDTH = 1_000;

    private final BigDecimal baselineLine;
    private final BigDecimal reformLine;
    private final long width;
    private final long[] edges;
    private final GroupTotals[] bands;

    LineBands(BigDecimal baselineLine, BigDecimal reformLine, long width) {
        if (width < 1) {
            throw new IllegalArgumentException("band width must be ≥ 1 yuan");
        }
        this.baselineLine = baselineLine;
        this.reformLine = reformLine;
        this.width = width;
        BigDecimal low = reformLine == null ? baselineLine : baselineLine.min(reformLine);
        BigDecimal high = reformLine == null ? baselineLine : baselineLine.max(reformLine);
        // the line itself is an edge when it is a whole multiple of the width from the first edge
        long first = Math.subtractExact(low.setScale(0, java.math.RoundingMode.FLOOR).longValueExact(),
                Math.multiplyExact(width, BANDS_EACH_SIDE));
        long last = Math.addExact(high.setScale(0, java.math.RoundingMode.CEILING).longValueExact(),
                Math.multiplyExact(width, BANDS_EACH_SIDE));
        List<Long> e = new ArrayList<>();
        for (long x = first; x <= last; x = Math.addExact(x, width)) {
            e.add(x);
        }
        edges = e.stream().mapToLong(Long::longValue).toArray();
        bands = new GroupTotals[edges.length + 1];
        for (int i = 0; i < bands.length; i++) {
            bands[i] = new GroupTotals();
        }
    }

    /** Adds another part's bands (same lines and width) to these. */
    void merge(LineBands o) {
        for (int i = 0; i < bands.length; i++) {
            bands[i].merge(o.bands[i]);
        }
    }

    void add(BigDecimal perCapita, long baselineYuan, long reformYuan, boolean changed) {
        int i = Arrays.binarySearch(edges, perCapita.setScale(0, java.math.RoundingMode.FLOOR).longValue());
        int band = i >= 0 ? i + 1 : -i - 1; // [edges[band-1], edges[band])
        bands[band].add(baselineYuan, reformYuan, changed);
    }

    Comparison.LineBands result() {
        List<Comparison.LineBand> out = new ArrayList<>();
        for (int i = 0; i < bands.length; i++) {
            GroupTotals b = bands[i];
            out.add(new Comparison.LineBand(i == 0 ? null : edges[i - 1], i == edges.length ? null : edges[i],
                    b.households, b.changed, b.winnersGainLoss(), b.losersGainLoss(), b.baselineYuan, b.reformYuan,
                    Math.subtractExact(b.reformYuan, b.baselineYuan)));
        }
        return new Comparison.LineBands(baselineLine, reformLine, width, out);
    }
}
