package org.fuyu.policy.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.fuyu.policy.Decision;

/**
 * Renders decisions as JSON Lines (UTF-8) into memory, one generator for many decisions; the
 * lines are exactly what {@code FactMapper.get().writer().writeValueAsString(decision)} gives.
 * Not thread-safe: one per batch.
 */
final class DecisionLines {
    private static final ObjectWriter WRITER = FactMapper.get().writer()
            .without(SerializationFeature.INDENT_OUTPUT)
            .without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 14);
    private final JsonGenerator generator;

    DecisionLines() {
        try {
            generator = FactMapper.get().getFactory().createGenerator(bytes, JsonEncoding.UTF8);
            generator.setRootValueSeparator(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void add(Decision d) {
        try {
            WRITER.writeValue(generator, d);
            generator.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] toByteArray() {
        try {
            generator.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
