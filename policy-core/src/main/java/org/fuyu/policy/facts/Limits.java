package org.fuyu.policy.facts;

/**
 * The plausible maxima of input values (README "Input facts", docs/input.md "Limits"). A value
 * above its maximum is a data error (usually a unit slip: fen for yuan, a missing decimal
 * point), rejected for its record with the field and the limit. The maxima also make every sum
 * the engine forms exact in a {@code long}: four income sources of at most 10⁹ yuan each, times
 * 100 for cents, times 10⁷ households in a summary total, stay far below 9.2·10¹⁸.
 */
public final class Limits {
    /** Any amount of a household, person, business or village, yuan (10⁹: one billion). */
    public static final long MAX_YUAN = 1_000_000_000L;
    /** Any amount of a county (per-capita incomes, loan balances), yuan (10¹³). */
    public static final long MAX_COUNTY_YUAN = 10_000_000_000_000L;
    /** Any count (jobs created, population, entities), and months operating at most {@link #MAX_MONTHS}. */
    public static final int MAX_COUNT = 1_000_000;
    /** Months a business has operated (100 years). */
    public static final int MAX_MONTHS = 1_200;
    /** Land area of one business, mu. */
    public static final long MAX_AREA_MU = 10_000_000L;
    /** Decimal places of a land area in mu. */
    public static final int MAX_AREA_DECIMALS = 4;

    private Limits() {
    }

    /** A yuan amount in [min, max], or a {@link FactException} naming the field and the limit. */
    static long yuan(long value, long min, long max, String field) {
        if (value < min || value > max) { // the message is built only for a bad value
            if (value < 0 && min == 0) {
                throw new FactException(field, "expected a whole number of yuan ≥ 0, got " + value);
            }
            throw new FactException(field, "金额超出合理范围 / amount outside the plausible range: expected "
                    + min + " to " + max + " yuan, got " + value
                    + "; check the unit (whole yuan, not fen) and the digits");
        }
        return value;
    }

    static int count(int value, int max, String field) {
        if (value < 0) {
            throw new FactException(field, "expected a count ≥ 0, got " + value);
        }
        if (value > max) {
            throw new FactException(field, "数目超出合理上限 / count above the plausible maximum: expected at most "
                    + max + ", got " + value + "; check the digits");
        }
        return value;
    }
}
