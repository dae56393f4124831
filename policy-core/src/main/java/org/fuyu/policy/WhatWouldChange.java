package org.fuyu.policy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What would change one decision (docs/what-would-change.md), found with
 * {@link EvaluationOptions#withWhatWouldChange(int)}. For a DENIED decision: up to N minimal change
 * sets to the case's mutable facts, each verified by evaluating a changed copy of the case with the
 * engine (it grants the code, or makes the flag hold; no strict subset of it does), or, when none
 * can be found, {@code cannot} says why. For a GRANTED (or FLAG) decision: the margins, how far
 * each mutable numeric fact may move before the decision is lost.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"subjectType", "subjectId", "code", "changeSets", "cannot", "margins"})
public record WhatWouldChange(SubjectType subjectType, String subjectId, String code, List<ChangeSet> changeSets,
                              String cannot, List<Margin> margins) {
    /** Why no change set is reported: some failed criterion no mutable fact of the pack can meet. */
    public static final String CANNOT_QUALIFY = "不能通过改变可变事实获得 / cannot qualify by changing mutable facts";
    /** Why no change set is reported: each failed criterion can be met alone, but no verified set meets them all. */
    public static final String NONE_VERIFIED = "未找到经验证的改变组合 / no verified change set: the mutable facts"
            + " meet each failed criterion alone but no combination tried grants the code";

    public WhatWouldChange {
        changeSets = changeSets == null ? List.of() : List.copyOf(changeSets);
        margins = margins == null ? List.of() : List.copyOf(margins);
    }

    /** Whether this belongs to the decision {@code d} (same code and subject). */
    public boolean about(Decision d) {
        return code.equals(d.code()) && subjectType == d.subjectType() && java.util.Objects.equals(subjectId, d.subjectId());
    }

    @JsonIgnore
    public boolean isEmpty() {
        return changeSets.isEmpty() && cannot == null && margins.isEmpty();
    }

    /** One change to one fact: the field path, the value now and the value needed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"field", "now", "change", "needed"})
    public record Change(String field, Object now, Kind change, Object needed) {
        @Override
        public String toString() {
            return switch (change) {
                case AT_MOST -> field + ": " + now + " → at most " + needed;
                case AT_LEAST -> field + ": " + now + " → at least " + needed;
                case SET -> field + ": " + now + " → " + needed;
                case ADD -> field + ": add " + needed;
                case REMOVE -> field + ": remove " + needed;
            };
        }

        /** How far a numeric change moves the fact (yuan for amounts), or -1 for a change that is not numeric. */
        @JsonIgnore
        public long size() {
            if ((change == Kind.AT_MOST || change == Kind.AT_LEAST) && now instanceof Number a && needed instanceof Number b) {
                return new java.math.BigDecimal(a.toString()).subtract(new java.math.BigDecimal(b.toString())).abs()
                        .setScale(0, java.math.RoundingMode.CEILING).longValue();
            }
            return -1;
        }
    }

    /** How a change moves its fact. */
    public enum Kind {
        /** A number lowered to at most the value needed. */
        AT_MOST,
        /** A number raised to at least the value needed. */
        AT_LEAST,
        /** A yes/no or a rating set to the value needed. */
        SET,
        /** A value added to a set (e.g. statuses). */
        ADD,
        /** A value taken out of a set. */
        REMOVE
    }

    /** A set of changes made together. */
    public record ChangeSet(List<Change> changes) {
        public ChangeSet {
            changes = List.copyOf(changes);
        }

        /** The sum of the numeric changes' sizes, or -1 when a change is not numeric. */
        @JsonIgnore
        public long size() {
            long sum = 0;
            for (Change c : changes) {
                long s = c.size();
                if (s < 0) {
                    return -1;
                }
                sum = Math.addExact(sum, s);
            }
            return sum;
        }

        @Override
        public String toString() {
            return changes.toString();
        }
    }

    /**
     * How far a numeric fact may move while the decision holds: it may rise by up to
     * {@code mayRiseBy} and fall by up to {@code mayFallBy}; null when it may move to the end of
     * the plausible range (docs/input.md "Limits") without the decision being lost.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"field", "now", "mayRiseBy", "mayFallBy"})
    public record Margin(String field, Object now, Long mayRiseBy, Long mayFallBy) {
        /** The margin in words, e.g. {@code income.wage may rise by up to 11999 before LOW_INCOME_TOP_UP is lost}. */
        public String describe(String code, boolean zh) {
            StringBuilder sb = new StringBuilder();
            if (mayRiseBy != null) {
                sb.append(zh ? field + " 最多可增加 " + mayRiseBy + "，再多即失去 " + code
                        : field + " may rise by up to " + mayRiseBy + " before " + code + " is lost");
            }
            if (mayFallBy != null) {
                if (sb.length() > 0) {
                    sb.append(zh ? "；" : "; ");
                }
                sb.append(zh ? field + " 最多可减少 " + mayFallBy + "，再多即失去 " + code
                        : field + " may fall by up to " + mayFallBy + " before " + code + " is lost");
            }
            return sb.toString();
        }
    }
}
