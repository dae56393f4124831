package org.fuyu.policy.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.fuyu.policy.CaseResult;
import org.fuyu.policy.Decision;
import org.fuyu.policy.Outcome;
import org.fuyu.policy.RunResult;
import org.fuyu.policy.SubjectType;

/**
 * The decisions a {@link Scenario} got, every case's error (a case that failed has no
 * decisions) and the run's notes.
 */
public record Evaluation(Scenario scenario, List<Decision> decisions, List<String> errors, List<String> notes) {

    public Evaluation {
        List<Decision> sorted = new ArrayList<>(decisions);
        sorted.sort(Decision.CANONICAL.thenComparing(FactJson::full));
        decisions = List.copyOf(sorted);
        errors = List.copyOf(errors);
        notes = List.copyOf(notes);
    }

    static Evaluation of(Scenario scenario, RunResult r) {
        List<String> errors = new ArrayList<>();
        for (CaseResult c : r.cases()) {
            if (c.failed()) {
                errors.add(c.subjectType() + " " + c.subjectId() + ": " + c.error());
            }
        }
        return new Evaluation(scenario, r.decisions(), errors, r.notes());
    }

    /** Outcomes that give or state something: GRANTED, FLAG, TARGET_MET. */
    public static boolean isPositive(Outcome o) {
        return o == Outcome.GRANTED || o == Outcome.FLAG || o == Outcome.TARGET_MET;
    }

    /** Every decision as a JSON line, in one fixed order: equal lists mean equal decisions. */
    public List<String> canonical() {
        return decisions.stream().map(FactJson::full).sorted().toList();
    }

    /** The positive decision for a code about a subject, if any. */
    public Optional<Decision> positive(SubjectType type, String subjectId, String code) {
        return decisions.stream().filter(d -> d.subjectType() == type && d.subjectId().equals(subjectId)
                && d.code().equals(code) && isPositive(d.outcome())).findFirst();
    }

    public List<Decision> withCode(String code) {
        return decisions.stream().filter(d -> d.code().equals(code)).toList();
    }

    /** One line a decision: subject, code, outcome, amount, failed criteria, rule and citation. */
    public static String describe(Decision d) {
        StringBuilder sb = new StringBuilder().append(d.subjectType().name().toLowerCase()).append(' ')
                .append(d.subjectId()).append(' ').append(d.code()).append(' ').append(d.outcome());
        if (d.amountYuan() != null) {
            sb.append(' ').append(d.amountYuan());
        }
        if (d.outcome() == Outcome.DENIED || d.outcome() == Outcome.TARGET_MISSED) {
            sb.append(" (").append(d.reasons().stream().filter(c -> !c.passed()).map(Object::toString)
                    .collect(Collectors.joining("; "))).append(')');
        }
        sb.append("  [").append(d.pack()).append(" rule ").append(d.rule());
        if (d.citation() != null) {
            sb.append(", ").append(d.citation());
        }
        return sb.append(']').toString();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        decisions.forEach(d -> sb.append(describe(d)).append('\n'));
        errors.forEach(e -> sb.append("error: ").append(e).append('\n'));
        return sb.toString();
    }
}
