package org.fuyu.policy.testkit;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A scenario and, for each declared change (a monotone or band property), which fact to change
 * and by how much.
 */
public record ChangeTrial(Scenario scenario, List<Pick> picks) {

    /** The ({@code subject} mod n)-th fact of the change's kind, changed by {@code amount}. */
    public record Pick(int subject, long amount) {
    }

    public ChangeTrial {
        picks = List.copyOf(picks);
    }

    @Override
    public String toString() {
        return scenario + (picks.isEmpty() ? "" : "\n  changes: " + picks.stream()
                .map(p -> "#" + p.subject() + " by " + p.amount()).collect(Collectors.joining(", ")));
    }
}
