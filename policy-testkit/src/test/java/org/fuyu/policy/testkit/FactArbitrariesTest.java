package org.fuyu.policy.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.fuyu.policy.HouseholdInput;
import org.fuyu.policy.facts.Business;
import org.fuyu.policy.facts.County;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.facts.Person;
import org.fuyu.policy.facts.Village;

/**
 * The arbitraries make valid facts that land on the thresholds of the low-income pack's
 * parameters often. Fixed seeds: the statistics checks are deterministic.
 */
class FactArbitrariesTest {
    static final LocalDate AS_OF = LocalDate.of(2024, 6, 30);
    final FactArbitraries facts = FactArbitraries.of(ThresholdsTest.LOW_INCOME, AS_OF);

    @Provide
    Arbitrary<Household> households() {
        return facts.households();
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        return facts.scenarios();
    }

    @Provide
    Arbitrary<Person> persons() {
        return facts.persons();
    }

    @Property(tries = 2000, seed = "20240630")
    void perCapitaIncomeLandsJustBelowAtAndJustAboveTheLine(@ForAll("households") Household h) {
        long line = 13_000L * h.memberCount();
        long total = h.totalIncome();
        String where = total == line - 1 ? "line − 1" : total == line ? "at line" : total == line + 1 ? "line + 1"
                : total * 2 == line * 3 ? "at 1.5 × line" : "elsewhere";
        Statistics.label("total vs line × members").collect(where).coverage(c -> {
            c.check("line − 1").percentage(p -> p >= 3);
            c.check("at line").percentage(p -> p >= 3);
            c.check("line + 1").percentage(p -> p >= 3);
            c.check("at 1.5 × line").percentage(p -> p >= 1);
            c.check("elsewhere").percentage(p -> p >= 30);
        });
        long vehicle = h.assets().vehicleValueYuan();
        Statistics.label("vehicle vs max").collect(vehicle >= 99_999 && vehicle <= 100_001 ? "at max ± 1" : "other")
                .coverage(c -> c.check("at max ± 1").percentage(p -> p >= 1));
        long savingsLimit = 26_000L * h.memberCount();
        long savings = h.assets().savingsYuan();
        Statistics.label("savings vs limit").collect(Math.abs(savings - savingsLimit) <= 1 ? "at limit ± 1" : "other")
                .coverage(c -> c.check("at limit ± 1").percentage(p -> p >= 1));
        long half = Math.max(0, total) / 2;
        Statistics.label("medical vs half the income").collect(total > 0 && Math.abs(h.medicalExpenseYuan() - half) <= 1
                ? "at share ± 1" : "other").coverage(c -> c.check("at share ± 1").percentage(p -> p >= 1));
    }

    @Property(tries = 2000, seed = "6")
    void agesLandOnTheEducationAndWorkingAgeBounds(@ForAll("persons") Person p) {
        Statistics.label("age").collect(switch (p.age()) {
            case 5, 6, 7, 21, 22, 23 -> "education bound ± 1";
            case 15, 16, 17, 59, 60, 61 -> "working age bound ± 1";
            default -> "other";
        }).coverage(c -> {
            c.check("education bound ± 1").percentage(x -> x >= 5);
            c.check("working age bound ± 1").percentage(x -> x >= 5);
        });
        assertThat(p.age()).isBetween(0, Person.MAX_AGE);
    }

    @Property(tries = 300)
    void scenariosHoldTogether(@ForAll("scenarios") Scenario s) {
        Set<String> villages = new HashSet<>();
        for (Village v : s.villages()) {
            assertThat(villages.add(v.id())).isTrue();
            assertThat(v.countyId()).isIn("C1", "C2");
        }
        Set<String> ids = new HashSet<>();
        for (HouseholdInput in : s.households()) {
            Household h = in.household();
            assertThat(ids.add(h.id())).isTrue();
            assertThat(villages).contains(h.villageId());
            assertThat(h.members()).hasSizeBetween(1, FactArbitraries.MAX_MEMBERS);
            h.members().forEach(m -> assertThat(ids.add(m.id())).as("person ids unique in the scenario").isTrue());
            for (Business b : in.businesses()) {
                assertThat(ids.add(b.id())).isTrue();
                assertThat(b.householdId()).isEqualTo(h.id());
                assertThat(b.villageId()).isEqualTo(h.villageId());
                assertThat(h.members()).extracting(Person::id).contains(b.ownerId());
                assertThat(b.landAreaMu()).isGreaterThanOrEqualTo(BigDecimal.ZERO);
            }
        }
        assertThat(s.households()).hasSizeBetween(1, FactArbitraries.MAX_HOUSEHOLDS);
        assertThat(s.counties()).extracting(County::id).doesNotHaveDuplicates().allMatch(id -> id.matches("C[12]"));
        // the low-income parameters all start 2022-01-01: cases fall on the default date or on that one
        assertThat(s.asOf()).isIn(AS_OF, LocalDate.of(2022, 1, 1));
    }

    @Property(tries = 300)
    void minimalJsonReadsBackToTheSameFact(@ForAll("scenarios") Scenario s) {
        for (HouseholdInput in : s.households()) {
            assertThat(FactJson.read(FactJson.minimal(in.household()), Household.class)).isEqualTo(in.household());
            for (Business b : in.businesses()) {
                assertThat(FactJson.read(FactJson.minimal(b), Business.class)).isEqualTo(b);
            }
        }
        for (Village v : s.villages()) {
            assertThat(FactJson.read(FactJson.minimal(v), Village.class)).isEqualTo(v);
        }
        for (County c : s.counties()) {
            assertThat(FactJson.read(FactJson.minimal(c), County.class)).isEqualTo(c);
        }
        assertThat(s.readBack()).isEqualTo(s);
    }

    @Property(tries = 200)
    void shufflingKeepsTheSameFacts(@ForAll("scenarios") Scenario s, @ForAll long seed) {
        Scenario t = s.shuffled(seed);
        assertThat(t.households()).hasSameSizeAs(s.households());
        assertThat(t.ids(org.fuyu.policy.SubjectType.PERSON)).containsExactlyInAnyOrderElementsOf(
                s.ids(org.fuyu.policy.SubjectType.PERSON));
        assertThat(t.villages()).containsExactlyInAnyOrderElementsOf(s.villages());
        assertThat(t.businesses()).containsExactlyInAnyOrderElementsOf(s.businesses());
    }

    @net.jqwik.api.Example
    void minimalJsonLeavesOutDefaults() {
        Household h = new Household("h1", "v1", null, true, List.of(new Person("p1", 30, false, false, false, false,
                Set.of())), null, null, false, 0, 0, null, null);
        assertThat(FactJson.minimalLine(h)).isEqualTo(
                "{\"id\":\"h1\",\"villageId\":\"v1\",\"members\":[{\"id\":\"p1\",\"age\":30}],\"housingSafe\":false}");
    }

    @net.jqwik.api.Example
    void datesAreTheDefaultOrAnEffectiveDateWithEveryParameterInForce() {
        assertThat(facts.asOfs().sampleStream().limit(500).distinct().toList())
                .containsExactlyInAnyOrder(AS_OF, LocalDate.of(2022, 1, 1));
    }
}
