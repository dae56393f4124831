package org.fuyu.policy.facts;

/** Household credit record (农户信用). */
public record Credit(CreditRating rating, boolean overdue, boolean dishonestDebtor,
                     long inclusiveCreditLineYuan, long outstandingLoanYuan) {
    public static final Credit UNRATED = new Credit(CreditRating.UNRATED, false, false, 0, 0);

    public Credit {
        rating = rating == null ? CreditRating.UNRATED : rating;
        FactException.nonNegative(inclusiveCreditLineYuan, "inclusiveCreditLineYuan");
        FactException.nonNegative(outstandingLoanYuan, "outstandingLoanYuan");
    }

    /** A builder; defaults: UNRATED, not overdue, not a dishonest debtor, amounts 0. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Credit}. */
    public static final class Builder {
        private CreditRating rating;
        private boolean overdue;
        private boolean dishonestDebtor;
        private long inclusiveCreditLineYuan;
        private long outstandingLoanYuan;

        private Builder() {
        }

        public Builder rating(CreditRating rating) {
            this.rating = rating;
            return this;
        }

        public Builder overdue(boolean overdue) {
            this.overdue = overdue;
            return this;
        }

        public Builder dishonestDebtor(boolean dishonestDebtor) {
            this.dishonestDebtor = dishonestDebtor;
            return this;
        }

        public Builder inclusiveCreditLineYuan(long yuan) {
            this.inclusiveCreditLineYuan = yuan;
            return this;
        }

        public Builder outstandingLoanYuan(long yuan) {
            this.outstandingLoanYuan = yuan;
            return this;
        }

        public Credit build() {
            return new Credit(rating, overdue, dishonestDebtor, inclusiveCreditLineYuan, outstandingLoanYuan);
        }
    }
}
