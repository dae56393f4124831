package org.fuyu.policy;

/** Outcome of a decision (spec §2). */
public enum Outcome {
    GRANTED, DENIED, FLAG, TARGET_MET, TARGET_MISSED
}
