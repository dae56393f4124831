package org.fuyu.policy.evaluation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.fuyu.policy.Decision;
import org.fuyu.policy.Outcome;
import org.fuyu.policy.SubjectType;
import org.fuyu.policy.params.Param;
import org.fuyu.policy.params.ParametersAt;
import org.kie.api.runtime.rule.RuleContext;

/**
 * What every evaluation case offers its rules: the parameters in force on the case's date,
 * and {@link #decide} to record a decision. One case is one household (with its members and
 * businesses) or one county (with its villages).
 */
public abstract class CaseContext {
    private final ParametersAt parameters;
    private final boolean explainDenials;
    private final RuleRegistry registry;
    private List<Decision> decisions;
    private int firings;
    private String error;

    protected CaseContext(ParametersAt parameters, boolean explainDenials, RuleRegistry registry) {
        this.parameters = parameters;
        this.explainDenials = explainDenials;
        this.registry = registry;
    }

    /** The value of a parameter in force on this case's date; a missing one is an error naming it. */
    public Param param(String name) {
        return parameters.get(name);
    }

    public LocalDate asOf() {
        return parameters.asOf();
    }

    public boolean explainDenials() {
        return explainDenials;
    }

    public boolean isExplainDenials() {
        return explainDenials;
    }

    /** Starts a decision about this case's own subject for {@code code}, made by the running rule. */
    public DecisionBuilder decide(String code, RuleContext kcontext) {
        return new DecisionBuilder(this, code, kcontext.getRule(), defaultSubjectType(), defaultSubjectId());
    }

    /** Whether this case already holds a GRANTED or FLAG decision for {@code code} about its own subject. */
    public boolean granted(String code) {
        if (decisions == null) {
            return false;
        }
        for (Decision d : decisions) {
            if (d.code().equals(code) && d.subjectId().equals(defaultSubjectId())
                    && (d.outcome() == Outcome.GRANTED || d.outcome() == Outcome.FLAG)) {
                return true;
            }
        }
        return false;
    }

    /**
     * For decision tables: the parameter named in a cell, or the number written in it (a fixed
     * value, reported without a parameter name; thousands separators as a spreadsheet shows them,
     * {@code 100,000}, are allowed).
     */
    public Param value(String numberOrParameter) {
        String s = numberOrParameter.trim();
        if (!s.isEmpty() && (Character.isDigit(s.charAt(0)) || s.charAt(0) == '-')
                && s.matches("-?(\\d+|\\d{1,3}(,\\d{3})+)(\\.\\d+)?")) {
            String plain = s.replace(",", ""); // a spreadsheet may show 100000 as 100,000
            return new Param(plain, new java.math.BigDecimal(plain), null);
        }
        return param(s);
    }

    /** Counts one rule firing for this case; too many means a rule keeps re-triggering itself. */
    public void countFiring(RuleContext kcontext) {
        countFiring(kcontext.getRule());
    }

    /**
     * Counts one rule firing for this case (the engine calls it before every firing that matched
     * this case); too many means a rule keeps re-triggering itself.
     *
     * @throws RunawayRulesException past the engine's limit
     */
    public void countFiring(org.kie.api.definition.rule.Rule rule) {
        if (++firings > registry.maxFiringsPerCase()) {
            throw new RunawayRulesException("more than " + registry.maxFiringsPerCase()
                    + " rule firings for " + defaultSubjectType() + " " + defaultSubjectId()
                    + " (last rule: " + rule.getPackageName() + "." + rule.getName()
                    + "); a rule probably re-triggers itself (modify/update/insert in a loop)");
        }
    }

    public int firings() {
        return firings;
    }

    /** The decisions recorded so far. */
    public List<Decision> decisions() {
        return decisions == null ? List.of() : Collections.unmodifiableList(decisions);
    }

    /** Clears what a failed batch left behind, before the case is evaluated again on its own. */
    public void reset() {
        decisions = null;
        firings = 0;
        error = null;
    }

    /** Marks the case as failed: it gets no decisions, only this error. */
    public void fail(String message) {
        decisions = null;
        error = message;
    }

    /** Why the case failed, or null. */
    public String error() {
        return error;
    }

    void add(Decision d) {
        if (decisions == null) {
            decisions = new ArrayList<>(4);
        }
        decisions.add(d);
    }

    RuleRegistry registry() {
        return registry;
    }

    protected abstract SubjectType defaultSubjectType();

    protected abstract String defaultSubjectId();
}
