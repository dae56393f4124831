package org.fuyu.policy.evaluation;

import static org.fuyu.policy.evaluation.Criteria.anyOf;
import static org.fuyu.policy.evaluation.Criteria.below;
import static org.fuyu.policy.evaluation.Criteria.fixed;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fuyu.policy.Criterion;
import org.fuyu.policy.SubjectType;
import org.fuyu.policy.facts.Assets;
import org.fuyu.policy.facts.Business;
import org.fuyu.policy.facts.Credit;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.facts.HouseholdStatus;
import org.fuyu.policy.facts.Person;
import org.fuyu.policy.internal.NamePairs;
import org.fuyu.policy.params.ParametersAt;
import org.kie.api.runtime.rule.RuleContext;

/**
 * One household case: the household, its members and the businesses registered to it, as the
 * rules see it. Derived values of spec §1 are here, each defined once.
 */
public final class HouseholdCase extends CaseContext {
    /** Parameter of spec §1 used by {@link #identifiedLowIncome()}. */
    public static final String LOW_INCOME_LINE = "low_income.line";

    private final Household household;
    private final List<Business> businesses;
    private final String countyId;
    private Map<String, Long> tallies;
    // derived once per case: every rule of a pack asks for them (immutable values)
    private BigDecimal perCapitaIncome;
    private Criterion identifiedLowIncome;

    public HouseholdCase(Household household, List<Business> businesses, String countyId, ParametersAt parameters,
                         boolean explainDenials, RuleRegistry registry) {
        super(parameters, explainDenials, registry);
        this.household = household;
        this.businesses = List.copyOf(businesses);
        this.countyId = countyId;
    }

    public Household getHousehold() {
        return household;
    }

    public Household household() {
        return household;
    }

    public List<Person> members() {
        return household.members();
    }

    public List<Person> getMembers() {
        return household.members();
    }

    public List<Business> businesses() {
        return businesses;
    }

    public List<Business> getBusinesses() {
        return businesses;
    }

    /** The county the household belongs to (its own countyId, else its village's), or null. */
    public String countyId() {
        return countyId;
    }

    public Assets assets() {
        return household.assets();
    }

    public Credit credit() {
        return household.credit();
    }

    public long totalIncome() {
        return household.totalIncome();
    }

    public int memberCount() {
        return household.memberCount();
    }

    public BigDecimal perCapitaIncome() {
        BigDecimal p = perCapitaIncome;
        if (p == null) {
            p = perCapitaIncome = household.perCapitaIncome();
        }
        return p;
    }

    public boolean hasStatus(HouseholdStatus status) {
        return household.hasStatus(status);
    }

    /** The member with this id, or null. */
    public Person member(String personId) {
        for (Person p : household.members()) {
            if (p.id().equals(personId)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Spec §1: identified low-income when {@code perCapitaIncome < low_income.line} or the
     * household holds MINIMUM_LIVING or EXTREME_POVERTY_SUPPORT (002 §三.13; 000 §一(四)).
     */
    public Criterion identifiedLowIncome() {
        Criterion c = identifiedLowIncome;
        if (c == null) {
            c = identifiedLowIncome = decideIdentifiedLowIncome();
        }
        return c;
    }

    private Criterion decideIdentifiedLowIncome() {
        return anyOf("identifiedLowIncome",
                below("perCapitaIncome", perCapitaIncome(), param(LOW_INCOME_LINE)),
                fixed("statuses", household.statuses(), "has", HouseholdStatus.MINIMUM_LIVING,
                        household.hasStatus(HouseholdStatus.MINIMUM_LIVING)),
                fixed("statuses", household.statuses(), "has", HouseholdStatus.EXTREME_POVERTY_SUPPORT,
                        household.hasStatus(HouseholdStatus.EXTREME_POVERTY_SUPPORT)));
    }

    /** Members aged min–max inclusive. */
    public long membersAged(int min, int max) {
        long n = 0;
        for (Person p : household.members()) {
            if (p.age() >= min && p.age() <= max) {
                n++;
            }
        }
        return n;
    }

    /** Labour-capable members aged min–max inclusive. */
    public long laborCapableMembersAged(int min, int max) {
        long n = 0;
        for (Person p : household.members()) {
            if (p.laborCapable() && p.age() >= min && p.age() <= max) {
                n++;
            }
        }
        return n;
    }

    public long employedMembers() {
        long n = 0;
        for (Person p : household.members()) {
            if (p.employed()) {
                n++;
            }
        }
        return n;
    }

    /**
     * Adds one to a county counter of the running rule's pack (e.g. households granted a credit
     * line), named {@code pack:counter}. County rules read the totals of all households of the
     * county from {@link CountyCase#count(String)}; households are never held together in one
     * session. A pack can add only to its own counters.
     */
    public void tally(RuleContext kcontext, String counter) {
        if (tallies == null) {
            tallies = new HashMap<>(4);
        }
        tallies.merge(NamePairs.join(packOf(kcontext), ":", counter), 1L, Long::sum);
    }

    /** Counters this case added to, or an empty map. */
    public Map<String, Long> tallies() {
        return tallies == null ? Map.of() : tallies;
    }

    void restoreTallies(Map<String, Long> snapshot) {
        tallies = snapshot.isEmpty() ? null : new HashMap<>(snapshot);
    }

    @Override
    void reset() {
        super.reset();
        tallies = null;
    }

    @Override
    protected SubjectType defaultSubjectType() {
        return SubjectType.HOUSEHOLD;
    }

    @Override
    protected String defaultSubjectId() {
        return household.id();
    }
}
