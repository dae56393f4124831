package org.fuyu.policy.cases;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import org.fuyu.policy.Outcome;
import org.fuyu.policy.SubjectType;

/**
 * A policy test case as data (OpenFisca's {@code tests/*.yaml} shape): a name, the date, the
 * input facts and the complete list of decisions expected.
 *
 * @param expected every decision the case must get, and no others
 * @param notes substrings each expected among the run's notes
 * @param errors substrings each expected among the errors of failed cases (a case listing none
 *     must not fail)
 */
public record PolicyCase(
        @JsonProperty(required = true) String name,
        @JsonProperty(required = true) LocalDate asOf,
        boolean explainDenials,
        @JsonProperty(required = true) Input input,
        @JsonProperty(required = true) List<Expected> expected,
        List<String> notes,
        List<String> errors) {

    public PolicyCase {
        notes = notes == null ? List.of() : notes;
        errors = errors == null ? List.of() : errors;
    }

    /** Facts as they would appear in the input files. */
    public record Input(JsonNode households, JsonNode businesses, JsonNode villages, JsonNode counties) {
    }

    /**
     * One expected decision. {@code amountYuan} absent means the decision has no amount;
     * {@code failed} lists criteria or parameter names that must appear among a DENIED decision's
     * reasons; {@code reasons} lists criteria or parameters that must appear among the reasons.
     */
    public record Expected(SubjectType subjectType,
                           @JsonProperty(required = true) String subjectId,
                           @JsonProperty(required = true) String code,
                           @JsonProperty(required = true) Outcome outcome,
                           Long amountYuan,
                           List<String> failed,
                           List<String> reasons) {
        public Expected {
            failed = failed == null ? List.of() : failed;
            reasons = reasons == null ? List.of() : reasons;
        }
    }
}
