package org.fuyu.policy.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fuyu.policy.SubjectType;
import org.fuyu.policy.facts.County;
import org.fuyu.policy.facts.Village;
import org.fuyu.policy.params.ParametersAt;
import org.kie.api.runtime.rule.RuleContext;

/**
 * One county case: every village of the county in the input, the County fact when one was
 * given, and the counters households of the county added while they streamed past.
 */
public final class CountyCase extends CaseContext {
    private final String countyId;
    private final County county;
    private final List<Village> villages;
    private final Map<String, Long> counters;
    private final long households;
    private final List<String> notes = new ArrayList<>();

    public CountyCase(String countyId, County county, List<Village> villages, Map<String, Long> counters,
                      long households, ParametersAt parameters, boolean explainDenials, RuleRegistry registry) {
        super(parameters, explainDenials, registry);
        this.countyId = countyId;
        this.county = county;
        this.villages = List.copyOf(villages);
        this.counters = Map.copyOf(counters);
        this.households = households;
    }

    public String countyId() {
        return countyId;
    }

    /** The County fact, or null when the input had none for this county. */
    public County county() {
        return county;
    }

    public County getCounty() {
        return county;
    }

    public boolean hasCountyFact() {
        return county != null;
    }

    public List<Village> villages() {
        return villages;
    }

    public List<Village> getVillages() {
        return villages;
    }

    public int villageCount() {
        return villages.size();
    }

    /** Number of households of this county that were evaluated. */
    public long households() {
        return households;
    }

    /** A counter's total over the county's households, by its full name {@code pack:counter} (0 when no household added to it). */
    public long count(String counter) {
        return counters.getOrDefault(counter, 0L);
    }

    /** Records a note for the run summary, e.g. why an indicator could not be decided. */
    public void note(String message) {
        notes.add("county " + countyId + ": " + message);
    }

    /** The note a generated rule gives when its preconditions do not hold (its {@code otherwise:}). */
    public void noteOtherwise(RuleContext kcontext, int generatedRule) {
        RuleInfo info = registry().rule(kcontext.getRule().getPackageName(), generatedRule);
        if (info.otherwise() != null) {
            note(info.otherwise());
        }
    }

    /** A generated rule could not decide: a value it needs is missing or undefined. */
    public void undecided(RuleContext kcontext, int generatedRule, String reason) {
        RuleInfo info = registry().rule(kcontext.getRule().getPackageName(), generatedRule);
        note(info.code() + " not decided (未判定): " + reason);
    }

    /** A village decision could not be made. */
    public void undecided(RuleContext kcontext, int generatedRule, Village village, String reason) {
        RuleInfo info = registry().rule(kcontext.getRule().getPackageName(), generatedRule);
        note(info.code() + " for village " + village.id() + " not decided (未判定): " + reason);
    }

    @Override
    protected void onUndecided(RuleInfo info, String why) {
        note(info.code() + " not decided (未判定): " + why);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    @Override
    protected SubjectType defaultSubjectType() {
        return SubjectType.COUNTY;
    }

    @Override
    protected String defaultSubjectId() {
        return countyId;
    }
}
