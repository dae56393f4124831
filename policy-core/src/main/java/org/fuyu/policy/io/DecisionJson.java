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
    static final boolean ENABLED = selfCheck();

    private byte[] buf;
    private int len;

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

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    int size() {
        return len;
    }

    private boolean decision(Decision d) {
        put((byte) '{');
        boolean first = true;
        first = field(first, "subjectType", d.subjectType());
        first = field(first, "subjectId", d.subjectId());
        first = field(first, "code", d.code());
        first = field(first, "outcome", d.outcome());
        first = field(first, "amountYuan", d.amountYuan());
        first = field(first, "pack", d.pack());
        first = field(first, "packVersion", d.packVersion());
        first = field(first, "rule", d.rule());
        first = field(first, "reasons", d.reasons());
        first = field(first, "citation", d.citation());
        field(first, "asOf", d.asOf());
        put((byte) '}');
        return ok;
    }

    private boolean criterion(Criterion c) {
        put((byte) '{');
        boolean first = true;
        first = field(first, "criterion", c.criterion());
        first = field(first, "passed", c.passed());
        first = field(first, "actual", c.actual());
        first = field(first, "operator", c.operator());
        first = field(first, "required", c.required());
        first = field(first, "parameter", c.parameter());
        first = field(first, "effective", c.effective());
        first = field(first, "gap", c.gap());
        field(first, "anyOf", c.anyOf());
        put((byte) '}');
        return ok;
    }

    private boolean ok = true;

    /** Writes {@code "name":value} unless the value is null (the mapper leaves nulls out). */
    private boolean field(boolean first, String name, Object value) {
        if (value == null || !ok) {
            return first;
        }
        if (!first) {
            put((byte) ',');
        }
        put((byte) '"');
        ascii(name);
        put((byte) '"');
        put((byte) ':');
        value(value);
        return false;
    }

    private void value(Object v) {
        if (v == null) {
            ascii("null");
        } else if (v instanceof String s) {
            string(s);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            ascii(Long.toString(((Number) v).longValue()));
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
            raw(constant(v));
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

    private void string(String s) {
        put((byte) '"');
        int n = s.length();
        ensure(n * 3 + 2);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c < 0x20) {
                    ok = false;
                    return;
                }
                if (c == '"' || c == '\\') {
                    buf[len++] = '\\'; // two bytes: within the three reserved for each character
                }
                buf[len++] = (byte) c;
            } else if (c < 0x800) {
                buf[len++] = (byte) (0xC0 | (c >> 6));
                buf[len++] = (byte) (0x80 | (c & 0x3F));
            } else if (c >= 0xD800 && c <= 0xDFFF) {
                ok = false;
                return;
            } else {
                buf[len++] = (byte) (0xE0 | (c >> 12));
                buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[len++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        put((byte) '"');
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
