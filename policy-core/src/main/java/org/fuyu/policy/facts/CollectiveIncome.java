package org.fuyu.policy.facts;

/** A village's collective economy income (村集体经济收入), yuan per year. */
public record CollectiveIncome(long operating, long total) {
    public static final CollectiveIncome ZERO = new CollectiveIncome(0, 0);

    public CollectiveIncome {
        FactException.nonNegative(operating, "operating");
        FactException.nonNegative(total, "total");
    }

    /** A builder; unset amounts are 0. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link CollectiveIncome}. */
    public static final class Builder {
        private long operating;
        private long total;

        private Builder() {
        }

        public Builder operating(long yuan) {
            this.operating = yuan;
            return this;
        }

        public Builder total(long yuan) {
            this.total = yuan;
            return this;
        }

        public CollectiveIncome build() {
            return new CollectiveIncome(operating, total);
        }
    }
}
