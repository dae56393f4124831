package org.fuyu.policy.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.LocalDate;

/** A start-up or new agricultural entity (创业主体), spec §1. */
public record Business(
        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) String ownerId,
        @JsonProperty(required = true) String householdId,
        @JsonProperty(required = true) String villageId,
        Sector sector,
        BusinessKind kind,
        LocalDate registeredOn,
        int monthsOperating,
        int localJobsCreated,
        int lowIncomeJobsCreated,
        BigDecimal landAreaMu,
        boolean receivedStartupSubsidy) {

    public Business {
        FactException.requiredText(id, "id");
        FactException.requiredText(ownerId, "ownerId");
        FactException.requiredText(householdId, "householdId");
        FactException.requiredText(villageId, "villageId");
        sector = sector == null ? Sector.OTHER : sector;
        kind = kind == null ? BusinessKind.INDIVIDUAL : kind;
        FactException.count(monthsOperating, "monthsOperating");
        FactException.count(localJobsCreated, "localJobsCreated");
        FactException.count(lowIncomeJobsCreated, "lowIncomeJobsCreated");
        landAreaMu = landAreaMu == null ? BigDecimal.ZERO : landAreaMu;
        if (landAreaMu.signum() < 0) {
            throw new FactException("landAreaMu", "expected an area ≥ 0 mu, got " + landAreaMu);
        }
    }
}
