package org.fuyu.policy.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.fuyu.policy.Criterion;
import org.fuyu.policy.Decision;
import org.fuyu.policy.EvaluationOptions;
import org.fuyu.policy.HouseholdInput;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.RunResult;
import org.fuyu.policy.facts.Business;
import org.fuyu.policy.facts.County;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.facts.Village;
import org.fuyu.policy.io.FactMapper;

/** Runs a {@link PolicyCase} against an engine and lists every difference from what it expects. */
public final class CaseRunner {
    private static final ObjectMapper MAPPER = FactMapper.get();

    private CaseRunner() {
    }

    /** The outcome of one case: the decisions it got and what differed from the expectation. */
    public record CaseCheck(RunResult result, List<String> mismatches) {
        public boolean passed() {
            return mismatches.isEmpty();
        }
    }

    public static CaseCheck run(PolicyEngine engine, PolicyCase c) {
        Input in = facts(c.input());
        EvaluationOptions options = new EvaluationOptions(c.asOf(), c.explainDenials());
        RunResult result = engine.evaluateAll(in.households(), in.villages(), in.counties(), options);
        List<String> mismatches = new ArrayList<>();
        List<String> errors = new ArrayList<>(result.cases().stream().filter(r -> r.failed())
                .map(r -> r.subjectType() + " " + r.subjectId() + ": " + r.error()).toList());
        // a decision not made because a parameter it reads has no value on asOf is an error of the case too
        result.cases().forEach(r -> r.undecided().forEach(u -> errors.add(r.subjectType() + " " + r.subjectId() + ": "
                + u.message())));
        if (c.errors().isEmpty()) {
            errors.forEach(e -> mismatches.add("case failed: " + e));
        }
        for (String expectedError : c.errors()) {
            if (errors.stream().noneMatch(e -> e.contains(expectedError))) {
                mismatches.add("expected an error containing '" + expectedError + "', got " + errors);
            }
        }
        List<Decision> actual = new ArrayList<>(result.decisions());
        for (PolicyCase.Expected e : c.expected()) {
            Decision match = null;
            for (Decision d : actual) {
                if (d.subjectId().equals(e.subjectId()) && d.code().equals(e.code())
                        && (e.subjectType() == null || e.subjectType() == d.subjectType())) {
                    match = d;
                    break;
                }
            }
            if (match == null) {
                mismatches.add("missing: " + describe(e));
                continue;
            }
            actual.remove(match);
            if (match.outcome() != e.outcome() || !Objects.equals(match.amountYuan(), e.amountYuan())) {
                mismatches.add("expected " + describe(e) + " but got " + describe(match));
            }
            List<String> named = names(match.reasons());
            for (String f : e.failed()) {
                if (!named.contains(f)) {
                    mismatches.add(e.code() + " for " + e.subjectId() + ": expected '" + f
                            + "' among the failed criteria, got " + named);
                }
            }
            for (String f : e.reasons()) {
                if (!named.contains(f)) {
                    mismatches.add(e.code() + " for " + e.subjectId() + ": expected '" + f
                            + "' among the reasons, got " + named);
                }
            }
        }
        for (Decision d : actual) {
            mismatches.add("unexpected: " + describe(d));
        }
        for (String note : c.notes()) {
            if (result.notes().stream().noneMatch(n -> n.contains(note))) {
                mismatches.add("expected a note containing '" + note + "', got " + result.notes());
            }
        }
        return new CaseCheck(result, mismatches);
    }

    /** Criterion and parameter names in reasons, including the parts of composite criteria. */
    static List<String> names(List<Criterion> reasons) {
        List<String> out = new ArrayList<>();
        for (Criterion c : reasons) {
            out.add(c.criterion());
            if (c.parameter() != null) {
                for (String p : c.parameter().split(" × | \\+ |, ")) {
                    out.add(p);
                }
            }
            if (c.anyOf() != null) {
                out.addAll(names(c.anyOf()));
            }
        }
        return out;
    }

    record Input(List<HouseholdInput> households, List<Village> villages, List<County> counties) {
    }

    static Input facts(PolicyCase.Input input) {
        List<Household> households = list(input.households(), Household.class);
        List<Business> businesses = list(input.businesses(), Business.class);
        Map<String, List<Business>> byHousehold = new HashMap<>();
        for (Business b : businesses) {
            byHousehold.computeIfAbsent(b.householdId(), k -> new ArrayList<>()).add(b);
        }
        List<HouseholdInput> hs = households.stream()
                .map(h -> new HouseholdInput(h, byHousehold.getOrDefault(h.id(), List.of()))).toList();
        return new Input(hs, list(input.villages(), Village.class), list(input.counties(), County.class));
    }

    private static <T> List<T> list(JsonNode node, Class<T> type) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        List<T> out = new ArrayList<>();
        for (JsonNode n : node) {
            try {
                out.add(MAPPER.treeToValue(n, type));
            } catch (Exception e) {
                throw new IllegalArgumentException("invalid " + type.getSimpleName() + " in case input: " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static String describe(PolicyCase.Expected e) {
        return e.code() + " " + e.outcome() + " for " + e.subjectId()
                + (e.amountYuan() != null ? " amount " + e.amountYuan() : "");
    }

    private static String describe(Decision d) {
        return d.code() + " " + d.outcome() + " for " + d.subjectId()
                + (d.amountYuan() != null ? " amount " + d.amountYuan() : "")
                + (d.outcome() == org.fuyu.policy.Outcome.DENIED || d.outcome() == org.fuyu.policy.Outcome.TARGET_MISSED
                ? " (" + d.reasons().stream().map(Criterion::toString).collect(Collectors.joining("; ")) + ")" : "");
    }
}
