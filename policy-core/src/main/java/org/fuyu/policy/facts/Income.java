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

    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link Income}. */
    public static final class Builder {
        private long wage;
        private long operating;
        private long property;
        private long transfer;

        private Builder() {
        }

        public Builder wage(long yuan) {
            this.wage = yuan;
            return this;
        }

        /** May be negative (a loss). */
        public Builder operating(long yuan) {
            this.operating = yuan;
            return this;
        }

        public Builder property(long yuan) {
            this.property = yuan;
            return this;
        }

        public Builder transfer(long yuan) {
            this.transfer = yuan;
            return this;
        }

        public Income build() {
            return new Income(wage, operating, property, transfer);
        }
    }
}
