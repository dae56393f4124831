package org.fuyu.policy.reform;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.fuyu.policy.Outcome;
import org.fuyu.policy.SubjectType;

/**
 * How the decisions about one subject differ between the baseline and the reform: one line of
 * {@code changes.jsonl}. A decision is matched by its code; it is <em>changed</em> when its
 * outcome or amount differs (its reasons always name the parameter values in force, so they
 * are not compared).
 *
 * @param householdId the household case the subject belongs to (null for villages and counties)
 * @param villageId the household's village, or the village itself
 * @param countyId the county the case was counted in, or null
 * @param baselineYuan granted amounts of this subject under the baseline (codes counted as benefits)
 * @param reformYuan the same under the reform
 * @param deltaYuan reformYuan − baselineYuan
 * @param whatWouldChange with {@code --what-would-change}: for this subject's decisions under the reform, what
 *     would change them (change sets of a denial, margins of a grant); empty, and not written, otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"subjectType", "subjectId", "householdId", "villageId", "countyId", "baselineYuan", "reformYuan",
        "deltaYuan", "added", "removed", "changed", "whatWouldChange"})
public record SubjectChange(SubjectType subjectType, String subjectId, String householdId, String villageId,
                            String countyId, long baselineYuan, long reformYuan, long deltaYuan,
                            List<Entry> added, List<Entry> removed, List<Change> changed,
                            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<org.fuyu.policy.WhatWouldChange> whatWouldChange) {

    public SubjectChange(SubjectType subjectType, String subjectId, String householdId, String villageId,
                         String countyId, long baselineYuan, long reformYuan, long deltaYuan,
                         List<Entry> added, List<Entry> removed, List<Change> changed) {
        this(subjectType, subjectId, householdId, villageId, countyId, baselineYuan, reformYuan, deltaYuan, added, removed,
                changed, List.of());
    }

    public SubjectChange {
        whatWouldChange = whatWouldChange == null ? List.of() : List.copyOf(whatWouldChange);
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }

    /** A decision only one side has: its code, outcome and amount. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"code", "outcome", "amountYuan"})
    public record Entry(String code, Outcome outcome, Long amountYuan) {
    }

    /** A decision both sides have with a different outcome or amount. */
    @JsonPropertyOrder({"code", "from", "to", "deltaYuan"})
    public record Change(String code, Side from, Side to, long deltaYuan) {
    }

    /** One side of a changed decision. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"outcome", "amountYuan"})
    public record Side(Outcome outcome, Long amountYuan) {
    }
}
