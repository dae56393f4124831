package org.fuyu.policy.examples.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.fuyu.policy.CaseResult;
import org.fuyu.policy.Decision;
import org.fuyu.policy.EvaluationOptions;
import org.fuyu.policy.HouseholdInput;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.facts.Income;
import org.fuyu.policy.facts.Person;
import org.junit.jupiter.api.Test;

/** The embedding snippet of the README, kept compiling and true. */
class EmbeddingExampleTest {

    @Test
    void readmeSnippet() {
        // --- README: embedding ---
        PolicyEngine engine = PolicyEngine.builder()
                .addClasspathPacks()                       // every pack jar on the class path
                .build();                                  // build once; share across threads

        Household household = new Household("H001", "V01", "C01", null,
                List.of(new Person("P1", 45, true, true, false, false, Set.of()),
                        new Person("P2", 43, true, false, false, false, Set.of()),
                        new Person("P3", 12, false, false, false, true, Set.of())),
                new Income(20000, 4000, 0, 3000), Set.of(), null, 0, 0, null, null);

        CaseResult result = engine.evaluate(HouseholdInput.of(household),
                EvaluationOptions.asOf(LocalDate.of(2024, 6, 30)));
        for (Decision d : result.decisions()) {
            System.out.println(d.code() + " " + d.outcome() + " " + d.amountYuan() + " — " + d.citation());
        }
        // --- end ---

        assertThat(result.decisions()).filteredOn(d -> d.code().equals("LOW_INCOME_TOP_UP"))
                .singleElement().satisfies(d -> assertThat(d.amountYuan()).isEqualTo(12000L));
        assertThat(result.decisions()).filteredOn(d -> d.code().equals("EDUCATION_FEE_WAIVER"))
                .singleElement().satisfies(d -> assertThat(d.subjectId()).isEqualTo("P3"));
    }
}
