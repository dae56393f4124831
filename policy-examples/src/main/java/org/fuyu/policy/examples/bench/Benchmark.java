package org.fuyu.policy.examples.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.fuyu.policy.CaseResult;
import org.fuyu.policy.EvaluationOptions;
import org.fuyu.policy.HouseholdInput;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.PolicyRun;
import org.fuyu.policy.evaluation.HouseholdCase;
import org.fuyu.policy.examples.generate.PopulationGenerator;
import org.fuyu.policy.io.DirectoryEvaluation;
import org.fuyu.policy.packs.RulePack;
import org.fuyu.policy.packs.RulePacks;

/**
 * One benchmark run on one generated population: engine build times, then in-process
 * throughput of (a) Fuyu with the low-income pack, (b) Fuyu with every pack on the class path,
 * (c) Drools fired directly on the same low-income DRL and (d) the low-income pack written in
 * plain Java, on one thread and on all threads; a batch-size sweep; and {@code evaluate} end to
 * end from JSON Lines to JSON Lines. Rates are households per second of wall time (median of
 * the measured rounds) and per second of process CPU time (which a busy shared machine does
 * not distort).
 */
public final class Benchmark {
    static final String LOW_INCOME = "low-income-relief";

    /** What to run. */
    public record Config(int households, int threads, int batchSize, long seed, int warmupRounds, int rounds,
                         List<Integer> batchSizes, int sweepHouseholds, long endToEndHouseholds, Path workDir,
                         LocalDate asOf, int rebuilds, List<String> freshCommand, int whatWouldChangeHouseholds) {
        /**
         * @param freshCommand the command that starts the CLI in a new JVM (java, its options, the main
         *     class), to time {@code evaluate} as a user runs it; empty to skip those runs
         */
        public Config {
            freshCommand = List.copyOf(freshCommand);
        }

        public Config(int households, int threads, int batchSize, long seed, int warmupRounds, int rounds,
                      List<Integer> batchSizes, int sweepHouseholds, long endToEndHouseholds, Path workDir,
                      LocalDate asOf, int rebuilds, List<String> freshCommand) {
            this(households, threads, batchSize, seed, warmupRounds, rounds, batchSizes, sweepHouseholds,
                    endToEndHouseholds, workDir, asOf, rebuilds, freshCommand, 0);
        }
    }

    /** One measured configuration. */
    public record Row(String label, String engine, int batchSize, int threads, long households, double wallRate,
                      double cpuRate, double decisionsPerHousehold, long peakHeapUsed, long peakHeapAfterGc) {
    }

    /** Everything one run measured. */
    public record Result(Config config, String jvm, int cores, long maxHeap, double loadBefore, double loadAfter,
                         List<String> packs, double coldBuildMs, double jvmStartToEngineMs, double rebuildMedianMs,
                         double rebuildMinMs, double lowIncomeBuildMs, List<Row> inProcess, List<Row> sweep,
                         List<Row> endToEnd, long peakHeapUsed, long peakHeapAfterGc, List<Row> whatWouldChange) {

        public Row row(String engine, int threads) {
            return inProcess.stream().filter(r -> r.engine().equals(engine) && r.threads() == threads).findFirst()
                    .orElse(null);
        }
    }

    /** Evaluates one batch and says how many decisions it made. */
    @FunctionalInterface
    interface BatchEval {
        long evaluate(List<HouseholdInput> batch);
    }

    private final Config config;
    private final PrintStream log;
    private final HeapWatch heap;

    private Benchmark(Config config, PrintStream log, HeapWatch heap) {
        this.config = config;
        this.log = log;
        this.heap = heap;
    }

    public static Result run(Config config, PrintStream log) throws IOException {
        try (HeapWatch heap = new HeapWatch()) {
            return new Benchmark(config, log, heap).run();
        }
    }

    private Result run() throws IOException {
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        EvaluationOptions options = EvaluationOptions.asOf(config.asOf());

        // engine builds: the first one in this JVM is the cold one
        long t0 = System.nanoTime();
        List<RulePack> all = RulePacks.fromClasspath();
        PolicyEngine allPacks = PolicyEngine.builder().addPacks(all).build();
        double cold = ms(System.nanoTime() - t0);
        double sinceStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        log.printf("cold build of %d pack(s) %s: %.0f ms (%.0f ms after JVM start)%n", all.size(),
                all.stream().map(RulePack::id).toList(), cold, sinceStart);
        double[] rebuilds = new double[Math.max(1, config.rebuilds())];
        for (int i = 0; i < rebuilds.length; i++) {
            long s = System.nanoTime();
            PolicyEngine.builder().addPacks(RulePacks.fromClasspath()).build();
            rebuilds[i] = ms(System.nanoTime() - s);
        }
        Arrays.sort(rebuilds);
        long s = System.nanoTime();
        RulePack lowIncomePack = RulePacks.fromClasspath(List.of(LOW_INCOME)).get(0);
        PolicyEngine lowIncome = PolicyEngine.builder().addPack(lowIncomePack).build();
        double lowIncomeBuild = ms(System.nanoTime() - s);
        log.printf("rebuild of all packs: median %.0f ms, min %.0f ms over %d; low-income pack alone %.0f ms%n",
                rebuilds[rebuilds.length / 2], rebuilds[0], rebuilds.length, lowIncomeBuild);

        PopulationGenerator generator = new PopulationGenerator(PopulationGenerator.Config.of(config.households(),
                Math.max(1, config.households() / 1000), config.seed()));
        List<HouseholdInput> households = generator.households(config.households());
        log.printf("generated %,d households in memory%n", households.size());

        DirectDrools direct = DirectDrools.compile(lowIncomePack, config.asOf());
        PlainLowIncomeRelief plain = new PlainLowIncomeRelief(lowIncomePack.parameters().at(config.asOf()),
                lowIncomePack.version(), false);

        record Candidate(String label, String engine, EvalFactory factory) {
        }
        List<Candidate> candidates = List.of(
                new Candidate("(a) Fuyu, low-income pack", "a", () -> fuyu(lowIncome, options)),
                new Candidate("(b) Fuyu, all " + all.size() + " class-path pack(s)", "b", () -> fuyu(allPacks, options)),
                new Candidate("(c) Drools directly, low-income DRL", "c", () -> batch -> {
                    List<HouseholdCase> cases = direct.cases(batch);
                    direct.execute(cases);
                    long n = 0;
                    for (HouseholdCase c : cases) {
                        n += c.decisions().size();
                    }
                    return n;
                }),
                new Candidate("(d) plain Java, low-income pack", "d", () -> batch -> {
                    long n = 0;
                    for (HouseholdInput in : batch) {
                        n += plain.evaluate(in.household()).size();
                    }
                    return n;
                }));
        // warm every configuration up before measuring any: the one measured first would otherwise
        // pay for compiling code the others share
        long w = System.nanoTime();
        for (int round = 0; round < config.warmupRounds(); round++) {
            for (Candidate c : candidates) {
                List<List<HouseholdInput>> batches = batches(households, config.batchSize());
                evaluate(batches, c.factory().newRound(), null);
            }
        }
        log.printf("warmed up in %.1f s%n", (System.nanoTime() - w) / 1e9);
        List<Row> rows = new ArrayList<>();
        List<Integer> threadCounts = config.threads() > 1 ? List.of(1, config.threads()) : List.of(1);
        for (int threads : threadCounts) {
            for (Candidate c : candidates) {
                rows.add(measure(c.label(), c.engine(), households, threads, config.batchSize(), c.factory()));
            }
        }

        List<Row> sweep = new ArrayList<>();
        List<HouseholdInput> sweepSet = households.subList(0, Math.min(households.size(), config.sweepHouseholds()));
        for (int size : config.batchSizes()) {
            sweep.add(measure("(a) batch " + size, "a", sweepSet, 1, size, () -> fuyu(lowIncome, options)));
        }

        // what would change each result: all packs, plain and with --what-would-change, on the same households
        List<Row> wwc = new ArrayList<>();
        if (config.whatWouldChangeHouseholds() > 0) {
            List<HouseholdInput> set = config.whatWouldChangeHouseholds() <= households.size()
                    ? households.subList(0, config.whatWouldChangeHouseholds())
                    : new PopulationGenerator(PopulationGenerator.Config.of(config.whatWouldChangeHouseholds(),
                            Math.max(1, config.whatWouldChangeHouseholds() / 1000), config.seed()))
                            .households(config.whatWouldChangeHouseholds());
            EvaluationOptions changes = options.withWhatWouldChange(EvaluationOptions.DEFAULT_CHANGE_SETS);
            for (int threads : threadCounts.subList(threadCounts.size() - 1, threadCounts.size())) {
                wwc.add(measure("(b) plain, all " + all.size() + " pack(s)", "b", set, threads, config.batchSize(),
                        () -> fuyu(allPacks, options)));
                wwc.add(measure("(b) with denials", "b-denials", set, threads, config.batchSize(),
                        () -> fuyu(allPacks, options.withDenials())));
                wwc.add(measure("(e) --what-would-change 3, all " + all.size() + " pack(s)", "e", set, threads,
                        config.batchSize(), () -> fuyu(allPacks, changes)));
            }
        }

        List<Row> e2e = new ArrayList<>();
        if (config.endToEndHouseholds() > 0) {
            e2e.addAll(endToEnd(lowIncome, allPacks, all.size(), options, threadCounts));
        }
        heap.reset();
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long peakUsed = Stream.of(rows, sweep, e2e, wwc).flatMap(List::stream).mapToLong(Row::peakHeapUsed).max().orElse(0);
        long peakLive = Stream.of(rows, sweep, e2e, wwc).flatMap(List::stream).mapToLong(Row::peakHeapAfterGc).max()
                .orElse(0);
        return new Result(config, System.getProperty("java.vm.name") + " " + Runtime.version(),
                Runtime.getRuntime().availableProcessors(), HeapWatch.maxHeap(), loadBefore, loadAfter,
                all.stream().map(RulePack::id).toList(), cold, sinceStart, rebuilds[rebuilds.length / 2], rebuilds[0],
                lowIncomeBuild, rows, sweep, e2e, peakUsed, peakLive, wwc);
    }

    private static BatchEval fuyu(PolicyEngine engine, EvaluationOptions options) {
        PolicyRun run = engine.newRun(options);
        return batch -> {
            long n = 0;
            for (CaseResult r : run.evaluate(batch)) {
                n += r.decisions().size();
            }
            return n;
        };
    }

    private interface EvalFactory {
        BatchEval newRound();
    }

    private Row measure(String label, String engine, List<HouseholdInput> households, int threads, int batchSize,
                        EvalFactory factory) {
        List<List<HouseholdInput>> batches = batches(households, batchSize);
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads) : null;
        try {
            List<double[]> measured = new ArrayList<>();
            long decisions = 0;
            long peakUsed = 0;
            long peakLive = 0;
            int warm = Math.min(1, config.warmupRounds());
            for (int round = 0; round < warm + config.rounds(); round++) {
                BatchEval eval = factory.newRound();
                System.gc();
                heap.reset();
                long cpu0 = processCpuNanos();
                long t0 = System.nanoTime();
                decisions = evaluate(batches, eval, pool);
                long wall = System.nanoTime() - t0;
                long cpu = processCpuNanos() - cpu0;
                if (round >= warm) {
                    measured.add(new double[] {households.size() / (wall / 1e9), households.size() / (cpu / 1e9)});
                    peakUsed = Math.max(peakUsed, heap.peakUsed());
                    peakLive = Math.max(peakLive, heap.peakAfterGc());
                }
            }
            measured.sort(Comparator.comparingDouble(m -> m[0]));
            double[] median = measured.get(measured.size() / 2);
            Row row = new Row(label, engine, batchSize, threads, households.size(), median[0], median[1],
                    households.isEmpty() ? 0 : (double) decisions / households.size(), peakUsed, peakLive);
            log.printf("%-44s batch %5d, %d thread(s): %,10.0f households/s wall, %,10.0f per CPU-second%n", label,
                    batchSize, threads, row.wallRate(), row.cpuRate());
            return row;
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    private static List<List<HouseholdInput>> batches(List<HouseholdInput> households, int batchSize) {
        List<List<HouseholdInput>> batches = new ArrayList<>();
        for (int i = 0; i < households.size(); i += batchSize) {
            batches.add(households.subList(i, Math.min(households.size(), i + batchSize)));
        }
        return batches;
    }

    private static long evaluate(List<List<HouseholdInput>> batches, BatchEval eval, ExecutorService pool) {
        if (pool == null) {
            long n = 0;
            for (List<HouseholdInput> b : batches) {
                n += eval.evaluate(b);
            }
            return n;
        }
        List<Callable<Long>> tasks = new ArrayList<>(batches.size());
        for (List<HouseholdInput> b : batches) {
            tasks.add(() -> eval.evaluate(b));
        }
        try {
            long n = 0;
            for (Future<Long> f : pool.invokeAll(tasks)) {
                n += f.get();
            }
            return n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private List<Row> endToEnd(PolicyEngine lowIncome, PolicyEngine allPacks, int packCount, EvaluationOptions options,
                               List<Integer> threadCounts) throws IOException {
        Path root = Files.createTempDirectory(config.workDir(), "fuyu-bench");
        List<Row> rows = new ArrayList<>();
        try {
            Path input = root.resolve("input");
            long n = config.endToEndHouseholds();
            long t0 = System.nanoTime();
            new PopulationGenerator(PopulationGenerator.Config.of(n, (int) Math.max(1, Math.min(100_000, n / 1000)),
                    config.seed())).write(input, config.threads(), x -> { });
            log.printf("generated %,d households to %s in %.1f s (%,d MB)%n", n, input, (System.nanoTime() - t0) / 1e9,
                    Files.size(input.resolve("households.jsonl")) >> 20);
            // one pass unreported, so that reading and writing code is compiled before it is measured
            evaluateDirectory("warm-up", "-", allPacks, options, input, root, config.threads(), n);
            for (int threads : threadCounts) {
                rows.add(evaluateDirectory("(a) evaluate, low-income pack", "a", lowIncome, options, input, root,
                        threads, n));
            }
            rows.add(evaluateDirectory("(b) evaluate, all " + packCount + " class-path pack(s)", "b", allPacks, options,
                    input, root, config.threads(), n));
            if (!config.freshCommand().isEmpty()) {
                Path lowIncomePack = copyClasspathPack(LOW_INCOME, root.resolve("packs"));
                rows.add(freshProcess("(a) fuyu evaluate in a new JVM, start to exit, low-income pack", "a",
                        lowIncomePack, input, root, n));
                rows.add(freshProcess("(b) fuyu evaluate in a new JVM, start to exit, all " + packCount
                        + " class-path pack(s)", "b", null, input, root, n));
            }
        } finally {
            deleteTree(root);
        }
        return rows;
    }

    private Row evaluateDirectory(String label, String engineName, PolicyEngine engine, EvaluationOptions options,
                                  Path input, Path root, int threads, long households) throws IOException {
        Path out = root.resolve("out");
        System.gc();
        heap.reset();
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        var summary = DirectoryEvaluation.builder(engine, options).threads(threads).batchSize(config.batchSize())
                .build().run(input, out);
        long wall = System.nanoTime() - t0;
        long cpu = processCpuNanos() - cpu0;
        long decisions = summary.decisions.values().stream().flatMap(m -> m.values().stream()).mapToLong(t -> t.count)
                .sum();
        long bytes = Files.size(out.resolve("decisions.jsonl"));
        Row row = new Row(label, engineName, config.batchSize(), threads, households, households / (wall / 1e9),
                households / (cpu / 1e9), (double) decisions / households, heap.peakUsed(), heap.peakAfterGc());
        log.printf("%-44s batch %5d, %d thread(s): %,10.0f households/s wall, %,10.0f per CPU-second (%,d MB out)%n",
                label, config.batchSize(), threads, row.wallRate(), row.cpuRate(), bytes >> 20);
        deleteTree(out);
        return row;
    }

    /**
     * {@code fuyu evaluate} as a user runs it: a new JVM, timed from its start to its exit, so JVM
     * start, reading the packs, the engine build and the JIT compiler's warm-up are all included.
     * Its CPU time and heap are not known to this JVM (shown as 0).
     */
    private Row freshProcess(String label, String engineName, Path packDir, Path input, Path root, long households)
            throws IOException {
        Path out = root.resolve("out");
        List<String> command = new ArrayList<>(config.freshCommand());
        command.addAll(List.of("evaluate", "--input", input.toString(), "--out", out.toString(), "--as-of",
                config.asOf().toString(), "--threads", String.valueOf(config.threads()), "--batch-size",
                String.valueOf(config.batchSize()), "--quiet"));
        if (packDir != null) {
            command.addAll(List.of("--rules", packDir.toString(), "--only-rules"));
        }
        Path logFile = root.resolve("fresh-evaluate.log");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        int exit;
        try {
            exit = p.waitFor();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while timing " + label, e);
        }
        long wall = System.nanoTime() - t0;
        if (exit != 0) {
            throw new IOException(label + " exited with " + exit + ": " + Files.readString(logFile).strip());
        }
        long decisions = 0;
        var summary = org.fuyu.policy.io.FactMapper.get().readTree(out.resolve("summary.json").toFile()).path("decisions");
        for (var byOutcome : (Iterable<com.fasterxml.jackson.databind.JsonNode>) summary::elements) {
            for (var counts : (Iterable<com.fasterxml.jackson.databind.JsonNode>) byOutcome::elements) {
                decisions += counts.path("count").asLong();
            }
        }
        Row row = new Row(label, engineName, config.batchSize(), config.threads(), households,
                households / (wall / 1e9), 0, (double) decisions / households, 0, 0);
        log.printf("%-44s batch %5d, %d thread(s): %,10.0f households/s wall (%.1f s)%n", label, config.batchSize(),
                config.threads(), row.wallRate(), wall / 1e9);
        deleteTree(out);
        return row;
    }

    /** A class-path pack's files (packs/ID/ in the jar) copied to a directory, as policy staff would have it. */
    private static Path copyClasspathPack(String id, Path parent) throws IOException {
        RulePack pack = RulePacks.fromClasspath(List.of(id)).get(0);
        Path dir = parent.resolve(id);
        Files.createDirectories(dir);
        List<String> names = new ArrayList<>(List.of("pack.yaml", "parameters.yaml"));
        names.addAll(pack.manifest().files());
        for (String name : names) {
            try (var in = Benchmark.class.getClassLoader().getResourceAsStream("packs/" + id + "/" + name)) {
                if (in == null) {
                    throw new IOException("packs/" + id + "/" + name + " is not on the class path");
                }
                Files.copy(in, dir.resolve(name));
            }
        }
        return dir;
    }

    static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return System.nanoTime();
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
