package org.fuyu.policy.examples.report;

import java.util.Locale;
import java.util.Map;
import org.fuyu.policy.Lang;
import org.fuyu.policy.io.RunSummary;

/** A county's villages by band of collective operating income, as horizontal bars in inline SVG. */
final class VillageChart {
    private static final int W = 960;
    private static final int ROW = 30;
    private static final int LEFT = 250;
    private static final int RIGHT = 80;
    private static final int TOP = 30;

    private VillageChart() {
    }

    static String label(String band) {
        return switch (band) {
            case "0" -> Lang.pick("0 元（空壳村）", "0 yuan (hollow)");
            case "1-49999" -> Lang.pick("1 – 49,999 元（薄弱村）", "1 – 49,999 (weak)");
            case "50000-199999" -> Lang.pick("50,000 – 199,999 元", "50,000 – 199,999");
            case "200000-499999" -> Lang.pick("200,000 – 499,999 元", "200,000 – 499,999");
            case "500000+" -> Lang.pick("500,000 元及以上（强村）", "500,000 and more (strong)");
            default -> band;
        };
    }

    private static String color(String band) {
        return switch (band) {
            case "0" -> "#b3261e";
            case "1-49999" -> "#e59a3a";
            case "50000-199999" -> "#8fb3de";
            case "200000-499999" -> "#3d6fb6";
            case "500000+" -> "#17324d";
            default -> "#8a96a3";
        };
    }

    static String svg(RunSummary.VillageStats v) {
        int rows = v.byOperatingIncome.size();
        int h = TOP + rows * ROW + 10;
        long max = Math.max(1, v.byOperatingIncome.values().stream().mapToLong(Long::longValue).max().orElse(1));
        double plotW = W - LEFT - RIGHT;
        StringBuilder s = new StringBuilder(2048);
        s.append(String.format(Locale.ROOT, "<svg class=\"village-chart\" xmlns=\"http://www.w3.org/2000/svg\" "
                + "viewBox=\"0 0 %d %d\" width=\"100%%\" role=\"img\" aria-label=\"%s\">%n",
                W, h, Lang.pick("按村集体经营性收入分的行政村", "Villages by collective operating income")));
        s.append("<text x=\"0\" y=\"18\" font-size=\"13\" fill=\"#17324d\" font-weight=\"600\">"
                + Lang.pick("行政村数：按村集体经营性收入（元/年）", "Villages by collective operating income (yuan per year)")
                + "</text>\n");
        int i = 0;
        for (Map.Entry<String, Long> e : v.byOperatingIncome.entrySet()) {
            double y = TOP + i * ROW;
            double w = plotW * e.getValue() / max;
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"12\" fill=\"#1f2933\" "
                    + "text-anchor=\"end\">%s</text>%n", LEFT - 10, y + 18, HtmlReport.esc(label(e.getKey()))));
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%.2f\" height=\"%d\" fill=\"%s\" "
                    + "data-band=\"%s\" data-count=\"%d\"><title>%s: %s</title></rect>%n", LEFT, y + 4,
                    Math.max(e.getValue() > 0 ? 1 : 0, w), ROW - 8, color(e.getKey()), HtmlReport.esc(e.getKey()),
                    e.getValue(), HtmlReport.esc(label(e.getKey())),
                    HtmlReport.fmt(e.getValue()) + Lang.pick(" 个村", " villages")));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" fill=\"#1f2933\">%s</text>%n",
                    LEFT + w + 6, y + 18, HtmlReport.fmt(e.getValue())));
            i++;
        }
        s.append("</svg>\n");
        return s.toString();
    }
}
