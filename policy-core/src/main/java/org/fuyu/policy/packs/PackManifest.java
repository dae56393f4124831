package org.fuyu.policy.packs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.fuyu.policy.SubjectType;
import org.fuyu.policy.Title;

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
 *   - {code: LOW_INCOME_TOP_UP, subject: HOUSEHOLD, title: {zh: 低收入农户收入补差, en: Top-up to the low-income line}}
 *   - {code: GUARANTEE_LOAN, subject: BUSINESS, amount: CREDIT, title: {zh: ..., en: ...}}   # amount: PAYMENT (default) or CREDIT
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

    /**
     * One decision code a pack produces.
     *
     * @param title what the code means, in Chinese and English (what reports and summaries show
     *     beside or instead of the code); null when pack.yaml gives none
     * @param amount what a GRANTED decision's amount is: {@link AmountKind#PAYMENT} (money paid,
     *     the default) or {@link AmountKind#CREDIT} (the most that may be lent); summaries total
     *     the two apart
     */
    public record CodeInfo(@JsonProperty(required = true) String code,
                           @JsonProperty(required = true) SubjectType subject,
                           Title title,
                           AmountKind amount) {
        public CodeInfo {
            amount = amount == null ? AmountKind.PAYMENT : amount;
        }

        public CodeInfo(String code, SubjectType subject, Title title) {
            this(code, subject, title, AmountKind.PAYMENT);
        }

        /** The title in the current language, or the code when pack.yaml gives none. */
        public String titleText() {
            return title == null ? code : title.text();
        }
    }

    /** What the amount of a granted decision means. */
    public enum AmountKind {
        /** Money paid or waived: a subsidy, award, top-up, premium or fee waiver. */
        PAYMENT,
        /** A loan or credit line: the largest amount that may be lent. */
        CREDIT
    }
}
