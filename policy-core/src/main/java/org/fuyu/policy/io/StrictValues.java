package org.fuyu.policy.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * Scalar readers that take a value only in its one written form (input is what it says):
 * a string only from a JSON string (never from a number or {@code true}), without unpaired
 * UTF-16 surrogates; an enum constant only by its exact name (no trimming, no numbers); a date
 * only as a string {@code YYYY-MM-DD} (no padding, no {@code [2024,1,10]}, no time or zone).
 */
final class StrictValues {
    private StrictValues() {
    }

    static SimpleModule module() {
        SimpleModule m = new SimpleModule("fuyu-strict-values");
        m.addDeserializer(String.class, new Text());
        m.addDeserializer(LocalDate.class, new Date());
        m.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            @SuppressWarnings({"unchecked", "rawtypes"})
            public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                                              BeanDescription beanDesc, JsonDeserializer<?> deserializer) {
                return new Constant(type.getRawClass());
            }
        });
        return m;
    }

    /** A value shown as it is in a message (not quoted like a string). */
    record Shown(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    private static Object shown(JsonParser p) throws IOException {
        return p.hasToken(JsonToken.VALUE_STRING) ? p.getText() : new Shown(describe(p));
    }

    /** What a JSON token is, for a message. */
    static String describe(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + p.getText();
            case VALUE_TRUE, VALUE_FALSE -> p.getText();
            case VALUE_NULL -> "null";
            case START_ARRAY -> "an array";
            case START_OBJECT, FIELD_NAME -> "an object";
            case VALUE_STRING -> "'" + p.getText() + "'";
            default -> t.toString();
        };
    }

    /** The index of the first unpaired surrogate of {@code s}, or -1. */
    static int unpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    static final class Text extends StdScalarDeserializer<String> {
        Text() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (String) ctxt.reportInputMismatch(String.class,
                        "应为字符串 / expected a string in quotes, got %s; write it as \"...\"", describe(p));
            }
            String s = p.getText();
            int bad = unpairedSurrogate(s);
            if (bad >= 0) {
                return (String) ctxt.reportInputMismatch(String.class,
                        "字符串含不成对的 UTF-16 代理项 / the string holds an unpaired UTF-16 surrogate \\u%04x at "
                                + "character %d; correct the text (it is not a character)", (int) s.charAt(bad), bad);
            }
            return s;
        }
    }

    static final class Date extends StdScalarDeserializer<LocalDate> {
        Date() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_STRING)) {
                String s = p.getText();
                if (s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
                    try {
                        return LocalDate.parse(s); // ISO_LOCAL_DATE, strict: 2024-02-30 is refused
                    } catch (DateTimeParseException e) {
                        // reported below
                    }
                }
            }
            throw InvalidFormatException.from(p, "应为日期 YYYY-MM-DD / expected a date YYYY-MM-DD, got "
                    + describe(p), shown(p), LocalDate.class);
        }
    }

    /** An enum constant by its exact name. */
    static final class Constant<E extends Enum<E>> extends StdScalarDeserializer<E> {
        private final Map<String, E> byName = new HashMap<>();
        private final Class<E> type;

        Constant(Class<E> type) {
            super(type);
            this.type = type;
            for (E e : type.getEnumConstants()) {
                byName.put(e.name(), e);
            }
        }

        @Override
        public E deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            E e = p.hasToken(JsonToken.VALUE_STRING) ? byName.get(p.getText()) : null;
            if (e == null) {
                throw InvalidFormatException.from(p, "not one of the values of " + type.getSimpleName(),
                        shown(p), type);
            }
            return e;
        }
    }
}
