package org.fuyu.policy.testkit;

import java.util.List;

/**
 * A property failed on a case: what went wrong in the policy's words, and the case (or the pair
 * of cases, for a property about a change) as fact JSON with the decisions it got and as YAML
 * policy cases to paste into a case file. When jqwik has shrunk the input, this is the minimal
 * counterexample.
 */
public final class PolicyPropertyFailure extends AssertionError {
    /** A case in the counterexample, e.g. "before the change" and "after the change". */
    public record LabelledCase(String label, Evaluation evaluation) {
    }

    private final String property;
    private final String pack;
    private final String citation;
    private final List<String> problems;
    private final List<LabelledCase> cases;

    public PolicyPropertyFailure(String property, String pack, String citation, List<String> problems,
                                 List<LabelledCase> cases) {
        super(format(property, pack, citation, problems, cases));
        this.property = property;
        this.pack = pack;
        this.citation = citation;
        this.problems = List.copyOf(problems);
        this.cases = List.copyOf(cases);
    }

    public String property() {
        return property;
    }

    /** The pack that declares the property, or null for the generic properties. */
    public String pack() {
        return pack;
    }

    public String citation() {
        return citation;
    }

    public List<String> problems() {
        return problems;
    }

    public List<LabelledCase> cases() {
        return cases;
    }

    /** The cases as YAML policy cases, for {@code cases:} of a case file. */
    public String yaml() {
        StringBuilder sb = new StringBuilder();
        for (LabelledCase c : cases) {
            sb.append(PolicyCaseYaml.stub("counterexample: " + property + (cases.size() > 1 ? " (" + c.label() + ")" : ""),
                    c.evaluation(), 2));
        }
        return sb.toString();
    }

    private static String format(String property, String pack, String citation, List<String> problems,
                                 List<LabelledCase> cases) {
        StringBuilder sb = new StringBuilder("property failed: ").append(property);
        if (pack != null || citation != null) {
            sb.append(" [").append(pack == null ? "" : pack).append(pack != null && citation != null ? ", " : "")
                    .append(citation == null ? "" : citation).append(']');
        }
        sb.append('\n');
        problems.forEach(p -> sb.append("  - ").append(p).append('\n'));
        for (LabelledCase c : cases) {
            Scenario s = c.evaluation().scenario();
            sb.append(c.label()).append(" (asOf ").append(s.asOf())
                    .append(s.explainDenials() ? ", with denials" : "").append("):\n  facts:\n");
            s.jsonLines(true).forEach((file, lines) -> lines.forEach(l ->
                    sb.append("    ").append(file).append(": ").append(l).append('\n')));
            sb.append("  decisions:\n");
            if (c.evaluation().decisions().isEmpty()) {
                sb.append("    (none)\n");
            }
            c.evaluation().decisions().forEach(d -> sb.append("    ").append(Evaluation.describe(d)).append('\n'));
            c.evaluation().errors().forEach(e -> sb.append("    error: ").append(e).append('\n'));
        }
        sb.append("as policy cases (paste under cases: in a case file whose packs: loads ")
                .append(pack == null ? "the same packs" : pack).append(", then correct expected):\n");
        for (LabelledCase c : cases) {
            sb.append(PolicyCaseYaml.stub("counterexample: " + property + (cases.size() > 1 ? " (" + c.label() + ")" : ""),
                    c.evaluation(), 2));
        }
        return sb.toString();
    }
}
