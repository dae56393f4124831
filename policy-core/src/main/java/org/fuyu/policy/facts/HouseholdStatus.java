package org.fuyu.policy.facts;

/** Household statuses of spec §1. */
public enum HouseholdStatus {
    /** Registered low-income household. */
    REGISTERED_LOW_INCOME,
    /** 低保: minimum living allowance. */
    MINIMUM_LIVING,
    /** 特困: extreme-poverty support. */
    EXTREME_POVERTY_SUPPORT,
    /** 脱贫户: household lifted out of poverty. */
    POVERTY_ALLEVIATED,
    /** 监测对象: under return-to-poverty monitoring. */
    MONITORED,
    /** 易地搬迁: relocated household. */
    RELOCATED
}
