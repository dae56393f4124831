package org.fuyu.policy.packs;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.fuyu.policy.PolicyException;
import org.fuyu.policy.Problem;

/** Reads {@code pack.yaml} with messages a person can act on. */
final class Manifests {
    private static final ObjectMapper YAML = YAMLMapper.builder(org.fuyu.policy.params.ParameterFiles.YAML)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .build();

    private static final List<String> REQUIRED = List.of("id", "version", "title", "codes");

    private Manifests() {
    }

    static PackManifest read(String file, InputStream in) {
        PackManifest m;
        try {
            byte[] bytes = in.readAllBytes();
            JsonNode tree = YAML.readTree(bytes);
            if (tree != null && tree.isObject()) {
                List<String> missing = new ArrayList<>();
                for (String field : REQUIRED) {
                    if (!tree.hasNonNull(field)) {
                        missing.add(field);
                    }
                }
                if (!missing.isEmpty()) {
                    throw new PolicyException(Problem.of(file, 1, "missing required field" + (missing.size() > 1 ? "s " : " ")
                            + String.join(", ", missing) + " (pack.yaml needs id, version, title and codes)"));
                }
            }
            m = YAML.readValue(bytes, PackManifest.class);
        } catch (UnrecognizedPropertyException e) {
            throw new PolicyException(Problem.of(file, line(e), "unknown field '" + e.getPropertyName()
                    + "' (pack.yaml fields: id, version, title, description, sources, files, reads, codes, effective, until, mutable)"));
        } catch (com.fasterxml.jackson.databind.exc.InvalidFormatException e) {
            if (e.getTargetType() == java.time.LocalDate.class) {
                String field = e.getPath().isEmpty() ? "date" : e.getPath().get(e.getPath().size() - 1).getFieldName();
                throw new PolicyException(Problem.of(file, line(e), org.fuyu.policy.Lang.pick(
                        field + ": '" + e.getValue() + "' 不是日期；请写成 YYYY-MM-DD，如 2025-01-01",
                        field + ": '" + e.getValue() + "' is not a date; write it as YYYY-MM-DD, e.g. 2025-01-01")));
            }
            throw new PolicyException(Problem.of(file, line(e), e.getOriginalMessage()));
        } catch (JsonMappingException e) {
            String msg = e.getOriginalMessage();
            if (msg.startsWith("Trailing token")) {
                throw new PolicyException(Problem.of(file, line(e), "pack.yaml 含第二个 YAML 文档（---）/ a second YAML "
                        + "document (after '---') is not read; put everything in one document and remove the '---'"));
            }
            if (msg.startsWith("Duplicate field '")) {
                throw new PolicyException(org.fuyu.policy.params.ParameterFiles.yamlProblem(file,
                        new com.fasterxml.jackson.core.JsonParseException(null, msg.substring(0, msg.indexOf('\'',
                                "Duplicate field '".length()) + 1), e.getLocation())));
            }
            if (msg.contains("Missing required creator property")) {
                String field = msg.replaceAll(".*property '([^']+)'.*", "$1");
                msg = "missing required field '" + field + "'";
            }
            throw new PolicyException(Problem.of(file, line(e), msg));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new PolicyException(org.fuyu.policy.params.ParameterFiles.yamlProblem(file, e));
        } catch (IOException e) {
            throw new PolicyException(Problem.of(file, 0, "cannot read pack.yaml: " + e.getMessage()));
        }
        if (m == null) {
            throw new PolicyException(Problem.of(file, 1, "pack.yaml is empty; it needs id, version, title and codes"));
        }
        List<Problem> problems = new ArrayList<>();
        if (!m.id().matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            problems.add(Problem.of(file, 0, "id '" + m.id() + "' should be lower-case words joined by '-', e.g. low-income-relief"));
        }
        if (m.codes().isEmpty()) {
            problems.add(Problem.of(file, 1, "codes: list the decision codes the pack produces"));
        }
        dates(file, "", m.effective(), m.until(), problems);
        for (PackManifest.CodeInfo c : m.codes()) {
            dates(file, c.code() + ": ", c.effective(), c.until(), problems);
        }
        if (!problems.isEmpty()) {
            throw new PolicyException(problems);
        }
        return m;
    }

    /** {@code until} must not come before {@code effective}: such a pack or code would never be in force. */
    private static void dates(String file, String what, java.time.LocalDate effective, java.time.LocalDate until,
                              List<Problem> problems) {
        if (effective != null && until != null && until.isBefore(effective)) {
            problems.add(Problem.of(file, 0, org.fuyu.policy.Lang.pick(
                    what + "until（" + until + "）早于 effective（" + effective + "），永远不会生效；until 是最后一个生效日",
                    what + "until (" + until + ") is before effective (" + effective + "), so it would never be in force;"
                            + " until is the last day in force")));
        }
    }

    private static int line(JsonMappingException e) {
        return e.getLocation() == null ? 0 : e.getLocation().getLineNr();
    }
}
