package org.fuyu.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * One decision about one subject (spec §2). {@code amountYuan} is null for codes without an
 * amount. For GRANTED, FLAG and targets, {@code reasons} holds every criterion checked; for
 * DENIED it holds every criterion that failed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"subjectType", "subjectId", "code", "outcome", "amountYuan", "pack", "packVersion", "rule",
        "reasons", "citation", "asOf"})
public record Decision(SubjectType subjectType, String subjectId, String code, Outcome outcome, Long amountYuan,
                       String pack, String packVersion, String rule, List<Criterion> reasons, String citation,
                       LocalDate asOf) {

    /** Canonical order within a case: subject, then code, then outcome. */
    public static final Comparator<Decision> CANONICAL = Comparator.comparing(Decision::subjectType)
            .thenComparing(Decision::subjectId).thenComparing(Decision::code).thenComparing(Decision::outcome)
            .thenComparing(Decision::rule);

    public Decision {
        reasons = List.copyOf(reasons);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isGranted() {
        return outcome == Outcome.GRANTED;
    }
}
