package org.fuyu.policy.params;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

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
        return new Param(composed(TIMES, name, " × ", other.name), value.multiply(other.value),
                later(effective, other.effective));
    }

    public Param minus(long amount) {
        return new Param(name, value.subtract(BigDecimal.valueOf(amount)), effective);
    }

    public Param plus(Param other) {
        return new Param(composed(PLUS, name, " + ", other.name), value.add(other.value),
                later(effective, other.effective));
    }

    // names made of two parameter names, made once per pair: rules compose the same few for every case
    private static final Map<String, Map<String, String>> TIMES = new ConcurrentHashMap<>();
    private static final Map<String, Map<String, String>> PLUS = new ConcurrentHashMap<>();

    private static String composed(Map<String, Map<String, String>> cache, String a, String op, String b) {
        Map<String, String> byB = cache.get(a);
        if (byB == null) {
            if (cache.size() > 10_000) {
                return a + op + b;
            }
            byB = cache.computeIfAbsent(a, k -> new ConcurrentHashMap<>());
        }
        String s = byB.get(b);
        if (s == null) {
            s = a + op + b;
            if (byB.size() < 10_000) {
                String known = byB.putIfAbsent(b, s);
                s = known != null ? known : s;
            }
        }
        return s;
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
