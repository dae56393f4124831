package org.fuyu.policy.evaluation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.fuyu.policy.Criterion;
import org.fuyu.policy.Decision;
import org.fuyu.policy.Outcome;
import org.fuyu.policy.SubjectType;
import org.fuyu.policy.internal.NamePairs;
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
    private boolean complete;
    private List<String> packErrors = List.of();
    private List<org.fuyu.policy.Undecided> undecided;
    private java.util.Map<String, Criterion> remembered;
    /** Probe mode of the what-would-change search: denials keep the criteria that passed. */
    boolean allCriteria;

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

    /**
     * The first of these parameters (names joined by {@code ,}) with no value in force on this
     * case's date, or null; generated rules decide only when it is null.
     */
    public String missing(String names) {
        return parameters.missing(names);
    }

    /**
     * A generated decision this case does not get because {@code parameter} has no value in force
     * on its date: recorded (once per code) for errors.jsonl; the case's other decisions are made.
     */
    public void noValue(RuleContext kcontext, int generatedRule, String parameter) {
        RuleInfo info = registry.rule(kcontext.getRule().getPackageName(), generatedRule);
        if (!registry.inForce(info.code(), asOf())) {
            return; // not in force anyway: the run notes it once
        }
        if (undecided == null) {
            undecided = new ArrayList<>(2);
        }
        for (org.fuyu.policy.Undecided u : undecided) {
            if (u.code().equals(info.code())) {
                return;
            }
        }
        String why = parameters.whyMissing(parameter);
        String pack = registry.pack(kcontext.getRule().getPackageName()).id();
        undecided.add(new org.fuyu.policy.Undecided(pack, info.code(), parameter, info.code() + " 未判定：参数 " + parameter
                + " 在 " + asOf() + " 没有生效的值 / " + info.code() + " not decided: " + why
                + "; the other decisions were made (give the parameter a value from an earlier date, or give the code"
                + " effective: in pack.yaml)"));
        onUndecided(info, why);
    }

    /** Lets a county case note a decision it could not make (households report it in errors.jsonl). */
    protected void onUndecided(RuleInfo info, String why) {
    }

    List<org.fuyu.policy.Undecided> undecided() {
        return undecided == null ? List.of() : undecided;
    }

    public boolean explainDenials() {
        return explainDenials;
    }

    public boolean isExplainDenials() {
        return explainDenials;
    }

    /**
     * Starts a decision about this case's own subject for {@code code}, made by the running rule
     * (hand-written DRL of a trusted pack). A pack may decide only codes no other loaded pack
     * declares: one pack cannot change another's decisions.
     */
    public DecisionBuilder decide(String code, RuleContext kcontext) {
        org.kie.api.definition.rule.Rule rule = kcontext.getRule();
        String owner = registry.packOfCode(code);
        String mine = registry.pack(rule.getPackageName()).id();
        if (owner != null && !owner.equals(mine)) {
            throw new IllegalStateException("rule '" + rule.getName() + "' of pack '" + mine + "' tried to decide "
                    + code + ", which pack '" + owner + "' declares; a pack decides only its own codes"
                    + " (规则包只能作出本包声明的决定)");
        }
        return new DecisionBuilder(this, code, rule, rule.getName(), null, defaultSubjectType(), defaultSubjectId());
    }

    /** Starts the decision of a rule the rule-language compiler generated (its code, name and citation by index). */
    public DecisionBuilder decide(RuleContext kcontext, int generatedRule) {
        org.kie.api.definition.rule.Rule rule = kcontext.getRule();
        RuleInfo info = registry.rule(rule.getPackageName(), generatedRule);
        return new DecisionBuilder(this, info.code(), rule, info.name(), info.citation(), defaultSubjectType(),
                defaultSubjectId());
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
     * Whether this case already holds a GRANTED or FLAG decision for {@code code} about the subject
     * {@code subjectId} of the case (a village of a county case: its class, decided by a table).
     */
    public boolean granted(String code, String subjectId) {
        if (decisions == null) {
            return false;
        }
        for (Decision d : decisions) {
            if (d.code().equals(code) && d.subjectId().equals(subjectId)
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

    /**
     * Counts one rule firing for this case (the engine calls it before every firing that matched
     * this case); too many means a rule keeps re-triggering itself.
     *
     * @throws RunawayRulesException past the engine's limit
     */
    void countFiring(org.kie.api.definition.rule.Rule rule) {
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

    /** Clears what a failed batch left behind, before the case is evaluated again on its own (engine only). */
    void reset() {
        decisions = null;
        firings = 0;
        error = null;
        complete = false;
        packErrors = List.of();
        remembered = null;
        undecided = null;
    }

    /** Marks the case as failed: it gets no decisions, only this error (engine only). */
    void fail(String message) {
        decisions = null;
        error = message;
    }

    /** Drops the decisions after the first {@code keep} (a pack whose rules failed on this case; engine only). */
    void truncate(int keep) {
        if (decisions != null) {
            while (decisions.size() > keep) {
                decisions.remove(decisions.size() - 1);
            }
        }
    }

    int decisionCount() {
        return decisions == null ? 0 : decisions.size();
    }

    /**
     * Called by the engine's own last rule once every other rule had its turn: a case that does
     * not reach it (a rule halted the session) is evaluated again pack by pack.
     */
    public void complete(RuleContext kcontext) {
        if (EngineAccess.ENGINE_PACKAGE.equals(kcontext.getRule().getPackageName())) {
            complete = true;
        }
    }

    void markComplete() {
        complete = true;
    }

    void uncomplete() {
        complete = false;
    }

    void packErrors(List<String> errors) {
        packErrors = List.copyOf(errors);
    }

    List<String> packErrors() {
        return packErrors;
    }

    boolean isComplete() {
        return complete;
    }

    /** Why the case failed, or null. */
    public String error() {
        return error;
    }

    void add(Decision d) {
        if (!registry.inForce(d.code(), asOf())) {
            return; // the code is not in force on this case's date (pack.yaml effective / until): not decided
        }
        if (decisions == null) {
            decisions = new ArrayList<>(4);
        }
        decisions.add(d);
    }

    /**
     * A derived value's criterion this case already worked out for the running rule's pack (rules
     * that require {@code identifiedLowIncome} ask for it once per case, not once per rule), or null.
     */
    public Criterion remembered(RuleContext kcontext, String name) {
        return remembered == null ? null : remembered.get(NamePairs.join(packOf(kcontext), ":", name));
    }

    /** Keeps a derived value's criterion for the other rules of the running rule's pack; returns it. */
    public Criterion remember(RuleContext kcontext, String name, Criterion criterion) {
        if (remembered == null) {
            remembered = new java.util.HashMap<>(4);
        }
        remembered.put(NamePairs.join(packOf(kcontext), ":", name), criterion);
        return criterion;
    }

    /** The pack of the running rule. */
    String packOf(RuleContext kcontext) {
        return registry.pack(kcontext.getRule().getPackageName()).id();
    }

    RuleRegistry registry() {
        return registry;
    }

    protected abstract SubjectType defaultSubjectType();

    protected abstract String defaultSubjectId();
}
