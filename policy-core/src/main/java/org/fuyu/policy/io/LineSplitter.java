package org.fuyu.policy.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a UTF-8 byte stream into lines without decoding it (the JSON parser reads the bytes
 * directly). A line longer than the limit is skipped up to its end and reported as truncated
 * instead of being buffered whole. Line numbers count every line, blank or not; {@code \r\n}
 * endings and a byte order mark at the start are removed.
 */
final class LineSplitter {
    private final InputStream in;
    private final int max;
    private byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    private int lineNumber;
    private int start;
    private int length;
    private boolean truncated;
    private long consumed;

    LineSplitter(InputStream in, int maxLineBytes) {
        this.in = in;
        this.max = maxLineBytes;
        this.buf = new byte[Math.min(1 << 16, maxLineBytes + 2)];
    }

    /** Moves to the next line; false at the end of the input. */
    boolean next() throws IOException {
        truncated = false;
        int scan = pos;
        boolean skipping = false;
        while (true) {
            int nl = indexOfNewline(buf, scan, limit);
            if (nl >= 0) {
                lineNumber++;
                consumed += nl + 1 - pos;
                if (skipping) {
                    truncated = true;
                    start = nl;
                    length = 0;
                } else {
                    start = pos;
                    length = nl - pos;
                    trim();
                }
                pos = nl + 1;
                return true;
            }
            if (!skipping && limit - pos > max) {
                // longer than allowed: drop what we have and skip to the end of the line
                skipping = true;
            }
            if (skipping) {
                consumed += limit - pos;
                pos = limit = 0;
            }
            if (eof) {
                if (!skipping && pos == limit) {
                    return false;
                }
                lineNumber++;
                if (skipping) {
                    truncated = true;
                    start = 0;
                    length = 0;
                } else {
                    consumed += limit - pos;
                    start = pos;
                    length = limit - pos;
                    trim();
                }
                pos = limit;
                return true;
            }
            scan = limit - pos;
            fill();
            scan += pos;
        }
    }

    /** Reads more input after what is buffered, moving the unread part to the front (growing up to the limit). */
    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.min((long) max + 2, buf.length * 2L));
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    private void trim() {
        if (length > 0 && buf[start + length - 1] == '\r') {
            length--;
        }
        if (lineNumber == 1 && length >= 3 && buf[start] == (byte) 0xEF && buf[start + 1] == (byte) 0xBB
                && buf[start + 2] == (byte) 0xBF) {
            start += 3;
            length -= 3;
        }
        if (length > max) {
            truncated = true;
            length = 0;
        }
    }

    private static int indexOfNewline(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    byte[] buffer() {
        return buf;
    }

    /** Offset of the current line in {@link #buffer()}. */
    int start() {
        return start;
    }

    int length() {
        return length;
    }

    int lineNumber() {
        return lineNumber;
    }

    /** Whether the current line was longer than the limit (its content is then empty). */
    boolean truncated() {
        return truncated;
    }

    /** Bytes of input consumed so far (for progress). */
    long bytesConsumed() {
        return consumed;
    }

    /** Whether the line holds only white space (such lines are skipped, as in JSON Lines). */
    static boolean isBlank(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            byte c = b[i];
            if (c == ' ' || (c >= 9 && c <= 13) || (c >= 28 && c <= 31)) {
                continue;
            }
            if (c < 0) {
                return new String(b, off, len, java.nio.charset.StandardCharsets.UTF_8).isBlank();
            }
            return false;
        }
        return true;
    }
}
