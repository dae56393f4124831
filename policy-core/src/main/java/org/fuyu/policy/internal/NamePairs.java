package org.fuyu.policy.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names made of two names and a separator ({@code "low_income.line × members"},
 * {@code "micro_loan.borrower_min_age, micro_loan.borrower_max_age"}), each made once: rules
 * compose the same few parameter names for every case, and building the string every time was a
 * measurable part of evaluating one. Bounded: past 10,000 distinct first names or 10,000 pairs
 * with one first name, names are built without being kept.
 */
public final class NamePairs {
    private static final int MAX = 10_000;
    private static final Map<String, Map<String, Map<String, String>>> BY_SEPARATOR = new ConcurrentHashMap<>();

    private NamePairs() {
    }

    /** {@code a + separator + b}, the same instance for the same three strings. */
    public static String join(String a, String separator, String b) {
        Map<String, Map<String, String>> cache = BY_SEPARATOR.computeIfAbsent(separator, k -> new ConcurrentHashMap<>());
        Map<String, String> byB = cache.get(a);
        if (byB == null) {
            if (cache.size() > MAX) {
                return a + separator + b;
            }
            byB = cache.computeIfAbsent(a, k -> new ConcurrentHashMap<>());
        }
        String s = byB.get(b);
        if (s == null) {
            s = a + separator + b;
            if (byB.size() < MAX) {
                String known = byB.putIfAbsent(b, s);
                s = known != null ? known : s;
            }
        }
        return s;
    }
}
