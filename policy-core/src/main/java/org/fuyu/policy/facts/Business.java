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
        Limits.count(monthsOperating, Limits.MAX_MONTHS, "monthsOperating");
        FactException.count(localJobsCreated, "localJobsCreated");
        FactException.count(lowIncomeJobsCreated, "lowIncomeJobsCreated");
        landAreaMu = landAreaMu == null ? BigDecimal.ZERO : landAreaMu;
        if (landAreaMu.signum() < 0) {
            throw new FactException("landAreaMu", "expected an area ≥ 0 mu, got " + landAreaMu);
        }
        // cheap even for 1e999999 or 1e-999999999 (at most 40 digits are read); the value is never expanded
        if (landAreaMu.compareTo(BigDecimal.valueOf(Limits.MAX_AREA_MU)) > 0
                || landAreaMu.stripTrailingZeros().scale() > Limits.MAX_AREA_DECIMALS) {
            throw new FactException("landAreaMu", "面积超出合理范围 / area outside the plausible range: expected 0 to "
                    + Limits.MAX_AREA_MU + " mu with at most " + Limits.MAX_AREA_DECIMALS + " decimals, got "
                    + landAreaMu); // toString: 1E+999999, never expanded
        }
    }
}
