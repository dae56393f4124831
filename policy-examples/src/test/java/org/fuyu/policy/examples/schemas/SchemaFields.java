package org.fuyu.policy.examples.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every field a schema describes, by path ({@code members[].age}, {@code files.*.read} for a
 * map's values), with its type, whether it is required, its default, allowed values, range and
 * description: what docs/input-reference.md shows.
 */
final class SchemaFields {

    record Field(String type, boolean required, String defaultValue, String allowed, String description) {
    }

    private final JsonNode root;
    private final Map<String, Field> fields = new LinkedHashMap<>();

    private SchemaFields(JsonNode root) {
        this.root = root;
    }

    static Map<String, Field> of(JsonNode schema) {
        SchemaFields f = new SchemaFields(schema);
        f.walk("", schema, java.util.Set.of());
        return f.fields;
    }

    private JsonNode resolve(JsonNode s) {
        while (s.has("$ref")) {
            String ref = s.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("only local references: " + ref);
            }
            s = root.at(ref.substring(1));
        }
        return s;
    }

    /** The references followed to reach {@code s} plus its own, or null when it refers back to one of them (recursion). */
    private static java.util.Set<String> enter(java.util.Set<String> refs, JsonNode s) {
        if (!s.has("$ref")) {
            return refs;
        }
        String ref = s.get("$ref").asText();
        if (refs.contains(ref)) {
            return null;
        }
        java.util.Set<String> more = new java.util.HashSet<>(refs);
        more.add(ref);
        return more;
    }

    private void walk(String prefix, JsonNode schema, java.util.Set<String> refs) {
        JsonNode s = resolve(schema);
        JsonNode props = s.path("properties");
        List<String> required = new ArrayList<>();
        s.path("required").forEach(r -> required.add(r.asText()));
        props.fieldNames().forEachRemaining(name -> {
            String path = prefix.isEmpty() ? name : prefix + "." + name;
            fields.put(path, field(resolve(props.get(name)), required.contains(name), props.get(name)));
            children(path, props.get(name), refs);
        });
        if (props.isMissingNode() && s.path("additionalProperties").isObject()) {
            String path = prefix.isEmpty() ? "*" : prefix + ".*";
            fields.put(path, field(resolve(s.get("additionalProperties")), false, s.get("additionalProperties")));
            children(path, s.get("additionalProperties"), refs);
        }
    }

    private void children(String path, JsonNode original, java.util.Set<String> refs) {
        java.util.Set<String> here = enter(refs, original);
        if (here == null) {
            return; // a recursive definition (a criterion's anyOf parts are criteria): listed once
        }
        JsonNode p = resolve(original);
        if (p.has("properties")) {
            walk(path, p, here);
        } else if (p.path("items").isObject()) {
            java.util.Set<String> items = enter(here, p.get("items"));
            if (items != null && resolve(p.get("items")).has("properties")) {
                walk(path + "[]", p.get("items"), items);
            }
        } else if (p.path("additionalProperties").isObject()) {
            String key = path + ".*";
            fields.put(key, field(resolve(p.get("additionalProperties")), false, p.get("additionalProperties")));
            children(key, p.get("additionalProperties"), here);
        }
    }

    private Field field(JsonNode p, boolean required, JsonNode original) {
        String description = text(original, "description");
        if (description.isEmpty()) {
            description = text(p, "description");
        }
        return new Field(type(p), required, p.has("default") ? p.get("default").toString() : "", allowed(p), description);
    }

    private String type(JsonNode p) {
        List<String> types = new ArrayList<>();
        if (p.has("type")) {
            if (p.get("type").isArray()) {
                p.get("type").forEach(t -> types.add(t.asText()));
            } else {
                types.add(p.get("type").asText());
            }
        } else if (p.has("enum")) {
            types.add("enum");
            if (hasNull(p.get("enum"))) {
                types.add("null");
            }
        } else if (p.has("oneOf")) {
            p.get("oneOf").forEach(o -> types.add(type(resolve(o))));
        } else {
            types.add("any");
        }
        if (types.get(0).equals("array") && p.path("items").isObject()) {
            JsonNode items = resolve(p.get("items"));
            String inner = type(items);
            types.set(0, "array of " + inner);
        }
        return String.join(" or ", types);
    }

    private static boolean hasNull(JsonNode values) {
        for (JsonNode v : values) {
            if (v.isNull()) {
                return true;
            }
        }
        return false;
    }

    private String allowed(JsonNode p) {
        List<String> parts = new ArrayList<>();
        JsonNode values = p.has("enum") ? p.get("enum") : p.path("items").path("enum");
        if (values.isArray()) {
            List<String> names = new ArrayList<>();
            values.forEach(v -> {
                if (!v.isNull()) {
                    names.add(v.asText());
                }
            });
            parts.add(String.join(", ", names));
        }
        range(p, "minimum", "maximum", "", parts);
        range(p, "minItems", "maxItems", " items", parts);
        range(p, "minLength", "maxLength", " characters", parts);
        range(p, "minProperties", "maxProperties", " entries", parts);
        if (p.path("format").asText().equals("date")) {
            parts.add("a date YYYY-MM-DD");
        } else if (p.has("pattern")) {
            parts.add(p.get("pattern").asText().equals("\\S") ? "not blank" : "pattern `" + p.get("pattern").asText() + "`");
        }
        JsonNode names = p.path("propertyNames");
        if (names.path("format").asText().equals("date")) {
            parts.add("keys: dates YYYY-MM-DD");
        } else if (names.has("pattern")) {
            parts.add("keys `" + names.get("pattern").asText() + "`");
        } else if (names.has("enum")) {
            List<String> keys = new ArrayList<>();
            names.get("enum").forEach(k -> keys.add(k.asText()));
            parts.add("keys " + String.join(", ", keys));
        }
        return String.join("; ", parts);
    }

    private static void range(JsonNode p, String min, String max, String unit, List<String> parts) {
        if (p.has(min) && p.has(max)) {
            parts.add(number(p.get(min)) + " to " + number(p.get(max)) + unit);
        } else if (p.has(min)) {
            parts.add("≥ " + number(p.get(min)) + unit);
        } else if (p.has(max)) {
            parts.add("≤ " + number(p.get(max)) + unit);
        }
    }

    /** Whole numbers with thousands separators (1,000,000,000,000). */
    private static String number(JsonNode n) {
        return n.canConvertToLong() && n.isIntegralNumber() ? String.format(java.util.Locale.ROOT, "%,d", n.asLong()) : n.asText();
    }

    private static String text(JsonNode n, String field) {
        return n == null ? "" : n.path(field).asText("");
    }
}
