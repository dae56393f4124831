package org.fuyu.policy;

import java.time.LocalDate;
import java.util.Objects;

/**
 * How to evaluate: the date whose parameter values apply ({@code asOf}; never the wall clock),
 * whether to produce DENIED decisions explaining why a candidate got nothing, and how many change
 * sets each denial carries ({@code whatWouldChange}: 0 = none; see docs/what-would-change.md).
 * Asking for change sets asks for denials too, and gives each grant its margins.
 */
public record EvaluationOptions(LocalDate asOf, boolean explainDenials, int whatWouldChange) {
    /** The number of change sets a denial carries when none is given ({@code --what-would-change}). */
    public static final int DEFAULT_CHANGE_SETS = 3;
    /** The most change sets a denial may ask for. */
    public static final int MAX_CHANGE_SETS = 20;

    public EvaluationOptions {
        Objects.requireNonNull(asOf, "asOf");
        if (whatWouldChange < 0 || whatWouldChange > MAX_CHANGE_SETS) {
            throw new IllegalArgumentException("whatWouldChange must be 0–" + MAX_CHANGE_SETS + ", got " + whatWouldChange);
        }
        explainDenials = explainDenials || whatWouldChange > 0;
    }

    public EvaluationOptions(LocalDate asOf, boolean explainDenials) {
        this(asOf, explainDenials, 0);
    }

    public static EvaluationOptions asOf(LocalDate asOf) {
        return new EvaluationOptions(asOf, false);
    }

    public EvaluationOptions withDenials() {
        return new EvaluationOptions(asOf, true, whatWouldChange);
    }

    /** Each denial carries up to {@code sets} verified minimal change sets, each grant its margins. */
    public EvaluationOptions withWhatWouldChange(int sets) {
        return new EvaluationOptions(asOf, true, sets);
    }

    /** {@link #withWhatWouldChange(int)} with {@link #DEFAULT_CHANGE_SETS}. */
    public EvaluationOptions withWhatWouldChange() {
        return withWhatWouldChange(DEFAULT_CHANGE_SETS);
    }
}
