package org.fuyu.policy.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fuyu.policy.Lang;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.nearmiss.NearMisses;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fuyu near-miss}: the households just outside each code, per code and village. */
@Command(name = "near-miss", mixinStandardHelpOptions = true,
        description = {"Counts, per code and per village, the households denied a code that one verified change set",
            "of their mutable facts of at most --within yuan would grant (docs/what-would-change.md).",
            "Writes near-miss.jsonl (one household and code a line, with the smallest such set),",
            "near-miss.json (the counts) and errors.jsonl."})
final class NearMissCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "DIR", description = "Directory with the input files.")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the output files.")
    Path out;

    @Option(names = "--within", paramLabel = "YUAN", defaultValue = "2000",
            description = "The largest change set counted, in yuan (default: ${DEFAULT-VALUE}).")
    long within;

    @Mixin
    BatchOptions batch;

    @Mixin
    EngineOptions engineOptions;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(input)) {
            throw CliErrors.notADirectory("--input", input);
        }
        batch.check();
        if (within < 0) {
            throw new CliErrors.UsageException(Lang.pick("--within " + within + "：请给出 ≥ 0 的元数，例如 2000",
                    "--within " + within + ": give a number of yuan ≥ 0, e.g. 2000"));
        }
        PolicyEngine engine = EngineOptions.builder(engineOptions.packs(), engineOptions.overrides()).build();
        Progress progress = Progress.households(batch.quiet);
        int n = batch.threads != null ? batch.threads : Runtime.getRuntime().availableProcessors();
        NearMisses.Summary s = NearMisses.run(engine, engineOptions.asOf(), within, n, batch.batchSize,
                k -> progress.update(k, Double.NaN), input, out);
        progress.finish();
        System.out.println(Lang.pick("近失（差额不超过 " + within + " 元）：", "near misses (within " + within + " yuan):"));
        java.util.Map<String, org.fuyu.policy.Title> titles = new java.util.TreeMap<>();
        for (org.fuyu.policy.PackInfo p : engine.packs()) {
            p.codes().stream().filter(code -> code.title() != null).forEach(code -> titles.put(code.code(), code.title()));
        }
        s.codes().forEach((code, c) -> System.out.println("  " + SummaryText.code(titles, code) + ": " + c.households()
                + Lang.pick(" 户，分布于 " + c.byVillage().size() + " 个村", " households in " + c.byVillage().size() + " villages")));
        if (s.codes().isEmpty()) {
            System.out.println(Lang.pick("  无", "  none"));
        }
        System.out.println("-> " + out.resolve("near-miss.jsonl") + ", " + out.resolve("near-miss.json"));
        return 0;
    }
}
