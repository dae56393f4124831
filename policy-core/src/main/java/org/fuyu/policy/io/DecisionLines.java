package org.fuyu.policy.io;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import org.fuyu.policy.Decision;

/**
 * Renders decisions as JSON Lines (UTF-8) into memory through the fact mapper's writer on one
 * Jackson generator: each line is exactly what
 * {@code FactMapper.get().writer().writeValueAsString(decision)} gives, and what
 * {@code decisions.jsonl} holds. Not thread-safe: one per batch.
 */
public final class DecisionLines {
    private static final ObjectWriter WRITER = FactMapper.get().writer().without(SerializationFeature.INDENT_OUTPUT);

    private final JsonLines out = new JsonLines(1 << 14);

    public DecisionLines() {
    }

    /** Appends the decision's line (and a newline). */
    public void add(Decision d) {
        out.line(g -> WRITER.writeValue(g, d));
    }

    /**
     * Appends the decision's line with what would change it: the plain line's fields, then for a denial
     * {@code "whatWouldChange":{"changeSets":[...]}} (and {@code "cannot"}), for a grant {@code "margins":[...]}.
     * Without {@code w} (null or empty) the line is exactly {@link #add(Decision)}'s.
     */
    public void add(Decision d, org.fuyu.policy.WhatWouldChange w) {
        if (w == null || w.isEmpty()) {
            add(d);
            return;
        }
        out.line(g -> {
            String plain = WRITER.writeValueAsString(d);
            g.writeRaw(plain, 0, plain.length() - 1); // the plain line without its closing brace
            if (!w.changeSets().isEmpty() || w.cannot() != null) {
                java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
                m.put("changeSets", w.changeSets());
                if (w.cannot() != null) {
                    m.put("cannot", w.cannot());
                }
                g.writeRaw(",\"whatWouldChange\":");
                g.writeRaw(WRITER.writeValueAsString(m));
            }
            if (!w.margins().isEmpty()) {
                g.writeRaw(",\"margins\":");
                g.writeRaw(WRITER.writeValueAsString(w.margins()));
            }
            g.writeRaw('}');
        });
    }

    /** The number of bytes rendered so far, for {@link #truncate}. */
    public int size() {
        return out.size();
    }

    /** Drops the lines rendered after {@code mark}. */
    public void truncate(int mark) {
        out.truncate(mark);
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    /** Writes the lines rendered so far to {@code target}. */
    public void writeTo(java.io.OutputStream target) throws IOException {
        out.writeTo(target);
    }

    /** The writer behind every decision line (for hosts that write one decision elsewhere). */
    static byte[] bytes(Decision d) {
        try {
            return WRITER.writeValueAsBytes(d);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the decision as JSON: " + e.getMessage(), e);
        }
    }

}
