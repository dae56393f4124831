package org.fuyu.policy.io;

import java.util.HashSet;
import java.util.Set;

/** Remembers the ids of one batch to reject duplicates. */
final class IdRegistry {
    private final Set<String> seen = new HashSet<>();

    /** True when the id is new. */
    boolean add(String id) {
        return seen.add(id);
    }
}
