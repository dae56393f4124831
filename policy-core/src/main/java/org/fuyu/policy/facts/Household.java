package org.fuyu.policy.facts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A rural household (户), spec §1. Immutable; optional fields take the spec's defaults
 * ({@code farming} and {@code housingSafe} true, amounts 0, rating UNRATED).
 */
public record Household(
        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) String villageId,
        String countyId,
        Boolean farming,
        @JsonProperty(required = true) List<Person> members,
        Income income,
        Set<HouseholdStatus> statuses,
        Boolean housingSafe,
        long medicalExpenseYuan,
        long disasterLossYuan,
        Assets assets,
        Credit credit) {

    /** Bounded size: a registered household larger than this is a data error. */
    public static final int MAX_MEMBERS = 100;

    public Household {
        FactException.requiredText(id, "id");
        FactException.requiredText(villageId, "villageId");
        FactException.required(members, "members");
        FactException.require(!members.isEmpty(), "members", "expected at least one member, got an empty list");
        if (members.size() > MAX_MEMBERS) {
            throw new FactException("members", "expected at most " + MAX_MEMBERS + " members, got " + members.size());
        }
        members = Facts.immutableList(members, "members");
        // pairwise: households are small, and this runs for every record read
        for (int i = 1; i < members.size(); i++) {
            String memberId = members.get(i).id();
            for (int j = 0; j < i; j++) {
                if (memberId.equals(members.get(j).id())) {
                    throw new FactException("members[" + i + "].id",
                            "expected a member id unique in the household, got a second '" + memberId + "'");
                }
            }
        }
        farming = farming == null ? Boolean.TRUE : farming;
        housingSafe = housingSafe == null ? Boolean.TRUE : housingSafe;
        income = income == null ? Income.ZERO : income;
        statuses = Facts.immutableEnumSet(statuses, HouseholdStatus.class, "statuses");
        FactException.nonNegative(medicalExpenseYuan, "medicalExpenseYuan");
        FactException.nonNegative(disasterLossYuan, "disasterLossYuan");
        assets = assets == null ? Assets.NONE : assets;
        credit = credit == null ? Credit.UNRATED : credit;
    }

    /** wage + operating + property + transfer, whole yuan. */
    @JsonIgnore
    public long totalIncome() {
        return income.total();
    }

    @JsonIgnore
    public int memberCount() {
        return members.size();
    }

    /**
     * totalIncome / members, rounded half up to 2 decimals. With at most {@value #MAX_MEMBERS}
     * members and whole-yuan incomes the rounding never moves a value across a whole-yuan line.
     */
    @JsonIgnore
    public BigDecimal perCapitaIncome() {
        long total = totalIncome();
        int n = members.size();
        if (Math.abs(total) < Long.MAX_VALUE / 200) {
            // the same value in whole cents with long arithmetic (every case asks for it once)
            long cents = total * 100;
            long q = cents / n;
            long r = cents % n;
            if (Math.abs(r) * 2 >= n) {
                q += Long.signum(cents); // half up: away from zero
            }
            return BigDecimal.valueOf(q, 2);
        }
        return BigDecimal.valueOf(total).divide(BigDecimal.valueOf(n), 2, RoundingMode.HALF_UP);
    }

    public boolean hasStatus(HouseholdStatus status) {
        return statuses.contains(status);
    }

    /** A builder: {@code Household.builder().id("H001").villageId("V01").member(...).build()}; unset fields take the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Household}; {@link #build()} applies the same checks as the reader. */
    public static final class Builder {
        private String id;
        private String villageId;
        private String countyId;
        private Boolean farming;
        private final List<Person> members = new ArrayList<>();
        private Income income;
        private final Set<HouseholdStatus> statuses = new LinkedHashSet<>();
        private Boolean housingSafe;
        private long medicalExpenseYuan;
        private long disasterLossYuan;
        private Assets assets;
        private Credit credit;

        private Builder() {
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder villageId(String villageId) {
            this.villageId = villageId;
            return this;
        }

        /** Optional: without it the household takes its village's county. */
        public Builder countyId(String countyId) {
            this.countyId = countyId;
            return this;
        }

        /** Default true. */
        public Builder farming(boolean farming) {
            this.farming = farming;
            return this;
        }

        /** Adds a member (at least one is required). */
        public Builder member(Person member) {
            members.add(member);
            return this;
        }

        public Builder members(List<Person> members) {
            this.members.addAll(members);
            return this;
        }

        /** Default: all four sources 0. */
        public Builder income(Income income) {
            this.income = income;
            return this;
        }

        /** Income from wage, operating (may be negative), property and transfer, whole yuan per year. */
        public Builder income(long wage, long operating, long property, long transfer) {
            return income(new Income(wage, operating, property, transfer));
        }

        public Builder status(HouseholdStatus... statuses) {
            this.statuses.addAll(List.of(statuses));
            return this;
        }

        /** Default true. */
        public Builder housingSafe(boolean housingSafe) {
            this.housingSafe = housingSafe;
            return this;
        }

        public Builder medicalExpenseYuan(long yuan) {
            this.medicalExpenseYuan = yuan;
            return this;
        }

        public Builder disasterLossYuan(long yuan) {
            this.disasterLossYuan = yuan;
            return this;
        }

        /** Default: no vehicle, no commercial property, no savings. */
        public Builder assets(Assets assets) {
            this.assets = assets;
            return this;
        }

        /** Default: unrated, no credit line, no loan. */
        public Builder credit(Credit credit) {
            this.credit = credit;
            return this;
        }

        /** @throws FactException naming the field, as the reader would reject the same record */
        public Household build() {
            return new Household(id, villageId, countyId, farming, new ArrayList<>(members), income, statuses,
                    housingSafe, medicalExpenseYuan, disasterLossYuan, assets, credit);
        }
    }
}
