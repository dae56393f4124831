package org.fuyu.policy.params;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An immutable set of parameters by name. {@link #at(LocalDate)} gives the values in force on a
 * date; results are cached per date, so evaluating a batch with one {@code asOf} resolves once.
 */
public final class ParameterSet {
    private static final ParameterSet EMPTY = new ParameterSet(Map.of());

    private final Map<String, Parameter> byName;
    private final Map<LocalDate, ParametersAt> cache = new ConcurrentHashMap<>();

    private ParameterSet(Map<String, Parameter> byName) {
        this.byName = Map.copyOf(byName);
    }

    public static ParameterSet empty() {
        return EMPTY;
    }

    public static ParameterSet of(Collection<Parameter> parameters) {
        Map<String, Parameter> m = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            m.put(p.name(), p);
        }
        return new ParameterSet(m);
    }

    public Parameter get(String name) {
        return byName.get(name);
    }

    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    public Set<String> names() {
        return new TreeMap<>(byName).keySet();
    }

    public Collection<Parameter> all() {
        return new TreeMap<>(byName).values();
    }

    public int size() {
        return byName.size();
    }

    /** This set with {@code overrides} laid over it: dated values merge, later files win per date. */
    public ParameterSet overriddenBy(ParameterSet overrides) {
        Map<String, Parameter> m = new HashMap<>(byName);
        for (Parameter o : overrides.byName.values()) {
            Parameter base = m.get(o.name());
            m.put(o.name(), base == null ? o : base.overriddenBy(o));
        }
        return new ParameterSet(m);
    }

    /** The values in force on {@code asOf}. */
    public ParametersAt at(LocalDate asOf) {
        ParametersAt at = cache.get(asOf);
        if (at == null) {
            if (cache.size() > 4096) {
                cache.clear();
            }
            at = cache.computeIfAbsent(asOf, this::resolve);
        }
        return at;
    }

    private ParametersAt resolve(LocalDate asOf) {
        Map<String, Param> values = new HashMap<>();
        Map<String, String> missing = new HashMap<>();
        for (Parameter p : byName.values()) {
            Map.Entry<LocalDate, BigDecimal> e = p.inForceOn(asOf);
            if (e == null) {
                missing.put(p.name(), "parameter '" + p.name() + "' has no value in force on " + asOf
                        + (p.values().isEmpty() ? " (it has no values)"
                        : " (its first value starts " + p.values().firstKey() + ")") + "; defined at " + p.source());
            } else {
                values.put(p.name(), new Param(p.name(), e.getValue(), e.getKey()));
            }
        }
        return new ParametersAt(asOf, values, missing);
    }
}
