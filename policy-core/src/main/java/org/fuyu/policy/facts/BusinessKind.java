package org.fuyu.policy.facts;

/** Legal kind of a business (创业主体). */
public enum BusinessKind { INDIVIDUAL, FAMILY_FARM, COOPERATIVE, SMALL_ENTERPRISE }
