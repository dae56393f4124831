package org.fuyu.policy.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
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
}
