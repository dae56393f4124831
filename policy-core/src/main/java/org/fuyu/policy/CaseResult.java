package org.fuyu.policy;

import java.util.List;

/**
 * The decisions for one case (a household or a county), in canonical order, or the error that
 * stopped the case (a missing parameter, a runaway rule) with no decisions. {@code packErrors}
 * lists the packs whose rules failed on this case while the other packs decided it as usual.
 */
public record CaseResult(SubjectType subjectType, String subjectId, String countyId, List<Decision> decisions,
                         String error, List<String> packErrors) {
    public CaseResult {
        decisions = List.copyOf(decisions);
        packErrors = packErrors == null ? List.of() : List.copyOf(packErrors);
    }

    public CaseResult(SubjectType subjectType, String subjectId, String countyId, List<Decision> decisions, String error) {
        this(subjectType, subjectId, countyId, decisions, error, List.of());
    }

    public boolean failed() {
        return error != null;
    }
}
