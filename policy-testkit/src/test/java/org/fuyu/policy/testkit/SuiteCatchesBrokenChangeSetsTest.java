package org.fuyu.policy.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.fuyu.policy.CaseResult;
import org.fuyu.policy.HouseholdInput;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.WhatWouldChange;
import org.fuyu.policy.WhatWouldChange.Change;
import org.fuyu.policy.WhatWouldChange.ChangeSet;
import org.fuyu.policy.WhatWouldChange.Kind;
import org.fuyu.policy.facts.Assets;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.facts.Person;
import org.junit.jupiter.api.Test;

/**
 * The what-would-change property fails on a change-set generator broken each way it guards against:
 * a set that does not grant, a set with a superfluous change, and a set that changes an immutable fact.
 * The household is spec example 2's with savings above the maximum too (1 member, wage 10000,
 * vehicle 120000 > 100000, savings 30000 > 26000): its top-up needs both assets lowered.
 */
class SuiteCatchesBrokenChangeSetsTest {
    static final LocalDate AS_OF = LocalDate.of(2024, 6, 30);
    static final HouseholdInput CASE = HouseholdInput.of(Household.builder().id("h1").villageId("v1")
            .member(Person.builder().id("p1").age(40).laborCapable(true).employed(true).build())
            .income(10000, 0, 0, 0).assets(new Assets(120000, false, 30000)).build());

    /** The shipped packs' suite with the generator's change sets for LOW_INCOME_TOP_UP rewritten. */
    static final class Broken extends PolicyPropertySuite {
        private final UnaryOperator<List<Change>> breakIt;

        Broken(UnaryOperator<List<Change>> breakIt) {
            this.breakIt = breakIt;
        }

        @Override
        protected PolicyEngine engine() {
            return ShippedPacksPropertiesTest.ENGINE;
        }

        @Override
        protected CaseResult whatWouldChange(HouseholdInput in, LocalDate asOf) {
            CaseResult r = super.whatWouldChange(in, asOf);
            List<WhatWouldChange> ws = new ArrayList<>();
            for (WhatWouldChange w : r.whatWouldChange()) {
                if (w.code().equals("LOW_INCOME_TOP_UP") && !w.changeSets().isEmpty()) {
                    List<ChangeSet> sets = new ArrayList<>();
                    w.changeSets().forEach(s -> sets.add(new ChangeSet(breakIt.apply(new ArrayList<>(s.changes())))));
                    w = new WhatWouldChange(w.subjectType(), w.subjectId(), w.code(), sets, w.cannot(), w.margins());
                }
                ws.add(w);
            }
            return r.withWhatWouldChange(ws);
        }
    }

    @Test
    void theRealGeneratorPasses() {
        CaseResult r = new Broken(UnaryOperator.identity()).whatWouldChange(CASE, AS_OF);
        assertThat(r.whatWouldChange().stream().filter(w -> w.code().equals("LOW_INCOME_TOP_UP")).findFirst()
                .orElseThrow().changeSets()).hasSize(1);
        new Broken(UnaryOperator.identity()).checkChangeSets(CASE, AS_OF);
    }

    @Test
    void aSetThatDoesNotGrantIsCaught() {
        assertThatThrownBy(() -> new Broken(cs -> cs.subList(0, 1)).checkChangeSets(CASE, AS_OF))
                .isInstanceOf(PolicyPropertyFailure.class)
                .hasMessageContaining("LOW_INCOME_TOP_UP change set [assets.savingsYuan: 30000 → at most 26000] does not grant it");
    }

    @Test
    void aSetWithASuperfluousChangeIsCaught() {
        assertThatThrownBy(() -> new Broken(cs -> {
            cs.add(new Change("income.property", 0L, Kind.AT_LEAST, 1L));
            return cs;
        }).checkChangeSets(CASE, AS_OF)).isInstanceOf(PolicyPropertyFailure.class).hasMessageContaining("is not minimal");
    }

    @Test
    void aSetWithAnImmutableFactIsCaught() {
        assertThatThrownBy(() -> new Broken(cs -> {
            cs.add(new Change("statuses", null, Kind.ADD, "MINIMUM_LIVING"));
            return cs;
        }).checkChangeSets(CASE, AS_OF)).isInstanceOf(PolicyPropertyFailure.class)
                .hasMessageContaining("changes statuses, which pack low-income-relief does not declare mutable");
    }
}
