package org.fuyu.policy.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fuyu.policy.CaseResult;
import org.fuyu.policy.EvaluationOptions;
import org.fuyu.policy.HouseholdInput;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.PolicyRun;
import org.fuyu.policy.examples.generate.PopulationGenerator;
import org.fuyu.policy.packs.RulePacks;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Households decided per second in process, the figure {@code fuyu bench} reports as (a) and (b):
 * a generated county of {@value #HOUSEHOLDS} households in memory, evaluated in batches of
 * {@value #BATCH} through one {@link PolicyRun}; one operation is one household. Run with
 * {@code -t 2} for two threads (JMH then reports the sum).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class EvaluateBenchmark {
    static final int HOUSEHOLDS = 20_000;
    static final int BATCH = 500;

    /** {@code all} (the five shipped packs) or one pack id. */
    @Param({"all", "low-income-relief"})
    public String packs;

    /** Whether denials are explained (every DENIED decision with its failed criteria). */
    @Param({"false"})
    public boolean explainDenials;

    private List<List<HouseholdInput>> batches;
    private PolicyRun run;

    @Setup(Level.Trial)
    public void setUp() {
        List<HouseholdInput> households = new PopulationGenerator(PopulationGenerator.Config.of(HOUSEHOLDS, 20, 1))
                .households(HOUSEHOLDS);
        batches = new ArrayList<>();
        for (int i = 0; i < households.size(); i += BATCH) {
            batches.add(households.subList(i, Math.min(households.size(), i + BATCH)));
        }
        PolicyEngine engine = PolicyEngine.builder()
                .addPacks(packs.equals("all") ? RulePacks.fromClasspath() : RulePacks.fromClasspath(List.of(packs)))
                .build();
        run = engine.newRun(new EvaluationOptions(PopulationGenerator.REFERENCE_DATE, explainDenials));
    }

    @Benchmark
    @OperationsPerInvocation(HOUSEHOLDS)
    public long households() {
        long decisions = 0;
        for (List<HouseholdInput> b : batches) {
            for (CaseResult r : run.evaluate(b)) {
                decisions += r.decisions().size();
            }
        }
        return decisions;
    }

    /** For a quick look without JMH's harness: {@code java -cp benchmarks.jar org.fuyu.policy.bench.EvaluateBenchmark}. */
    public static void main(String[] args) {
        EvaluateBenchmark b = new EvaluateBenchmark();
        b.packs = "all";
        b.setUp();
        System.out.println(b.households() + " decisions for " + HOUSEHOLDS + " households as of " + LocalDate.of(2024, 6, 30));
    }
}
