package org.fuyu.policy.examples.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.fuyu.policy.Criterion;
import org.fuyu.policy.Decision;
import org.fuyu.policy.Lang;
import org.fuyu.policy.Title;
import org.fuyu.policy.Words;
import org.fuyu.policy.io.RecordError;
import org.fuyu.policy.io.RunSummary;

/**
 * One run as one self-contained HTML page (inline CSS, charts as inline SVG, no script, no
 * network) in the current {@link Lang}, for a county's policy office: per county the targets met
 * and missed with actual and required values, the village targets in their own table, the
 * benefits granted with counts and amounts, the three low-income counts and why they differ, the
 * per-capita income distribution against the low-income line, the villages by collective-income
 * class with the hollow and weak ones listed, one row per village, and the households flagged by
 * code. Codes are shown with their titles from pack.yaml. The complete lists — flagged
 * households, villages, hollow and weak villages, rejected records — are CSV files beside the page
 * ({@link ReportLists}), linked from it, with their first rows shown.
 *
 * <p>Figures carry {@code data-*} attributes (code, outcome, field) so that tests and tools can
 * find them without depending on the layout or the language.
 */
public final class HtmlReport {
    /** Codes whose flagged households the report counts as "flagged for monitoring" (spec §3.1, 防返贫监测). */
    public static final List<String> MONITORING_CODES = List.of("RETURN_TO_POVERTY_MONITORING");
    /** The village classes the report lists by name: hollow (空壳村) and weak (薄弱村) villages (spec §3.3). */
    public static final List<String> HOLLOW_WEAK_CODES = List.of("VILLAGE_HOLLOW", "VILLAGE_WEAK");
    /** The codes behind the three low-income counts (spec §3.1). */
    static final String IDENTIFIED = "LOW_INCOME_HOUSEHOLD";
    static final String TOP_UP = "LOW_INCOME_TOP_UP";

    /** Fonts for Chinese and Latin text: the Noto CJK and WenQuanYi fonts of Linux desktops first, then macOS and Windows. */
    static final String FONTS = "\"Noto Sans CJK SC\", \"Noto Sans SC\", \"Source Han Sans SC\", \"Source Han Sans CN\", "
            + "\"WenQuanYi Micro Hei\", \"WenQuanYi Zen Hei\", \"Droid Sans Fallback\", \"PingFang SC\", "
            + "\"Hiragino Sans GB\", \"Microsoft YaHei\", \"Noto Sans\", \"DejaVu Sans\", Arial, sans-serif";

    private static final String CSS = """
            :root { --ink:#1f2933; --muted:#61707e; --line:#d8dee4; --met:#1e7b4f; --missed:#b3261e;
                    --bar:#3d6fb6; --below:#d0543f; --straddle:#e59a3a; --bg:#f6f8fa; }
            * { box-sizing: border-box; }
            body { margin: 0; font: 14px/1.5 FONTS; color: var(--ink); background: #fff; }
            header { background: #17324d; color: #fff; padding: 20px 32px; }
            header h1 { margin: 0 0 4px; font-size: 22px; font-weight: 600; }
            header p { margin: 0; color: #c9d6e3; }
            main { max-width: 1100px; margin: 0 auto; padding: 16px 32px 48px; }
            h2 { font-size: 19px; margin: 32px 0 8px; padding-bottom: 6px; border-bottom: 2px solid #17324d; }
            h3 { font-size: 15px; margin: 22px 0 8px; color: #17324d; }
            table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; }
            th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
            th { background: var(--bg); font-weight: 600; font-size: 13px; color: var(--muted); }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            .met { color: var(--met); font-weight: 600; } .missed { color: var(--missed); font-weight: 600; }
            td[data-field=outcome] { white-space: nowrap; }
            .cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
            .card { flex: 1 1 150px; background: var(--bg); border-radius: 6px; padding: 10px 14px; }
            .card .v { font-size: 22px; font-weight: 600; font-variant-numeric: tabular-nums; }
            .card .k { color: var(--muted); font-size: 12px; }
            .explain { background: #fff8e6; border-left: 4px solid var(--straddle); padding: 8px 14px; margin: 12px 0; }
            .explain ol { margin: 4px 0; padding-left: 22px; }
            .note { color: var(--muted); font-size: 12px; }
            code, .code { font-size: 11px; color: var(--muted); }
            svg text { font-family: inherit; }
            .reason { font-size: 12px; color: var(--muted); }
            footer { color: var(--muted); font-size: 12px; margin-top: 36px; }
            """.replace("FONTS", FONTS);

    private final RunSummary summary;
    private final ReportLists lists;
    private final Map<String, Title> titles;
    private final StringBuilder h = new StringBuilder(64 * 1024);

    private HtmlReport(RunSummary summary, ReportLists lists) {
        this.summary = summary;
        this.lists = lists;
        this.titles = summary.titles;
    }

    /** Renders the page without lists beside it. */
    public static String render(RunSummary summary) {
        return render(summary, ReportLists.none());
    }

    /** Renders the page, linking the CSV lists written beside it. */
    public static String render(RunSummary summary, ReportLists lists) {
        return new HtmlReport(summary, lists).page();
    }

    /** Renders the page with a section of near misses (households one small change would qualify). */
    public static String render(RunSummary summary, ReportLists lists, org.fuyu.policy.nearmiss.NearMisses.Summary nearMiss) {
        HtmlReport r = new HtmlReport(summary, lists);
        r.nearMiss = nearMiss;
        return r.page();
    }

    private org.fuyu.policy.nearmiss.NearMisses.Summary nearMiss;

    /** Per code: the households one verified change set within the distance would qualify, and their villages. */
    private void nearMisses() {
        if (nearMiss == null) {
            return;
        }
        h.append("<h2 id=\"near-miss\">").append(Lang.pick("近失：差额不超过 " + nearMiss.withinYuan() + " 元即可获得的农户",
                "Near misses: households within " + nearMiss.withinYuan() + " yuan of a code")).append("</h2>\n<p>")
                .append(esc(Lang.pick("每个数字都经引擎验证：把改变应用到农户事实的副本上重新评估即获得该决定（只计可变事实；见 near-miss.jsonl）。",
                        "Each household counted was verified: its change set, applied to a copy of its facts and evaluated"
                        + " again, grants the code (mutable facts only; the households are listed in near-miss.jsonl).")))
                .append("</p>\n<table id=\"near-miss-codes\"><tr><th>").append(Lang.pick("决定", "Code")).append("</th><th>")
                .append(Lang.pick("农户", "Households")).append("</th><th>").append(Lang.pick("按村", "By village"))
                .append("</th></tr>\n");
        if (nearMiss.codes().isEmpty()) {
            h.append("<tr><td colspan=\"3\">").append(Lang.pick("无", "none")).append("</td></tr>\n");
        }
        nearMiss.codes().forEach((code, c) -> {
            List<String> vs = new ArrayList<>();
            c.byVillage().forEach((v, n) -> vs.add(esc(v) + " " + n));
            h.append("<tr><td>").append(codeCell(code)).append("</td><td class=\"num\" data-code=\"").append(esc(code))
                    .append("\">").append(c.households()).append("</td><td>").append(String.join(", ", vs)).append("</td></tr>\n");
        });
        h.append("</table>\n");
    }

    /** A code's title in the current language, or the code when its pack gives none. */
    String title(String code) {
        Title t = titles.get(code);
        return t == null ? code : t.text();
    }

    /** A code as a cell: its title, then the code in small type. */
    private String codeCell(String code) {
        Title t = titles.get(code);
        return t == null ? "<code>" + esc(code) + "</code>"
                : esc(t.text()) + " <code>" + esc(code) + "</code>";
    }

    private String page() {
        String asOf = esc(String.valueOf(summary.asOf));
        h.append("<!DOCTYPE html>\n<html lang=\"").append(Lang.pick("zh-CN", "en")).append("\">\n<head>\n")
                .append("<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Lang.pick("共同富裕政策评估报告（评估日 " + asOf + "）",
                        "County policy report, as of " + asOf)).append("</title>\n")
                .append("<style>").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<header><h1>").append(Lang.pick("共同富裕政策评估报告", "Common-prosperity policy report"))
                .append("</h1><p>").append(Lang.pick("评估日 ", "Decided as of ")).append("<b data-field=\"asOf\">")
                .append(asOf).append("</b>").append(Lang.pick("，规则包 ", " with rule packs "));
        List<String> packs = new ArrayList<>();
        for (Map<String, String> p : summary.packs) {
            packs.add("<code style=\"color:#c9d6e3\">" + esc(p.get("id")) + " " + esc(p.get("version")) + "</code>");
        }
        h.append(String.join(", ", packs)).append("</p></header>\n<main>\n");
        overview();
        for (Map.Entry<String, RunSummary.CountyResults> e : summary.counties.entrySet()) {
            county(e.getKey(), e.getValue());
        }
        nearMisses();
        completeLists();
        if (!summary.notes.isEmpty()) {
            h.append("<h2>").append(Lang.pick("说明", "Notes")).append("</h2>\n<ul id=\"notes\">\n");
            for (String n : summary.notes) {
                h.append("<li>").append(esc(n)).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        h.append("<footer>").append(Lang.pick("由 <code>fuyu report</code> 根据 <code>summary.json</code>、"
                        + "<code>decisions.jsonl</code> 和 <code>errors.jsonl</code> 生成。金额单位：元。数字为整次运行的合计。",
                "Generated by <code>fuyu report</code> from <code>summary.json</code>, <code>decisions.jsonl</code> and "
                        + "<code>errors.jsonl</code>. Amounts in yuan (元). Figures are totals over the whole run."))
                .append("</footer>\n</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private void overview() {
        h.append("<h2>").append(Lang.pick("运行概况", "Run overview")).append("</h2>\n<table id=\"files\"><tr><th>")
                .append(Lang.pick("输入文件", "Input file")).append("</th>").append(th(Lang.pick("读取", "read")))
                .append(th(Lang.pick("评估", "evaluated"))).append(th(Lang.pick("拒收", "rejected"))).append("</tr>\n");
        summary.files.forEach((name, c) -> h.append("<tr data-file=\"").append(esc(name)).append("\"><td>")
                .append(esc(name)).append("</td>").append(num("read", c.read)).append(num("evaluated", c.evaluated))
                .append(num("rejected", c.rejected)).append("</tr>\n"));
        h.append("</table>\n");
        if (summary.totalRejected() > 0) {
            h.append("<p class=\"note\" id=\"rejected-note\">").append(Lang.pick(
                    fmt(summary.totalRejected()) + " 条记录被拒收，未作评估：每条写明文件、行、字段和应填的值，见",
                    fmt(summary.totalRejected()) + " records were rejected and not evaluated: each with its file, line, "
                            + "field and what was expected, in")).append(' ').append(link(lists.rejected()))
                    .append(Lang.pick("。改正后重新运行。", ". Correct them and run again.")).append("</p>\n");
        }
        h.append("<table id=\"counties\"><tr><th>").append(Lang.pick("县", "County")).append("</th>")
                .append(th(Lang.pick("农户", "households"))).append(th(Lang.pick("县级指标达标", "targets met")))
                .append(th(Lang.pick("未达标", "targets missed"))).append(th(Lang.pick("补助项数", "benefits granted")))
                .append(th(Lang.pick("补助金额（元）", "amount (yuan)")))
                .append(th(Lang.pick("防返贫监测户", "flagged for monitoring"))).append("</tr>\n");
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

    /** Codes flagged on villages themselves (their class), as opposed to household flags, in pack.yaml order. */
    private Set<String> villageFlagCodes(RunSummary.CountyResults c) {
        Set<String> found = new TreeSet<>();
        c.byVillage.values().forEach(v -> found.addAll(v.villageFlags));
        Set<String> codes = new java.util.LinkedHashSet<>();
        titles.keySet().stream().filter(found::contains).forEach(codes::add);
        codes.addAll(found); // codes without a title, last
        return codes;
    }

    private void county(String id, RunSummary.CountyResults c) {
        h.append("<section class=\"county\" id=\"county-").append(esc(id)).append("\" data-county=\"").append(esc(id))
                .append("\">\n<h2>").append(Lang.pick("县 ", "County ")).append(esc(id)).append("</h2>\n");
        long met = c.targets.values().stream().filter(t -> "TARGET_MET".equals(t.outcome())).count();
        long amount = c.benefits.values().stream().mapToLong(t -> t.amountYuan).sum();
        h.append("<div class=\"cards\">");
        card("households", Lang.pick("评估农户", "households evaluated"), fmt(c.households));
        card("targets", Lang.pick("县级指标达标", "county targets met"), met + " / " + c.targets.size());
        card("benefitsAmount", Lang.pick("补助金额（元）", "benefits granted (yuan)"), fmt(amount));
        card("monitored", Lang.pick("防返贫监测户", "households flagged for monitoring"), fmt(monitored(c)));
        if (c.perCapitaIncome != null && c.perCapitaIncome.lowIncomeLine != null) {
            card("belowLine", Lang.pick("人均收入低于低收入线的农户", "households below the low-income line"),
                    fmt(c.perCapitaIncome.belowLine));
        }
        h.append("</div>\n");
        lowIncomeCounts(id, c);
        targets(c);
        villageTargets(c);
        benefits(c);
        h.append("<h3>").append(Lang.pick("农户家庭人均收入分布", "Per-capita income of households")).append("</h3>\n");
        if (c.perCapitaIncome == null || c.perCapitaIncome.households.isEmpty()) {
            h.append("<p class=\"note\">").append(Lang.pick("本县没有评估的农户。", "No evaluated households in this county."))
                    .append("</p>\n");
        } else {
            h.append(IncomeChart.svg(c.perCapitaIncome));
            IncomeChart.caption(h, c.perCapitaIncome);
        }
        villages(c);
        flags(c);
        h.append("</section>\n");
    }

    /** The three low-income counts side by side, and why they differ (spec §3.1). */
    private void lowIncomeCounts(String county, RunSummary.CountyResults c) {
        if (c.perCapitaIncome == null || c.perCapitaIncome.lowIncomeLine == null) {
            return;
        }
        long below = c.perCapitaIncome.belowLine;
        long identified = c.flags.getOrDefault(IDENTIFIED, 0L);
        RunSummary.Tally top = c.benefits.get(TOP_UP);
        long topUps = top == null ? 0 : top.count;
        String line = value(c.perCapitaIncome.lowIncomeLine);
        h.append("<div class=\"explain\" id=\"low-income-counts-").append(esc(county))
                .append("\" data-section=\"low-income-counts\"><b>")
                .append(Lang.pick("三个低收入数字为什么不同", "Three low-income counts, and why they differ")).append("</b><ol>");
        h.append("<li>").append(Lang.pick("人均收入低于低收入线（" + line + " 元）的农户：",
                "Households whose per-capita income is below the low-income line (" + line + " yuan): "))
                .append("<b data-field=\"countBelowLine\">").append(fmt(below)).append("</b>").append(Lang.pick(
                        "。只看收入。", ". Income alone.")).append("</li>");
        h.append("<li>").append(Lang.pick("认定的低收入农户（" + title(IDENTIFIED) + "）：",
                "Identified low-income households (" + title(IDENTIFIED) + "): "))
                .append("<b data-field=\"countIdentified\">").append(fmt(identified)).append("</b>").append(Lang.pick(
                        "。收入低于线，或有低保、特困身份（即使收入高于线）。",
                        ". Below the line, or holding minimum-living (低保) or extreme-poverty (特困) status even above it."))
                .append("</li>");
        h.append("<li>").append(Lang.pick("获得收入补差（" + title(TOP_UP) + "）的农户：",
                "Households granted the top-up (" + title(TOP_UP) + "): "))
                .append("<b data-field=\"countTopUp\">").append(fmt(topUps)).append("</b>").append(Lang.pick(
                        "。已认定且收入低于线，并通过家庭财产审核（车辆、商业用房、存款）；有低保、特困身份但收入已达线的农户不补差，"
                                + "财产超标的农户也不补差。",
                        ". Identified and below the line, and passing the means test (vehicle, commercial property, "
                                + "savings); a household identified by status whose income reaches the line gets no top-up, "
                                + "nor does one whose assets exceed the limits.")).append("</li>");
        h.append("</ol></div>\n");
    }

    private void card(String field, String label, String value) {
        h.append("<div class=\"card\"><div class=\"v\" data-field=\"").append(field).append("\">").append(esc(value))
                .append("</div><div class=\"k\">").append(esc(label)).append("</div></div>");
    }

    private void targets(RunSummary.CountyResults c) {
        h.append("<h3>").append(Lang.pick("县级指标", "County targets")).append("</h3>\n");
        if (c.targets.isEmpty()) {
            h.append("<p class=\"note\">").append(Lang.pick("没有判定县级指标（没有含县级指标的规则包，或没有县级数据）。",
                    "No county targets were decided (no pack with county targets, or no County facts).")).append("</p>\n");
            return;
        }
        h.append("<table class=\"targets\"><tr><th>").append(Lang.pick("指标", "Target")).append("</th><th>")
                .append(Lang.pick("结果", "Result")).append("</th><th>").append(Lang.pick("判定依据", "Criterion"))
                .append("</th>").append(th(Lang.pick("实际", "actual"))).append("<th></th>")
                .append(th(Lang.pick("要求", "required"))).append("<th>").append(Lang.pick("参数", "parameter"))
                .append("</th>").append(th(Lang.pick("差距", "gap"))).append("</tr>\n");
        c.targets.forEach((code, t) -> {
            boolean ok = "TARGET_MET".equals(t.outcome());
            List<Criterion> reasons = t.reasons().isEmpty() ? List.of((Criterion) null) : t.reasons();
            for (int i = 0; i < reasons.size(); i++) {
                Criterion r = reasons.get(i);
                h.append("<tr data-code=\"").append(esc(code)).append("\" data-outcome=\"").append(esc(t.outcome()))
                        .append("\">");
                if (i == 0) {
                    h.append("<td rowspan=\"").append(reasons.size()).append("\">").append(codeCell(code))
                            .append("</td><td rowspan=\"").append(reasons.size()).append("\" class=\"")
                            .append(ok ? "met" : "missed").append("\" data-field=\"outcome\">")
                            .append(ok ? "✓ " : "✗ ").append(esc(Words.outcome(t.outcome()))).append("</td>");
                }
                if (r == null) {
                    h.append("<td colspan=\"6\"></td>");
                } else {
                    h.append("<td>").append(esc(Words.criterion(r.criterion()))).append("</td>")
                            .append("<td class=\"num\" data-field=\"actual\">")
                            .append(esc(Words.value(r.criterion(), r.actual()))).append("</td>")
                            .append("<td>").append(esc(Words.operator(r.operator()))).append("</td>")
                            .append("<td class=\"num\" data-field=\"required\">")
                            .append(esc(Words.value(r.criterion(), r.required()))).append("</td>")
                            .append("<td><code>").append(esc(r.parameter() == null ? "" : r.parameter())).append("</code></td>")
                            .append("<td class=\"num\" data-field=\"gap\">")
                            .append(esc(r.gap() == null ? "" : Words.value(r.criterion(), r.gap()))).append("</td>");
                }
                h.append("</tr>\n");
            }
        });
        h.append("</table>\n");
    }

    /** Village targets: how many villages met and missed each, in their own table. */
    private void villageTargets(RunSummary.CountyResults c) {
        if (c.villageTargets.isEmpty()) {
            return;
        }
        h.append("<h3>").append(Lang.pick("村级指标（行政村数）", "Village targets (villages)")).append("</h3>\n")
                .append("<table class=\"village-decisions\"><tr><th>").append(Lang.pick("指标", "Target")).append("</th>")
                .append(th(Lang.pick("达标", "met"))).append(th(Lang.pick("未达标", "missed"))).append("</tr>\n");
        c.villageTargets.forEach((code, byOutcome) -> h.append("<tr data-code=\"").append(esc(code)).append("\"><td>")
                .append(codeCell(code)).append("</td>")
                .append(num("met", byOutcome.getOrDefault("TARGET_MET", 0L)))
                .append(num("missed", byOutcome.getOrDefault("TARGET_MISSED", 0L))).append("</tr>\n"));
        h.append("</table>\n");
    }

    private void benefits(RunSummary.CountyResults c) {
        h.append("<h3>").append(Lang.pick("补助（实际发放）", "Benefits granted (paid)")).append("</h3>\n");
        if (c.benefits.isEmpty()) {
            h.append("<p class=\"note\">").append(Lang.pick("没有发放补助。", "No benefits granted.")).append("</p>\n");
        } else {
            tallies("benefits", Lang.pick("补助", "Benefit"), Lang.pick("金额（元）", "amount (yuan)"), c.benefits);
        }
        if (!c.credit.isEmpty()) {
            h.append("<h3>").append(Lang.pick("贷款和授信", "Loans and credit lines granted")).append("</h3>\n<p class=\"note\">")
                    .append(Lang.pick("最高可贷额度（<code>amount: CREDIT</code> 的代码），不是发放的钱，不计入补助合计。",
                            "The most that may be lent (codes declared <code>amount: CREDIT</code>); not money paid out, "
                                    + "so not in the benefit totals.")).append("</p>\n");
            tallies("credit", Lang.pick("贷款或授信", "Loan or credit line"), Lang.pick("最高（元）", "up to (yuan)"), c.credit);
        }
    }

    private void tallies(String cssClass, String what, String amountTitle, Map<String, RunSummary.Tally> tallies) {
        h.append("<table class=\"").append(cssClass).append("\"><tr><th>").append(what).append("</th>")
                .append(th(Lang.pick("项数", "granted"))).append(th(amountTitle)).append("</tr>\n");
        long count = 0;
        long amount = 0;
        for (Map.Entry<String, RunSummary.Tally> e : tallies.entrySet()) {
            h.append("<tr data-code=\"").append(esc(e.getKey())).append("\"><td>").append(codeCell(e.getKey()))
                    .append("</td>").append(num("count", e.getValue().count))
                    .append(num("amountYuan", e.getValue().amountYuan)).append("</tr>\n");
            count += e.getValue().count;
            amount = Math.addExact(amount, e.getValue().amountYuan);
        }
        h.append("<tr data-code=\"total\"><th>").append(Lang.pick("合计", "total")).append("</th>")
                .append(num("count", count)).append(num("amountYuan", amount)).append("</tr>\n</table>\n");
    }

    private void villages(RunSummary.CountyResults c) {
        h.append("<h3>").append(Lang.pick("行政村：按村集体经营性收入", "Villages by collective operating income")).append("</h3>\n");
        if (c.villages == null || c.villages.count == 0) {
            h.append("<p class=\"note\">").append(Lang.pick("输入中没有本县的行政村。", "No villages of this county in the input."))
                    .append("</p>\n");
            return;
        }
        h.append(VillageChart.svg(c.villages));
        h.append("<p class=\"note\" data-field=\"villages\">").append(fmt(c.villages.count))
                .append(Lang.pick(" 个行政村：", " villages: "));
        List<String> sizes = new ArrayList<>();
        c.villages.bySizeClass.forEach((size, n) -> sizes.add(fmt(n) + " " + Words.enumValue(size)));
        h.append(esc(String.join(Lang.pick("、", ", "), sizes))).append(Lang.pick("。", ".")).append("</p>\n");

        Set<String> classes = villageFlagCodes(c);
        if (!classes.isEmpty()) {
            h.append("<table class=\"village-flags\"><tr><th>").append(Lang.pick("村的分类和标记", "Village class or flag"))
                    .append("</th>").append(th(Lang.pick("村数", "villages"))).append("</tr>\n");
            for (String code : classes) {
                h.append("<tr data-code=\"").append(esc(code)).append("\"><td>").append(codeCell(code)).append("</td>")
                        .append(num("count", c.flags.getOrDefault(code, 0L))).append("</tr>\n");
            }
            h.append("</table>\n");
        }
        List<Map.Entry<String, RunSummary.VillageResults>> hollowWeak = c.byVillage.entrySet().stream()
                .filter(e -> e.getValue().villageFlags.stream().anyMatch(HOLLOW_WEAK_CODES::contains)).toList();
        h.append("<h3>").append(Lang.pick("空壳村和薄弱村", "Hollow and weak villages")).append("</h3>\n");
        if (hollowWeak.isEmpty()) {
            h.append("<p class=\"note\">").append(Lang.pick("本县没有空壳村或薄弱村。", "No hollow or weak village in this county."))
                    .append("</p>\n");
        } else {
            h.append("<p class=\"note\">").append(Lang.pick("共 " + fmt(hollowWeak.size()) + " 个，全部列出；也在 ",
                    fmt(hollowWeak.size()) + " villages, all listed; also in ")).append(link(lists.hollowWeak()))
                    .append(Lang.pick("。", ".")).append("</p>\n");
            h.append("<table class=\"hollow-weak\"><tr><th>").append(Lang.pick("村", "Village")).append("</th><th>")
                    .append(Lang.pick("名称", "Name")).append("</th><th>").append(Lang.pick("分类", "Class")).append("</th>")
                    .append(th(Lang.pick("经营性收入（元）", "operating income (yuan)")))
                    .append(th(Lang.pick("农户", "households"))).append("</tr>\n");
            for (Map.Entry<String, RunSummary.VillageResults> e : hollowWeak) {
                RunSummary.VillageResults v = e.getValue();
                h.append("<tr data-village=\"").append(esc(e.getKey())).append("\"><td>").append(esc(e.getKey()))
                        .append("</td><td>").append(esc(v.name == null ? "" : v.name)).append("</td><td>")
                        .append(esc(villageClass(v))).append("</td>")
                        .append(v.operatingIncomeYuan == null ? "<td></td>" : num("operatingIncomeYuan", v.operatingIncomeYuan))
                        .append(num("households", v.households)).append("</tr>\n");
            }
            h.append("</table>\n");
        }
        perVillage(c);
    }

    /** The village's class: the titles of its own flags (its collective-income class in the shipped packs). */
    String villageClass(RunSummary.VillageResults v) {
        return String.join(Lang.pick("、", ", "), v.villageFlags.stream().map(this::title).toList());
    }

    private void perVillage(RunSummary.CountyResults c) {
        h.append("<h3>").append(Lang.pick("各村情况", "Village by village")).append("</h3>\n<p class=\"note\">")
                .append(Lang.pick("每村一行：农户数、发放的补助（不含贷款授信）、农户标记数、村的分类和未达标的村级指标。也在 ",
                        "One row per village: households, benefits paid (not loans or credit), household flags, the "
                                + "village's class and the village targets it missed. Also in "))
                .append(link(lists.villages())).append(Lang.pick("。", ".")).append("</p>\n");
        h.append("<table class=\"per-village\"><tr><th>").append(Lang.pick("村", "Village")).append("</th><th>")
                .append(Lang.pick("名称", "Name")).append("</th>").append(th(Lang.pick("农户", "households")))
                .append(th(Lang.pick("补助项数", "benefits"))).append(th(Lang.pick("补助金额（元）", "benefits (yuan)")))
                .append(th(Lang.pick("农户标记", "household flags"))).append(th(Lang.pick("防返贫监测", "monitoring")))
                .append("<th>").append(Lang.pick("分类", "Class")).append("</th><th>")
                .append(Lang.pick("未达标的村级指标", "Village targets missed")).append("</th></tr>\n");
        c.byVillage.forEach((id, v) -> {
            long flags = v.flags.values().stream().mapToLong(Long::longValue).sum();
            long monitoring = MONITORING_CODES.stream().mapToLong(code -> v.flags.getOrDefault(code, 0L)).sum();
            h.append("<tr data-village=\"").append(esc(id)).append("\"><td>").append(esc(id)).append("</td><td>")
                    .append(esc(v.name == null ? "" : v.name)).append("</td>").append(num("households", v.households))
                    .append(num("benefits", v.benefits)).append(num("benefitsYuan", v.benefitsYuan))
                    .append(num("flags", flags)).append(num("monitoring", monitoring)).append("<td>")
                    .append(esc(villageClass(v))).append("</td><td>")
                    .append(esc(String.join(Lang.pick("、", ", "), v.targetsMissed.stream().map(this::title).toList())))
                    .append("</td></tr>\n");
        });
        h.append("</table>\n");
    }

    private void flags(RunSummary.CountyResults c) {
        h.append("<h3>").append(Lang.pick("农户标记", "Households flagged")).append("</h3>\n");
        Set<String> villageCodes = villageFlagCodes(c);
        java.util.LinkedHashSet<String> order = new java.util.LinkedHashSet<>();
        titles.keySet().stream().filter(c.flags::containsKey).forEach(order::add); // pack.yaml order
        order.addAll(c.flags.keySet());
        List<Map.Entry<String, Long>> household = order.stream().filter(code -> !villageCodes.contains(code))
                .map(code -> Map.entry(code, c.flags.get(code))).toList();
        if (household.isEmpty()) {
            h.append("<p class=\"note\">").append(Lang.pick("没有农户被标记。", "No household was flagged.")).append("</p>\n");
            return;
        }
        h.append("<table class=\"flags\"><tr><th>").append(Lang.pick("标记", "Flag")).append("</th>")
                .append(th(Lang.pick("户数", "households"))).append("</tr>\n");
        household.forEach(e -> h.append("<tr data-code=\"").append(esc(e.getKey())).append("\"><td>")
                .append(codeCell(e.getKey())).append("</td>").append(num("count", e.getValue())).append("</tr>\n"));
        h.append("</table>\n<p class=\"note\">").append(Lang.pick("每户每个标记的完整名单及原因：",
                "Every flagged household with each flag and its reasons: ")).append(link(lists.flagged()))
                .append(Lang.pick("。", ".")).append("</p>\n");
    }

    /** The complete lists beside the page, with their first rows. */
    private void completeLists() {
        h.append("<h2 id=\"lists\">").append(Lang.pick("完整名单（CSV，可用电子表格打开）",
                "Complete lists (CSV, open in a spreadsheet)")).append("</h2>\n<ul class=\"lists\">\n");
        listItem(lists.flagged(), Lang.pick("被标记的农户（每户每个标记一行，含原因）", "Flagged households (one row per household and flag, with the reasons)"));
        listItem(lists.villages(), Lang.pick("各村情况", "Village by village"));
        listItem(lists.hollowWeak(), Lang.pick("空壳村和薄弱村", "Hollow and weak villages"));
        listItem(lists.rejected(), Lang.pick("被拒收的记录（文件、行、字段、原因）", "Rejected records (file, line, field, what was expected)"));
        h.append("</ul>\n");
        if (!lists.flaggedFirst().isEmpty()) {
            h.append("<h3>").append(Lang.pick("被标记的农户：前 ", "Flagged households: the first "))
                    .append(lists.flaggedFirst().size()).append(Lang.pick(" 行（全部见 CSV）", " rows (all in the CSV)"))
                    .append("</h3>\n<table class=\"flagged\"><tr><th>").append(Lang.pick("农户", "Household"))
                    .append("</th><th>").append(Lang.pick("标记", "Flag")).append("</th><th>")
                    .append(Lang.pick("原因", "Why")).append("</th></tr>\n");
            for (Decision d : lists.flaggedFirst()) {
                h.append("<tr data-household=\"").append(esc(d.subjectId())).append("\" data-code=\"").append(esc(d.code()))
                        .append("\"><td>").append(esc(d.subjectId())).append("</td><td>").append(codeCell(d.code()))
                        .append("</td><td class=\"reason\">").append(esc(why(d))).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        if (!lists.rejectedFirst().isEmpty()) {
            h.append("<h3>").append(Lang.pick("被拒收的记录：前 ", "Rejected records: the first "))
                    .append(lists.rejectedFirst().size()).append(Lang.pick(" 条（全部见 CSV）", " (all in the CSV)"))
                    .append("</h3>\n<table class=\"rejected\"><tr><th>").append(Lang.pick("文件", "File")).append("</th>")
                    .append(th(Lang.pick("行", "line"))).append("<th>").append(Lang.pick("字段", "Field")).append("</th><th>")
                    .append(Lang.pick("原因", "What was wrong")).append("</th></tr>\n");
            for (RecordError e : lists.rejectedFirst()) {
                h.append("<tr><td>").append(esc(e.file())).append("</td>").append(num("line", e.line())).append("<td>")
                        .append(esc(e.field() == null ? "" : e.field())).append("</td><td class=\"reason\">")
                        .append(esc(e.message())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
    }

    private void listItem(ReportLists.ListFile f, String what) {
        if (f == null) {
            return;
        }
        h.append("<li data-list=\"").append(esc(f.name())).append("\">").append(link(f)).append(" — ").append(esc(what))
                .append(Lang.pick("，", ", ")).append("<span data-field=\"rows\">").append(fmt(f.rows())).append("</span>")
                .append(Lang.pick(" 行", " rows")).append("</li>\n");
    }

    private static String link(ReportLists.ListFile f) {
        return f == null ? "CSV" : "<a href=\"" + esc(f.name()) + "\">" + esc(f.name()) + "</a>";
    }

    /** The criteria that made a flag, in words: composite criteria show the parts that passed. */
    static String why(Decision d) {
        List<String> parts = new ArrayList<>();
        for (Criterion c : d.reasons()) {
            collect(c, parts);
        }
        return String.join(Lang.pick("；", "; "), parts);
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
                out.add(Words.criterion(c.criterion()));
            }
            return;
        }
        if (c.actual() instanceof Boolean b && c.required() instanceof Boolean r && b.equals(r)) {
            out.add(Words.criterion(c.criterion())); // "identified low-income: yes" reads as the label alone
            return;
        }
        out.add(Words.criterionLine(c));
    }

    private static String th(String label) {
        return "<th class=\"num\">" + label + "</th>";
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
