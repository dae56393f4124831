package org.fuyu.policy.params;

import java.time.LocalDate;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/** The parameter values in force on one date. */
public final class ParametersAt {
    private final LocalDate asOf;
    private final Map<String, Param> values;
    private final Map<String, String> missing;

    ParametersAt(LocalDate asOf, Map<String, Param> values, Map<String, String> missing) {
        this.asOf = asOf;
        // rules ask by string literals, which are interned: interned keys make most lookups an identity match
        Map<String, Param> byName = new HashMap<>(values.size() * 2);
        values.forEach((k, v) -> byName.put(k.intern(), v));
        this.values = Collections.unmodifiableMap(byName);
        this.missing = Map.copyOf(missing);
    }

    public LocalDate asOf() {
        return asOf;
    }

    /**
     * The first of these parameters (names joined by {@code ,}) that has no value in force on
     * {@link #asOf()}, or null when all have one. Generated rules ask it before they decide, so a
     * parameter that starts later fails only the decisions that read it.
     */
    public String missing(String names) {
        if (missing.isEmpty()) {
            return null;
        }
        int from = 0;
        while (from <= names.length()) {
            int comma = names.indexOf(',', from);
            String name = names.substring(from, comma < 0 ? names.length() : comma);
            if (!values.containsKey(name)) {
                return name;
            }
            if (comma < 0) {
                return null;
            }
            from = comma + 1;
        }
        return null;
    }

    /** Why a parameter has no value on {@link #asOf()} (with the date its first value starts), or null. */
    public String whyMissing(String name) {
        return values.containsKey(name) ? null : missing.getOrDefault(name,
                "parameter '" + name + "' is not defined by any loaded pack or parameter file");
    }

    /**
     * The value of {@code name} in force on {@link #asOf()}.
     *
     * @throws MissingParameterException naming the parameter when it is not defined or has no
     *     value in force; never a silent zero
     */
    public Param get(String name) {
        Param p = values.get(name);
        if (p == null) {
            String why = missing.get(name);
            throw new MissingParameterException(name, why != null ? why
                    : "parameter '" + name + "' is not defined by any loaded pack or parameter file");
        }
        return p;
    }
}
