package org.fuyu.policy;

import java.time.LocalDate;
import java.util.Objects;

/**
 * How to evaluate: the date whose parameter values apply ({@code asOf}; never the wall clock)
 * and whether to produce DENIED decisions explaining why a candidate got nothing.
 */
public record EvaluationOptions(LocalDate asOf, boolean explainDenials) {
    public EvaluationOptions {
        Objects.requireNonNull(asOf, "asOf");
    }

    public static EvaluationOptions asOf(LocalDate asOf) {
        return new EvaluationOptions(asOf, false);
    }

    public EvaluationOptions withDenials() {
        return new EvaluationOptions(asOf, true);
    }
}
