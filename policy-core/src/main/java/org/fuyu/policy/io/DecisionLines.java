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

    byte[] toByteArray() {
        return json.toByteArray();
    }
}
