package org.fuyu.policy;

/** What a decision is about (spec §2). */
public enum SubjectType {
    HOUSEHOLD, PERSON, BUSINESS, VILLAGE, COUNTY
}
