package org.fuyu.policy;

import java.util.Comparator;

/**
 * One thing wrong with a rule pack, a parameter file or an input file, located so a person can
 * find it: {@code file:line: message}. {@code line} is 1-based, 0 when the problem concerns the
 * whole file.
 */
public record Problem(String file, int line, String message) implements Comparable<Problem> {
    private static final Comparator<Problem> ORDER = Comparator.comparing(Problem::file)
            .thenComparingInt(Problem::line).thenComparing(Problem::message);

    public static Problem of(String file, int line, String message) {
        return new Problem(file, Math.max(0, line), message);
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }

    @Override
    public int compareTo(Problem o) {
        return ORDER.compare(this, o);
    }
}
