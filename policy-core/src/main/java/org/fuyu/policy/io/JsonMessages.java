package org.fuyu.policy.io;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Jackson's exception messages into the plain words a record error carries: what the
 * record had ("got the text "45"", "got an object"), never Jackson's class names, tokens,
 * source locations or configuration hints such as "(but might if coercion using
 * 'CoercionConfig' was enabled)".
 */
final class JsonMessages {
    private static final Pattern COERCE = Pattern.compile("^Cannot coerce (\\w+) value \\((.*)\\) to .*", Pattern.DOTALL);
    private static final Pattern FROM_SHAPE = Pattern.compile(".* from (\\w+) value(?: \\((.*?)\\))?.*", Pattern.DOTALL);
    private static final Pattern OUT_OF_RANGE = Pattern.compile("^Numeric value \\((.*?)\\) out of range of (\\w+).*",
            Pattern.DOTALL);
    private static final Pattern UNRECOGNIZED = Pattern.compile("^Unrecognized token '(.*?)'.*", Pattern.DOTALL);
    private static final Pattern UNEXPECTED_CHAR = Pattern.compile("^Unexpected character \\('(.+?)' \\(code.*", Pattern.DOTALL);
    private static final Pattern NOISE = Pattern.compile(
            "\\s*\\((?:start marker at )?\\[Source:[^\\]]*\\][^)]*\\)"
                    + "|\\s*\\((?:but might|although|token|start marker|through reference|for Object starting)[^)]*\\)"
                    + "|\\s*\\[Source:[^\\]]*\\]|`[\\w.$<>,\\s\\[\\]]+`");

    private JsonMessages() {
    }

    /**
     * What the record held instead of the expected value, as "got …", or {@code null} when the
     * message does not say (the caller then keeps only its own "expected …").
     */
    static String got(String jacksonMessage) {
        if (jacksonMessage == null) {
            return null;
        }
        Matcher m = COERCE.matcher(jacksonMessage);
        if (m.matches()) {
            return "got " + shape(m.group(1), m.group(2));
        }
        m = FROM_SHAPE.matcher(jacksonMessage);
        if (m.matches()) {
            String value = m.group(2);
            return "got " + shape(m.group(1), value != null && value.startsWith("token") ? null : value);
        }
        return null;
    }

    /** "expected a whole number, got N (too large)" for a number beyond a long, else {@code null}. */
    static String tooLarge(String jacksonMessage) {
        Matcher m = OUT_OF_RANGE.matcher(jacksonMessage == null ? "" : jacksonMessage);
        return m.matches() ? "expected a whole number, got " + m.group(1) + " (too large)" : null;
    }

    /** A message about broken JSON syntax, in plain words (no source locations, token names). */
    static String syntax(String jacksonMessage) {
        if (jacksonMessage == null) {
            return "not valid JSON";
        }
        String first = firstLine(jacksonMessage);
        if (first.startsWith("Unexpected end-of-input")) {
            return "not valid JSON: the record ends before its closing bracket";
        }
        Matcher m = UNRECOGNIZED.matcher(first);
        if (m.matches()) {
            return "not valid JSON: unexpected '" + m.group(1) + "' (text values need double quotes)";
        }
        m = UNEXPECTED_CHAR.matcher(first);
        if (m.matches()) {
            return m.group(1).equals("'") ? "not valid JSON: text values and field names need double quotes \", not '"
                    : "not valid JSON: unexpected character '" + m.group(1) + "'";
        }
        m = OUT_OF_RANGE.matcher(first);
        if (m.matches()) {
            return "not valid JSON: the number " + m.group(1) + " is too large";
        }
        if (first.startsWith("Invalid numeric value: ")) {
            return "not valid JSON: invalid number (" + clean(first.substring("Invalid numeric value: ".length())) + ")";
        }
        return "not valid JSON: " + clean(first);
    }

    /** Any other Jackson message with its internals taken out (broken syntax as {@link #syntax}). */
    static String clean(String jacksonMessage) {
        String first = firstLine(jacksonMessage);
        if (first.startsWith("Unexpected end-of-input") || first.startsWith("Invalid numeric value")
                || UNRECOGNIZED.matcher(first).matches() || UNEXPECTED_CHAR.matcher(first).matches()) {
            return syntax(first);
        }
        String s = NOISE.matcher(first).replaceAll("");
        return s.replaceAll("\\s{2,}", " ").replaceAll("\\s+([;:,.])", "$1").trim();
    }

    private static String shape(String shape, String value) {
        switch (shape) {
            case "String":
                return value == null ? "a text value" : "the text " + value + " (write numbers and true/false without quotes)";
            case "Object":
                return "an object {…}";
            case "Array":
                return "an array […]";
            case "Boolean":
                return value == null ? "a true/false value" : value;
            case "Number":
            case "Integer":
            case "Float":
                return value == null ? "a number" : "the number " + value;
            case "EmptyString":
                return "an empty text";
            default:
                return value == null ? "a value of another type" : value;
        }
    }

    private static String firstLine(String s) {
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }
}
