package org.fuyu.policy.examples.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fuyu.policy.Criterion;
import org.fuyu.policy.Decision;
import org.fuyu.policy.io.RunSummary;

/**
 * One run as one self-contained HTML page (inline CSS, charts as inline SVG, no script, no
 * network): per county the targets met and missed with actual and required values, the
 * benefits granted with counts and amounts, the per-capita income distribution against the
 * low-income line, the villages by collective-income band, and the households flagged for
 * monitoring. Every figure comes from {@code summary.json}; the flagged-household table adds the
 * reasons of the sampled decisions from {@code decisions.jsonl}.
 *
 * <p>Figures carry {@code data-*} attributes (code, outcome, field) so that tests and tools can
 * find them without depending on the layout.
 */
public final class HtmlReport {
    /** Codes whose flagged households the report lists as "flagged for monitoring" (spec §3.1, 防返贫监测). */
    public static final List<String> MONITORING_CODES = List.of("RETURN_TO_POVERTY_MONITORING");

    private static final String CSS = """
            :root { --ink:#1f2933; --muted:#61707e; --line:#d8dee4; --met:#1e7b4f; --missed:#b3261e;
                    --bar:#3d6fb6; --below:#d0543f; --straddle:#e59a3a; --bg:#f6f8fa; }
            * { box-sizing: border-box; }
            body { margin: 0; font: 14px/1.45 -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC",
                   "PingFang SC", "Microsoft YaHei", Helvetica, Arial, sans-serif; color: var(--ink); background: #fff; }
            header { background: #17324d; color: #fff; padding: 20px 32px; }
            header h1 { margin: 0 0 4px; font-size: 22px; font-weight: 600; }
            header p { margin: 0; color: #c9d6e3; }
            main { max-width: 1060px; margin: 0 auto; padding: 16px 32px 48px; }
            h2 { font-size: 19px; margin: 32px 0 8px; padding-bottom: 6px; border-bottom: 2px solid #17324d; }
            h3 { font-size: 15px; margin: 22px 0 8px; color: #17324d; }
            table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; }
            th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
            th { background: var(--bg); font-weight: 600; font-size: 13px; color: var(--muted); }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            .met { color: var(--met); font-weight: 600; } .missed { color: var(--missed); font-weight: 600; }
            .cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
            .card { flex: 1 1 150px; background: var(--bg); border-radius: 6px; padding: 10px 14px; }
            .card .v { font-size: 22px; font-weight: 600; font-variant-numeric: tabular-nums; }
            .card .k { color: var(--muted); font-size: 12px; }
            .note { color: var(--muted); font-size: 12px; }
            code { font-size: 12px; }
            svg text { font-family: inherit; }
            .reason { font-size: 12px; color: var(--muted); }
            footer { color: var(--muted); font-size: 12px; margin-top: 36px; }
            """;

    private final RunSummary summary;
    private final Map<String, Decision> flagged;
    private final StringBuilder h = new StringBuilder(64 * 1024);

    private HtmlReport(RunSummary summary, Map<String, Decision> flagged) {
        this.summary = summary;
        this.flagged = flagged;
    }

    /**
     * Renders the page.
     *
     * @param flagged the decisions of the sampled flagged subjects, keyed by {@link #key(String, String)};
     *     may be empty (the table then lists ids only)
     */
    public static String render(RunSummary summary, Map<String, Decision> flagged) {
        return new HtmlReport(summary, flagged).page();
    }

    /** Key of a flagged decision: code and subject id. */
    public static String key(String code, String subjectId) {
        return code + "\u0000" + subjectId;
    }

    private String page() {
        h.append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Fuyu county report, as of ").append(esc(String.valueOf(summary.asOf))).append("</title>\n")
                .append("<style>").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<header><h1>共同富裕政策评估 · County policy report</h1><p>Decided as of <b data-field=\"asOf\">")
                .append(esc(String.valueOf(summary.asOf))).append("</b> with rule packs ");
        List<String> packs = new ArrayList<>();
        for (Map<String, String> p : summary.packs) {
            packs.add("<code>" + esc(p.get("id")) + " " + esc(p.get("version")) + "</code>");
        }
        h.append(String.join(", ", packs)).append("</p></header>\n<main>\n");
        overview();
        for (Map.Entry<String, RunSummary.CountyResults> e : summary.counties.entrySet()) {
            county(e.getKey(), e.getValue());
        }
        if (!summary.notes.isEmpty()) {
            h.append("<h2>Notes</h2>\n<ul id=\"notes\">\n");
            for (String n : summary.notes) {
                h.append("<li>").append(esc(n)).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        h.append("<footer>Generated by <code>fuyu report</code> from <code>summary.json</code>")
                .append(flagged.isEmpty() ? "" : " and <code>decisions.jsonl</code>")
                .append(". Amounts in yuan (元). Figures are totals over the whole run.</footer>\n");
        h.append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private void overview() {
        h.append("<h2>Run overview</h2>\n<table id=\"files\"><tr><th>Input file</th><th class=\"num\">read</th>")
                .append("<th class=\"num\">evaluated</th><th class=\"num\">rejected</th></tr>\n");
        summary.files.forEach((name, c) -> h.append("<tr data-file=\"").append(esc(name)).append("\"><td>")
                .append(esc(name)).append("</td>").append(num("read", c.read)).append(num("evaluated", c.evaluated))
                .append(num("rejected", c.rejected)).append("</tr>\n"));
        h.append("</table>\n");
        h.append("<table id=\"counties\"><tr><th>County</th><th class=\"num\">households</th>")
                .append("<th class=\"num\">targets met</th><th class=\"num\">targets missed</th>")
                .append("<th class=\"num\">benefits granted</th><th class=\"num\">amount (yuan)</th>")
                .append("<th class=\"num\">flagged for monitoring</th></tr>\n");
        summary.counties.forEach((id, c) -> {
            long met = c.targets.values().stream().filter(t -> "TARGET_MET".equals(t.outcome())).count();
            long missed = c.targets.size() - met;
            long granted = c.benefits.values().stream().mapToLong(t -> t.count).sum();
            long amount = c.benefits.values().stream().mapToLong(t -> t.amountYuan).sum();
            h.append("<tr data-county=\"").append(esc(id)).append("\"><td><a href=\"#county-").append(esc(id))
                    .append("\">").append(esc(id)).append("</a></td>").append(num("households", c.households))
                    .append(num("targetsMet", met)).append(num("targetsMissed", missed))
                    .append(num("benefitsGranted", granted)).append(num("benefitsAmount", amount))
                    .append(num("monitored", monitored(c))).append("</tr>\n");
        });
        h.append("</table>\n");
    }

    private static long monitored(RunSummary.CountyResults c) {
        long n = 0;
        for (String code : MONITORING_CODES) {
            n += c.flags.getOrDefault(code, 0L);
        }
        return n;
    }

    private void county(String id, RunSummary.CountyResults c) {
        h.append("<section class=\"county\" id=\"county-").append(esc(id)).append("\" data-county=\"").append(esc(id))
                .append("\">\n<h2>County ").append(esc(id)).append("</h2>\n");
        long met = c.targets.values().stream().filter(t -> "TARGET_MET".equals(t.outcome())).count();
        long amount = c.benefits.values().stream().mapToLong(t -> t.amountYuan).sum();
        h.append("<div class=\"cards\">");
        card("households", "households evaluated", fmt(c.households));
        card("targets", "county targets met", met + " / " + c.targets.size());
        card("benefitsAmount", "benefits granted (yuan)", fmt(amount));
        card("monitored", "households flagged for monitoring", fmt(monitored(c)));
        if (c.perCapitaIncome != null && c.perCapitaIncome.lowIncomeLine != null) {
            card("belowLine", "households below the low-income line", fmt(c.perCapitaIncome.belowLine));
        }
        h.append("</div>\n");

        targets(c);
        benefits(c);
        h.append("<h3>Per-capita income of households</h3>\n");
        if (c.perCapitaIncome == null || c.perCapitaIncome.households.isEmpty()) {
            h.append("<p class=\"note\">No evaluated households in this county.</p>\n");
        } else {
            h.append(IncomeChart.svg(c.perCapitaIncome));
            IncomeChart.caption(h, c.perCapitaIncome);
        }
        villages(c);
        flags(id, c);
        h.append("</section>\n");
    }

    private void card(String field, String label, String value) {
        h.append("<div class=\"card\"><div class=\"v\" data-field=\"").append(field).append("\">").append(esc(value))
                .append("</div><div class=\"k\">").append(esc(label)).append("</div></div>");
    }

    private void targets(RunSummary.CountyResults c) {
        h.append("<h3>Targets</h3>\n");
        if (c.targets.isEmpty()) {
            h.append("<p class=\"note\">No county targets were decided (no pack with county targets, or no County facts).</p>\n");
        } else {
            h.append("<table class=\"targets\"><tr><th>Target</th><th>Result</th><th>Criterion</th>")
                    .append("<th class=\"num\">actual</th><th></th><th class=\"num\">required</th><th>parameter</th>")
                    .append("<th class=\"num\">gap</th></tr>\n");
            c.targets.forEach((code, t) -> {
                boolean ok = "TARGET_MET".equals(t.outcome());
                List<Criterion> reasons = t.reasons().isEmpty() ? List.of((Criterion) null) : t.reasons();
                for (int i = 0; i < reasons.size(); i++) {
                    Criterion r = reasons.get(i);
                    h.append("<tr data-code=\"").append(esc(code)).append("\" data-outcome=\"").append(esc(t.outcome()))
                            .append("\">");
                    if (i == 0) {
                        h.append("<td rowspan=\"").append(reasons.size()).append("\"><code>").append(esc(code))
                                .append("</code></td><td rowspan=\"").append(reasons.size()).append("\" class=\"")
                                .append(ok ? "met" : "missed").append("\" data-field=\"outcome\">")
                                .append(ok ? "✓ met" : "✗ missed").append("</td>");
                    }
                    if (r == null) {
                        h.append("<td colspan=\"6\"></td>");
                    } else {
                        h.append("<td>").append(esc(r.criterion())).append("</td>")
                                .append("<td class=\"num\" data-field=\"actual\">").append(esc(value(r.actual()))).append("</td>")
                                .append("<td>").append(esc(r.operator())).append("</td>")
                                .append("<td class=\"num\" data-field=\"required\">").append(esc(value(r.required()))).append("</td>")
                                .append("<td><code>").append(esc(r.parameter() == null ? "" : r.parameter())).append("</code></td>")
                                .append("<td class=\"num\" data-field=\"gap\">").append(esc(r.gap() == null ? "" : value(r.gap())))
                                .append("</td>");
                    }
                    h.append("</tr>\n");
                }
            });
            h.append("</table>\n");
        }
        if (!c.villageTargets.isEmpty()) {
            h.append("<table class=\"village-decisions\"><tr><th>Village decision</th><th>Outcome</th>")
                    .append("<th class=\"num\">villages</th></tr>\n");
            c.villageTargets.forEach((code, byOutcome) -> byOutcome.forEach((outcome, n) ->
                    h.append("<tr data-code=\"").append(esc(code)).append("\" data-outcome=\"").append(esc(outcome))
                            .append("\"><td><code>").append(esc(code)).append("</code></td><td class=\"")
                            .append("TARGET_MISSED".equals(outcome) ? "missed" : "TARGET_MET".equals(outcome) ? "met" : "")
                            .append("\">").append(esc(outcome)).append("</td>").append(num("count", n)).append("</tr>\n")));
            h.append("</table>\n");
        }
    }

    private void benefits(RunSummary.CountyResults c) {
        h.append("<h3>Benefits granted</h3>\n");
        if (c.benefits.isEmpty()) {
            h.append("<p class=\"note\">No benefits granted.</p>\n");
        } else {
            tallies("benefits", "Benefit", "amount (yuan)", c.benefits);
        }
        if (!c.credit.isEmpty()) {
            h.append("<h3>Loans and credit lines granted</h3>\n<p class=\"note\">The most that may be lent "
                    + "(codes declared <code>amount: CREDIT</code>); not money paid out, so not in the benefit totals.</p>\n");
            tallies("credit", "Loan or credit line", "up to (yuan)", c.credit);
        }
    }

    private void tallies(String cssClass, String what, String amountTitle, Map<String, RunSummary.Tally> tallies) {
        h.append("<table class=\"").append(cssClass).append("\"><tr><th>").append(what)
                .append("</th><th class=\"num\">granted</th><th class=\"num\">").append(amountTitle).append("</th></tr>\n");
        long count = 0;
        long amount = 0;
        for (Map.Entry<String, RunSummary.Tally> e : tallies.entrySet()) {
            h.append("<tr data-code=\"").append(esc(e.getKey())).append("\"><td><code>").append(esc(e.getKey()))
                    .append("</code></td>").append(num("count", e.getValue().count))
                    .append(num("amountYuan", e.getValue().amountYuan)).append("</tr>\n");
            count += e.getValue().count;
            amount += e.getValue().amountYuan;
        }
        h.append("<tr data-code=\"total\"><th>total</th>").append(num("count", count)).append(num("amountYuan", amount))
                .append("</tr>\n</table>\n");
    }

    private void villages(RunSummary.CountyResults c) {
        h.append("<h3>Villages by collective operating income</h3>\n");
        if (c.villages == null || c.villages.count == 0) {
            h.append("<p class=\"note\">No villages of this county in the input.</p>\n");
            return;
        }
        h.append(VillageChart.svg(c.villages));
        h.append("<p class=\"note\" data-field=\"villages\">").append(fmt(c.villages.count)).append(" villages: ");
        List<String> sizes = new ArrayList<>();
        c.villages.bySizeClass.forEach((size, n) -> sizes.add(fmt(n) + " " + size.toLowerCase(Locale.ROOT)));
        h.append(esc(String.join(", ", sizes))).append(".</p>\n");
    }

    private void flags(String county, RunSummary.CountyResults c) {
        h.append("<h3>Households flagged</h3>\n");
        if (c.flags.isEmpty()) {
            h.append("<p class=\"note\">No household was flagged.</p>\n");
            return;
        }
        h.append("<table class=\"flags\"><tr><th>Flag</th><th class=\"num\">households</th></tr>\n");
        c.flags.forEach((code, n) -> h.append("<tr data-code=\"").append(esc(code)).append("\"><td><code>")
                .append(esc(code)).append("</code>").append(MONITORING_CODES.contains(code) ? " (monitoring, 防返贫监测)" : "")
                .append("</td>").append(num("count", n)).append("</tr>\n"));
        h.append("</table>\n");
        for (String code : MONITORING_CODES) {
            List<String> ids = c.flaggedSample.getOrDefault(code, List.of());
            if (ids.isEmpty()) {
                continue;
            }
            long total = c.flags.getOrDefault(code, 0L);
            h.append("<p class=\"note\">Flagged for monitoring (<code>").append(esc(code)).append("</code>): the first ")
                    .append(ids.size()).append(" of ").append(fmt(total)).append(" in input order.</p>\n");
            h.append("<table class=\"monitored\" data-code=\"").append(esc(code))
                    .append("\"><tr><th>Household</th><th>Why (criteria met)</th></tr>\n");
            for (String id : ids) {
                Decision d = flagged.get(key(code, id));
                h.append("<tr data-household=\"").append(esc(id)).append("\"><td><code>").append(esc(id))
                        .append("</code></td><td class=\"reason\">").append(d == null ? "" : esc(why(d)))
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
    }

    /** The criteria that made a flag, flattened: composite criteria show the parts that passed. */
    static String why(Decision d) {
        List<String> parts = new ArrayList<>();
        for (Criterion c : d.reasons()) {
            collect(c, parts);
        }
        return String.join("; ", parts);
    }

    private static void collect(Criterion c, List<String> out) {
        if (c.anyOf() != null) {
            if ("any of".equals(c.operator())) {
                for (Criterion p : c.anyOf()) {
                    if (p.passed()) {
                        collect(p, out);
                    }
                }
            } else {
                out.add(c.criterion());
            }
            return;
        }
        StringBuilder sb = new StringBuilder(c.criterion()).append(' ').append(value(c.actual())).append(' ')
                .append(c.operator()).append(' ').append(value(c.required()));
        if (c.parameter() != null) {
            sb.append(" (").append(c.parameter()).append(')');
        }
        out.add(sb.toString());
    }

    static String value(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof BigDecimal b) {
            return b.abs().compareTo(BigDecimal.valueOf(1000)) >= 0 && b.scale() <= 2
                    ? String.format(Locale.ROOT, "%,." + Math.max(0, b.scale()) + "f", b) : b.toPlainString();
        }
        if (v instanceof Long || v instanceof Integer) {
            return String.format(Locale.ROOT, "%,d", ((Number) v).longValue());
        }
        return String.valueOf(v);
    }

    private static String num(String field, long v) {
        return "<td class=\"num\" data-field=\"" + field + "\">" + fmt(v) + "</td>";
    }

    static String fmt(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }
}
