package org.fuyu.policy.io;

import org.fuyu.policy.Decision;

/**
 * Renders decisions as JSON Lines (UTF-8) into memory; each line is exactly what
 * {@code FactMapper.get().writer().writeValueAsString(decision)} gives, and what
 * {@code decisions.jsonl} holds. Not thread-safe: one per batch.
 */
public final class DecisionLines {
    private final DecisionJson json = new DecisionJson(1 << 14);

    public DecisionLines() {
    }

    /** Appends the decision's line (and a newline). */
    public void add(Decision d) {
        json.line(d);
    }

    /** Appends the decision's line with what would change it (the plain line when {@code w} is null). */
    public void add(Decision d, org.fuyu.policy.WhatWouldChange w) {
        json.line(d, w);
    }

    /** The number of bytes rendered so far, for {@link #truncate}. */
    public int size() {
        return json.size();
    }

    /** Drops the lines rendered after {@code mark}. */
    public void truncate(int mark) {
        json.truncate(mark);
    }

    public byte[] toByteArray() {
        return json.toByteArray();
    }
}
