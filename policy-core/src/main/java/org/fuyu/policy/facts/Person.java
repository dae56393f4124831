package org.fuyu.policy.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A household member (spec §1 Person). */
public record Person(
        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) Integer age,
        boolean laborCapable,
        boolean employed,
        boolean disabled,
        boolean inSchool,
        Set<PersonCategory> categories) {

    public static final int MAX_AGE = 120;

    public Person {
        FactException.requiredText(id, "id");
        FactException.required(age, "age");
        if (age < 0 || age > MAX_AGE) {
            throw new FactException("age", "expected an age 0–120, got " + age);
        }
        categories = Facts.immutableEnumSet(categories, PersonCategory.class, "categories");
    }

    /** Whether the person has at least one entrepreneur category. */
    public boolean hasAnyCategory() {
        return !categories.isEmpty();
    }

    /** A builder: {@code Person.builder().id("P1").age(45).laborCapable(true).build()}; flags default to false. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Person}. */
    public static final class Builder {
        private String id;
        private Integer age;
        private boolean laborCapable;
        private boolean employed;
        private boolean disabled;
        private boolean inSchool;
        private final Set<PersonCategory> categories = new LinkedHashSet<>();

        private Builder() {
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /** Required, 0–120. */
        public Builder age(int age) {
            this.age = age;
            return this;
        }

        public Builder laborCapable(boolean laborCapable) {
            this.laborCapable = laborCapable;
            return this;
        }

        public Builder employed(boolean employed) {
            this.employed = employed;
            return this;
        }

        public Builder disabled(boolean disabled) {
            this.disabled = disabled;
            return this;
        }

        public Builder inSchool(boolean inSchool) {
            this.inSchool = inSchool;
            return this;
        }

        public Builder category(PersonCategory... categories) {
            this.categories.addAll(List.of(categories));
            return this;
        }

        /** @throws FactException naming the field */
        public Person build() {
            return new Person(id, age, laborCapable, employed, disabled, inSchool, categories);
        }
    }
}
