package org.fuyu.policy.packs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.fuyu.policy.SubjectType;

/**
 * A pack's {@code pack.yaml}.
 * <pre>
 * id: low-income-relief
 * version: 1.0.0
 * title: 低收入农户帮扶 Low-income household relief
 * description: ...
 * sources: ["002 §三.13", "004"]
 * files: [low-income-relief.drl]          # rule files, in order (required on the class path)
 * reads: [low_income.line]                # parameters the rules read (from this or another pack)
 * codes:
 *   - {code: LOW_INCOME_TOP_UP, subject: HOUSEHOLD, title: 低保 top-up to the line}
 * </pre>
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record PackManifest(
        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) String version,
        @JsonProperty(required = true) String title,
        String description,
        List<String> sources,
        List<String> files,
        List<String> reads,
        @JsonProperty(required = true) List<CodeInfo> codes) {

    public PackManifest {
        sources = sources == null ? List.of() : List.copyOf(sources);
        files = files == null ? List.of() : List.copyOf(files);
        reads = reads == null ? List.of() : List.copyOf(reads);
        codes = codes == null ? List.of() : List.copyOf(codes);
    }

    /** One decision code a pack produces. */
    public record CodeInfo(@JsonProperty(required = true) String code,
                           @JsonProperty(required = true) SubjectType subject,
                           String title) {
    }
}
