package org.fuyu.policy.examples.cli;

import java.io.PrintStream;
import java.util.Map;
import org.fuyu.policy.io.RunSummary;

/** Human-readable renderings of a run summary. */
final class SummaryText {
    private SummaryText() {
    }

    static String oneLine(RunSummary s) {
        long decisions = s.decisions.values().stream().flatMap(m -> m.values().stream()).mapToLong(t -> t.count).sum();
        return String.format("read %d records, rejected %d, %d decisions (as of %s)", s.totalRead(), s.totalRejected(),
                decisions, s.asOf);
    }

    /** The packs a run used, one a line (id, version, where from), and which shipped packs directory packs replaced. */
    static void packs(org.fuyu.policy.packs.PackSelection selection, PrintStream out) {
        out.println(org.fuyu.policy.Lang.pick("使用的规则包（" + selection.packs().size() + " 个）：",
                "packs used (" + selection.packs().size() + "):"));
        selection.describe().forEach(line -> out.println("  " + line));
        selection.printedNotes().forEach(n -> out.println("  " + n));
    }

    static void print(RunSummary s, PrintStream out) {
        out.println("Fuyu run as of " + s.asOf + " with packs "
                + s.packs.stream().map(p -> p.get("id")).toList());
        for (Map<String, String> p : s.packs) {
            out.println("  " + p.get("id") + " " + p.get("version") + (p.get("source") != null ? " (" + p.get("source") + ")" : ""));
        }
        out.println();
        out.println("Input");
        s.files.forEach((f, c) -> out.printf("  %-20s read %6d  evaluated %6d  rejected %4d%n", f, c.read, c.evaluated, c.rejected));
        for (Map.Entry<String, RunSummary.CountyResults> e : s.counties.entrySet()) {
            RunSummary.CountyResults c = e.getValue();
            out.println();
            out.println("County " + e.getKey() + " (" + c.households + " households)");
            if (!c.targets.isEmpty()) {
                long met = c.targets.values().stream().filter(t -> t.outcome().equals("TARGET_MET")).count();
                out.printf("  targets: %d met, %d missed%n", met, c.targets.size() - met);
                c.targets.forEach((code, t) -> out.printf("    %-28s %-14s%s%n", code, t.outcome(),
                        t.reasons().isEmpty() ? "" : "  " + t.reasons().get(0).criterion() + " "
                                + t.reasons().get(0).actual() + ", needs " + t.reasons().get(0).operator() + " "
                                + t.reasons().get(0).required()));
            }
            if (!c.villageTargets.isEmpty()) {
                out.println("  villages:");
                c.villageTargets.forEach((code, m) -> out.printf("    %-28s %s%n", code, m));
            }
            printTallies(out, "benefits granted (paid):", c.benefits);
            printTallies(out, "loans and credit lines granted (most that may be lent):", c.credit);
            if (!c.flags.isEmpty()) {
                out.println("  flagged:");
                c.flags.forEach((code, n) -> out.printf("    %-34s %6d%n", code, n));
            }
        }
        if (!s.notes.isEmpty()) {
            out.println();
            out.println("Notes");
            s.notes.forEach(n -> out.println("  " + n));
        }
    }

    private static void printTallies(PrintStream out, String heading, Map<String, RunSummary.Tally> tallies) {
        if (tallies.isEmpty()) {
            return;
        }
        out.println("  " + heading);
        long total = 0;
        long count = 0;
        for (Map.Entry<String, RunSummary.Tally> b : tallies.entrySet()) {
            out.printf("    %-34s %6d  %,14d yuan%n", b.getKey(), b.getValue().count, b.getValue().amountYuan);
            total += b.getValue().amountYuan;
            count += b.getValue().count;
        }
        out.printf("    %-34s %6d  %,14d yuan%n", "total", count, total);
    }
}
