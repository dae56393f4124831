package org.fuyu.policy.facts;

/**
 * A fact that breaks a rule of spec §1 (a negative income, an age outside 0–120, no members…).
 * {@link #field()} is the field's path relative to the fact that rejected it, e.g. {@code age}
 * or {@code income.wage}; readers prefix it with the record's own path.
 */
public final class FactException extends IllegalArgumentException {
    private final String field;
    private final String expected;

    public FactException(String field, String expected) {
        super(field + ": " + expected);
        this.field = field;
        this.expected = expected;
    }

    public String field() {
        return field;
    }

    public String expected() {
        return expected;
    }

    static void require(boolean ok, String field, String expected) {
        if (!ok) {
            throw new FactException(field, expected);
        }
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new FactException(field, "required field is missing");
        }
        return value;
    }

    static String requiredText(String value, String field) {
        required(value, field);
        require(!value.isBlank(), field, "must not be empty");
        return value;
    }

    /** A yuan amount in 0 – {@link Limits#MAX_YUAN}. */
    static long nonNegative(long value, String field) {
        return Limits.yuan(value, 0, Limits.MAX_YUAN, field);
    }

    /** A count in 0 – {@link Limits#MAX_COUNT}. */
    static int count(int value, String field) {
        return Limits.count(value, Limits.MAX_COUNT, field);
    }
}
