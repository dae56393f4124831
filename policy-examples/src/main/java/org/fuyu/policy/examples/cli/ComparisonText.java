package org.fuyu.policy.examples.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import org.fuyu.policy.reform.Comparison;

/** The short table {@code fuyu compare} prints. */
final class ComparisonText {
    private ComparisonText() {
    }

    static void print(Comparison c, Path outDir, PrintStream out) {
        Comparison.ReformInfo r = c.reform();
        out.println("Reform " + (r == null ? "(engines)" : r.name() + " (effective " + r.effective() + ")")
                + " against the baseline, as of " + c.asOf());
        long read = c.files().values().stream().mapToLong(f -> f.read).sum();
        long rejected = c.files().values().stream().mapToLong(f -> f.rejected).sum();
        Comparison.Households h = c.households();
        out.printf("  read %d records, rejected %d; %d households compared, %d changed%n", read, rejected,
                h.compared(), h.changed());
        out.printf("  winners  %8d households  %15s yuan%n", h.winners().count(), signed(h.winners().deltaYuan()));
        out.printf("  losers   %8d households  %15s yuan%n", h.losers().count(), signed(h.losers().deltaYuan()));
        out.printf("  cost     baseline %,d  reform %,d  delta %s yuan%s%n", c.cost().baselineYuan(),
                c.cost().reformYuan(), signed(c.cost().deltaYuan()),
                c.benefitCodes() == null ? "" : " (codes " + String.join(", ", c.benefitCodes()) + ")");
        out.println();
        out.printf("  %-32s %-13s %9s %9s %7s %15s %15s %15s%n", "code", "outcome", "baseline", "reform", "delta",
                "baseline yuan", "reform yuan", "delta yuan");
        int unchanged = 0;
        for (Comparison.CodeTotal t : c.totals()) {
            if (t.deltaCount() == 0 && t.deltaYuan() == 0) {
                unchanged++;
                continue;
            }
            out.printf("  %-32s %-13s %9d %9d %7s %,15d %,15d %15s%n", t.code(), t.outcome(), t.baselineCount(),
                    t.reformCount(), signed(t.deltaCount()), t.baselineYuan(), t.reformYuan(), signed(t.deltaYuan()));
        }
        if (unchanged > 0) {
            out.println("  (" + unchanged + " code/outcome rows unchanged)");
        }
        if (!c.byIncomeDecile().isEmpty()) {
            out.println();
            out.printf("  %-6s %-27s %10s %22s %22s%n", "decile", "per-capita income", "households", "winners",
                    "losers");
            for (Comparison.IncomeBand b : c.byIncomeDecile()) {
                out.printf("  %-6d %,12.2f – %,12.2f %10d %6d %15s %6d %15s%n", b.decile(), b.perCapitaMin(),
                        b.perCapitaMax(), b.households(), b.winners().count(), signed(b.winners().deltaYuan()),
                        b.losers().count(), signed(b.losers().deltaYuan()));
            }
        }
        out.println();
        if (c.flips().isEmpty()) {
            out.println("  targets flipped: none");
        } else {
            out.println("  targets flipped:");
            c.flips().forEach(f -> out.printf("    %s %s %s: %s -> %s%n", f.subjectType(), f.subjectId(), f.code(),
                    f.from(), f.to()));
        }
        if (!c.notes().isEmpty()) {
            out.println("  notes:");
            c.notes().forEach(n -> out.println("    " + n));
        }
        out.println();
        out.println("Output: " + outDir.resolve("changes.jsonl") + " (" + c.subjectsChanged() + " subjects changed), "
                + "comparison.json, errors.jsonl");
    }

    /** A change with its sign (+1,200 / −450), or 0. */
    static String signed(long v) {
        return v == 0 ? "0" : String.format("%+,d", v);
    }
}
