package org.fuyu.policy;

import java.util.List;

/** Results of a run: one result per case, and notes (e.g. indicators that could not be decided). */
public record RunResult(List<CaseResult> cases, List<String> notes) {
    public RunResult {
        cases = List.copyOf(cases);
        notes = List.copyOf(notes);
    }

    /** Every decision of every case, in case order. */
    public List<Decision> decisions() {
        return cases.stream().flatMap(c -> c.decisions().stream()).toList();
    }
}
