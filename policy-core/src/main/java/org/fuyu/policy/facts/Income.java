package org.fuyu.policy.facts;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The four income sources of 002 §三, whole yuan per year. Only {@code operating} may be
 * negative (a loss).
 */
public record Income(long wage, long operating, long property, long transfer) {
    public static final Income ZERO = new Income(0, 0, 0, 0);

    public Income {
        FactException.nonNegative(wage, "wage");
        Limits.yuan(operating, -Limits.MAX_YUAN, Limits.MAX_YUAN, "operating");
        FactException.nonNegative(property, "property");
        FactException.nonNegative(transfer, "transfer");
    }

    /** wage + operating + property + transfer. */
    @JsonIgnore
    public long total() {
        // exact: each source is within Limits.MAX_YUAN, so this never overflows; addExact says so if it did
        return Math.addExact(Math.addExact(wage, operating), Math.addExact(property, transfer));
    }
}
