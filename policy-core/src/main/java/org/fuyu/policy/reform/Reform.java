package org.fuyu.policy.reform;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.packs.RulePack;
import org.fuyu.policy.params.ParameterSet;

/**
 * A what-if reform: parameter overrides (and optionally rule packs) laid over the baseline
 * policy from an effective date, with a name and a description for the people who review it.
 * Read one with {@link ReformFiles#read(Path)}; build its engine with
 * {@link #engineBuilder(List, List)} and compare it with the baseline using
 * {@link ReformComparison}.
 *
 * <p>Every parameter value of a reform is dated on or after {@link #effective()}, so a case
 * decided before that date gets the baseline values; a reform's rule packs are likewise not
 * used for an evaluation date before it ({@link #inForceOn(LocalDate)}).
 *
 * @param name short identifier, lower-case words joined by '-'
 * @param description what the reform changes and why, for reviewers
 * @param effective the date the reform takes effect
 * @param parameters overrides laid over the baseline's parameters (may be empty)
 * @param rulePacks packs that replace baseline packs of the same id or are added (may be empty)
 * @param source the reform file, for messages
 */
public record Reform(String name, String description, LocalDate effective, ParameterSet parameters,
                     List<RulePack> rulePacks, String source) {

    public Reform {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(effective, "effective");
        parameters = parameters == null ? ParameterSet.empty() : parameters;
        rulePacks = rulePacks == null ? List.of() : List.copyOf(rulePacks);
    }

    /** Whether the reform applies to cases decided on {@code asOf} (on or after its effective date). */
    public boolean inForceOn(LocalDate asOf) {
        return !asOf.isBefore(effective);
    }

    /**
     * The baseline packs with this reform's packs laid over them: a reform pack replaces the
     * baseline pack with the same id (in its place), others are added at the end.
     */
    public List<RulePack> packsOver(List<? extends RulePack> baselinePacks) {
        Map<String, RulePack> byId = new LinkedHashMap<>();
        for (RulePack p : baselinePacks) {
            byId.put(p.id(), p);
        }
        for (RulePack p : rulePacks) {
            byId.put(p.id(), p);
        }
        return new ArrayList<>(byId.values());
    }

    /**
     * An engine builder for the reform: the baseline's packs (with this reform's laid over them),
     * the baseline's parameter overrides in order, then this reform's parameters. Building it
     * reports a reform parameter that no pack defines with the reform file's line and a
     * did-you-mean.
     */
    public PolicyEngine.Builder engineBuilder(List<? extends RulePack> baselinePacks, List<ParameterSet> baselineOverrides) {
        PolicyEngine.Builder b = PolicyEngine.builder().addPacks(packsOver(baselinePacks));
        baselineOverrides.forEach(b::overrideParameters);
        if (parameters.size() > 0) {
            b.overrideParameters(parameters);
        }
        return b;
    }
}
