package org.fuyu.policy.params;

/** A rule read a parameter that has no value in force on the case's date. */
public final class MissingParameterException extends RuntimeException {
    private final String parameter;

    public MissingParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
