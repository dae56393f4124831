package org.fuyu.policy.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.fuyu.policy.io.FactMapper;

/** Facts as the JSON a county would put in its input files, through the one strict mapper. */
public final class FactJson {
    private static final ObjectMapper MAPPER = FactMapper.get();
    /** Trees keep decimals as written (10 stays 10, not 1E+1), so a fact read back from a tree is equal. */
    private static final ObjectMapper TREES = FactMapper.get().copy()
            .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));

    private FactJson() {
    }

    /** Every field, as {@link FactMapper} writes it (one JSON Lines record). */
    public static String full(Object fact) {
        try {
            return MAPPER.writeValueAsString(fact);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The shortest JSON that reads back to an equal fact: every field whose absence gives the
     * same value (a default) is left out, so a counterexample shows only what matters.
     */
    public static ObjectNode minimal(Object fact) {
        ObjectNode root = tree(fact);
        prune(root, root, fact);
        return root;
    }

    /** {@link #minimal(Object)} on one line. */
    public static String minimalLine(Object fact) {
        try {
            return MAPPER.writeValueAsString(minimal(fact));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fact as a JSON tree (decimals exact). */
    public static ObjectNode tree(Object fact) {
        return TREES.valueToTree(fact);
    }

    public static <T> T read(JsonNode node, Class<T> type) {
        try {
            return TREES.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    /** Post-order: children first, so an object emptied of defaults can itself be dropped. */
    private static void prune(ObjectNode root, JsonNode node, Object fact) {
        if (node instanceof ArrayNode a) {
            for (JsonNode child : a) {
                prune(root, child, fact);
            }
            return;
        }
        if (!(node instanceof ObjectNode o)) {
            return;
        }
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            prune(root, o.get(name), fact);
            JsonNode saved = o.remove(name);
            if (!readsBackEqual(root, fact)) {
                o.set(name, saved);
            }
        }
    }

    private static boolean readsBackEqual(ObjectNode root, Object fact) {
        try {
            return Objects.equals(TREES.treeToValue(root, fact.getClass()), fact);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return false;
        }
    }
}
