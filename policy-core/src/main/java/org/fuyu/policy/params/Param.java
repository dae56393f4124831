package org.fuyu.policy.params;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Objects;
import org.fuyu.policy.internal.NamePairs;

/**
 * A parameter's value in force on a case's {@code asOf} date, or a value computed from one
 * (e.g. {@code low_income.line × members}). It remembers the parameter's name and the date
 * its value took effect, so a criterion that uses it can say so.
 */
public record Param(String name, BigDecimal value, LocalDate effective) {

    public Param {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** This value multiplied by a count, keeping the parameter's name and date. */
    public Param times(long n) {
        return new Param(name, value.multiply(BigDecimal.valueOf(n)), effective);
    }

    public Param times(BigDecimal factor) {
        return new Param(name, value.multiply(factor), effective);
    }

    /** This value multiplied by another parameter (e.g. factor × line); named after both. */
    public Param times(Param other) {
        return new Param(NamePairs.join(name, " × ", other.name), value.multiply(other.value),
                later(effective, other.effective));
    }

    public Param minus(long amount) {
        return new Param(name, value.subtract(BigDecimal.valueOf(amount)), effective);
    }

    public Param plus(Param other) {
        return new Param(NamePairs.join(name, " + ", other.name), value.add(other.value),
                later(effective, other.effective));
    }

    public Param min(Param other) {
        return value.compareTo(other.value) <= 0 ? this : other;
    }

    public int intValue() {
        return value.intValueExact();
    }

    public long longValue() {
        return value.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isAfter(b) ? a : b;
    }
}
