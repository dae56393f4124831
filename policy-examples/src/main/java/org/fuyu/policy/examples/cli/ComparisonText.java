package org.fuyu.policy.examples.cli;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import org.fuyu.policy.Lang;
import org.fuyu.policy.Title;
import org.fuyu.policy.Words;
import org.fuyu.policy.reform.Comparison;

/**
 * The short report {@code fuyu compare} prints, in the current {@link Lang}: who gains and who
 * loses, what the benefits cost on each side (named in one phrase), the decisions that changed
 * with their titles, winners and losers in bands around the low-income line and by decile, and
 * the targets that flip. Counts and amounts come first on a line, with thousands separators.
 */
final class ComparisonText {
    private ComparisonText() {
    }

    /**
     * @param chosenCodes whether the benefit codes were chosen ({@code --benefit-codes}) rather
     *     than the default (every payment code)
     */
    static void print(Comparison c, Map<String, Title> titles, boolean chosenCodes, Path outDir, PrintStream out) {
        Comparison.ReformInfo r = c.reform();
        out.println(r == null
                ? Lang.pick("两组规则对比，评估日 " + c.asOf(), "Two engines compared, as of " + c.asOf())
                : Lang.pick("改革方案 " + r.name() + "（" + r.effective() + " 起施行）与现行政策对比，评估日 " + c.asOf(),
                        "Reform " + r.name() + " (effective " + r.effective() + ") against the baseline, as of " + c.asOf()));
        long read = c.files().values().stream().mapToLong(f -> f.read).sum();
        long rejected = c.files().values().stream().mapToLong(f -> f.rejected).sum();
        Comparison.Households h = c.households();
        out.println(Lang.pick(
                "  读取 " + Words.count(read) + " 条记录，拒收 " + Words.count(rejected) + " 条；对比 " + Words.count(h.compared())
                        + " 户，其中 " + Words.count(h.changed()) + " 户的决定有变化",
                "  read " + Words.count(read) + " records, rejected " + Words.count(rejected) + "; "
                        + Words.count(h.compared()) + " households compared, " + Words.count(h.changed()) + " changed"));
        out.println(Lang.pick(
                String.format("  受益 %9s 户  %15s 元", Words.count(h.winners().count()), Words.signed(h.winners().deltaYuan())),
                String.format("  winners %9s households  %15s yuan", Words.count(h.winners().count()),
                        Words.signed(h.winners().deltaYuan()))));
        out.println(Lang.pick(
                String.format("  受损 %9s 户  %15s 元", Words.count(h.losers().count()), Words.signed(h.losers().deltaYuan())),
                String.format("  losers  %9s households  %15s yuan", Words.count(h.losers().count()),
                        Words.signed(h.losers().deltaYuan()))));
        out.println("  " + costLine(c, chosenCodes));
        codes(c, titles, out);
        lineBands(c, out);
        deciles(c, out);
        out.println();
        if (c.flips().isEmpty()) {
            out.println(Lang.pick("  达标情况改变的指标：无", "  targets flipped: none"));
        } else {
            out.println(Lang.pick("  达标情况改变的指标：", "  targets flipped:"));
            c.flips().forEach(f -> out.println("    " + Words.subject(f.subjectType()) + " " + f.subjectId() + "  "
                    + SummaryText.code(titles, f.code()) + Lang.pick("：", ": ") + Words.outcome(f.from()) + " → "
                    + Words.outcome(f.to())));
        }
        if (!c.notes().isEmpty()) {
            out.println(Lang.pick("  说明：", "  notes:"));
            c.notes().forEach(n -> out.println("    " + n));
        }
        out.println();
        out.println(Lang.pick("输出：", "Output: ") + outDir.resolve("changes.jsonl") + " ("
                + Lang.pick(Words.count(c.subjectsChanged()) + " 个对象有变化", Words.count(c.subjectsChanged()) + " subjects changed")
                + "), comparison.json, errors.jsonl");
    }

    /** What the benefits cost on each side, naming in one phrase what is counted. */
    static String costLine(Comparison c, boolean chosenCodes) {
        String what = !chosenCodes || c.benefitCodes() == null
                ? Lang.pick("发放的补助（全部补助类代码，不含贷款和授信）", "benefits paid (every payment code, not loans or credit lines)")
                : Lang.pick("所选代码的金额（--benefit-codes，" + c.benefitCodes().size() + " 个）",
                        "amounts of the chosen codes (--benefit-codes, " + c.benefitCodes().size() + ")");
        Comparison.Cost k = c.cost();
        return Lang.pick(what + "：现行 " + Words.money(k.baselineYuan()) + "，改革后 " + Words.money(k.reformYuan())
                        + "，变化 " + Words.signed(k.deltaYuan()) + " 元",
                what + ": baseline " + Words.money(k.baselineYuan()) + ", reform " + Words.money(k.reformYuan())
                        + ", change " + Words.signed(k.deltaYuan()) + " yuan");
    }

    private static void codes(Comparison c, Map<String, Title> titles, PrintStream out) {
        out.println();
        out.println(Lang.pick("  有变化的决定（现行 → 改革后）：", "  decisions that changed (baseline → reform):"));
        out.println(Lang.pick(
                "  " + right("现行", 9) + " " + right("改革后", 9) + " " + right("变化", 7) + " " + right("现行金额", 15) + " "
                        + right("改革后金额", 15) + " " + right("金额变化", 15) + "  决定",
                String.format("  %9s %9s %7s %15s %15s %15s  %s", "baseline", "reform", "change", "baseline yuan",
                        "reform yuan", "change yuan", "decision")));
        int unchanged = 0;
        for (Comparison.CodeTotal t : c.totals()) {
            if (t.deltaCount() == 0 && t.deltaYuan() == 0) {
                unchanged++;
                continue;
            }
            out.printf("  %9s %9s %7s %15s %15s %15s  %s%n", Words.count(t.baselineCount()), Words.count(t.reformCount()),
                    Words.signed(t.deltaCount()), Words.count(t.baselineYuan()), Words.count(t.reformYuan()),
                    Words.signed(t.deltaYuan()), SummaryText.code(titles, t.code()) + Lang.pick("，", ", ")
                            + Words.outcome(t.outcome()));
        }
        if (unchanged > 0) {
            out.println(Lang.pick("  （另有 " + unchanged + " 项决定没有变化）", "  (" + unchanged + " code/outcome rows unchanged)"));
        }
    }

    private static void lineBands(Comparison c, PrintStream out) {
        Comparison.LineBands b = c.byLowIncomeLine();
        if (b == null) {
            return;
        }
        String line = Words.number(b.baselineLine())
                + (b.reformLine() != null && b.reformLine().compareTo(b.baselineLine()) != 0
                ? " → " + Words.number(b.reformLine()) : "");
        out.println();
        out.println(Lang.pick("  低收入线（" + line + " 元）附近，按家庭人均收入每 " + Words.count(b.widthYuan()) + " 元一档：",
                "  near the low-income line (" + line + " yuan), per-capita income in bands of "
                        + Words.count(b.widthYuan()) + " yuan:"));
        header(out, Lang.pick("家庭人均收入（元）", "per-capita income, yuan"));
        for (Comparison.LineBand x : b.bands()) {
            String label = x.fromYuan() == null ? Lang.pick("低于 ", "below ") + Words.count(x.toYuan())
                    : x.toYuan() == null ? Words.count(x.fromYuan()) + Lang.pick(" 及以上", " and more")
                    : Words.count(x.fromYuan()) + " – " + Words.count(x.toYuan() - 1);
            row(out, label, x.households(), x.winners(), x.losers());
        }
    }

    private static void deciles(Comparison c, PrintStream out) {
        if (c.byIncomeDecile().isEmpty()) {
            return;
        }
        out.println();
        out.println(Lang.pick("  按家庭人均收入十等分（第 1 组最低）：", "  by per-capita income decile (1 = the poorest tenth):"));
        header(out, Lang.pick("组  家庭人均收入（元）", "decile  per-capita income, yuan"));
        for (Comparison.IncomeBand b : c.byIncomeDecile()) {
            row(out, String.format("%-3d %s – %s", b.decile(), money2(b.perCapitaMin()), money2(b.perCapitaMax())),
                    b.households(), b.winners(), b.losers());
        }
    }

    private static void header(PrintStream out, String what) {
        out.println(Lang.pick(
                "  " + right("户数", 9) + " " + right("受益户", 9) + " " + right("增加（元）", 15) + " " + right("受损户", 9)
                        + " " + right("减少（元）", 15) + "  " + what,
                String.format("  %9s %9s %15s %9s %15s  %s", "households", "winners", "gain, yuan", "losers", "loss, yuan",
                        what)));
    }

    private static void row(PrintStream out, String label, long households, Comparison.GainLoss winners,
                            Comparison.GainLoss losers) {
        out.printf("  %9s %9s %15s %9s %15s  %s%n", Words.count(households), Words.count(winners.count()),
                Words.signed(winners.deltaYuan()), Words.count(losers.count()), Words.signed(losers.deltaYuan()), label);
    }

    /** {@code s} right-aligned in {@code width} terminal columns (a CJK character takes two). */
    static String right(String s, int width) {
        int w = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            w += ch >= 0x1100 && (ch <= 0x115f || ch >= 0x2e80 && ch <= 0xa4cf || ch >= 0xac00 && ch <= 0xd7a3
                    || ch >= 0xf900 && ch <= 0xfaff || ch >= 0xfe30 && ch <= 0xfe4f || ch >= 0xff00 && ch <= 0xff60
                    || ch >= 0xffe0 && ch <= 0xffe6) ? 2 : 1;
        }
        return " ".repeat(Math.max(0, width - w)) + s;
    }

    private static String money2(BigDecimal v) {
        return String.format(java.util.Locale.ROOT, "%,.2f", v);
    }

    /** A change with its sign (+1,200 / −450), or 0. */
    static String signed(long v) {
        return Words.signed(v);
    }
}
