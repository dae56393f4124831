package org.fuyu.policy.params;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A named policy parameter with dated values (OpenFisca's shape): the value in force on a date
 * is the one with the latest start date on or before it.
 *
 * @param source where it was defined, {@code file:line}, for messages
 */
public record Parameter(String name, String description, String unit, String reference,
                        NavigableMap<LocalDate, BigDecimal> values, String source) {

    public Parameter {
        values = Collections.unmodifiableNavigableMap(new TreeMap<>(values));
    }

    /** The value in force on {@code asOf}, or {@code null} when none has started yet. */
    public Map.Entry<LocalDate, BigDecimal> inForceOn(LocalDate asOf) {
        return values.floorEntry(asOf);
    }

    /** This parameter with {@code override}'s dated values laid over its own. */
    public Parameter overriddenBy(Parameter override) {
        TreeMap<LocalDate, BigDecimal> merged = new TreeMap<>(values);
        merged.putAll(override.values);
        return new Parameter(name,
                override.description != null ? override.description : description,
                override.unit != null ? override.unit : unit,
                override.reference != null ? override.reference : reference,
                merged, override.source);
    }

    /** Same name and the same dated values (descriptions may differ). */
    public boolean sameValues(Parameter other) {
        if (values.size() != other.values.size()) {
            return false;
        }
        for (Map.Entry<LocalDate, BigDecimal> e : values.entrySet()) {
            BigDecimal v = other.values.get(e.getKey());
            if (v == null || v.compareTo(e.getValue()) != 0) {
                return false;
            }
        }
        return true;
    }
}
