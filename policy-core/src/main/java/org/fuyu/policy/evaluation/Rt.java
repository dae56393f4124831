package org.fuyu.policy.evaluation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.fuyu.policy.Criterion;
import org.fuyu.policy.internal.NamePairs;
import org.fuyu.policy.params.Param;

/**
 * What the DRL that Fuyu's rule-language compiler generates calls: exact arithmetic and
 * comparisons on whole yuan, parameters and fractions (the constraints in a rule's {@code when}),
 * and the criteria of an explanation built from the same values (its consequence). Every
 * comparison goes through {@link #cmp}, so a constraint and the explanation of the same
 * expression cannot disagree. Arithmetic on whole numbers is checked: an overflow is an error for
 * the case, never a wrapped amount.
 */
public final class Rt {
    private Rt() {
    }

    // ---------------------------------------------------------------- values (constraints)

    public static BigDecimal d(long v) {
        return BigDecimal.valueOf(v);
    }

    public static long add(long a, long b) {
        return Math.addExact(a, b);
    }

    public static BigDecimal add(long a, BigDecimal b) {
        return d(a).add(b);
    }

    public static BigDecimal add(BigDecimal a, long b) {
        return a.add(d(b));
    }

    public static BigDecimal add(BigDecimal a, BigDecimal b) {
        return a.add(b);
    }

    public static long sub(long a, long b) {
        return Math.subtractExact(a, b);
    }

    public static BigDecimal sub(long a, BigDecimal b) {
        return d(a).subtract(b);
    }

    public static BigDecimal sub(BigDecimal a, long b) {
        return a.subtract(d(b));
    }

    public static BigDecimal sub(BigDecimal a, BigDecimal b) {
        return a.subtract(b);
    }

    public static long mul(long a, long b) {
        return Math.multiplyExact(a, b);
    }

    public static BigDecimal mul(long a, BigDecimal b) {
        return d(a).multiply(b);
    }

    public static BigDecimal mul(BigDecimal a, long b) {
        return a.multiply(d(b));
    }

    public static BigDecimal mul(BigDecimal a, BigDecimal b) {
        return a.multiply(b);
    }

    public static long neg(long a) {
        return Math.negateExact(a);
    }

    public static BigDecimal neg(BigDecimal a) {
        return a.negate();
    }

    public static long min(long a, long b) {
        return Math.min(a, b);
    }

    public static BigDecimal min(long a, BigDecimal b) {
        return min(d(a), b);
    }

    public static BigDecimal min(BigDecimal a, long b) {
        return min(a, d(b));
    }

    public static BigDecimal min(BigDecimal a, BigDecimal b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    public static long max(long a, long b) {
        return Math.max(a, b);
    }

    public static BigDecimal max(long a, BigDecimal b) {
        return max(d(a), b);
    }

    public static BigDecimal max(BigDecimal a, long b) {
        return max(a, d(b));
    }

    public static BigDecimal max(BigDecimal a, BigDecimal b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    public static Fraction div(long a, long b) {
        return new Fraction(d(a), d(b));
    }

    public static Fraction div(long a, BigDecimal b) {
        return new Fraction(d(a), b);
    }

    public static Fraction div(BigDecimal a, long b) {
        return new Fraction(a, d(b));
    }

    public static Fraction div(BigDecimal a, BigDecimal b) {
        return new Fraction(a, b);
    }

    /** count / total; no subjects to take a share of is undefined, not 0. */
    public static Fraction share(long count, long total) {
        if (total == 0) {
            throw new Undefined("there is nothing to take a share of (0 subjects)", "没有可计算占比的对象（0 个）");
        }
        return div(count, total);
    }

    /** (current − previous) / previous; undefined when previous ≤ 0. */
    public static Fraction growth(long current, long previous) {
        if (previous <= 0) {
            throw new Undefined("growth is undefined: the previous value is " + previous + " (must be above 0)",
                    "上一期数值为 " + previous + "（须大于 0），无法计算增幅");
        }
        return div(sub(current, previous), previous);
    }

    /** A County fact's field, or {@link Undefined} naming it. */
    public static long req(Object county, Long value, String field) {
        if (county == null) {
            throw new Undefined("no County fact for this county", "本县没有县级数据（County）");
        }
        if (value == null) {
            throw new Undefined("the County fact has no " + field, "县级数据缺少 " + field);
        }
        return value;
    }

    public static int cmp(long a, long b) {
        return Long.compare(a, b);
    }

    public static int cmp(long a, BigDecimal b) {
        if (b.scale() == 0 && b.precision() < 19) {
            return Long.compare(a, b.longValue());
        }
        return d(a).compareTo(b);
    }

    public static int cmp(BigDecimal a, long b) {
        return -cmp(b, a);
    }

    public static int cmp(BigDecimal a, BigDecimal b) {
        return a.compareTo(b);
    }

    public static int cmp(Fraction a, long b) {
        return a.compareTo(d(b));
    }

    public static int cmp(Fraction a, BigDecimal b) {
        return a.compareTo(b);
    }

    public static int cmp(long a, Fraction b) {
        return -b.compareTo(d(a));
    }

    public static int cmp(BigDecimal a, Fraction b) {
        return -b.compareTo(a);
    }

    public static int cmp(Fraction a, Fraction b) {
        return a.compareTo(b);
    }

    /** Dates: a missing date (null) is before every date, so a window or a lower bound fails it. */
    public static int cmp(LocalDate a, LocalDate b) {
        if (a == null || b == null) {
            return a == b ? 0 : (a == null ? -1 : 1);
        }
        return a.compareTo(b);
    }

    public static boolean between(long a, long lo, long hi) {
        return a >= lo && a <= hi;
    }

    public static boolean between(LocalDate a, LocalDate lo, LocalDate hi) {
        return a != null && !a.isBefore(lo) && !a.isAfter(hi);
    }

    public static LocalDate minusMonths(LocalDate date, long months) {
        return date.minusMonths(months);
    }

    public static LocalDate minusMonths(LocalDate date, BigDecimal months) {
        return date.minusMonths(months.longValueExact());
    }

    public static LocalDate plusMonths(LocalDate date, long months) {
        return date.plusMonths(months);
    }

    public static LocalDate plusMonths(LocalDate date, BigDecimal months) {
        return date.plusMonths(months.longValueExact());
    }

    // ---------------------------------------------------------------- values that remember parameters (explanations)

    /** A date computed from a parameter ({@code asOf - window months}): the parameter is named in the criterion. */
    public record DateP(LocalDate date, Param basis) {
    }

    public static Object xadd(Object a, Object b) {
        return x(a, b, " + ", add(num(a), num(b)));
    }

    public static Object xsub(Object a, Object b) {
        return x(a, b, " − ", sub(num(a), num(b)));
    }

    public static Object xmul(Object a, Object b) {
        return x(a, b, " × ", mul(num(a), num(b)));
    }

    public static Object xneg(Object a) {
        BigDecimal v = num(a).negate();
        return a instanceof Param p ? new Param(p.name(), v, p.effective()) : plainNumber(v, a);
    }

    public static Object xmin(Object a, Object b) {
        return num(a).compareTo(num(b)) <= 0 ? a : b;
    }

    public static Object xmax(Object a, Object b) {
        return num(a).compareTo(num(b)) >= 0 ? a : b;
    }

    public static Fraction xdiv(Object a, Object b) {
        return new Fraction(num(a), num(b));
    }

    public static Object xminusMonths(LocalDate date, Object months) {
        LocalDate d = date.minusMonths(num(months).longValueExact());
        return months instanceof Param p ? new DateP(d, p) : d;
    }

    public static Object xplusMonths(LocalDate date, Object months) {
        LocalDate d = date.plusMonths(num(months).longValueExact());
        return months instanceof Param p ? new DateP(d, p) : d;
    }

    private static Object x(Object a, Object b, String sep, BigDecimal v) {
        if (a instanceof Param pa && b instanceof Param pb) {
            return new Param(NamePairs.join(pa.name(), sep, pb.name()), v, later(pa.effective(), pb.effective()));
        }
        if (a instanceof Param pa) {
            return new Param(pa.name(), v, pa.effective());
        }
        if (b instanceof Param pb) {
            return new Param(pb.name(), v, pb.effective());
        }
        return a instanceof Long && b instanceof Long && v.scale() == 0 ? (Object) v.longValueExact() : v;
    }

    private static Object plainNumber(BigDecimal v, Object like) {
        return like instanceof Long ? (Object) v.longValueExact() : v;
    }

    /** The number inside a value of an explanation: a parameter's value, a whole number, a decimal. */
    public static BigDecimal num(Object v) {
        if (v instanceof Param p) {
            return p.value();
        }
        if (v instanceof BigDecimal b) {
            return b;
        }
        if (v instanceof Long || v instanceof Integer) {
            return d(((Number) v).longValue());
        }
        if (v instanceof Fraction f) {
            return f.shown();
        }
        throw new IllegalArgumentException("not a number: " + v);
    }

    // ---------------------------------------------------------------- criteria (explanations)

    /**
     * One comparison as an explanation: {@code actual op required}. The parameter named is the
     * required side's (or, when that side is a plain number, the parameters the actual side was
     * counted with: {@code basis}); with {@code shortfall} the distance is kept even when it passes.
     */
    public static Criterion compare(String label, String op, Object actual, Object required, Param[] basis,
                                    boolean shortfall) {
        int c = cmpAny(actual, required);
        boolean ok = switch (op) {
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            case ">=" -> c >= 0;
            case "==" -> c == 0;
            case "!=" -> c != 0;
            default -> throw new IllegalArgumentException(op);
        };
        String parameter = null;
        LocalDate effective = null;
        if (required instanceof Param p) {
            if (p.effective() != null || !p.name().matches("-?\\d+(\\.\\d+)?")) {
                parameter = p.name();
                effective = p.effective();
            }
        } else if (basis != null && basis.length > 0) {
            for (Param p : basis) {
                parameter = parameter == null ? p.name() : NamePairs.join(parameter, ", ", p.name());
                effective = later(effective, p.effective());
            }
        }
        BigDecimal gap = null;
        if ((!ok || shortfall) && !(actual instanceof LocalDate) && actual != null) {
            gap = num(actual).subtract(num(required)).abs().stripTrailingZeros();
            if (gap.scale() < 0) {
                gap = gap.setScale(0);
            }
        }
        return new Criterion(label, shown(actual), op, shown(required), parameter, effective, gap, ok, null);
    }

    /** {@code lo <= actual <= hi}, both ends inclusive; a missing actual value fails. */
    public static Criterion between(String label, Object actual, Object lo, Object hi) {
        boolean ok = actual != null && cmpAny(actual, lo) >= 0 && cmpAny(actual, hi) <= 0;
        String parameter = null;
        LocalDate effective = null;
        for (Object bound : new Object[] {lo, hi}) {
            Param p = bound instanceof Param bp ? bp : bound instanceof DateP dp ? dp.basis() : null;
            if (p != null) {
                parameter = parameter == null ? p.name() : NamePairs.join(parameter, ", ", p.name());
                effective = later(effective, p.effective());
            }
        }
        BigDecimal gap = null;
        if (!ok && actual != null) {
            if (actual instanceof LocalDate a) {
                LocalDate l = date(lo);
                LocalDate h = date(hi);
                gap = d(a.isBefore(l) ? ChronoUnit.DAYS.between(a, l) : ChronoUnit.DAYS.between(h, a));
            } else {
                BigDecimal a = num(actual);
                gap = (a.compareTo(num(lo)) < 0 ? num(lo).subtract(a) : a.subtract(num(hi))).stripTrailingZeros();
            }
        }
        return new Criterion(label, shown(actual), "between", List.of(shown(lo), shown(hi)), parameter, effective,
                gap, ok, null);
    }

    public static Criterion isTrue(String label, boolean actual) {
        return Criteria.isTrue(label, actual);
    }

    public static Criterion isFalse(String label, boolean actual) {
        return Criteria.isFalse(label, actual);
    }

    public static Criterion in(String label, Object actual, List<?> allowed) {
        return Criteria.in(label, actual, allowed);
    }

    public static Criterion notIn(String label, Object actual, List<?> excluded) {
        return Criteria.notIn(label, actual, excluded);
    }

    public static Criterion has(String label, Collection<?> actual, Object wanted) {
        return Criteria.fixed(label, actual, "has", wanted, actual.contains(wanted));
    }

    public static Criterion hasAny(String label, Collection<?> actual, List<?> wanted) {
        return Criteria.hasAnyOf(label, actual, wanted);
    }

    public static Criterion anyOf(String label, Criterion... parts) {
        return Criteria.anyOf(label, parts);
    }

    /** Passes when every part passes; every part is kept. */
    public static Criterion allOf(String label, Criterion... parts) {
        boolean ok = true;
        for (Criterion c : parts) {
            ok &= c.passed();
        }
        return new Criterion(label, ok, "all of", null, null, null, null, ok, List.of(parts));
    }

    public static Criterion not(Criterion c) {
        return Criteria.not(c);
    }

    /** A generated rule's condition matched, so its explanation must pass: anything else is a compiler fault. */
    public static void expect(boolean recorded, org.kie.api.runtime.rule.RuleContext kcontext) {
        if (!recorded) {
            throw new IllegalStateException("internal error in rule '" + kcontext.getRule().getName()
                    + "': its condition matched but its explanation did not pass; please report it");
        }
    }

    /** A business owner's categories; an owner who is not a member of the household has none. */
    public static java.util.Set<org.fuyu.policy.facts.PersonCategory> categoriesOf(org.fuyu.policy.facts.Person owner) {
        return owner == null ? java.util.Set.of() : owner.categories();
    }

    /** The reason of an undefined value, in both languages, for the run's notes. */
    public static String reason(Undefined u) {
        return u.getMessage() + " (" + u.zh() + ")";
    }

    public static <T> List<T> list(List<T> items) {
        return items;
    }

    static List<Object> shownList(List<?> values) {
        List<Object> out = new ArrayList<>(values.size());
        values.forEach(v -> out.add(shown(v)));
        return out;
    }

    private static Object shown(Object v) {
        if (v instanceof Param p) {
            return Criteria.plain(p.value());
        }
        if (v instanceof Fraction f) {
            return f.shown();
        }
        if (v instanceof DateP dp) {
            return dp.date();
        }
        return Criteria.plain(v);
    }

    private static LocalDate date(Object v) {
        return v instanceof DateP dp ? dp.date() : (LocalDate) v;
    }

    private static int cmpAny(Object a, Object b) {
        if (a instanceof Long la) {
            if (b instanceof Long lb) {
                return Long.compare(la, lb);
            }
            if (b instanceof Param pb) {
                return cmp(la.longValue(), pb.value());
            }
        }
        if (a instanceof LocalDate || a instanceof DateP || a == null) {
            return cmp(a == null ? null : date(a), date(b));
        }
        if (a instanceof Fraction fa) {
            return b instanceof Fraction fb ? fa.compareTo(fb) : fa.compareTo(num(b));
        }
        if (b instanceof Fraction fb) {
            return -fb.compareTo(num(a));
        }
        return num(a).compareTo(num(b));
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
