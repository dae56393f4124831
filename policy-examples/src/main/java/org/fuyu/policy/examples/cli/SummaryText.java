package org.fuyu.policy.examples.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.fuyu.policy.Criterion;
import org.fuyu.policy.Lang;
import org.fuyu.policy.Title;
import org.fuyu.policy.Words;
import org.fuyu.policy.io.RunSummary;

/**
 * Human-readable renderings of a run summary in the current {@link Lang}: codes with their
 * titles from pack.yaml, criteria by their labels, shares as percentages, money with thousands
 * separators. Counts come first on a line so that columns line up whatever the title's script.
 */
final class SummaryText {
    private SummaryText() {
    }

    static String oneLine(RunSummary s) {
        long decisions = s.decisions.values().stream().flatMap(m -> m.values().stream()).mapToLong(t -> t.count).sum();
        return Lang.pick(String.format("读取 %s 条记录，拒收 %s 条，作出 %s 项决定（评估日 %s）", Words.count(s.totalRead()),
                        Words.count(s.totalRejected()), Words.count(decisions), s.asOf),
                String.format("read %s records, rejected %s, %s decisions (as of %s)", Words.count(s.totalRead()),
                        Words.count(s.totalRejected()), Words.count(decisions), s.asOf));
    }

    /** A code as a person reads it: its title and, in brackets, the code. */
    static String code(Map<String, Title> titles, String code) {
        Title t = titles.get(code);
        return t == null ? code : t.text() + " (" + code + ")";
    }

    /** The packs a run used, one a line (id, version, where from), and which shipped packs directory packs replaced. */
    static void packs(org.fuyu.policy.packs.PackSelection selection, PrintStream out) {
        out.println(org.fuyu.policy.Lang.pick("使用的规则包（" + selection.packs().size() + " 个）：",
                "packs used (" + selection.packs().size() + "):"));
        selection.describe().forEach(line -> out.println("  " + line));
        selection.printedNotes().forEach(n -> out.println("  " + n));
    }

    static void print(RunSummary s, PrintStream out) {
        List<String> packs = s.packs.stream().map(p -> p.get("id")).toList();
        out.println(Lang.pick("富裕政策评估，评估日 " + s.asOf + "，规则包：" + String.join("、", packs),
                "Fuyu run as of " + s.asOf + " with packs " + String.join(", ", packs)));
        for (Map<String, String> p : s.packs) {
            out.println("  " + p.get("id") + " " + p.get("version") + (p.get("source") != null ? " (" + p.get("source") + ")" : ""));
        }
        out.println();
        out.println(Lang.pick("输入文件", "Input"));
        s.files.forEach((f, c) -> out.println(Lang.pick(
                String.format("  %-20s 读取 %7s  评估 %7s  拒收 %5s", f, Words.count(c.read), Words.count(c.evaluated),
                        Words.count(c.rejected)),
                String.format("  %-20s read %7s  evaluated %7s  rejected %5s", f, Words.count(c.read),
                        Words.count(c.evaluated), Words.count(c.rejected)))));
        if (s.totalRejected() > 0) {
            out.println(Lang.pick("  被拒收的记录见 errors.jsonl（每条写明文件、行、字段和应填的值），改正后重新运行。",
                    "  Rejected records are in errors.jsonl (each with file, line, field and what was expected); "
                            + "correct them and run again."));
        }
        for (Map.Entry<String, RunSummary.CountyResults> e : s.counties.entrySet()) {
            county(s, e.getKey(), e.getValue(), out);
        }
        if (!s.notes.isEmpty()) {
            out.println();
            out.println(Lang.pick("说明", "Notes"));
            s.notes.forEach(n -> out.println("  " + n));
        }
    }

    private static void county(RunSummary s, String id, RunSummary.CountyResults c, PrintStream out) {
        Map<String, Title> titles = s.titles;
        out.println();
        out.println(Lang.pick("县 " + id + "（" + Words.count(c.households) + " 户）",
                "County " + id + " (" + Words.count(c.households) + " households)"));
        if (!c.targets.isEmpty()) {
            long met = c.targets.values().stream().filter(t -> t.outcome().equals("TARGET_MET")).count();
            out.println(Lang.pick("  县级指标：达标 " + met + " 项，未达标 " + (c.targets.size() - met) + " 项",
                    "  county targets: " + met + " met, " + (c.targets.size() - met) + " missed"));
            c.targets.forEach((code, t) -> {
                boolean ok = t.outcome().equals("TARGET_MET");
                out.println("    " + (ok ? "✓ " : "✗ ") + Words.outcome(t.outcome()) + "  " + code(titles, code));
                for (Criterion r : t.reasons()) {
                    out.println("        " + Words.criterionLine(r));
                }
            });
        }
        if (!c.villageTargets.isEmpty()) {
            out.println(Lang.pick("  村级指标（行政村数）：", "  village targets (villages):"));
            c.villageTargets.forEach((code, m) -> {
                StringBuilder sb = new StringBuilder("    ");
                for (String outcome : List.of("TARGET_MET", "TARGET_MISSED")) {
                    sb.append(String.format("%s %5s  ", Words.outcome(outcome), Words.count(m.getOrDefault(outcome, 0L))));
                }
                out.println(sb.append(code(titles, code)));
            });
        }
        printTallies(out, Lang.pick("  补助（实际发放）：", "  benefits granted (paid):"), titles, c.benefits);
        printTallies(out, Lang.pick("  贷款和授信（最高可贷额度，不是发放的钱）：",
                "  loans and credit lines granted (the most that may be lent, not money paid):"), titles, c.credit);
        Set<String> villageCodes = new TreeSet<>();
        c.byVillage.values().forEach(v -> villageCodes.addAll(v.villageFlags));
        printFlags(out, Lang.pick("  农户标记（户数）：", "  households flagged:"), titles, c.flags, villageCodes, false);
        printFlags(out, Lang.pick("  行政村分类和标记（村数）：", "  villages flagged (by class):"), titles, c.flags,
                villageCodes, true);
    }

    private static void printFlags(PrintStream out, String heading, Map<String, Title> titles, Map<String, Long> flags,
                                   Set<String> villageCodes, boolean villages) {
        boolean any = false;
        // in the order of the packs' pack.yaml (village classes from hollow to strong), untitled codes last
        java.util.LinkedHashSet<String> order = new java.util.LinkedHashSet<>();
        titles.keySet().stream().filter(flags::containsKey).forEach(order::add);
        order.addAll(flags.keySet());
        for (String code : order) {
            if (villageCodes.contains(code) != villages) {
                continue;
            }
            if (!any) {
                out.println(heading);
                any = true;
            }
            out.printf("    %7s  %s%n", Words.count(flags.get(code)), code(titles, code));
        }
    }

    private static void printTallies(PrintStream out, String heading, Map<String, Title> titles,
                                     Map<String, RunSummary.Tally> tallies) {
        if (tallies.isEmpty()) {
            return;
        }
        out.println(heading);
        long total = 0;
        long count = 0;
        for (Map.Entry<String, RunSummary.Tally> b : tallies.entrySet()) {
            out.printf("    %7s  %18s  %s%n", Words.count(b.getValue().count), Words.money(b.getValue().amountYuan),
                    code(titles, b.getKey()));
            total = Math.addExact(total, b.getValue().amountYuan);
            count += b.getValue().count;
        }
        out.printf("    %7s  %18s  %s%n", Words.count(count), Words.money(total), Lang.pick("合计", "total"));
    }
}
