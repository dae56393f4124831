package org.fuyu.policy.facts;

/** Household assets used by the low-income means test. */
public record Assets(long vehicleValueYuan, boolean commercialProperty, long savingsYuan) {
    public static final Assets NONE = new Assets(0, false, 0);

    public Assets {
        FactException.nonNegative(vehicleValueYuan, "vehicleValueYuan");
        FactException.nonNegative(savingsYuan, "savingsYuan");
    }

    /** A builder; unset amounts are 0 and {@code commercialProperty} false. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link Assets}. */
    public static final class Builder {
        private long vehicleValueYuan;
        private boolean commercialProperty;
        private long savingsYuan;

        private Builder() {
        }

        public Builder vehicleValueYuan(long yuan) {
            this.vehicleValueYuan = yuan;
            return this;
        }

        public Builder commercialProperty(boolean commercialProperty) {
            this.commercialProperty = commercialProperty;
            return this;
        }

        public Builder savingsYuan(long yuan) {
            this.savingsYuan = yuan;
            return this;
        }

        public Assets build() {
            return new Assets(vehicleValueYuan, commercialProperty, savingsYuan);
        }
    }
}
