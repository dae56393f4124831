package org.fuyu.policy.io;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Checks of a record's text before the JSON parser reads it, for true messages: the bytes must
 * be well-formed UTF-8 (no overlong forms such as {@code C0 B1}, no encoded surrogates, no
 * stray continuation bytes), and a record must be a JSON object (a line {@code null}, or one
 * holding only a no-break space, is named as what it is).
 */
final class TextChecks {
    private TextChecks() {
    }

    /** The error for a line that is not well-formed UTF-8 or not an object, or null to parse it. */
    static RecordError beforeParsing(String file, int line, byte[] buf, int off, int len) {
        boolean ascii = true;
        for (int i = off; i < off + len; i++) {
            if (buf[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (!ascii) {
            RecordError e = utf8(file, line, buf, off, len);
            if (e != null) {
                return e;
            }
        }
        String text = ascii ? null : new String(buf, off, len, StandardCharsets.UTF_8);
        int first = firstNonBlank(buf, off, len, text);
        if (first < 0) {
            return null;
        }
        int c = text == null ? buf[off + first] : text.codePointAt(first);
        if (c == '{') {
            return null;
        }
        if (c > 0x7F || Character.isISOControl(c)) {
            String name = Character.getName(c);
            return new RecordError(file, line, "", String.format(Locale.ROOT,
                    "不是 JSON 对象 / not a JSON object: character %d is U+%04X%s where '{' should begin the record; "
                            + "remove it (a line of only white space is skipped, but this character is not JSON white space)",
                    first + 1, c, name == null ? "" : " (" + name + ")"));
        }
        if (len - first >= 4 && buf[off + first] == 'n' && buf[off + first + 1] == 'u' && buf[off + first + 2] == 'l'
                && buf[off + first + 3] == 'l' && new String(buf, off, len, StandardCharsets.UTF_8).strip().equals("null")) {
            return notAnObject(file, line, "null");
        }
        return null;
    }

    /**
     * The error for a non-ASCII character between JSON values (outside every string), such as a
     * no-break space after the record; null when there is none. JSON allows only space, tab and
     * line breaks there, and the parser would name a byte of the character, not the character.
     */
    static RecordError strayCharacter(String file, int line, byte[] buf, int off, int len) {
        String text = new String(buf, off, len, StandardCharsets.UTF_8);
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c > 0x7F) {
                int cp = text.codePointAt(i);
                String name = Character.getName(cp);
                return new RecordError(file, line, "", String.format(Locale.ROOT,
                        "不是有效的 JSON / not valid JSON: character %d is U+%04X%s between values, where JSON allows only "
                                + "spaces, tabs and line breaks; remove it", i + 1, cp, name == null ? "" : " (" + name + ")"));
            }
        }
        return null;
    }

    static RecordError notAnObject(String file, int line, String got) {
        return new RecordError(file, line, "", "不是 JSON 对象 / expected a JSON object {...} for the record, got " + got
                + "; remove the line or write the record");
    }

    /** Index (in chars of {@code text}, or bytes when text is null) of the first non-JSON-white-space character, or -1. */
    private static int firstNonBlank(byte[] buf, int off, int len, String text) {
        if (text == null) {
            for (int i = 0; i < len; i++) {
                byte b = buf[off + i];
                if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                    return i;
                }
            }
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The error naming the first malformed byte sequence, or null when the bytes are well-formed UTF-8. */
    static RecordError utf8(String file, int line, byte[] buf, int off, int len) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(buf, off, len);
        CharBuffer out = CharBuffer.allocate(Math.min(len, 8192));
        while (true) {
            CoderResult r = d.decode(in, out, true);
            if (r.isError()) {
                int at = in.position() - off;
                StringBuilder bytes = new StringBuilder();
                for (int i = 0; i < Math.min(r.length() + 1, len - at); i++) {
                    bytes.append(i == 0 ? "" : " ").append(String.format("%02X", buf[off + at + i] & 0xFF));
                }
                return new RecordError(file, line, "", "不是有效的 UTF-8 / not valid UTF-8 at byte " + (at + 1)
                        + " of the line (" + bytes + "): an overlong, truncated or stray byte sequence; "
                        + "save the file as UTF-8 and run again");
            }
            if (r.isOverflow()) {
                out.clear();
                continue;
            }
            r = d.flush(out);
            if (r.isOverflow()) {
                out.clear();
                continue;
            }
            return null;
        }
    }
}
