package org.fuyu.policy.facts;

/** A village's collective economy income (村集体经济收入), yuan per year. */
public record CollectiveIncome(long operating, long total) {
    public static final CollectiveIncome ZERO = new CollectiveIncome(0, 0);

    public CollectiveIncome {
        FactException.nonNegative(operating, "operating");
        FactException.nonNegative(total, "total");
    }
}
