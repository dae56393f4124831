package org.fuyu.policy.io;

import org.fuyu.policy.Decision;

/**
 * Renders decisions as JSON Lines (UTF-8) into memory; each line is exactly what
 * {@code FactMapper.get().writer().writeValueAsString(decision)} gives. Not thread-safe: one per batch.
 */
final class DecisionLines {
    private final DecisionJson json = new DecisionJson(1 << 14);

    void add(Decision d) {
        json.line(d);
    }

    /** The number of bytes rendered so far, for {@link #truncate}. */
    int size() {
        return json.size();
    }

    /** Drops the lines rendered after {@code mark}. */
    void truncate(int mark) {
        json.truncate(mark);
    }

    byte[] toByteArray() {
        return json.toByteArray();
    }
}
