package org.fuyu.policy.examples.bench;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fuyu.policy.CaseResult;
import org.fuyu.policy.EvaluationOptions;
import org.fuyu.policy.HouseholdInput;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.PolicyRun;
import org.fuyu.policy.RunResult;
import org.fuyu.policy.facts.Assets;
import org.fuyu.policy.facts.Business;
import org.fuyu.policy.facts.BusinessKind;
import org.fuyu.policy.facts.CollectiveIncome;
import org.fuyu.policy.facts.County;
import org.fuyu.policy.facts.Credit;
import org.fuyu.policy.facts.CreditRating;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.facts.HouseholdStatus;
import org.fuyu.policy.facts.Income;
import org.fuyu.policy.facts.Person;
import org.fuyu.policy.facts.PersonCategory;
import org.fuyu.policy.facts.Sector;
import org.fuyu.policy.facts.SizeClass;
import org.fuyu.policy.facts.Village;
import org.fuyu.policy.packs.RulePacks;

/**
 * Households per second of the low-income pack alone versus all five shipped packs together,
 * on the same generated households, in one JVM. Not a test (nothing here may fail on time):
 * run it by hand after {@code mvn -B -ntp -q -pl policy-examples -am package -DskipTests}:
 * <pre>
 * java -cp policy-examples/target/fuyu.jar:policy-examples/target/test-classes \
 *     org.fuyu.policy.examples.bench.PackThroughputBench [households] [repetitions]
 * </pre>
 * Households are generated in memory from a fixed seed (no file I/O is timed), streamed through a
 * {@link PolicyRun} in batches of 2,000 on 1 and 2 threads, and the run is finished (villages and
 * counties decided). Each configuration is warmed up twice, then timed {@code repetitions} times,
 * the configurations taking turns; the median is reported, as households per wall-clock second and
 * per CPU-second of the whole process (less sensitive to other load on a shared machine).
 */
public final class PackThroughputBench {
    static final LocalDate AS_OF = LocalDate.of(2024, 6, 30);
    static final int BATCH = 2_000;
    static final int COUNTIES = 4;
    static final int VILLAGES_PER_COUNTY = 25;

    private PackThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<Village> villages = villages();
        List<County> counties = counties();
        List<HouseholdInput> households = households(n, 42L);
        long businesses = households.stream().mapToLong(h -> h.businesses().size()).sum();
        System.out.printf("%d households (%d members, %d businesses), %d villages, %d County facts; JDK %s, %d cores%n",
                n, households.stream().mapToLong(h -> h.household().memberCount()).sum(), businesses,
                villages.size(), counties.size(), Runtime.version(), Runtime.getRuntime().availableProcessors());

        PolicyEngine lowIncome = PolicyEngine.builder()
                .addPacks(RulePacks.fromClasspath(List.of("low-income-relief"))).build();
        PolicyEngine all = PolicyEngine.builder().addPacks(RulePacks.fromClasspath(List.of("low-income-relief",
                "entrepreneurship-grants", "collective-income", "micro-loan", "prosperity-targets"))).build();

        // The configurations take turns, so load from other processes on the machine falls on all alike.
        record Config(String name, PolicyEngine engine, int threads) {
        }
        List<Config> configs = List.of(new Config("low-income-relief", lowIncome, 1), new Config("all five", all, 1),
                new Config("low-income-relief", lowIncome, 2), new Config("all five", all, 2));
        long[] decisions = new long[configs.size()];
        for (int w = 0; w < 2; w++) {
            for (int i = 0; i < configs.size(); i++) {
                decisions[i] = run(configs.get(i).engine(), households, villages, counties, configs.get(i).threads())[1];
            }
        }
        double[][] wall = new double[configs.size()][reps];
        double[][] cpu = new double[configs.size()][reps];
        for (int r = 0; r < reps; r++) {
            for (int i = 0; i < configs.size(); i++) {
                long[] res = run(configs.get(i).engine(), households, villages, counties, configs.get(i).threads());
                wall[i][r] = n / (res[0] / 1e9);
                cpu[i][r] = n / (res[2] / 1e9);
            }
        }
        System.out.printf("%-18s %7s %14s %16s %11s  %s%n", "packs", "threads", "households/s", "per CPU-second",
                "decisions", "runs (households/s)");
        for (int i = 0; i < configs.size(); i++) {
            System.out.printf("%-18s %7d %,14.0f %,16.0f %,11d  %s%n", configs.get(i).name(), configs.get(i).threads(),
                    median(wall[i]), median(cpu[i]), decisions[i],
                    Arrays.stream(wall[i]).mapToObj(x -> String.format("%,.0f", x)).toList());
        }
    }

    private static double median(double[] xs) {
        double[] sorted = xs.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    /** One run: {wall nanoseconds, decisions, process CPU nanoseconds (all threads, GC and JIT included)}. */
    static long[] run(PolicyEngine engine, List<HouseholdInput> households, List<Village> villages,
                      List<County> counties, int threads) throws Exception {
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        PolicyRun run = engine.newRun(EvaluationOptions.asOf(AS_OF));
        run.addVillages(villages);
        run.addCounties(counties);
        long decisions = 0;
        if (threads == 1) {
            for (int from = 0; from < households.size(); from += BATCH) {
                decisions += count(run.evaluate(households.subList(from, Math.min(households.size(), from + BATCH))));
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<List<CaseResult>>> futures = new ArrayList<>();
                for (int from = 0; from < households.size(); from += BATCH) {
                    List<HouseholdInput> batch = households.subList(from, Math.min(households.size(), from + BATCH));
                    futures.add(pool.submit(() -> run.evaluate(batch)));
                }
                for (Future<List<CaseResult>> f : futures) {
                    decisions += count(f.get());
                }
            } finally {
                pool.shutdown();
            }
        }
        RunResult counties2 = run.finish();
        decisions += count(counties2.cases());
        long wallNanos = System.nanoTime() - start;
        return new long[] {wallNanos, decisions, os.getProcessCpuTime() - cpuStart};
    }

    private static long count(List<CaseResult> results) {
        long n = 0;
        for (CaseResult r : results) {
            if (r.failed()) {
                throw new IllegalStateException(r.subjectId() + ": " + r.error());
            }
            n += r.decisions().size();
        }
        return n;
    }

    static List<Village> villages() {
        SplittableRandom rnd = new SplittableRandom(7);
        long[] operating = {0, 30_000, 120_000, 250_000, 600_000};
        List<Village> vs = new ArrayList<>();
        for (int c = 0; c < COUNTIES; c++) {
            for (int v = 0; v < VILLAGES_PER_COUNTY; v++) {
                long op = operating[rnd.nextInt(operating.length)] + (rnd.nextInt(2) == 0 ? 0 : rnd.nextInt(50_000));
                vs.add(new Village(villageId(c, v), countyId(c), null, SizeClass.values()[rnd.nextInt(3)],
                        300 + rnd.nextInt(3000), new CollectiveIncome(op, op + rnd.nextInt(200_000)), rnd.nextInt(8)));
            }
        }
        return vs;
    }

    /** County facts for every county but the last (which shows the "no County fact" path). */
    static List<County> counties() {
        List<County> cs = new ArrayList<>();
        for (int c = 0; c < COUNTIES - 1; c++) {
            cs.add(new County(countyId(c), 35_200L - c * 1_000, 31_500L, 64_800L, 24_100L + c * 500, 20_300L,
                    5_820_000_000L, 4_950_000_000L - c * 100_000_000L));
        }
        return cs;
    }

    static String countyId(int c) {
        return "C" + (c + 1);
    }

    static String villageId(int c, int v) {
        return "C" + (c + 1) + "V" + (v + 1);
    }

    /**
     * Deterministic households: 1–6 members, incomes spread so that about one in six is below the
     * low-income line, statuses, credit ratings and existing lines, and a business for about one
     * household in twelve.
     */
    static List<HouseholdInput> households(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        PersonCategory[] categories = PersonCategory.values();
        CreditRating[] ratings = CreditRating.values();
        HouseholdStatus[] statuses = HouseholdStatus.values();
        Sector[] sectors = Sector.values();
        BusinessKind[] kinds = BusinessKind.values();
        List<HouseholdInput> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String id = "H" + i;
            int c = rnd.nextInt(COUNTIES);
            String village = villageId(c, rnd.nextInt(VILLAGES_PER_COUNTY));
            int size = 1 + rnd.nextInt(6);
            List<Person> members = new ArrayList<>(size);
            for (int m = 0; m < size; m++) {
                int age = m < 2 ? 20 + rnd.nextInt(60) : rnd.nextInt(90);
                Set<PersonCategory> cats = rnd.nextInt(10) == 0 ? EnumSet.of(categories[rnd.nextInt(categories.length)])
                        : Set.of();
                members.add(new Person(id + "P" + m, age, age >= 16 && age <= 65 && rnd.nextInt(5) > 0,
                        age >= 16 && rnd.nextInt(3) > 0, rnd.nextInt(30) == 0, age >= 6 && age <= 22 && rnd.nextInt(2) == 0,
                        cats));
            }
            long perCapita = 5_000 + rnd.nextInt(45_000);
            long total = perCapita * size;
            long wage = total * (40 + rnd.nextInt(40)) / 100;
            long operating = (total - wage) * rnd.nextInt(80) / 100;
            long transfer = total - wage - operating;
            Set<HouseholdStatus> st = rnd.nextInt(8) == 0 ? EnumSet.of(statuses[rnd.nextInt(statuses.length)]) : Set.of();
            Household h = new Household(id, village, null, rnd.nextInt(10) > 0, members,
                    new Income(wage, operating, 0, transfer), st, rnd.nextInt(20) > 0,
                    rnd.nextInt(10) == 0 ? rnd.nextInt(60_000) : 0, rnd.nextInt(25) == 0 ? rnd.nextInt(40_000) : 0,
                    new Assets(rnd.nextInt(6) == 0 ? rnd.nextInt(200_000) : 0, rnd.nextInt(30) == 0,
                            rnd.nextInt(100_000)),
                    new Credit(ratings[rnd.nextInt(ratings.length)], rnd.nextInt(25) == 0, rnd.nextInt(50) == 0,
                            rnd.nextInt(3) == 0 ? 0 : 10_000 * (1 + rnd.nextInt(10)), rnd.nextInt(4) == 0 ? rnd.nextInt(80_000) : 0));
            List<Business> bs = new ArrayList<>();
            if (rnd.nextInt(12) == 0) {
                bs.add(new Business(id + "B", members.get(0).id(), id, village, sectors[rnd.nextInt(sectors.length)],
                        kinds[rnd.nextInt(kinds.length)], AS_OF.minusDays(rnd.nextInt(2_000)), rnd.nextInt(60),
                        rnd.nextInt(15), rnd.nextInt(6), BigDecimal.valueOf(rnd.nextInt(300)), rnd.nextInt(5) == 0));
            }
            out.add(new HouseholdInput(h, bs));
        }
        return out;
    }
}
