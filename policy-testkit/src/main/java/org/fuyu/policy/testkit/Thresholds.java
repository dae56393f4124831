package org.fuyu.policy.testkit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.fuyu.policy.params.Parameter;
import org.fuyu.policy.params.ParameterSet;

/**
 * The boundaries the loaded parameters create on one date: each threshold value and the values
 * just below and just above it, so generated facts land where rules change their mind.
 * <p>
 * Works for any parameter set: every whole value in force is a money or count boundary, every
 * quotient of two whole values (a cap over a per-unit rate: 30000 / 200 mu) a count boundary,
 * values between 0 and 1 are rates (growth, shares) and values between 1 and 10 factors. The
 * names of spec §3.1 ({@code low_income.line}, {@code monitoring.line_factor}, ...) sharpen the
 * household boundaries when they are present.
 */
public final class Thresholds {
    /** Spec §3.1 names, used when present. */
    static final String LINE = "low_income.line";
    static final String SAVINGS_PER_MEMBER = "low_income.max_savings_per_member";

    private final LocalDate asOf;
    private final Map<String, BigDecimal> values;
    private final List<Long> money;
    private final List<Integer> counts;
    private final List<BigDecimal> rates;
    private final List<BigDecimal> factors;

    Thresholds(ParameterSet parameters, LocalDate asOf) {
        this.asOf = asOf;
        Map<String, BigDecimal> in = new java.util.TreeMap<>();
        for (Parameter p : parameters.all()) {
            Map.Entry<LocalDate, BigDecimal> e = p.inForceOn(asOf);
            if (e != null) {
                in.put(p.name(), e.getValue());
            }
        }
        this.values = Map.copyOf(in);
        TreeSet<Long> m = new TreeSet<>();
        TreeSet<Integer> c = new TreeSet<>();
        TreeSet<BigDecimal> r = new TreeSet<>();
        TreeSet<BigDecimal> f = new TreeSet<>();
        List<Long> wholes = new ArrayList<>();
        for (BigDecimal v : in.values()) {
            if (isWhole(v)) {
                long w = v.longValueExact();
                wholes.add(w);
                if (w >= 100) {
                    around(m, w);
                }
                if (w >= 0 && w <= 150) {
                    aroundInt(c, (int) w);
                }
            } else if (v.signum() > 0 && v.compareTo(BigDecimal.ONE) < 0) {
                r.add(v);
            } else if (v.compareTo(BigDecimal.ONE) > 0 && v.compareTo(BigDecimal.TEN) < 0) {
                f.add(v);
            }
        }
        for (long a : wholes) {
            for (long b : wholes) {
                if (b > 1 && a > b && a % b == 0 && a / b <= 1000) {
                    aroundInt(c, (int) (a / b));
                }
            }
        }
        m.add(0L);
        c.add(0);
        this.money = List.copyOf(m);
        this.counts = List.copyOf(c);
        this.rates = List.copyOf(r);
        this.factors = List.copyOf(f);
    }

    public LocalDate asOf() {
        return asOf;
    }

    /** A parameter's value in force on {@link #asOf()}, or null. */
    public BigDecimal value(String name) {
        return values.get(name);
    }

    /** Every whole parameter value ≥ 100, with the values one below and one above; and 0. Ascending. */
    public List<Long> money() {
        return money;
    }

    /** Whole parameter values 0–150 and whole quotients of two parameters (≤ 1000), each ± 1; and 0. Ascending. */
    public List<Integer> counts() {
        return counts;
    }

    /** Counts that can be ages (0–120). */
    public List<Integer> ages() {
        return counts.stream().filter(a -> a <= 120).toList();
    }

    /** Parameter values strictly between 0 and 1 (shares, growth rates). */
    public List<BigDecimal> rates() {
        return rates;
    }

    /** Non-whole parameter values between 1 and 10 (line factors, ratios). */
    public List<BigDecimal> factors() {
        return factors;
    }

    /**
     * Household total incomes at the per-capita boundaries for {@code members} people: for the
     * low-income line (else every money value 1000–50000 as a per-person line) times 1 and times
     * each factor, the total that puts per-capita income just below, at and just above it.
     */
    public List<Long> householdTotals(int members) {
        List<BigDecimal> lines = new ArrayList<>();
        if (values.containsKey(LINE)) {
            lines.add(values.get(LINE));
        } else {
            values.values().stream().filter(Thresholds::isWhole)
                    .filter(v -> v.compareTo(BigDecimal.valueOf(1000)) >= 0 && v.compareTo(BigDecimal.valueOf(50_000)) <= 0)
                    .forEach(lines::add);
        }
        TreeSet<Long> out = new TreeSet<>();
        out.add(0L);
        for (BigDecimal line : lines) {
            BigDecimal total = line.multiply(BigDecimal.valueOf(members));
            aroundDecimal(out, total);
            for (BigDecimal f : factors) {
                aroundDecimal(out, total.multiply(f));
            }
        }
        return List.copyOf(out);
    }

    /** Savings at the per-member limit for {@code members} people (± 1), if the parameter exists. */
    public List<Long> savings(int members) {
        TreeSet<Long> out = new TreeSet<>(money);
        BigDecimal per = values.get(SAVINGS_PER_MEMBER);
        if (per != null) {
            aroundDecimal(out, per.multiply(BigDecimal.valueOf(members)));
        }
        return List.copyOf(out);
    }

    /** Amounts at each rate's share of {@code total} (e.g. a medical expense at half the income), ± 1. */
    public List<Long> sharesOf(long total) {
        TreeSet<Long> out = new TreeSet<>();
        out.add(0L);
        for (BigDecimal r : rates) {
            aroundDecimal(out, r.multiply(BigDecimal.valueOf(total)));
        }
        return List.copyOf(out);
    }

    /** Values at {@code base × (1 + rate)} for each rate (growth boundaries), ± 1. */
    public List<Long> grownFrom(long base) {
        TreeSet<Long> out = new TreeSet<>();
        for (BigDecimal r : rates) {
            aroundDecimal(out, BigDecimal.ONE.add(r).multiply(BigDecimal.valueOf(base)));
        }
        return List.copyOf(out);
    }

    /** Values at {@code base × factor} for each factor (ratio boundaries), ± 1. */
    public List<Long> timesFactors(long base) {
        TreeSet<Long> out = new TreeSet<>();
        for (BigDecimal f : factors) {
            aroundDecimal(out, f.multiply(BigDecimal.valueOf(base)));
        }
        return List.copyOf(out);
    }

    static boolean isWhole(BigDecimal v) {
        return v.signum() == 0 || v.stripTrailingZeros().scale() <= 0;
    }

    private static void around(Collection<Long> out, long v) {
        for (long d = -1; d <= 1; d++) {
            if (v + d >= 0) {
                out.add(v + d);
            }
        }
    }

    private static void aroundInt(Collection<Integer> out, int v) {
        for (int d = -1; d <= 1; d++) {
            if (v + d >= 0) {
                out.add(v + d);
            }
        }
    }

    /** floor − 1 … ceil + 1 of a non-negative decimal. */
    private static void aroundDecimal(Collection<Long> out, BigDecimal v) {
        long lo = v.setScale(0, RoundingMode.FLOOR).longValueExact();
        long hi = v.setScale(0, RoundingMode.CEILING).longValueExact();
        for (long x = lo - 1; x <= hi + 1; x++) {
            if (x >= 0) {
                out.add(x);
            }
        }
    }

    @Override
    public String toString() {
        return "Thresholds" + values;
    }
}
