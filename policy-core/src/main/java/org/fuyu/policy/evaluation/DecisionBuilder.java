package org.fuyu.policy.evaluation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.fuyu.policy.Criterion;
import org.fuyu.policy.Decision;
import org.fuyu.policy.Outcome;
import org.fuyu.policy.SubjectType;
import org.fuyu.policy.facts.Business;
import org.fuyu.policy.facts.Person;
import org.fuyu.policy.facts.Village;
import org.fuyu.policy.params.Param;
import org.kie.api.definition.rule.Rule;

/**
 * Collects the criteria of one decision and records it. In a rule's consequence:
 * <pre>
 * $c.decide("LOW_INCOME_TOP_UP", kcontext)
 *   .require($c.identifiedLowIncome())
 *   .require(atMost("assets.vehicleValueYuan", $c.assets().vehicleValueYuan(), $c.param("low_income.max_vehicle_value")))
 *   .grant(...amount...);
 * </pre>
 * {@code when(...)} criteria decide whether the subject is a candidate at all: a subject that
 * fails one gets no decision, not even a denial. {@code require(...)} criteria decide the outcome.
 */
public final class DecisionBuilder {
    private final CaseContext owner;
    private final String code;
    private final Rule rule;
    private final String ruleName;
    private SubjectType subjectType;
    private String subjectId;
    private final List<Criterion> criteria = new ArrayList<>(6);
    private boolean candidate = true;
    private boolean allPassed = true;
    private String citation;

    DecisionBuilder(CaseContext owner, String code, Rule rule, String ruleName, String citation,
                    SubjectType subjectType, String subjectId) {
        this.owner = owner;
        this.code = code;
        this.rule = rule;
        this.ruleName = ruleName;
        this.citation = citation;
        this.subjectType = subjectType;
        this.subjectId = subjectId;
    }

    /** The decision is about a household member. */
    public DecisionBuilder about(Person person) {
        return about(SubjectType.PERSON, person.id());
    }

    public DecisionBuilder about(Business business) {
        return about(SubjectType.BUSINESS, business.id());
    }

    public DecisionBuilder about(Village village) {
        return about(SubjectType.VILLAGE, village.id());
    }

    public DecisionBuilder about(SubjectType type, String id) {
        this.subjectType = type;
        this.subjectId = id;
        return this;
    }

    /** Overrides the rule's {@code @citation} metadata. */
    public DecisionBuilder cite(String citation) {
        this.citation = citation;
        return this;
    }

    /** A candidacy criterion: listed when the decision is made, but a subject failing it is not a candidate. */
    public DecisionBuilder when(Criterion c) {
        criteria.add(c);
        candidate &= c.passed();
        allPassed &= c.passed();
        return this;
    }

    /** An eligibility criterion. */
    public DecisionBuilder require(Criterion c) {
        criteria.add(c);
        allPassed &= c.passed();
        return this;
    }

    /** Whether every criterion so far passed. */
    public boolean allPassed() {
        return allPassed;
    }

    /** GRANTED with an amount (rounded half up to whole yuan) when every criterion passed; else DENIED. */
    public boolean grant(Param amount) {
        return grant(amount.value());
    }

    public boolean grant(BigDecimal amount) {
        return finish(Outcome.GRANTED, amount);
    }

    public boolean grant(long amount) {
        return finish(Outcome.GRANTED, BigDecimal.valueOf(amount));
    }

    /**
     * GRANTED with an amount computed by a generated rule: a parameter-derived value or a number.
     * A fraction of a yuan is rounded half up.
     */
    public boolean grant(Object amount) {
        if (amount instanceof Param p) {
            return grant(p.value());
        }
        if (amount instanceof BigDecimal b) {
            return grant(b);
        }
        if (amount instanceof Long || amount instanceof Integer) {
            return grant(((Number) amount).longValue());
        }
        throw new IllegalArgumentException("not an amount: " + amount);
    }

    /** GRANTED without an amount. */
    public boolean grant() {
        return finish(Outcome.GRANTED, null);
    }

    /** FLAG when every criterion passed; else DENIED (produced only when denials are requested). */
    public boolean flag() {
        return finish(Outcome.FLAG, null);
    }

    /** A target: always recorded, TARGET_MET when every criterion passed, else TARGET_MISSED. */
    public boolean target() {
        if (!candidate) {
            return false;
        }
        boolean ok = allPassed();
        record(ok ? Outcome.TARGET_MET : Outcome.TARGET_MISSED, null, criteria);
        return ok;
    }

    private boolean finish(Outcome success, BigDecimal amount) {
        if (!candidate) {
            return false;
        }
        if (allPassed()) {
            Long yuan = null;
            if (amount != null) {
                BigDecimal rounded = amount.setScale(0, RoundingMode.HALF_UP);
                if (rounded.signum() < 0) {
                    // a rule that computes a negative amount is wrong for this case: an error, never GRANTED 0
                    throw new IllegalStateException("rule '" + ruleName + "' computed " + code + " amount "
                            + rounded.toPlainString() + " yuan, below zero (金额为负数，规则有误); the decision is not made");
                }
                if (rounded.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                    throw new ArithmeticException("rule '" + ruleName + "' computed " + code + " amount "
                            + rounded.toPlainString() + " yuan, beyond any plausible amount (金额超出范围)");
                }
                yuan = rounded.longValueExact();
            }
            record(success, yuan, criteria);
            return true;
        }
        if (owner.allCriteria) {
            record(Outcome.DENIED, null, criteria);
        } else if (owner.explainDenials()) {
            List<Criterion> failed = new ArrayList<>();
            for (Criterion c : criteria) {
                if (!c.passed()) {
                    failed.add(c);
                }
            }
            record(Outcome.DENIED, null, failed);
        }
        return false;
    }

    private void record(Outcome outcome, Long amount, List<Criterion> reasons) {
        RuleRegistry.PackRef pack = owner.registry().pack(rule.getPackageName());
        String cite = citation;
        if (cite == null) {
            Object meta = rule.getMetaData().get("citation");
            cite = meta == null ? null : meta.toString();
        }
        owner.add(new Decision(subjectType, subjectId, code, outcome, amount, pack.id(), pack.version(),
                ruleName, reasons, cite, owner.asOf()));
    }
}
