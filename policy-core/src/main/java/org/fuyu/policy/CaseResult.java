package org.fuyu.policy;

import java.util.List;

/**
 * The decisions for one case (a household or a county), in canonical order, or the error that
 * stopped the case (a missing parameter, a runaway rule) with no decisions.
 */
public record CaseResult(SubjectType subjectType, String subjectId, String countyId, List<Decision> decisions,
                         String error) {
    public CaseResult {
        decisions = List.copyOf(decisions);
    }

    public boolean failed() {
        return error != null;
    }
}
