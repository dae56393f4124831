package org.fuyu.policy.evaluation;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An exact quotient (a share, a growth rate, a ratio) of two numbers, compared without rounding
 * (43 of 100 is not more than 0.43); shown rounded half up to 4 decimals.
 */
public record Fraction(BigDecimal numerator, BigDecimal denominator) {

    public Fraction {
        if (denominator.signum() == 0) {
            throw new Undefined("division by zero", "除数为零");
        }
        if (denominator.signum() < 0) {
            numerator = numerator.negate();
            denominator = denominator.negate();
        }
    }

    /** this compared with {@code value}, exactly. */
    public int compareTo(BigDecimal value) {
        return numerator.compareTo(value.multiply(denominator));
    }

    public int compareTo(Fraction o) {
        return numerator.multiply(o.denominator).compareTo(o.numerator.multiply(denominator));
    }

    /** Rounded half up to 4 decimals, trailing zeros dropped. */
    public BigDecimal shown() {
        BigDecimal v = numerator.divide(denominator, 4, RoundingMode.HALF_UP).stripTrailingZeros();
        return v.scale() < 0 ? v.setScale(0) : v;
    }

    @Override
    public String toString() {
        return shown().toPlainString();
    }
}
