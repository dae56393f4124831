package org.fuyu.policy.facts;

/** Village size class. */
public enum SizeClass { SMALL, MEDIUM, LARGE }
