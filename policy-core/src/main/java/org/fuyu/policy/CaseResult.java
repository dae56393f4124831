package org.fuyu.policy;

import java.util.List;

/**
 * The decisions for one case (a household or a county), in canonical order, or the error that
 * stopped the case (a missing parameter, a runaway rule) with no decisions. {@code packErrors}
 * lists the packs whose rules failed on this case while the other packs decided it as usual;
 * {@code undecided} the decisions not made because a parameter they read has no value in force
 * on the case's date (every other decision of the case was made); {@code whatWouldChange} what
 * would change its decisions, when asked for (empty otherwise).
 */
public record CaseResult(SubjectType subjectType, String subjectId, String countyId, List<Decision> decisions,
                         String error, List<String> packErrors, List<Undecided> undecided,
                         List<WhatWouldChange> whatWouldChange) {
    public CaseResult {
        whatWouldChange = whatWouldChange == null ? List.of() : List.copyOf(whatWouldChange);
        decisions = List.copyOf(decisions);
        packErrors = packErrors == null ? List.of() : List.copyOf(packErrors);
        undecided = undecided == null ? List.of() : List.copyOf(undecided);
    }

    public CaseResult(SubjectType subjectType, String subjectId, String countyId, List<Decision> decisions, String error,
                      List<String> packErrors, List<Undecided> undecided) {
        this(subjectType, subjectId, countyId, decisions, error, packErrors, undecided, List.of());
    }

    public CaseResult(SubjectType subjectType, String subjectId, String countyId, List<Decision> decisions, String error,
                      List<String> packErrors) {
        this(subjectType, subjectId, countyId, decisions, error, packErrors, List.of());
    }

    public CaseResult(SubjectType subjectType, String subjectId, String countyId, List<Decision> decisions, String error) {
        this(subjectType, subjectId, countyId, decisions, error, List.of());
    }

    /** The same result with what would change its decisions (see {@link EvaluationOptions#withWhatWouldChange(int)}). */
    public CaseResult withWhatWouldChange(List<WhatWouldChange> found) {
        return new CaseResult(subjectType, subjectId, countyId, decisions, error, packErrors, undecided, found);
    }

    /** What would change the decision {@code d}, or null (none asked for, or nothing found). */
    public WhatWouldChange whatWouldChange(Decision d) {
        for (WhatWouldChange w : whatWouldChange) {
            if (w.about(d)) {
                return w;
            }
        }
        return null;
    }

    public boolean failed() {
        return error != null;
    }
}
