package org.fuyu.policy;

import java.util.Comparator;

/**
 * One thing wrong with a rule pack, a parameter file or an input file, located so a person can
 * find it: {@code file:line: message} or {@code file:line:column: message}. {@code line} and
 * {@code column} are 1-based, 0 when the problem concerns the whole file (or line).
 */
public record Problem(String file, int line, int column, String message) implements Comparable<Problem> {
    private static final Comparator<Problem> ORDER = Comparator.comparing(Problem::file)
            .thenComparingInt(Problem::line).thenComparingInt(Problem::column).thenComparing(Problem::message);

    public static Problem of(String file, int line, String message) {
        return new Problem(file, Math.max(0, line), 0, message);
    }

    /** A problem at a column (1-based) of a line, such as a rule-language expression's error. */
    public static Problem of(String file, int line, int column, String message) {
        return new Problem(file, Math.max(0, line), Math.max(0, column), message);
    }

    /**
     * A problem of a decision-table cell: {@code file:row:column (column header): message}. The
     * header is kept at the start of {@link #message()} in brackets, so every reader of the message
     * still sees which column it is about.
     */
    public static Problem inColumn(String file, int row, int column, String header, String message) {
        return new Problem(file, Math.max(0, row), Math.max(0, column), "(" + header + ") " + message);
    }

    @Override
    public String toString() {
        if (line <= 0) {
            return file + ": " + message;
        }
        if (column > 0 && message.startsWith("(")) {
            int close = message.indexOf(") ");
            if (close > 0) {
                // a table cell: file:row:column (column header): message
                return file + ":" + line + ":" + column + " " + message.substring(0, close + 1) + ": "
                        + message.substring(close + 2);
            }
        }
        return column > 0 ? file + ":" + line + ":" + column + ": " + message : file + ":" + line + ": " + message;
    }

    @Override
    public int compareTo(Problem o) {
        return ORDER.compare(this, o);
    }
}
