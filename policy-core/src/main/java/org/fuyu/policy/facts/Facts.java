package org.fuyu.policy.facts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.fuyu.policy.io.FactMapper;
import org.fuyu.policy.io.FactReader;
import org.fuyu.policy.io.RecordError;

/**
 * Facts from one JSON object, read as strictly as the input files (the same reader: unknown
 * fields, wrong types, numbers as strings and fractions of a yuan are rejected), e.g.
 * {@code Facts.household("{\"id\":\"H001\",\"villageId\":\"V01\",\"members\":[{\"id\":\"P1\",\"age\":45}]}")}.
 * A bad record throws {@link FactException} with the field path (e.g. {@code members[0].age})
 * and what was expected.
 */
public final class Facts {
    private Facts() {
    }

    public static Household household(String json) {
        return read(Household.class, json);
    }

    public static Person person(String json) {
        return read(Person.class, json);
    }

    public static Business business(String json) {
        return read(Business.class, json);
    }

    public static Village village(String json) {
        return read(Village.class, json);
    }

    public static County county(String json) {
        return read(County.class, json);
    }

    /** One fact of {@code type} from one JSON object (pretty-printed or on one line). */
    public static <T> T read(Class<T> type, String json) {
        if (!oneObject(json)) {
            throw new FactException("", "expected one JSON object {…} and nothing after it / 应为一个 JSON 对象 {…}，其后不应有其他内容");
        }
        List<T> good = new ArrayList<>();
        List<RecordError> bad = new ArrayList<>();
        // one element of a JSON array: the file reader's own path, which allows line breaks
        byte[] bytes = ("[" + json + "\n]").getBytes(StandardCharsets.UTF_8);
        try {
            new FactReader<>(type).read(type.getSimpleName() + ".json", new ByteArrayInputStream(bytes),
                    r -> good.add(r.value()), bad::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!bad.isEmpty()) {
            RecordError e = bad.get(0);
            throw new FactException(e.field() == null ? "" : e.field(), e.message());
        }
        if (good.size() != 1) {
            throw new FactException("", "expected one JSON object, got " + good.size()
                    + " / 应为一个 JSON 对象");
        }
        return good.get(0);
    }

    /** Whether the text is one JSON object and nothing else (broken JSON counts as one: the reader then says what is wrong). */
    private static boolean oneObject(String json) {
        try (JsonParser p = FactMapper.get().getFactory().createParser(json)) {
            try {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    return false;
                }
                p.skipChildren();
            } catch (IOException e) {
                return true; // broken inside the object: the reader says where
            }
            try {
                return p.nextToken() == null;
            } catch (IOException e) {
                return false; // something after the object
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <E extends Enum<E>> Set<E> immutableEnumSet(Collection<E> values, Class<E> type, String field) {
        if (values == null || values.isEmpty()) {
            return Set.of();
        }
        for (E e : values) {
            if (e == null) {
                throw new FactException(field, "null is not a " + type.getSimpleName());
            }
        }
        return java.util.Collections.unmodifiableSet(EnumSet.copyOf(values));
    }

    static <T> List<T> immutableList(List<T> values, String field) {
        if (values == null) {
            return List.of();
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new FactException(field + "[" + i + "]", "must not be null");
            }
        }
        return List.copyOf(values);
    }
}
