package org.fuyu.policy.evaluation;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import org.fuyu.policy.Criterion;
import org.fuyu.policy.params.Param;

/**
 * The criteria rules check, each stated once: the call compares and records the comparison,
 * so a decision's reasons are exactly the logic that made it. Import statically in DRL:
 * {@code import static org.fuyu.policy.evaluation.Criteria.*;}
 */
public final class Criteria {
    /** Negated criterion names, made once per name (rules negate the same few criteria for every case). */
    private static final java.util.Map<String, String> NEGATED = new java.util.concurrent.ConcurrentHashMap<>();

    private Criteria() {
    }

    /** actual &lt; required. */
    public static Criterion below(String name, Number actual, Param required) {
        return compare(name, actual, "<", required, cmp(actual, required) < 0);
    }

    /**
     * actual &lt; required, like {@link #below}, but the distance (required − actual, the shortfall)
     * is kept in {@code gap} when it passes too: for flags whose point is the shortfall, such as
     * a credit line short of the floor.
     */
    public static Criterion shortOf(String name, Number actual, Param required) {
        boolean ok = cmp(actual, required) < 0;
        BigDecimal gap = dec(actual).subtract(required.value()).abs().stripTrailingZeros();
        return new Criterion(name, plain(actual), "<", plain(required.value()), required.name(), required.effective(),
                gap, ok, null);
    }

    /** actual ≤ required. */
    public static Criterion atMost(String name, Number actual, Param required) {
        return compare(name, actual, "<=", required, cmp(actual, required) <= 0);
    }

    /** actual ≥ required. */
    public static Criterion atLeast(String name, Number actual, Param required) {
        return compare(name, actual, ">=", required, cmp(actual, required) >= 0);
    }

    /** actual &gt; required. */
    public static Criterion above(String name, Number actual, Param required) {
        return compare(name, actual, ">", required, cmp(actual, required) > 0);
    }

    /** actual ≥ a fixed count (a structural number of the policy, such as "at least one member"). */
    public static Criterion atLeast(String name, long actual, long required) {
        return fixed(name, actual, ">=", required, actual >= required);
    }

    /** actual == a fixed count. */
    public static Criterion equalTo(String name, long actual, long required) {
        return fixed(name, actual, "==", required, actual == required);
    }

    /** min ≤ actual ≤ max, both bounds inclusive. */
    public static Criterion between(String name, Number actual, Param min, Param max) {
        BigDecimal a = dec(actual);
        boolean lowOk = a.compareTo(min.value()) >= 0;
        boolean highOk = a.compareTo(max.value()) <= 0;
        BigDecimal gap = lowOk && highOk ? null
                : (lowOk ? a.subtract(max.value()) : min.value().subtract(a)).stripTrailingZeros();
        return new Criterion(name, plain(actual), "between", List.of(plain(min.value()), plain(max.value())),
                min.name() + ", " + max.name(), later(min, max), gap, lowOk && highOk, null);
    }

    public static Criterion isTrue(String name, boolean actual) {
        return fixed(name, actual, "==", true, actual);
    }

    public static Criterion isFalse(String name, boolean actual) {
        return fixed(name, actual, "==", false, !actual);
    }

    /** actual is one of the allowed values. */
    public static Criterion in(String name, Object actual, Collection<?> allowed) {
        return fixed(name, actual, "in", List.copyOf(allowed), allowed.contains(actual));
    }

    /** actual is none of the excluded values. */
    public static Criterion notIn(String name, Object actual, Collection<?> excluded) {
        return fixed(name, actual, "not in", List.copyOf(excluded), !excluded.contains(actual));
    }

    /** The set {@code actual} shares at least one element with {@code wanted}. */
    public static Criterion hasAnyOf(String name, Collection<?> actual, Collection<?> wanted) {
        boolean ok = actual.stream().anyMatch(wanted::contains);
        return fixed(name, List.copyOf(actual), "has any of", List.copyOf(wanted), ok);
    }

    /**
     * numerator / denominator &gt; required, compared exactly (43 of 100 is not more than 0.43).
     * An empty denominator counts as share 0.
     */
    public static Criterion shareAbove(String name, long numerator, long denominator, Param required) {
        BigDecimal lhs = BigDecimal.valueOf(numerator);
        BigDecimal rhs = required.value().multiply(BigDecimal.valueOf(denominator));
        boolean ok = denominator > 0 && lhs.compareTo(rhs) > 0;
        BigDecimal share = share(numerator, denominator);
        return new Criterion(name, share, ">", plain(required.value()), required.name(), required.effective(),
                ok ? null : required.value().subtract(share).max(BigDecimal.ZERO), ok, null);
    }

    /**
     * numerator / denominator ≥ required, compared exactly (e.g. full coverage: share ≥ 1).
     * An empty denominator counts as share 0 and fails.
     */
    public static Criterion shareAtLeast(String name, long numerator, long denominator, Param required) {
        BigDecimal lhs = BigDecimal.valueOf(numerator);
        BigDecimal rhs = required.value().multiply(BigDecimal.valueOf(denominator));
        boolean ok = denominator > 0 && lhs.compareTo(rhs) >= 0;
        BigDecimal share = share(numerator, denominator);
        return new Criterion(name, share, ">=", plain(required.value()), required.name(), required.effective(),
                ok ? null : required.value().subtract(share).max(BigDecimal.ZERO), ok, null);
    }

    /**
     * A count of subjects (members, households, villages) ≥ a fixed count, where the subjects were
     * counted with parameters ({@code basis}, e.g. the ages bounding "a member aged 18–65"); the
     * parameters are named in the criterion so an explanation says which values were used.
     */
    public static Criterion countAtLeast(String name, long actual, long required, Param... basis) {
        boolean ok = actual >= required;
        return counted(name, actual, ">=", required, ok, basis);
    }

    /**
     * A count of subjects ≤ a fixed count (e.g. "no household below the line": at most 0), the
     * subjects counted with the parameters {@code basis}.
     */
    public static Criterion countAtMost(String name, long actual, long required, Param... basis) {
        boolean ok = actual <= required;
        return counted(name, actual, "<=", required, ok, basis);
    }

    /**
     * {@code date} lies in the {@code months} months up to and including {@code asOf}:
     * asOf − months ≤ date ≤ asOf, both ends inclusive. The window is measured from the case's
     * date, never the clock; month arithmetic is {@link LocalDate#minusMonths} (31 May − 1 month is
     * 30 April). A missing date, or one after {@code asOf}, fails. The gap of a failed criterion
     * is in days.
     */
    public static Criterion withinMonthsBefore(String name, LocalDate date, LocalDate asOf, Param months) {
        LocalDate earliest = asOf.minusMonths(months.value().longValueExact());
        boolean ok = date != null && !date.isBefore(earliest) && !date.isAfter(asOf);
        BigDecimal gap = null;
        if (!ok && date != null) {
            gap = BigDecimal.valueOf(date.isBefore(earliest) ? ChronoUnit.DAYS.between(date, earliest)
                    : ChronoUnit.DAYS.between(asOf, date));
        }
        return new Criterion(name, date, "between", List.of(earliest, asOf), months.name(), months.effective(),
                gap, ok, null);
    }

    /**
     * (current − previous) / previous &gt; required (or ≥ when {@code inclusive}), compared exactly.
     * A previous value of 0 or less has no growth rate and fails.
     */
    public static Criterion growth(String name, long current, long previous, Param required, boolean inclusive) {
        boolean defined = previous > 0;
        BigDecimal rate = defined ? BigDecimal.valueOf(current - previous)
                .divide(BigDecimal.valueOf(previous), 4, RoundingMode.HALF_UP) : null;
        int c = defined ? BigDecimal.valueOf(current - previous)
                .compareTo(required.value().multiply(BigDecimal.valueOf(previous))) : -1;
        boolean ok = defined && (inclusive ? c >= 0 : c > 0);
        return new Criterion(name, rate, inclusive ? ">=" : ">", plain(required.value()), required.name(),
                required.effective(), ok || !defined ? null : required.value().subtract(rate).max(BigDecimal.ZERO),
                ok, null);
    }

    /** a / b &lt; required, compared exactly; b of 0 fails. */
    public static Criterion ratioBelow(String name, long a, long b, Param required) {
        boolean defined = b > 0;
        BigDecimal ratio = defined ? BigDecimal.valueOf(a).divide(BigDecimal.valueOf(b), 4, RoundingMode.HALF_UP) : null;
        boolean ok = defined && BigDecimal.valueOf(a).compareTo(required.value().multiply(BigDecimal.valueOf(b))) < 0;
        return new Criterion(name, ratio, "<", plain(required.value()), required.name(), required.effective(),
                ok || !defined ? null : ratio.subtract(required.value()), ok, null);
    }

    /** Passes when any part passes; every part is kept for the explanation. */
    public static Criterion anyOf(String name, Criterion... parts) {
        boolean ok = anyPassed(parts);
        return new Criterion(name, ok, "any of", null, null, null, null, ok, List.of(parts));
    }

    private static boolean anyPassed(Criterion[] parts) {
        for (Criterion c : parts) {
            if (c.passed()) {
                return true;
            }
        }
        return false;
    }

    /** Passes when no part passes (the negation of {@link #anyOf}). */
    public static Criterion noneOf(String name, Criterion... parts) {
        boolean any = anyPassed(parts);
        return new Criterion(name, !any, "none of", null, null, null, null, !any, List.of(parts));
    }

    /** The negation of a composite or boolean criterion, keeping its parts. */
    public static Criterion not(Criterion c) {
        String op = switch (c.operator()) {
            case "any of" -> "none of";
            case "none of" -> "any of";
            default -> "not " + c.operator();
        };
        String name = NEGATED.computeIfAbsent(c.criterion(),
                n -> n.startsWith("not ") ? n.substring(4) : "not " + n);
        return new Criterion(name, !c.passed(), op, c.required(), c.parameter(), c.effective(), null, !c.passed(),
                c.anyOf());
    }

    /** A required value that is a fact, not a parameter (e.g. a required status). */
    public static Criterion fixed(String name, Object actual, String operator, Object required, boolean passed) {
        return new Criterion(name, plain(actual), operator, plain(required), null, null, null, passed, null);
    }

    private static Criterion counted(String name, long actual, String op, long required, boolean ok, Param... basis) {
        String parameter = null;
        LocalDate effective = null;
        if (basis.length > 0) {
            for (Param p : basis) {
                parameter = parameter == null ? p.name() : org.fuyu.policy.internal.NamePairs.join(parameter, ", ", p.name());
                effective = effective == null || (p.effective() != null && p.effective().isAfter(effective))
                        ? p.effective() : effective;
            }
        }
        BigDecimal gap = ok ? null : BigDecimal.valueOf(Math.abs(actual - required));
        return new Criterion(name, actual, op, required, parameter, effective, gap, ok, null);
    }

    static BigDecimal share(long numerator, long denominator) {
        return denominator == 0 ? BigDecimal.ZERO
                : BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), new MathContext(6))
                .setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    private static Criterion compare(String name, Number actual, String op, Param required, boolean ok) {
        BigDecimal gap = ok ? null : dec(actual).subtract(required.value()).abs();
        // a number written in a decision table cell is a fixed value, not a parameter
        String parameter = required.effective() == null && required.name().matches("-?\\d+(\\.\\d+)?") ? null : required.name();
        return new Criterion(name, plain(actual), op, plain(required.value()), parameter, required.effective(),
                gap == null ? null : gap.stripTrailingZeros(), ok, null);
    }

    private static int cmp(Number actual, Param required) {
        BigDecimal r = required.value();
        if ((actual instanceof Long || actual instanceof Integer) && r.scale() == 0 && r.precision() < 19) {
            return Long.compare(actual.longValue(), r.longValue()); // whole yuan against a whole parameter: exact
        }
        return dec(actual).compareTo(r);
    }

    static BigDecimal dec(Number n) {
        if (n instanceof BigDecimal b) {
            return b;
        }
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return BigDecimal.valueOf(n.longValue());
        }
        return new BigDecimal(n.toString());
    }

    private static LocalDate later(Param a, Param b) {
        if (a.effective() == null) {
            return b.effective();
        }
        if (b.effective() == null) {
            return a.effective();
        }
        return a.effective().isAfter(b.effective()) ? a.effective() : b.effective();
    }

    /** Whole numbers as longs, so explanations read 13000 rather than 13000.00. */
    static Object plain(Object v) {
        if (v instanceof BigDecimal b) {
            return plainDec(b);
        }
        return v;
    }

    private static Object plainDec(BigDecimal b) {
        if (b.scale() == 0 && b.precision() <= 18) {
            return b.longValue();
        }
        BigDecimal s = b.stripTrailingZeros();
        if (s.scale() <= 0 && s.precision() - s.scale() <= 18) {
            return s.longValueExact(); // a whole number of at most 18 digits
        }
        return s;
    }
}
