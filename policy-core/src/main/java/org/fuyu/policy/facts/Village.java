package org.fuyu.policy.facts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An administrative village (行政村), spec §1. */
public record Village(
        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) String countyId,
        String name,
        SizeClass sizeClass,
        int population,
        CollectiveIncome collectiveIncome,
        int newAgriculturalEntities) {

    public Village {
        FactException.requiredText(id, "id");
        FactException.requiredText(countyId, "countyId");
        sizeClass = sizeClass == null ? SizeClass.MEDIUM : sizeClass;
        FactException.count(population, "population");
        collectiveIncome = collectiveIncome == null ? CollectiveIncome.ZERO : collectiveIncome;
        FactException.count(newAgriculturalEntities, "newAgriculturalEntities");
    }
}
