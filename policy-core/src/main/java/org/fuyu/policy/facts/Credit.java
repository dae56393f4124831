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
}
