package org.fuyu.policy.facts;

/**
 * A fact that breaks a rule of spec §1 (a negative income, an age outside 0–120, no members…).
 * {@link #field()} is the field's path relative to the fact that rejected it, e.g. {@code age}
 * or {@code income.wage}; readers prefix it with the record's own path.
 */
public final class FactException extends IllegalArgumentException {
    /** The largest amount of money a fact may hold: 10^12 yuan (the schemas' plausible maximum). */
    public static final long MAX_YUAN = 1_000_000_000_000L;

    private final String field;
    private final String expected;

    public FactException(String field, String expected) {
        super(field.isEmpty() ? expected : field + ": " + expected);
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

    static long nonNegative(long value, String field) {
        if (value < 0) { // the message is built only for a bad value: this runs for every record read
            throw new FactException(field, "expected a whole number of yuan ≥ 0, got " + value);
        }
        if (value > MAX_YUAN) {
            throw tooLarge(value, field);
        }
        return value;
    }

    /** An amount that may be negative (operating income): within ±{@link #MAX_YUAN}. */
    static long plausible(long value, String field) {
        if (value > MAX_YUAN || value < -MAX_YUAN) {
            throw tooLarge(value, field);
        }
        return value;
    }

    private static FactException tooLarge(long value, String field) {
        return new FactException(field, "expected at most 1000000000000 yuan (10^12) in size, got " + value
                + "; check the unit (whole yuan, not fen)");
    }

    static int count(int value, String field) {
        if (value < 0) {
            throw new FactException(field, "expected a count ≥ 0, got " + value);
        }
        return value;
    }
}
