package org.fuyu.policy.facts;

/** Household assets used by the low-income means test. */
public record Assets(long vehicleValueYuan, boolean commercialProperty, long savingsYuan) {
    public static final Assets NONE = new Assets(0, false, 0);

    public Assets {
        FactException.nonNegative(vehicleValueYuan, "vehicleValueYuan");
        FactException.nonNegative(savingsYuan, "savingsYuan");
    }
}
