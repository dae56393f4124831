package org.fuyu.policy.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * JSON Lines rendered into memory by one Jackson {@link JsonGenerator} configured as the fact
 * mapper writes (plain decimals, ISO dates, UTF-8 without escaping non-ASCII): decision lines
 * ({@link DecisionLines}) and the records of generated populations go through it. A line that
 * fails part way is dropped whole. Not thread-safe: one per batch or per thread.
 */
public final class JsonLines {
    /** Writes one JSON value (the line's content) to the generator. */
    @FunctionalInterface
    public interface Line {
        void write(JsonGenerator g) throws IOException;
    }

    private final Buffer buffer;
    private JsonGenerator generator;

    public JsonLines(int capacity) {
        buffer = new Buffer(capacity);
        generator = newGenerator(buffer);
    }

    private static JsonGenerator newGenerator(OutputStream out) {
        try {
            JsonGenerator g = FactMapper.get().writer().without(SerializationFeature.INDENT_OUTPUT)
                    .createGenerator(out, JsonEncoding.UTF8);
            g.setRootValueSeparator(null); // lines are separated by '\n', written here
            return g;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Appends one value and a newline; when writing it fails, nothing of it stays.
     *
     * @throws IllegalStateException when the value cannot be written as JSON
     */
    public void line(Line line) {
        int mark = buffer.size();
        boolean done = false;
        try {
            line.write(generator);
            generator.flush();
            buffer.write('\n');
            done = true;
        } catch (IOException e) {
            // only a value the mapper cannot write gets here (the buffer is memory)
            throw new IllegalStateException("cannot write as JSON: " + e.getMessage(), e);
        } finally {
            if (!done) {
                truncate(mark);
            }
        }
    }

    /** The number of bytes rendered so far, for {@link #truncate}. */
    public int size() {
        return buffer.size();
    }

    /** Drops what was rendered after {@code mark} (a {@link #size()}). */
    public void truncate(int mark) {
        // the generator may hold part of a value: start a fresh one on the kept bytes
        generator = newGenerator(buffer);
        buffer.truncate(mark);
    }

    public byte[] toByteArray() {
        return buffer.toByteArray();
    }

    /** Writes what was rendered to {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(buffer.bytes(), 0, buffer.size());
    }

    /** A growable byte array that can be cut back. */
    private static final class Buffer extends OutputStream {
        private byte[] buf;
        private int len;

        Buffer(int capacity) {
            buf = new byte[Math.max(16, capacity)];
        }

        @Override
        public void write(int b) {
            ensure(1);
            buf[len++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int n) {
            ensure(n);
            System.arraycopy(b, off, buf, len, n);
            len += n;
        }

        private void ensure(int more) {
            if (len + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
            }
        }

        int size() {
            return len;
        }

        void truncate(int mark) {
            len = mark;
        }

        byte[] bytes() {
            return buf;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, len);
        }
    }
}
