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

    /** A builder: {@code Business.builder().id("B1").ownerId("P1").householdId("H001").villageId("V01").build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Business}; sector OTHER, kind INDIVIDUAL, counts and land 0 unless set. */
    public static final class Builder {
        private String id;
        private String ownerId;
        private String householdId;
        private String villageId;
        private Sector sector;
        private BusinessKind kind;
        private LocalDate registeredOn;
        private int monthsOperating;
        private int localJobsCreated;
        private int lowIncomeJobsCreated;
        private BigDecimal landAreaMu;
        private boolean receivedStartupSubsidy;

        private Builder() {
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder ownerId(String ownerId) {
            this.ownerId = ownerId;
            return this;
        }

        public Builder householdId(String householdId) {
            this.householdId = householdId;
            return this;
        }

        public Builder villageId(String villageId) {
            this.villageId = villageId;
            return this;
        }

        public Builder sector(Sector sector) {
            this.sector = sector;
            return this;
        }

        public Builder kind(BusinessKind kind) {
            this.kind = kind;
            return this;
        }

        public Builder registeredOn(LocalDate date) {
            this.registeredOn = date;
            return this;
        }

        public Builder monthsOperating(int months) {
            this.monthsOperating = months;
            return this;
        }

        public Builder localJobsCreated(int count) {
            this.localJobsCreated = count;
            return this;
        }

        public Builder lowIncomeJobsCreated(int count) {
            this.lowIncomeJobsCreated = count;
            return this;
        }

        public Builder landAreaMu(BigDecimal mu) {
            this.landAreaMu = mu;
            return this;
        }

        public Builder receivedStartupSubsidy(boolean received) {
            this.receivedStartupSubsidy = received;
            return this;
        }

        /** @throws FactException naming the field */
        public Business build() {
            return new Business(id, ownerId, householdId, villageId, sector, kind, registeredOn, monthsOperating,
                    localJobsCreated, lowIncomeJobsCreated, landAreaMu, receivedStartupSubsidy);
        }
    }
}
