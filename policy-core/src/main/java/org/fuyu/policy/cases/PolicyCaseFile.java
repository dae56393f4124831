package org.fuyu.policy.cases;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * A file of policy cases:
 * <pre>
 * packs: [low-income-relief]
 * cases:
 *   - name: worked example 1
 *     asOf: 2024-06-30
 *     input: {households: [...]}
 *     expected:
 *       - {subjectId: h1, code: LOW_INCOME_TOP_UP, outcome: GRANTED, amountYuan: 12000}
 * </pre>
 */
public record PolicyCaseFile(@JsonProperty(required = true) List<String> packs,
                             @JsonProperty(required = true) List<PolicyCase> cases) {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public static PolicyCaseFile read(String name, InputStream in) throws IOException {
        try {
            return YAML.readValue(in, PolicyCaseFile.class);
        } catch (IOException e) {
            throw new IOException(name + ": " + e.getMessage(), e);
        }
    }
}
