package org.fuyu.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.fuyu.policy.Decision;
import org.fuyu.policy.EvaluationOptions;
import org.fuyu.policy.HouseholdInput;
import org.fuyu.policy.Outcome;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.PolicyRun;
import org.fuyu.policy.RunResult;
import org.fuyu.policy.SubjectType;
import org.fuyu.policy.facts.CollectiveIncome;
import org.fuyu.policy.facts.Credit;
import org.fuyu.policy.facts.CreditRating;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.facts.Income;
import org.fuyu.policy.facts.Person;
import org.fuyu.policy.facts.SizeClass;
import org.fuyu.policy.facts.Village;
import org.fuyu.policy.packs.RulePacks;
import org.fuyu.policy.params.ParameterFiles;
import org.junit.jupiter.api.Test;

/**
 * County indicators that need more subjects than a YAML case holds comfortably: exact shares
 * over 100 villages, the one-class-per-village property, and counters that must not depend on
 * how households are batched or threaded.
 */
class CountyIndicatorsTest {
    private static final LocalDate AS_OF = LocalDate.of(2024, 6, 30);
    private static final EvaluationOptions OPTIONS = EvaluationOptions.asOf(AS_OF);
    private static final PolicyEngine COLLECTIVE = engine("collective-income");
    private static final PolicyEngine MICRO_LOAN = engine("micro-loan");
    private static final Set<String> CLASSES = Set.of("VILLAGE_HOLLOW", "VILLAGE_WEAK", "VILLAGE_BASIC", "VILLAGE_200K",
            "VILLAGE_500K");

    private static PolicyEngine engine(String... packs) {
        return PolicyEngine.builder().addPacks(RulePacks.fromClasspath(List.of(packs))).build();
    }

    private static Village village(String id, String county, long operating) {
        return new Village(id, county, null, SizeClass.MEDIUM, 1000, new CollectiveIncome(operating, operating), 3);
    }

    /** n villages of county K, the first {@code atThreshold} at exactly {@code threshold}, the rest at 100000. */
    private static List<Village> villages(int n, int atThreshold, long threshold) {
        List<Village> vs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            vs.add(village("v" + i, "K", i < atThreshold ? threshold : 100_000));
        }
        return vs;
    }

    private static Decision county(RunResult r, String code) {
        return r.decisions().stream().filter(d -> d.subjectType() == SubjectType.COUNTY && d.code().equals(code))
                .findFirst().orElseThrow(() -> new AssertionError("no " + code + " in " + r.decisions()));
    }

    @Test
    void fortyThreeOfAHundredVillagesIsNotMoreThanPointFortyThree() {
        RunResult r43 = COLLECTIVE.evaluateAll(List.of(), villages(100, 43, 200_000), List.of(), OPTIONS);
        Decision missed = county(r43, "COUNTY_SHARE_200K");
        assertThat(missed.outcome()).isEqualTo(Outcome.TARGET_MISSED);
        assertThat(missed.reasons().get(0).actual()).isEqualTo(new BigDecimal("0.43"));
        assertThat(missed.reasons().get(0).parameter()).isEqualTo("collective.county_share_200k");

        RunResult r44 = COLLECTIVE.evaluateAll(List.of(), villages(100, 44, 200_000), List.of(), OPTIONS);
        assertThat(county(r44, "COUNTY_SHARE_200K").outcome()).isEqualTo(Outcome.TARGET_MET);
    }

    @Test
    void fifteenOfAHundredVillagesIsNotMoreThanPointFifteen() {
        RunResult r15 = COLLECTIVE.evaluateAll(List.of(), villages(100, 15, 500_000), List.of(), OPTIONS);
        assertThat(county(r15, "COUNTY_SHARE_500K").outcome()).isEqualTo(Outcome.TARGET_MISSED);
        assertThat(county(r15, "COUNTY_SHARE_500K").reasons().get(0).actual()).isEqualTo(new BigDecimal("0.15"));
        RunResult r16 = COLLECTIVE.evaluateAll(List.of(), villages(100, 16, 500_000), List.of(), OPTIONS);
        assertThat(county(r16, "COUNTY_SHARE_500K").outcome()).isEqualTo(Outcome.TARGET_MET);
    }

    @Test
    void workedExampleFiveSharesAreHalfAndAThird() {
        List<Village> vs = new ArrayList<>();
        long[] operating = {0, 30_000, 120_000, 250_000, 600_000, 800_000};
        for (int i = 0; i < operating.length; i++) {
            vs.add(village("v" + i, "K", operating[i]));
        }
        RunResult r = COLLECTIVE.evaluateAll(List.of(), vs, List.of(), OPTIONS);
        assertThat(county(r, "COUNTY_SHARE_200K").reasons().get(0).actual()).isEqualTo(new BigDecimal("0.5"));
        assertThat(county(r, "COUNTY_SHARE_500K").reasons().get(0).actual()).isEqualTo(new BigDecimal("0.3333"));
        assertThat(county(r, "COUNTY_NO_HOLLOW").reasons().get(0).actual()).isEqualTo(1L);
        assertThat(r.decisions().stream().filter(d -> d.code().equals("COLLECTIVE_SUPPORT_LOAN"))
                .map(Decision::subjectId)).containsExactlyInAnyOrder("v0", "v1");
    }

    @Property(tries = 40)
    void everyVillageGetsExactlyOneClassAndTheSharesAreExact(
            @ForAll @Size(min = 1, max = 30) List<@LongRange(min = 0, max = 900_000) Long> incomes,
            @ForAll @IntRange(min = 0, max = 3) int boundaryShift) {
        long[] boundaries = {0, 50_000, 200_000, 500_000};
        List<Village> vs = new ArrayList<>();
        for (int i = 0; i < incomes.size(); i++) {
            // every third village sits exactly on (or one yuan below) a class boundary
            long op = i % 3 == 0 ? Math.max(0, boundaries[(i / 3 + boundaryShift) % 4] - (i % 2)) : incomes.get(i);
            vs.add(village("v" + i, "K", op));
        }
        RunResult r = COLLECTIVE.evaluateAll(List.of(), vs, List.of(), OPTIONS);
        Map<String, List<String>> classes = r.decisions().stream().filter(d -> CLASSES.contains(d.code()))
                .collect(Collectors.groupingBy(Decision::subjectId, Collectors.mapping(Decision::code, Collectors.toList())));
        assertThat(classes).hasSize(vs.size());
        classes.values().forEach(c -> assertThat(c).hasSize(1));
        long strong = vs.stream().filter(v -> v.collectiveIncome().operating() >= 200_000).count();
        boolean met = strong * 100 > 43L * vs.size();
        assertThat(county(r, "COUNTY_SHARE_200K").outcome()).isEqualTo(met ? Outcome.TARGET_MET : Outcome.TARGET_MISSED);
    }

    @Test
    void villageClassBoundsOutOfOrderAreRejectedWhenTheEngineIsBuilt() {
        // weak_below above the 200k threshold would leave a gap and an overlap in the village
        // classification table from 2024-01-01: the engine refuses the override, naming the table rows.
        String yaml = """
                collective.weak_below:
                  values:
                    2024-01-01: 300000
                """;
        PolicyEngine.Builder bad = PolicyEngine.builder().addPacks(RulePacks.fromClasspath(List.of("collective-income")))
                .overrideParameters(ParameterFiles.read("override.yaml",
                        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))));
        org.assertj.core.api.Assertions.assertThatThrownBy(bad::build)
                .isInstanceOfSatisfying(org.fuyu.policy.PolicyException.class, e -> assertThat(e.problems())
                        .isNotEmpty()
                        .allSatisfy(p -> assertThat(p.file()).endsWith("village-classification.table.csv"))
                        .anySatisfy(p -> assertThat(p.message()).contains("2024-01-01")));
    }

    /** Household i: farming, one member aged 40; every 5th rated C (no line), every 7th with an existing line below 30000. */
    private static HouseholdInput borrower(int i) {
        CreditRating rating = i % 5 == 0 ? CreditRating.C : CreditRating.values()[i % 3];
        long existing = i % 7 == 0 ? 10_000 : 30_000 + (i % 4) * 10_000;
        Household h = new Household("h" + i, "v", "K", true,
                List.of(new Person("p" + i, 40, true, true, false, false, Set.of())),
                new Income(60_000, 0, 0, 0), Set.of(), true, 0, 0, null,
                new Credit(rating, false, false, existing, 0));
        return HouseholdInput.of(h);
    }

    @Test
    void creditCoverageIsCountedWhileHouseholdsStreamWhateverTheBatchesAndThreads() throws Exception {
        int n = 2_000;
        long granted = 0;
        long covered = 0;
        List<HouseholdInput> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(borrower(i));
            if (i % 5 != 0) {
                granted++;
                if (i % 7 != 0) {
                    covered++;
                }
            }
        }
        // all households in one call
        RunResult whole = MICRO_LOAN.evaluateAll(all, List.of(), List.of(), OPTIONS);
        Decision once = county(whole, "COUNTY_CREDIT_COVERAGE");
        assertThat(once.outcome()).isEqualTo(Outcome.TARGET_MISSED);
        BigDecimal expectedShare = BigDecimal.valueOf(covered).divide(BigDecimal.valueOf(granted), 4,
                java.math.RoundingMode.HALF_UP).stripTrailingZeros();
        assertThat(once.reasons().get(0).actual()).isEqualTo(expectedShare);

        // batches of 7 households on two threads
        PolicyRun run = MICRO_LOAN.newRun(OPTIONS);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int from = 0; from < n; from += 7) {
                List<HouseholdInput> batch = all.subList(from, Math.min(n, from + 7));
                done.add(pool.submit(() -> run.evaluate(batch)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        Decision streamed = county(run.finish(), "COUNTY_CREDIT_COVERAGE");
        assertThat(streamed).isEqualTo(once);
    }

    @Test
    void fullCoverageIsMet() {
        List<HouseholdInput> all = new ArrayList<>();
        for (int i = 1; i < 200; i++) {
            if (i % 7 != 0) {
                all.add(borrower(i));
            }
        }
        Decision d = county(MICRO_LOAN.evaluateAll(all, List.of(), List.of(), OPTIONS), "COUNTY_CREDIT_COVERAGE");
        assertThat(d.outcome()).isEqualTo(Outcome.TARGET_MET);
        assertThat(d.reasons().get(0).actual()).isEqualTo(BigDecimal.ONE);
    }
}
