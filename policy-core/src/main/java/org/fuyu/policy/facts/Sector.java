package org.fuyu.policy.facts;

/** Business sector; the first three are the 新三宝 of 002 §二. */
public enum Sector {
    /** 农家乐民宿. */
    HOMESTAY,
    /** 农村电商. */
    ECOMMERCE,
    /** 来料加工. */
    OUTSOURCED_PROCESSING,
    MODERN_AGRICULTURE,
    OTHER;

    /** The "new three treasures" (新三宝) that earn the start-up bonus. */
    public boolean newThreeTreasures() {
        return this == HOMESTAY || this == ECOMMERCE || this == OUTSOURCED_PROCESSING;
    }
}
