package org.fuyu.policy.testkit;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.fuyu.policy.Criterion;
import org.fuyu.policy.Decision;
import org.fuyu.policy.Outcome;
import org.fuyu.policy.SubjectType;

/**
 * A scenario and the decisions it got as a YAML policy case (the shape
 * {@code org.fuyu.policy.cases.PolicyCaseFile} reads), ready to paste under {@code cases:}.
 * Facts are written as one-line JSON (valid YAML) with only the fields that differ from their
 * defaults; {@code expected} lists every decision the case got, to be corrected where wrong.
 */
public final class PolicyCaseYaml {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.\\-]+");
    private static final Map<String, String> INPUT_KEYS = Map.of("households.jsonl", "households",
            "businesses.jsonl", "businesses", "villages.jsonl", "villages", "counties.jsonl", "counties");

    private PolicyCaseYaml() {
    }

    /** One list item of {@code cases:}, indented by {@code indent} spaces. */
    public static String stub(String name, Evaluation e, int indent) {
        String pad = " ".repeat(indent);
        Scenario s = e.scenario();
        StringBuilder sb = new StringBuilder();
        sb.append(pad).append("- name: ").append(quote(name)).append('\n');
        sb.append(pad).append("  asOf: ").append(s.asOf()).append('\n');
        if (s.explainDenials()) {
            sb.append(pad).append("  explainDenials: true\n");
        }
        sb.append(pad).append("  input:\n");
        s.jsonLines(true).forEach((file, lines) -> {
            if (!lines.isEmpty()) {
                sb.append(pad).append("    ").append(INPUT_KEYS.get(file)).append(":\n");
                lines.forEach(l -> sb.append(pad).append("      - ").append(l).append('\n'));
            }
        });
        sb.append(pad).append("  expected:");
        if (e.decisions().isEmpty()) {
            sb.append(" []");
        }
        sb.append('\n');
        for (Decision d : e.decisions()) {
            sb.append(pad).append("    - ").append(expected(d)).append('\n');
        }
        if (!e.errors().isEmpty()) {
            sb.append(pad).append("  errors:\n");
            e.errors().forEach(x -> sb.append(pad).append("    - ").append(quote(x)).append('\n'));
        }
        return sb.toString();
    }

    /** One {@code expected:} entry: {@code {subjectId: h1, code: X, outcome: GRANTED, amountYuan: 100}}. */
    static String expected(Decision d) {
        StringBuilder sb = new StringBuilder("{");
        if (d.subjectType() != SubjectType.HOUSEHOLD) {
            sb.append("subjectType: ").append(d.subjectType()).append(", ");
        }
        sb.append("subjectId: ").append(quote(d.subjectId())).append(", code: ").append(quote(d.code()))
                .append(", outcome: ").append(d.outcome());
        if (d.amountYuan() != null) {
            sb.append(", amountYuan: ").append(d.amountYuan());
        }
        if (d.outcome() == Outcome.DENIED) {
            List<String> failed = d.reasons().stream().filter(c -> !c.passed()).map(Criterion::criterion)
                    .distinct().map(PolicyCaseYaml::quote).toList();
            sb.append(", failed: [").append(String.join(", ", failed)).append(']');
        }
        return sb.append('}').toString();
    }

    static String quote(String s) {
        if (PLAIN.matcher(s).matches() && !Character.isDigit(s.charAt(0))) {
            return s;
        }
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
