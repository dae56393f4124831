package org.fuyu.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.fuyu.policy.EvaluationOptions;
import org.fuyu.policy.HouseholdInput;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.facts.Assets;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.facts.HouseholdStatus;
import org.fuyu.policy.facts.Income;
import org.fuyu.policy.facts.Person;
import org.fuyu.policy.reform.Comparison;
import org.fuyu.policy.reform.Reform;
import org.fuyu.policy.reform.ReformComparison;
import org.fuyu.policy.reform.ReformFiles;
import org.fuyu.policy.reform.SubjectChange;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** Properties of comparisons over random populations, with the low-income pack. */
class ReformPropertiesTest {
    static final LocalDate AS_OF = ReformComparisonTest.AS_OF;
    static final PolicyEngine BASELINE = ReformComparisonTest.BASELINE;
    static final PolicyEngine RAISED = ReformComparisonTest.REFORMED;
    /** A reform that restates every baseline value from its effective date: identical to the baseline. */
    static final Reform SAME = identicalReform();
    static final PolicyEngine SAME_ENGINE = SAME.engineBuilder(ReformComparisonTest.PACKS, List.of()).build();

    private static Reform identicalReform() {
        try {
            Path f = Files.createTempFile("same-as-baseline", ".yaml");
            Files.writeString(f, """
                    name: same-as-baseline
                    description: Restates the baseline values; must change nothing.
                    effective: 2025-01-01
                    parameters:
                      low_income.line: 13000
                      monitoring.line_factor: 1.5
                      low_income.medical_premium: 150
                    """);
            return ReformFiles.read(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Comparison compare(PolicyEngine baseline, PolicyEngine reform, Reform r, List<HouseholdInput> population,
                              List<SubjectChange> changes) {
        return ReformComparison.builder(baseline, reform, EvaluationOptions.asOf(AS_OF)).reform(r).batchSize(7).build()
                .compare(population, List.of(), List.of(), changes::add);
    }

    @Property(tries = 40)
    void aReformIdenticalToTheBaselineChangesNothing(@ForAll("populations") List<HouseholdInput> population) {
        List<SubjectChange> changes = new ArrayList<>();
        Comparison c = compare(BASELINE, SAME_ENGINE, SAME, population, changes);

        assertThat(changes).isEmpty();
        assertThat(c.noChange()).isTrue();
        assertThat(c.households().compared()).isEqualTo(population.size());
        assertThat(c.households().sameTotal()).isEqualTo(population.size());
        assertThat(c.households().changed()).isZero();
        assertThat(c.cost().deltaYuan()).isZero();
        assertThat(c.totals()).allSatisfy(t -> {
            assertThat(t.deltaCount()).isZero();
            assertThat(t.deltaYuan()).isZero();
        });
        assertThat(c.byIncomeDecile().stream().mapToLong(Comparison.IncomeBand::households).sum())
                .isEqualTo(population.size());
    }

    @Property(tries = 40)
    void raisingTheLineMakesNoLosersAndTheSumsAgree(@ForAll("populations") List<HouseholdInput> population) {
        List<SubjectChange> changes = new ArrayList<>();
        Comparison c = compare(BASELINE, RAISED, ReformComparisonTest.REFORM, population, changes);

        assertThat(c.households().losers().count()).isZero();
        assertThat(changes).allSatisfy(ch -> assertThat(ch.deltaYuan()).isNotNegative());
        // winners' gains = cost delta = per-code deltas = per-village deltas = per-decile deltas = subject deltas
        long delta = c.cost().deltaYuan();
        assertThat(c.households().winners().deltaYuan()).isEqualTo(delta);
        assertThat(c.totals().stream().mapToLong(Comparison.CodeTotal::deltaYuan).sum()).isEqualTo(delta);
        assertThat(c.byVillage().stream().mapToLong(Comparison.VillageResult::deltaYuan).sum()).isEqualTo(delta);
        assertThat(c.byIncomeDecile().stream().mapToLong(Comparison.IncomeBand::deltaYuan).sum()).isEqualTo(delta);
        assertThat(changes.stream().mapToLong(SubjectChange::deltaYuan).sum()).isEqualTo(delta);
        assertThat(c.households().winners().count() + c.households().sameTotal()).isEqualTo(population.size());
        assertThat(c.subjectsChanged()).isEqualTo(changes.size());
        // not vacuous: most populations have someone between the two lines
        Statistics.label("has winners").collect(c.households().winners().count() > 0);
        Statistics.label("has winners").coverage(check -> check.check(true).percentage(p -> p > 50));
    }

    @Provide
    Arbitrary<List<HouseholdInput>> populations() {
        Arbitrary<Person> person = Combinators.combine(Arbitraries.integers().between(0, 90), Arbitraries.of(true, false),
                Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as((age, labor, employed, school) -> new Person("p", age, labor, employed, false, school, Set.of()));
        Arbitrary<Household> household = Combinators.combine(person.list().ofMinSize(1).ofMaxSize(5),
                Arbitraries.longs().between(0, 90_000), Arbitraries.longs().between(-10_000, 30_000),
                Arbitraries.longs().between(0, 8_000), Arbitraries.subsetOf(HouseholdStatus.values()),
                Arbitraries.of(true, true, false), Arbitraries.of(0L, 0L, 50_000L, 150_000L),
                Arbitraries.longs().between(0, 40_000))
                .as((members, wage, operating, transfer, statuses, safe, vehicle, medical) -> {
                    List<Person> ps = new ArrayList<>();
                    for (int i = 0; i < members.size(); i++) {
                        Person p = members.get(i);
                        ps.add(new Person("p" + i, p.age(), p.laborCapable(), p.employed(), false, p.inSchool(), Set.of()));
                    }
                    return new Household("h", "V" + (wage % 3), null, true, ps, new Income(wage, operating, 0, transfer),
                            statuses, safe, medical, 0, new Assets(vehicle, false, 0), null);
                });
        return household.list().ofMinSize(1).ofMaxSize(25).map(hs -> {
            List<HouseholdInput> out = new ArrayList<>();
            for (int i = 0; i < hs.size(); i++) {
                Household h = hs.get(i);
                out.add(HouseholdInput.of(new Household("h" + i, h.villageId(), null, h.farming(), h.members(), h.income(),
                        h.statuses(), h.housingSafe(), h.medicalExpenseYuan(), h.disasterLossYuan(), h.assets(),
                        h.credit())));
            }
            return out;
        });
    }
}
