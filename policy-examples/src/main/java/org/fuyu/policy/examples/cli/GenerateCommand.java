package org.fuyu.policy.examples.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.fuyu.policy.examples.generate.PopulationGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fuyu generate}: writes a synthetic county population for benchmarks and demos. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Writes a synthetic population (households.jsonl, businesses.jsonl, villages.jsonl,",
            "counties.jsonl): households of 1-7 members with a low-income tail, villages of three size",
            "classes, businesses for about 3% of households. The same seed gives the same files."})
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--households", required = true, paramLabel = "N", description = "Number of households.")
    long households;

    @Option(names = "--villages", paramLabel = "M",
            description = "Number of villages (default: one per 1,000 households, at least 1).")
    Integer villages;

    @Option(names = "--counties", paramLabel = "K", description = "Number of counties (default: one per 300 villages).")
    Integer counties;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the files.")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "Generator threads (default: all cores).")
    Integer threads;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (households < 0) {
            throw new CliErrors.UsageException(org.fuyu.policy.Lang.pick("--households 应 ≥ 0", "--households must be ≥ 0"));
        }
        int m = villages != null ? villages : (int) Math.max(1, Math.min(Integer.MAX_VALUE, households / 1000));
        if (m < 1) {
            throw new CliErrors.UsageException(org.fuyu.policy.Lang.pick("--villages 应 ≥ 1", "--villages must be ≥ 1"));
        }
        int k = counties != null ? counties : Math.max(1, m / 300);
        if (k < 1 || k > m) {
            throw new CliErrors.UsageException(org.fuyu.policy.Lang.pick("--counties 应在 1 到行政村数（" + m + "）之间",
                    "--counties must be between 1 and the number of villages (" + m + ")"));
        }
        PopulationGenerator g = new PopulationGenerator(new PopulationGenerator.Config(households, m, k, seed));
        Progress progress = Progress.households(quiet);
        long start = System.nanoTime();
        PopulationGenerator.Written w = g.write(out, threads != null ? Math.max(1, threads)
                : Runtime.getRuntime().availableProcessors(), n -> progress.update(n, households == 0 ? 1 : (double) n / households));
        progress.finish();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, org.fuyu.policy.Lang.pick("已写出 %,d 户（%,d 人）、%,d 个经营主体、%,d 个行政村、%,d 个县，用时 %.1f 秒 -> %s%n",
                "wrote %,d households (%,d people), %,d businesses, %,d villages, %,d counties in %.1f s -> %s%n"),
                w.households(), w.persons(), w.businesses(), w.villages(), w.counties(), seconds, out);
        return 0;
    }
}
