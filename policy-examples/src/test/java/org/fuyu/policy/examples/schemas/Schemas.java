package org.fuyu.policy.examples.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The schemas shipped in policy-core's jar, loaded from the class path and checked with a JSON Schema 2020-12 validator. */
final class Schemas {
    /** Where policy-core ships them. */
    static final String FOLDER = "org/fuyu/policy/schemas/";
    static final List<String> NAMES = List.of("household", "business", "village", "county", "decision", "record-error",
            "summary", "parameters", "pack", "reform");

    static final ObjectMapper JSON = new ObjectMapper();
    static final YAMLMapper YAML = new YAMLMapper();

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();

    private Schemas() {
    }

    static JsonNode tree(String name) {
        try (InputStream in = Schemas.class.getClassLoader().getResourceAsStream(FOLDER + name + ".schema.json")) {
            if (in == null) {
                throw new IllegalStateException("no schema " + name + " on the class path");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Schema schema(String name) {
        return CACHE.computeIfAbsent(name, n -> REGISTRY.getSchema(tree(n)));
    }

    /** The schema's complaints about {@code value} (empty: valid). */
    static List<String> errors(String name, JsonNode value) {
        return schema(name).validate(value).stream().map(Error::toString).toList();
    }

    /** The complaints of the 2020-12 meta-schema about a schema. */
    static List<String> metaErrors(JsonNode schema) {
        Schema meta = REGISTRY.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));
        return meta.validate(schema).stream().map(Error::toString).toList();
    }
}
