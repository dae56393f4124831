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

    /** A builder: {@code Village.builder().id("V01").countyId("C01").build()}; size MEDIUM, counts 0 unless set. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Village}. */
    public static final class Builder {
        private String id;
        private String countyId;
        private String name;
        private SizeClass sizeClass;
        private int population;
        private CollectiveIncome collectiveIncome;
        private int newAgriculturalEntities;

        private Builder() {
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder countyId(String countyId) {
            this.countyId = countyId;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder sizeClass(SizeClass sizeClass) {
            this.sizeClass = sizeClass;
            return this;
        }

        public Builder population(int population) {
            this.population = population;
            return this;
        }

        public Builder collectiveIncome(CollectiveIncome collectiveIncome) {
            this.collectiveIncome = collectiveIncome;
            return this;
        }

        /** Collective income from operations and in total, whole yuan per year. */
        public Builder collectiveIncome(long operating, long total) {
            return collectiveIncome(new CollectiveIncome(operating, total));
        }

        public Builder newAgriculturalEntities(int count) {
            this.newAgriculturalEntities = count;
            return this;
        }

        /** @throws FactException naming the field */
        public Village build() {
            return new Village(id, countyId, name, sizeClass, population, collectiveIncome, newAgriculturalEntities);
        }
    }
}
