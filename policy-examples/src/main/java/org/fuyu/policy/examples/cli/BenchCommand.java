package org.fuyu.policy.examples.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.fuyu.policy.examples.bench.Benchmark;
import org.fuyu.policy.examples.generate.PopulationGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fuyu bench}: throughput and build times on a generated population, printed as Markdown tables. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures, in one run on one generated population: engine build (cold and rebuild);",
            "households/s of (a) Fuyu with the low-income pack, (b) Fuyu with every class-path pack,",
            "(c) Drools directly on the low-income DRL, (d) the low-income pack in plain Java, on 1 thread",
            "and all threads; a batch-size sweep; and evaluate end to end (JSONL to JSONL)."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--households", paramLabel = "N", defaultValue = "200000",
            description = "Households held in memory for the in-process runs (default: ${DEFAULT-VALUE}).")
    int households;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for the parallel runs (default: all cores).")
    Integer threads;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "500",
            description = "Households per stateless session (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--batch-sizes", paramLabel = "N,N,...", split = ",", defaultValue = "1,10,100,500,2000,10000",
            description = "Batch sizes of the sweep (default: ${DEFAULT-VALUE}).")
    List<Integer> batchSizes;

    @Option(names = "--sweep-households", paramLabel = "N", defaultValue = "50000",
            description = "Households per sweep run (default: ${DEFAULT-VALUE}).")
    int sweepHouseholds;

    @Option(names = "--end-to-end", paramLabel = "N", defaultValue = "1000000",
            description = "Households generated to disk for the end-to-end runs; 0 skips them (default: ${DEFAULT-VALUE}).")
    long endToEnd;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3",
            description = "Measured rounds per configuration; the median is reported (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "3",
            description = "Warm-up rounds of every configuration before any is measured, plus one before each (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--rebuilds", paramLabel = "N", defaultValue = "10",
            description = "Engine rebuilds timed after the cold build (default: ${DEFAULT-VALUE}).")
    int rebuilds;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Population seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--what-would-change", paramLabel = "N", defaultValue = "100000",
            description = "Households evaluated with every pack plainly, with denials and with --what-would-change 3, to"
                    + " measure what finding change sets costs; 0 skips it (default: ${DEFAULT-VALUE}).")
    int whatWouldChange;

    @Option(names = "--tmp", paramLabel = "DIR", description = "Where to write the end-to-end files (default: the system temp directory).")
    Path tmp;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the Markdown tables to this file.")
    Path report;

    @Option(names = "--fresh", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "With --end-to-end: also time fuyu evaluate in a new JVM, start to exit (default: on;"
                    + " --no-fresh skips it).")
    boolean fresh;

    /** This CLI in a new JVM: the same java, class path and heap limit as this one. */
    private static List<String> freshCommand() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + (Runtime.getRuntime().maxMemory() >> 20) + "m", "-cp", System.getProperty("java.class.path"),
                FuyuCli.class.getName());
    }

    @Override
    public Integer call() throws Exception {
        if (households < 1 || rounds < 1 || warmup < 0 || batchSize < 1 || batchSizes.stream().anyMatch(b -> b < 1)) {
            throw new CliErrors.UsageException(org.fuyu.policy.Lang.pick("--households、--rounds 和批大小应 ≥ 1，--warmup 应 ≥ 0",
                    "--households, --rounds and batch sizes must be ≥ 1, --warmup ≥ 0"));
        }
        RunLimits.check(threads, batchSize);
        batchSizes.forEach(s -> RunLimits.check(null, s));
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Path work = tmp != null ? tmp : Path.of(System.getProperty("java.io.tmpdir"));
        Files.createDirectories(work);
        Benchmark.Config config = new Benchmark.Config(households, t, batchSize, seed, warmup, rounds, batchSizes,
                sweepHouseholds, endToEnd, work, PopulationGenerator.REFERENCE_DATE, rebuilds,
                fresh ? freshCommand() : List.of(), whatWouldChange);
        Benchmark.Result r = Benchmark.run(config, System.err);
        String md = markdown(r);
        System.out.print(md);
        if (report != null) {
            Files.writeString(report, md);
        }
        return 0;
    }

    static String markdown(Benchmark.Result r) {
        StringBuilder sb = new StringBuilder();
        Benchmark.Config c = r.config();
        sb.append(String.format(Locale.ROOT, "Fuyu bench, %s: %s, %d cores, max heap %,d MB, load average %.1f before, %.1f after.%n",
                LocalDateTime.now().truncatedTo(ChronoUnit.MINUTES), r.jvm(), r.cores(), r.maxHeap() >> 20,
                r.loadBefore(), r.loadAfter()));
        sb.append(String.format(Locale.ROOT, "Packs on the class path: %s. Population seed %d, as of %s.%n%n", r.packs(), c.seed(),
                c.asOf()));
        sb.append("| Engine build | ms |\n|---|---:|\n");
        sb.append(String.format(Locale.ROOT, "| cold: first build in the JVM, all %d pack(s) | %.0f |%n", r.packs().size(), r.coldBuildMs()));
        sb.append(String.format(Locale.ROOT, "| JVM start to that engine ready | %.0f |%n", r.jvmStartToEngineMs()));
        sb.append(String.format(Locale.ROOT, "| rebuild, all pack(s): median of %d (min) | %.0f (%.0f) |%n", c.rebuilds(),
                r.rebuildMedianMs(), r.rebuildMinMs()));
        sb.append(String.format(Locale.ROOT, "| build, low-income pack alone (warm) | %.0f |%n%n", r.lowIncomeBuildMs()));

        sb.append(String.format(Locale.ROOT, "In process, %,d households in memory, batch %d, median of %d rounds "
                + "(every configuration warmed up %d rounds before any is measured):%n%n",
                c.households(), c.batchSize(), c.rounds(), c.warmupRounds()));
        table(sb, r.inProcess());
        for (int threads : r.inProcess().stream().map(Benchmark.Row::threads).distinct().toList()) {
            Benchmark.Row a = r.row("a", threads);
            Benchmark.Row cc = r.row("c", threads);
            Benchmark.Row d = r.row("d", threads);
            if (a != null && cc != null && d != null) {
                sb.append(String.format(Locale.ROOT, "%d thread(s): a/d = %.3f (wall), %.3f (CPU); a/c = %.2f (wall), %.2f (CPU)%n",
                        threads, a.wallRate() / d.wallRate(), a.cpuRate() / d.cpuRate(), a.wallRate() / cc.wallRate(),
                        a.cpuRate() / cc.cpuRate()));
            }
        }
        sb.append('\n');
        if (!r.sweep().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "Batch size, (a) on 1 thread, %,d households:%n%n", r.sweep().get(0).households()));
            sb.append("| Households per session | households/s (wall) | households per CPU-second |\n|---:|---:|---:|\n");
            for (Benchmark.Row row : r.sweep()) {
                sb.append(String.format(Locale.ROOT, "| %,d | %,.0f | %,.0f |%n", row.batchSize(), row.wallRate(), row.cpuRate()));
            }
            sb.append('\n');
        }
        if (!r.whatWouldChange().isEmpty()) {
            Benchmark.Row plain = r.whatWouldChange().get(0);
            sb.append(String.format(Locale.ROOT, "What would change a result, %,d households, every pack, median of %d rounds"
                    + " (the plain run is the baseline, measured in the same run):%n%n", plain.households(), c.rounds()));
            table(sb, r.whatWouldChange());
            Benchmark.Row with = r.whatWouldChange().get(r.whatWouldChange().size() - 1);
            sb.append(String.format(Locale.ROOT, "%nplain / with --what-would-change: %.1f× (wall), %.1f× (CPU)%n%n",
                    plain.wallRate() / with.wallRate(), plain.cpuRate() / with.cpuRate()));
        }
        if (!r.endToEnd().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "evaluate end to end (households.jsonl to decisions.jsonl, errors.jsonl, summary.json), %,d households:%n%n",
                    r.endToEnd().get(0).households()));
            table(sb, r.endToEnd());
            sb.append('\n');
        }
        sb.append(String.format(Locale.ROOT, "Peak heap over the measured runs: %,d MB used (sampled), %,d MB live after a collection.%n",
                r.peakHeapUsed() >> 20, r.peakHeapAfterGc() >> 20));
        return sb.toString();
    }

    private static void table(StringBuilder sb, List<Benchmark.Row> rows) {
        sb.append("| Configuration | Threads | households/s (wall) | households per CPU-second | decisions/household | peak heap used / live (MB) |\n");
        sb.append("|---|---:|---:|---:|---:|---:|\n");
        for (Benchmark.Row row : rows) {
            boolean measuredHere = row.cpuRate() > 0; // a run in a new JVM: its CPU and heap are not seen from here
            sb.append(String.format(Locale.ROOT, "| %s | %d | %,.0f | %s | %.2f | %s |%n", row.label(), row.threads(),
                    row.wallRate(), measuredHere ? String.format(Locale.ROOT, "%,.0f", row.cpuRate()) : "–",
                    row.decisionsPerHousehold(), measuredHere ? String.format(Locale.ROOT, "%,d / %,d",
                            row.peakHeapUsed() >> 20, row.peakHeapAfterGc() >> 20) : "–"));
        }
    }
}
