package org.fuyu.policy.facts;

/** Entrepreneur categories of spec §1 (两进两回, 新三宝). */
public enum PersonCategory {
    /** 返乡: returning migrant worker. */
    RETURNING_MIGRANT,
    COLLEGE_GRADUATE,
    /** 退役军人. */
    VETERAN,
    TECH_PERSONNEL,
    /** 农创客: farmer-maker. */
    FARMER_MAKER
}
