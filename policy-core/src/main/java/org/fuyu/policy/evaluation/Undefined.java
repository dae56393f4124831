package org.fuyu.policy.evaluation;

/**
 * A value a rule needs is not there (a County fact without the field, a growth rate from a
 * previous value of 0): the decision is not made and the run notes why, instead of a guess.
 */
public final class Undefined extends RuntimeException {
    private final String zh;

    public Undefined(String en, String zh) {
        super(en, null, false, false);
        this.zh = zh;
    }

    /** The reason in Chinese. */
    public String zh() {
        return zh;
    }
}
