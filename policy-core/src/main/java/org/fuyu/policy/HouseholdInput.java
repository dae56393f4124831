package org.fuyu.policy;

import java.util.List;
import org.fuyu.policy.facts.Business;
import org.fuyu.policy.facts.Household;

/** One household case: a household and the businesses registered to it. */
public record HouseholdInput(Household household, List<Business> businesses) {
    public HouseholdInput {
        businesses = businesses == null ? List.of() : List.copyOf(businesses);
    }

    public static HouseholdInput of(Household household) {
        return new HouseholdInput(household, List.of());
    }
}
