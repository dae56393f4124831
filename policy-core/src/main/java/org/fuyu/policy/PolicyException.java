package org.fuyu.policy;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A rule pack, parameter file or engine configuration that cannot be used. {@link #problems()}
 * lists every problem found, each with its file and line.
 */
public class PolicyException extends RuntimeException {
    private final List<Problem> problems;

    public PolicyException(List<Problem> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    public PolicyException(Problem problem) {
        this(List.of(problem));
    }

    public PolicyException(String message) {
        super(message);
        this.problems = List.of();
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String summary(List<Problem> problems) {
        if (problems.size() == 1) {
            return problems.get(0).toString();
        }
        return problems.size() + " problems:\n" + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
    }
}
