package org.fuyu.policy.examples.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/input-reference.md is the human version of the schemas: below its marker line it is
 * generated from them (every field, its type, required or not, default, allowed values, range
 * and meaning), so the two cannot differ. On a difference this test writes the regenerated page
 * to target/input-reference.md; copy it over the doc.
 */
class InputReferenceTest {
    static final String MARKER = "<!-- Generated from docs/schemas by InputReferenceTest: edit the schemas, not the text below. -->";
    private static final Map<String, String> FILES = new LinkedHashMap<>();

    static {
        FILES.put("household", "households.jsonl");
        FILES.put("business", "businesses.jsonl");
        FILES.put("village", "villages.jsonl");
        FILES.put("county", "counties.jsonl");
        FILES.put("decision", "decisions.jsonl");
        FILES.put("record-error", "errors.jsonl");
        FILES.put("summary", "summary.json");
        FILES.put("parameters", "parameters.yaml and --params files");
        FILES.put("pack", "pack.yaml");
        FILES.put("reform", "reform files (reforms/*.yaml)");
    }

    @Test
    void theDocIsGeneratedFromTheSchemas() throws IOException {
        Path doc = Path.of("../docs/input-reference.md");
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        int at = text.indexOf(MARKER);
        assertThat(at).as("docs/input-reference.md keeps the marker line").isPositive();
        String expected = text.substring(0, at) + MARKER + "\n" + render();
        if (!expected.equals(text)) {
            Path out = Path.of("target/input-reference.md");
            Files.writeString(out, expected, StandardCharsets.UTF_8);
            assertThat(text).as("docs/input-reference.md is out of date with the schemas: "
                    + "cp policy-examples/target/input-reference.md docs/input-reference.md").isEqualTo(expected);
        }
    }

    @Test
    void everySchemaHasASection() {
        assertThat(FILES.keySet()).containsExactlyInAnyOrderElementsOf(Schemas.NAMES);
    }

    static String render() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : FILES.entrySet()) {
            JsonNode s = Schemas.tree(e.getKey());
            sb.append("\n## ").append(e.getValue()).append("\n\n");
            sb.append("**").append(s.path("title").asText()).append("** — schema [`")
                    .append(e.getKey()).append(".schema.json`](schemas/").append(e.getKey()).append(".schema.json)\n\n");
            if (s.has("description")) {
                sb.append(s.get("description").asText()).append("\n\n");
            }
            sb.append("| field | type | required | default | allowed values / range | meaning |\n");
            sb.append("|---|---|---|---|---|---|\n");
            SchemaFields.of(s).forEach((path, f) -> sb.append("| `").append(cell(path)).append("` | ")
                    .append(cell(f.type())).append(" | ").append(f.required() ? "yes" : "no").append(" | ")
                    .append(f.defaultValue().isEmpty() ? "" : "`" + cell(f.defaultValue()) + "`").append(" | ")
                    .append(cell(f.allowed())).append(" | ").append(cell(f.description())).append(" |\n"));
        }
        return sb.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
