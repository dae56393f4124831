package org.fuyu.policy.examples.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of a long run on stderr: on a terminal a bar with count, rate and ETA redrawn in
 * place a few times a second; otherwise (a log file, CI) one line every few seconds. Silent when
 * quiet. Updates may come from any one thread at a time. Words follow the current language
 * ({@code 1,000 户  500/秒  0:02  剩余 0:30}).
 */
final class Progress {
    private static final long TERMINAL_INTERVAL_NANOS = 200_000_000L;
    private static final long LOG_INTERVAL_NANOS = 5_000_000_000L;
    private static final int BAR = 28;

    private final String unit;
    private final PrintStream out;
    private final boolean enabled;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private long lastDraw;
    private long count;
    private double fraction = Double.NaN;
    private boolean drawn;

    private Progress(String unit, PrintStream out, boolean enabled, boolean terminal) {
        this.unit = unit;
        this.out = out;
        this.enabled = enabled;
        this.terminal = terminal;
        this.lastDraw = start;
    }

    /** Progress of households on stderr ({@code 户} or {@code households}, by the current language). */
    static Progress households(boolean quiet) {
        return of(org.fuyu.policy.Lang.pick("户", "households"), quiet);
    }

    /** Progress on stderr; a bar when stderr is a terminal ({@link System#console()}), else periodic lines. */
    static Progress of(String unit, boolean quiet) {
        return new Progress(unit, System.err, !quiet, System.console() != null);
    }

    static Progress to(PrintStream out, String unit, boolean terminal) {
        return new Progress(unit, out, true, terminal);
    }

    /**
     * @param done items so far
     * @param fraction share of the work done (0–1), or NaN when the total is unknown
     */
    synchronized void update(long done, double fraction) {
        this.count = done;
        this.fraction = fraction;
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw >= (terminal ? TERMINAL_INTERVAL_NANOS : LOG_INTERVAL_NANOS)) {
            lastDraw = now;
            draw(now, false);
        }
    }

    /** Draws the final state (and ends the bar's line). */
    synchronized void finish() {
        if (!enabled) {
            return;
        }
        if (!drawn && System.nanoTime() - start < LOG_INTERVAL_NANOS && !terminal) {
            return;
        }
        fraction = 1.0;
        draw(System.nanoTime(), true);
    }

    private void draw(long now, boolean last) {
        double seconds = (now - start) / 1e9;
        double rate = seconds > 0 ? count / seconds : 0;
        String line = line(count, fraction, seconds, rate, last);
        drawn = true;
        if (terminal) {
            out.print("\r" + line + "\u001b[K");
            if (last) {
                out.println();
            }
        } else {
            out.println(line);
        }
        out.flush();
    }

    String line(long n, double f, double seconds, double rate, boolean last) {
        StringBuilder sb = new StringBuilder();
        if (terminal) {
            int filled = Double.isNaN(f) ? 0 : (int) Math.round(Math.min(1, f) * BAR);
            sb.append('[').append("#".repeat(filled)).append(" ".repeat(BAR - filled)).append("] ");
        }
        if (!Double.isNaN(f)) {
            sb.append(String.format(Locale.ROOT, "%3d%% ", (int) Math.floor(Math.min(1, f) * 100)));
        }
        sb.append(String.format(Locale.ROOT, "%,d %s  %,.0f%s  %s", n, unit, rate,
                org.fuyu.policy.Lang.pick("/秒", "/s"), clock(seconds)));
        if (!last && !Double.isNaN(f) && f > 0.001) {
            sb.append(org.fuyu.policy.Lang.pick("  剩余 ", "  ETA ")).append(clock(seconds * (1 - f) / f));
        }
        return sb.toString();
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
