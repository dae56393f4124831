package org.fuyu.policy.facts;

/** Household credit rating (信用等级). */
public enum CreditRating { AAA, AA, A, B, C, UNRATED }
