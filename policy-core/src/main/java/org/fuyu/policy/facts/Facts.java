package org.fuyu.policy.facts;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

final class Facts {
    private Facts() {
    }

    static <E extends Enum<E>> Set<E> immutableEnumSet(Collection<E> values, Class<E> type, String field) {
        if (values == null || values.isEmpty()) {
            return Set.of();
        }
        for (E e : values) {
            if (e == null) {
                throw new FactException(field, "null is not a " + type.getSimpleName());
            }
        }
        return java.util.Collections.unmodifiableSet(EnumSet.copyOf(values));
    }

    static <T> List<T> immutableList(List<T> values, String field) {
        if (values == null) {
            return List.of();
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new FactException(field + "[" + i + "]", "must not be null");
            }
        }
        return List.copyOf(values);
    }
}
