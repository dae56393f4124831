package org.fuyu.policy.examples.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fuyu.policy.EvaluationOptions;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.io.DirectoryEvaluation;
import org.fuyu.policy.io.RunSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fuyu evaluate}: input directory in, decisions, errors and summary out. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Evaluates households.jsonl, businesses.jsonl, villages.jsonl and counties.jsonl (or .json arrays)",
            "of an input directory and writes decisions.jsonl, errors.jsonl and summary.json."})
final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "DIR", description = "Directory with the input files.")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the output files.")
    Path out;

    @Option(names = "--explain-denials", description = "Also write DENIED decisions listing every failed criterion.")
    boolean explainDenials;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "500",
            description = "Households per rule session (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    boolean quiet;

    @Mixin
    EngineOptions engineOptions;

    @Override
    public Integer call() throws Exception {
        if (!input.toFile().isDirectory()) {
            throw new CliErrors.UsageException("--input " + input + ": not a directory");
        }
        PolicyEngine engine = engineOptions.engine();
        EvaluationOptions options = new EvaluationOptions(engineOptions.asOf(), explainDenials);
        Progress progress = Progress.of("households", quiet);
        DirectoryEvaluation.Builder b = DirectoryEvaluation.builder(engine, options).batchSize(batchSize)
                .progress((n, bytes, total) -> progress.update(n, total > 0 ? (double) bytes / total : Double.NaN));
        if (threads != null) {
            b.threads(threads);
        }
        RunSummary summary = b.build().run(input, out);
        progress.finish();
        System.out.println(SummaryText.oneLine(summary) + " -> " + out);
        return 0;
    }
}
