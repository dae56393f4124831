package org.fuyu.policy.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.fuyu.policy.Criterion;
import org.fuyu.policy.Decision;
import org.fuyu.policy.Outcome;
import org.fuyu.policy.SubjectType;

/**
 * Writes a {@link Decision} as the same JSON bytes the fact mapper writes, without the
 * data-binding layer (a decision line is about a kilobyte, and there are millions). Strings
 * with control characters or surrogates and values of types it does not know (anything but
 * strings, whole numbers, decimals, booleans, enums, dates, collections and criteria) are left
 * to the mapper, for the whole decision. At class load it writes a sample decision both ways
 * and switches itself off if the bytes differ (e.g. after a field is added to a record).
 */
final class DecisionJson {
    private static final ObjectWriter JACKSON = FactMapper.get().writer().without(SerializationFeature.INDENT_OUTPUT);
    private static final Map<Object, byte[]> CONSTANTS = new ConcurrentHashMap<>();

    // ,"name": for each field, written in the mapper's order
    private static final byte[] F_SUBJECT_TYPE = fieldName("subjectType");
    private static final byte[] F_SUBJECT_ID = fieldName("subjectId");
    private static final byte[] F_CODE = fieldName("code");
    private static final byte[] F_OUTCOME = fieldName("outcome");
    private static final byte[] F_AMOUNT_YUAN = fieldName("amountYuan");
    private static final byte[] F_PACK = fieldName("pack");
    private static final byte[] F_PACK_VERSION = fieldName("packVersion");
    private static final byte[] F_RULE = fieldName("rule");
    private static final byte[] F_REASONS = fieldName("reasons");
    private static final byte[] F_CITATION = fieldName("citation");
    private static final byte[] F_AS_OF = fieldName("asOf");
    private static final byte[] F_CRITERION = fieldName("criterion");
    private static final byte[] F_PASSED = fieldName("passed");
    private static final byte[] F_ACTUAL = fieldName("actual");
    private static final byte[] F_OPERATOR = fieldName("operator");
    private static final byte[] F_REQUIRED = fieldName("required");
    private static final byte[] F_PARAMETER = fieldName("parameter");
    private static final byte[] F_EFFECTIVE = fieldName("effective");
    private static final byte[] F_GAP = fieldName("gap");
    private static final byte[] F_ANY_OF = fieldName("anyOf");

    private byte[] buf;
    private int len;
    // the same string, enum and date objects come back in every decision: a direct-mapped cache by
    // identity answers most lookups without hashing
    private final Object[] seenKeys = new Object[1024];
    private final byte[][] seenBytes = new byte[1024][];

    DecisionJson(int capacity) {
        buf = new byte[capacity];
    }

    /** Appends the decision and a newline. */
    void line(Decision d) {
        int mark = len;
        ok = true;
        if (!ENABLED || !decision(d)) {
            len = mark;
            raw(jackson(d));
        }
        put((byte) '\n');
    }

    /**
     * Appends the decision with what would change it, and a newline: a denial gets
     * {@code "whatWouldChange":{"changeSets":[...]}} (or {@code "cannot"}), a grant {@code "margins":[...]}.
     * Without {@code w} the line is exactly {@link #line(Decision)}'s.
     */
    void line(Decision d, org.fuyu.policy.WhatWouldChange w) {
        if (w == null || w.isEmpty()) {
            line(d);
            return;
        }
        line(d);
        len -= 2; // the closing brace and the newline
        if (!w.changeSets().isEmpty() || w.cannot() != null) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("changeSets", w.changeSets());
            if (w.cannot() != null) {
                m.put("cannot", w.cannot());
            }
            raw(",\"whatWouldChange\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            raw(jackson(m));
        }
        if (!w.margins().isEmpty()) {
            raw(",\"margins\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            raw(jackson(w.margins()));
        }
        put((byte) '}');
        put((byte) '\n');
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    int size() {
        return len;
    }

    /** Drops what was appended after {@code mark} (a {@link #size()}). */
    void truncate(int mark) {
        len = mark;
    }

    private boolean decision(Decision d) {
        put((byte) '{');
        boolean first = true;
        first = field(first, F_SUBJECT_TYPE, d.subjectType());
        if (d.subjectId() != null) {
            first = name(first, F_SUBJECT_ID);
            id(d.subjectId());
        }
        first = field(first, F_CODE, d.code());
        first = field(first, F_OUTCOME, d.outcome());
        first = field(first, F_AMOUNT_YUAN, d.amountYuan());
        first = field(first, F_PACK, d.pack());
        first = field(first, F_PACK_VERSION, d.packVersion());
        first = field(first, F_RULE, d.rule());
        first = field(first, F_REASONS, d.reasons());
        first = field(first, F_CITATION, d.citation());
        field(first, F_AS_OF, d.asOf());
        put((byte) '}');
        return ok;
    }

    private boolean criterion(Criterion c) {
        put((byte) '{');
        boolean first = true;
        first = field(first, F_CRITERION, c.criterion());
        first = field(first, F_PASSED, c.passed());
        first = field(first, F_ACTUAL, c.actual());
        first = field(first, F_OPERATOR, c.operator());
        first = field(first, F_REQUIRED, c.required());
        first = field(first, F_PARAMETER, c.parameter());
        first = field(first, F_EFFECTIVE, c.effective());
        first = field(first, F_GAP, c.gap());
        field(first, F_ANY_OF, c.anyOf());
        put((byte) '}');
        return ok;
    }

    private boolean ok = true;

    /** Writes {@code "name":value} unless the value is null (the mapper leaves nulls out). */
    private boolean field(boolean first, byte[] name, Object value) {
        if (value == null || !ok) {
            return first;
        }
        name(first, name);
        value(value);
        return false;
    }

    private static byte[] fieldName(String name) {
        return (",\"" + name + "\":").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Writes {@code ,"name":} (no comma for the first field). */
    private boolean name(boolean first, byte[] b) {
        int skip = first ? 1 : 0;
        ensure(b.length);
        System.arraycopy(b, skip, buf, len, b.length - skip);
        len += b.length - skip;
        return false;
    }

    private void value(Object v) {
        if (v == null) {
            ascii("null");
        } else if (v instanceof String s) {
            string(s);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            number(((Number) v).longValue());
        } else if (v instanceof Boolean b) {
            ascii(b ? "true" : "false");
        } else if (v instanceof BigDecimal b) {
            if (Math.abs(b.scale()) > 1_000) {
                ok = false; // the mapper has its own limits for such numbers
                return;
            }
            ascii(b.toPlainString());
        } else if (v instanceof Criterion c) {
            criterion(c);
        } else if (v instanceof Enum<?> || v instanceof LocalDate) {
            int slot = System.identityHashCode(v) & (seenKeys.length - 1);
            byte[] b;
            if (seenKeys[slot] == v) {
                b = seenBytes[slot];
            } else {
                b = constant(v);
                seenKeys[slot] = v;
                seenBytes[slot] = b;
            }
            raw(b);
        } else if (v instanceof Collection<?> items) {
            put((byte) '[');
            boolean first = true;
            for (Object item : items) {
                if (!first) {
                    put((byte) ',');
                }
                first = false;
                value(item);
            }
            put((byte) ']');
        } else {
            ok = false;
        }
    }

    /** Enum constants and dates as the mapper writes them (remembered: there are few). */
    private static byte[] constant(Object v) {
        byte[] b = CONSTANTS.get(v);
        if (b == null) {
            if (CONSTANTS.size() > 10_000) {
                CONSTANTS.clear();
            }
            b = jackson(v);
            CONSTANTS.put(v, b);
        }
        return b;
    }

    private static final byte[] UNWRITABLE = new byte[0];
    private static final int MAX_CACHED = 20_000;
    private static final Map<String, byte[]> STRINGS = new ConcurrentHashMap<>();

    /**
     * A string as a quoted JSON string. Most strings of a decision are the same few (codes,
     * criteria, parameters, citations): their bytes are kept. Subject ids are not.
     */
    private void string(String s) {
        int slot = System.identityHashCode(s) & (seenKeys.length - 1);
        byte[] b;
        if (seenKeys[slot] == s) {
            b = seenBytes[slot];
        } else {
            b = STRINGS.get(s);
            if (b == null) {
                b = quoted(s);
                if (STRINGS.size() < MAX_CACHED) {
                    STRINGS.put(s, b);
                }
            }
            seenKeys[slot] = s;
            seenBytes[slot] = b;
        }
        if (b == UNWRITABLE) {
            ok = false;
            return;
        }
        raw(b);
    }

    private void id(String s) {
        byte[] b = quoted(s);
        if (b == UNWRITABLE) {
            ok = false;
            return;
        }
        raw(b);
    }

    /** The quoted UTF-8 bytes, or UNWRITABLE for strings left to the mapper (control characters, surrogates). */
    private static byte[] quoted(String s) {
        byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (utf8.length != s.length()) {
            for (int i = 0; i < s.length(); i++) {
                if (Character.isSurrogate(s.charAt(i))) {
                    return UNWRITABLE;
                }
            }
        }
        int escapes = 0;
        for (byte c : utf8) {
            if (c >= 0 && c < 0x20) {
                return UNWRITABLE;
            }
            if (c == '"' || c == '\\') {
                escapes++;
            }
        }
        byte[] out = new byte[utf8.length + escapes + 2];
        out[0] = '"';
        if (escapes == 0) {
            System.arraycopy(utf8, 0, out, 1, utf8.length);
        } else {
            int j = 1;
            for (byte c : utf8) {
                if (c == '"' || c == '\\') {
                    out[j++] = '\\';
                }
                out[j++] = c;
            }
        }
        out[out.length - 1] = '"';
        return out;
    }

    /** A whole number's digits, written in place. */
    private void number(long v) {
        if (v == Long.MIN_VALUE) {
            ascii(Long.toString(v));
            return;
        }
        ensure(20);
        if (v < 0) {
            buf[len++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        int end = len + digits;
        for (int i = end - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        len = end;
    }

    private void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    private void raw(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    private void put(byte b) {
        ensure(1);
        buf[len++] = b;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }

    static byte[] jackson(Object v) {
        try {
            return JACKSON.writeValueAsBytes(v);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + v.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Whether the fast writer is on; initialised last, after the caches it uses. */
    static final boolean ENABLED = selfCheck();

    /** Writes a decision with every field set both ways; any difference switches the fast writer off. */
    private static boolean selfCheck() {
        LocalDate day = LocalDate.of(2024, 6, 30);
        Criterion part = new Criterion("statuses", List.of("A\"b\\c", 3L), "has", Outcome.FLAG, "p.q", day,
                new BigDecimal("0.50"), false, null);
        Criterion all = new Criterion("identifiedLowIncome 村", new BigDecimal("17229.67"), "any of", 13_000L,
                "low_income.line × x", day, new BigDecimal("1E+3"), true, List.of(part, part));
        Decision sample = new Decision(SubjectType.HOUSEHOLD, "H1", "CODE", Outcome.GRANTED, 12_000L, "pack", "1.0+ab",
                "rule", List.of(all), "002 §三.13", day);
        DecisionJson fast = new DecisionJson(256);
        fast.ok = true;
        boolean written = fast.decision(sample);
        return written && Arrays.equals(Arrays.copyOf(fast.buf, fast.len), jackson(sample));
    }
}
