package org.fuyu.policy.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.MalformedInputException;

/**
 * Passes bytes through while checking that they are well-formed UTF-8 (RFC 3629: no overlong
 * forms, no encoded surrogates, nothing above U+10FFFF, no stray or missing continuation bytes).
 * At a malformed sequence it delivers the bytes before it, then throws
 * {@link MalformedInputException} on the next read, so that a parser has read every record
 * before the bad one. JSON's own byte parser accepts overlong forms such as {@code C0 B1}.
 */
final class Utf8CheckingInputStream extends FilterInputStream {
    private int need; // continuation bytes still expected
    private int min; // smallest code point the current sequence may encode
    private int cp; // code point so far
    private long offset; // bytes passed so far
    private MalformedInputException pending;

    Utf8CheckingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (pending != null) {
            throw pending;
        }
        int n = super.read(b, off, len);
        if (n < 0) {
            if (need > 0) {
                throw malformed();
            }
            return n;
        }
        for (int i = 0; i < n; i++) {
            if (!accept(b[off + i] & 0xFF)) {
                // the sequence started before this byte: deliver only what precedes the sequence
                int good = Math.max(0, i - sequenceStart);
                pending = malformed();
                offset += good;
                if (good == 0) {
                    throw pending;
                }
                return good;
            }
            if (need == 0) {
                sequenceStart = 0;
            } else {
                sequenceStart++;
            }
        }
        offset += n;
        return n;
    }

    private int sequenceStart; // bytes of the current unfinished sequence seen so far

    private boolean accept(int c) {
        if (need == 0) {
            if (c < 0x80) {
                return true;
            }
            if (c >= 0xC2 && c <= 0xDF) {
                need = 1;
                min = 0x80;
                cp = c & 0x1F;
            } else if (c >= 0xE0 && c <= 0xEF) {
                need = 2;
                min = 0x800;
                cp = c & 0x0F;
            } else if (c >= 0xF0 && c <= 0xF4) {
                need = 3;
                min = 0x10000;
                cp = c & 0x07;
            } else {
                return false; // a continuation byte without a start, C0, C1 or F5–FF
            }
            return true;
        }
        if ((c & 0xC0) != 0x80) {
            return false;
        }
        cp = (cp << 6) | (c & 0x3F);
        need--;
        if (need == 0) {
            return cp >= min && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
        }
        // refuse overlong and surrogate forms as soon as the second byte shows them
        int shift = 6 * need;
        int soFar = cp << shift;
        int most = soFar | ((1 << shift) - 1);
        return most >= min && soFar <= 0x10FFFF && !(soFar >= 0xD800 && most <= 0xDFFF);
    }

    private MalformedInputException malformed() {
        MalformedInputException e = new MalformedInputException(1) {
            @Override
            public String getMessage() {
                return "malformed byte sequence near byte " + (offset + 1);
            }
        };
        return e;
    }
}
