package org.fuyu.policy.examples.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fuyu.policy.Lang;
import org.fuyu.policy.Words;
import org.fuyu.policy.io.RunSummary;

/** The per-capita income histogram of a county as inline SVG, with the low-income line drawn across it. */
final class IncomeChart {
    private static final int W = 960;
    private static final int H = 330;
    private static final int LEFT = 64;
    private static final int RIGHT = 18;
    private static final int TOP = 34;
    private static final int BOTTOM = 50;

    private IncomeChart() {
    }

    /** One bar: households with per-capita income in [from, to); from or to null for the open ends. */
    record Bin(Long from, Long to, long count) {
    }

    /**
     * The bars: one bucket of the summary (1,000 yuan) wide from 0 to twice the low-income line,
     * where eligibility is decided; wider above it (the fewest of 1, 2, 5, … buckets that keep the
     * rest to about 40 bars) up to the 99th percentile; one bar below 0 and one for the top 1%.
     */
    static List<Bin> bins(RunSummary.IncomeDistribution d) {
        long bucket = d.bucketYuan;
        long total = d.total();
        long line = d.lowIncomeLine == null ? 0 : d.lowIncomeLine.setScale(0, java.math.RoundingMode.CEILING).longValue();
        long seen = 0;
        long p99 = bucket;
        long maxKey = 0;
        for (Map.Entry<Long, Long> e : d.households.entrySet()) {
            maxKey = Math.max(maxKey, e.getKey());
        }
        for (Map.Entry<Long, Long> e : d.households.entrySet()) {
            seen += e.getValue();
            if (seen * 100 >= total * 99) {
                p99 = e.getKey() + bucket;
                break;
            }
        }
        long fineTo = line > 0 ? roundUp(2 * line, bucket) : 0;
        long cap = Math.max(roundUp(p99, 10_000), roundUp(line * 16 / 10, 10_000));
        cap = Math.max(10_000, Math.min(cap, roundUp(maxKey + bucket, 10_000)));
        cap = Math.max(cap, fineTo);
        long width = bucket;
        for (long step : new long[] {1, 2, 5, 10, 20, 50, 100}) {
            width = bucket * step;
            if ((cap - fineTo) / width <= (fineTo > 0 ? 40 : 160)) {
                break;
            }
        }
        cap = fineTo + roundUp(cap - fineTo, width);
        List<Long> edges = new ArrayList<>();
        for (long x = 0; x < fineTo; x += bucket) {
            edges.add(x);
        }
        for (long x = fineTo; x < cap; x += width) {
            edges.add(x);
        }
        edges.add(cap);
        long negative = 0;
        long over = 0;
        long[] counts = new long[edges.size() - 1];
        for (Map.Entry<Long, Long> e : d.households.entrySet()) {
            long k = e.getKey();
            if (k < 0) {
                negative += e.getValue();
            } else if (k >= cap) {
                over += e.getValue();
            } else {
                int i = java.util.Collections.binarySearch(edges, k);
                counts[i >= 0 ? i : -i - 2] += e.getValue();
            }
        }
        List<Bin> bins = new ArrayList<>();
        if (negative > 0) {
            bins.add(new Bin(null, 0L, negative));
        }
        for (int i = 0; i < counts.length; i++) {
            bins.add(new Bin(edges.get(i), edges.get(i + 1), counts[i]));
        }
        if (over > 0) {
            bins.add(new Bin(cap, null, over));
        }
        return bins;
    }

    static String svg(RunSummary.IncomeDistribution d) {
        List<Bin> bins = bins(d);
        // a wider bar is drawn as households per bucket (its count × bucket / width), so that bar
        // heights compare across the change of width; its tooltip and data-count keep the count
        long max = (long) Math.ceil(bins.stream().mapToDouble(b -> height(b, d.bucketYuan)).max().orElse(1));
        long yMax = niceCeil(max);
        double plotW = W - LEFT - RIGHT;
        double plotH = H - TOP - BOTTOM;
        double bw = plotW / bins.size();
        BigDecimal line = d.lowIncomeLine;
        StringBuilder s = new StringBuilder(8 * 1024);
        s.append(String.format(Locale.ROOT, "<svg class=\"income-chart\" xmlns=\"http://www.w3.org/2000/svg\" "
                + "viewBox=\"0 0 %d %d\" width=\"100%%\" role=\"img\" aria-label=\"%s\">%n", W, H,
                Lang.pick("按家庭人均收入分的农户", "Households by per-capita income")));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"13\" fill=\"#17324d\" font-weight=\"600\">"
                + "%s</text>%n", LEFT, Lang.pick("农户数：按家庭人均收入（元/人/年）", "Households by per-capita income (yuan per person per year)")));
        // y grid and labels
        for (int i = 0; i <= 4; i++) {
            long v = yMax * i / 4;
            double y = TOP + plotH - plotH * v / yMax;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e4e8ec\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" fill=\"#61707e\" text-anchor=\"end\">%s</text>%n",
                    LEFT, W - RIGHT, y, y, LEFT - 6, y + 4, HtmlReport.fmt(v)));
        }
        // bars; a tick label where the bar starts at a whole thousand and the last label is 44 px away
        double lastLabel = -1e9;
        for (int i = 0; i < bins.size(); i++) {
            Bin b = bins.get(i);
            double x = LEFT + i * bw;
            double hgt = plotH * height(b, d.bucketYuan) / yMax;
            String color = "var(--bar)";
            if (line != null && b.to() != null && BigDecimal.valueOf(b.to()).compareTo(line) <= 0) {
                color = "var(--below)";
            } else if (line != null && b.from() != null && b.to() != null
                    && BigDecimal.valueOf(b.from()).compareTo(line) < 0) {
                color = "var(--straddle)";
            } else if (line != null && b.from() == null) {
                color = "var(--below)";
            }
            String label = b.from() == null ? Lang.pick("低于 0", "below 0")
                    : b.to() == null ? HtmlReport.fmt(b.from()) + Lang.pick(" 及以上", " and more")
                    : HtmlReport.fmt(b.from()) + "–" + HtmlReport.fmt(b.to() - 1);
            s.append(String.format(Locale.ROOT, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\" "
                    + "data-from=\"%s\" data-to=\"%s\" data-count=\"%d\"><title>%s: %s</title></rect>%n",
                    x + 0.5, TOP + plotH - hgt, Math.max(0.5, bw - 1), hgt, color,
                    b.from() == null ? "" : b.from(), b.to() == null ? "" : b.to(), b.count(), label,
                    HtmlReport.fmt(b.count()) + Lang.pick(" 户", " households")));
            boolean nearOverflowLabel = bins.get(bins.size() - 1).to() == null && i >= bins.size() - 2;
            if (b.from() != null && b.from() % 1000 == 0 && x - lastLabel >= 44 && !nearOverflowLabel) {
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" fill=\"#61707e\" "
                        + "text-anchor=\"middle\">%s</text>%n", x, TOP + (int) plotH + 16, kilo(b.from())));
                lastLabel = x;
            }
        }
        if (bins.get(0).from() == null) {
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" fill=\"#61707e\" "
                    + "text-anchor=\"middle\">&lt;0</text>%n", LEFT + bw / 2, TOP + (int) plotH + 16));
        }
        Bin lastBin = bins.get(bins.size() - 1);
        if (lastBin.to() == null) {
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" fill=\"#61707e\" "
                    + "text-anchor=\"middle\">%s+</text>%n", LEFT + (bins.size() - 0.5) * bw, TOP + (int) plotH + 16,
                    kilo(lastBin.from())));
        }
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#1f2933\"/>%n",
                LEFT, W - RIGHT, TOP + plotH, TOP + plotH));
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" fill=\"#61707e\" text-anchor=\"middle\">"
                + "%s</text>%n", LEFT + plotW / 2, H - 8, Lang.pick("家庭人均收入（元）", "per-capita income, yuan")));
        // the low-income line
        if (line != null) {
            double lx = xOf(line.doubleValue(), bins, bw);
            if (!Double.isNaN(lx)) {
                s.append(String.format(Locale.ROOT, "<line class=\"low-income-line\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" "
                        + "y2=\"%.1f\" stroke=\"#b3261e\" stroke-width=\"2\" stroke-dasharray=\"6 4\" data-value=\"%s\"/>%n",
                        lx, lx, TOP - 6, TOP + plotH, line.toPlainString()));
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"12\" fill=\"#b3261e\" "
                        + "font-weight=\"600\">%s %s</text>%n", lx + 6, TOP + 6, Lang.pick("低收入线", "low-income line"),
                        HtmlReport.value(line)));
            }
        }
        s.append("</svg>\n");
        return s.toString();
    }

    /** What a bar's height stands for: households per bucket (open bars: their count). */
    static double height(Bin b, long bucket) {
        return b.from() == null || b.to() == null ? b.count() : (double) b.count() * bucket / (b.to() - b.from());
    }

    static void caption(StringBuilder h, RunSummary.IncomeDistribution d) {
        long total = d.total();
        List<Bin> bins = bins(d);
        long fineTo = 0;
        long wide = 0;
        for (Bin b : bins) {
            if (b.from() != null && b.to() != null) {
                if (b.to() - b.from() == d.bucketYuan && wide == 0) {
                    fineTo = b.to();
                } else if (wide == 0) {
                    wide = b.to() - b.from();
                }
            }
        }
        h.append("<p class=\"note\"><span data-field=\"distributionTotal\">").append(HtmlReport.fmt(total)).append("</span>");
        if (wide > 0 && fineTo > 0) {
            h.append(Lang.pick(" 户。柱宽：" + HtmlReport.fmt(fineTo) + " 元以下每 " + HtmlReport.fmt(d.bucketYuan) + " 元一柱（低收入线附近看得清），"
                            + "以上每 " + HtmlReport.fmt(wide) + " 元一柱，柱高按每 " + HtmlReport.fmt(d.bucketYuan)
                            + " 元的户数画（便于比较）；最后一柱为收入最高的 1%。",
                    " households. Bars are " + HtmlReport.fmt(d.bucketYuan) + " yuan wide up to " + HtmlReport.fmt(fineTo)
                            + " (around the low-income line) and " + HtmlReport.fmt(wide) + " yuan wide above, drawn as households "
                            + "per " + HtmlReport.fmt(d.bucketYuan) + " yuan so that heights compare; the last bar holds the top 1%."));
        } else {
            h.append(Lang.pick(" 户，每 " + HtmlReport.fmt(d.bucketYuan) + " 元或更宽一柱（最后一柱为收入最高的 1%）。",
                    " households in bars of " + HtmlReport.fmt(d.bucketYuan) + " yuan or more (the last bar holds the top 1%)."));
        }
        if (d.lowIncomeLine != null) {
            h.append(Lang.pick(" 其中 ", " ")).append("<b data-field=\"belowLineCount\">").append(HtmlReport.fmt(d.belowLine))
                    .append("</b>").append(Lang.pick(" 户（" + Words.percent(d.belowLine, total) + "）家庭人均收入低于低收入线 ",
                            " households (" + Words.percent(d.belowLine, total) + ") have a per-capita income below the "
                                    + "low-income line of ")).append("<b data-field=\"lowIncomeLine\">")
                    .append(HtmlReport.esc(HtmlReport.value(d.lowIncomeLine))).append("</b>")
                    .append(Lang.pick(" 元（<code>low_income.line</code>，红色虚线）。",
                            " yuan (<code>low_income.line</code>), drawn in red."));
        }
        h.append("</p>\n");
    }

    private static double xOf(double value, List<Bin> bins, double bw) {
        for (int i = 0; i < bins.size(); i++) {
            Bin b = bins.get(i);
            if (b.from() != null && b.to() != null && value >= b.from() && value <= b.to()) {
                return LEFT + (i + (value - b.from()) / (b.to() - b.from())) * bw;
            }
        }
        return Double.NaN;
    }

    private static String kilo(long v) {
        return v % 1000 == 0 ? (v / 1000) + "k" : HtmlReport.fmt(v);
    }

    static long roundUp(long v, long step) {
        return Math.floorDiv(v + step - 1, step) * step;
    }

    static long niceCeil(long v) {
        if (v <= 4) {
            return 4;
        }
        long p = 1;
        while (p * 10 < v) {
            p *= 10;
        }
        for (long m : new long[] {1, 2, 4, 5, 8, 10}) {
            if (m * p >= v && (m * p) % 4 == 0) {
                return m * p;
            }
        }
        return roundUp(v, 4 * p);
    }
}
