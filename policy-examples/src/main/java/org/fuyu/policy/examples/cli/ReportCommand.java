package org.fuyu.policy.examples.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fuyu.policy.EvaluationOptions;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.examples.bench.Benchmark;
import org.fuyu.policy.examples.report.HtmlReport;
import org.fuyu.policy.examples.report.ReportLists;
import org.fuyu.policy.Lang;
import org.fuyu.policy.io.DirectoryEvaluation;
import org.fuyu.policy.io.FactMapper;
import org.fuyu.policy.io.RunSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fuyu report}: one self-contained HTML page for one run. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Writes one self-contained HTML page (inline CSS and SVG, no network needed) for a run:",
            "per county the targets met and missed, village targets, benefits granted, the three low-income counts,",
            "the per-capita income distribution against the low-income line, villages by class with the hollow and",
            "weak ones, one row per village, and households flagged by code; beside it the complete lists as CSV",
            "(flagged households, villages, hollow and weak villages, rejected records), linked from the page.",
            "--input is either the output directory of 'fuyu evaluate' (with summary.json), or an input",
            "directory, which is then evaluated first (with --rules, --params and --as-of)."})
final class ReportCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "DIR",
            description = "An evaluate output directory (summary.json, decisions.jsonl) or an input directory.")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "FILE.html", description = "The HTML file to write.")
    Path out;

    @Option(names = "--keep", paramLabel = "DIR",
            description = "When --input is an input directory: keep the evaluation output here (default: a temporary directory, deleted).")
    Path keep;

    @Option(names = "--facts", paramLabel = "DIR",
            description = "When --input is an evaluate output directory: the input directory of that run, so that the "
                    + "flagged households' list names each household's village and county.")
    Path facts;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads when evaluating (default: all cores).")
    Integer threads;

    @Option(names = "--near-miss-within", paramLabel = "YUAN",
            description = {"Adds a section of near misses: per code and village, the households one verified change set",
                "of at most YUAN would qualify (as fuyu near-miss; needs an input directory, not a run's output)."})
    Long nearMissWithin;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    boolean quiet;

    @Mixin
    EngineOptions engineOptions;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(input)) {
            throw CliErrors.notADirectory("--input", input);
        }
        Path run;
        Path temp = null;
        if (Files.isRegularFile(input.resolve("summary.json"))) {
            run = input;
        } else {
            PolicyEngine engine = engineOptions.engine();
            if (keep != null) {
                run = keep;
            } else {
                temp = Files.createTempDirectory("fuyu-report");
                run = temp;
            }
            Progress progress = Progress.households(quiet);
            DirectoryEvaluation.Builder b = DirectoryEvaluation.builder(engine, EvaluationOptions.asOf(engineOptions.asOf()))
                    .progress((n, bytes, total) -> progress.update(n, total > 0 ? (double) bytes / total : Double.NaN));
            if (threads != null) {
                b.threads(Math.max(1, threads));
            }
            b.build().run(input, run);
            progress.finish();
        }
        org.fuyu.policy.nearmiss.NearMisses.Summary nearMiss = null;
        if (nearMissWithin != null) {
            if (run == input || nearMissWithin < 0) {
                throw new CliErrors.UsageException(Lang.pick("--near-miss-within 需要输入目录（不是某次运行的输出）和 ≥ 0 的元数",
                        "--near-miss-within needs an input directory (not a run's output) and a number of yuan ≥ 0"));
            }
            Progress progress = Progress.households(quiet);
            nearMiss = org.fuyu.policy.nearmiss.NearMisses.run(engineOptions.engine(), engineOptions.asOf(), nearMissWithin,
                    threads != null ? Math.max(1, threads) : Runtime.getRuntime().availableProcessors(), 500,
                    n -> progress.update(n, Double.NaN), input, run.resolve("near-miss"));
            progress.finish();
        }
        try {
            RunSummary summary = readSummary(run.resolve("summary.json"));
            if (engineOptions.asOf != null && run == input && !engineOptions.asOf.equals(summary.asOf)) {
                throw new CliErrors.UsageException(Lang.pick("--as-of " + engineOptions.asOf + " 与 " + input + " 中的运行不同（评估日 "
                        + summary.asOf + "）；去掉 --as-of 即可为该次运行出报告",
                        "--as-of " + engineOptions.asOf + " differs from the run in " + input
                        + " (decided as of " + summary.asOf + "); leave --as-of out to report that run"));
            }
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (facts != null && !Files.isDirectory(facts)) {
                throw CliErrors.notADirectory("--facts", facts);
            }
            ReportLists lists = ReportLists.write(out, summary, run, run == input ? facts : input);
            String html = nearMiss == null ? HtmlReport.render(summary, lists) : HtmlReport.render(summary, lists, nearMiss);
            Files.writeString(out, html, StandardCharsets.UTF_8);
            System.out.println(Lang.pick("报告：" + summary.counties.size() + " 个县，评估日 " + summary.asOf + " -> " + out
                            + "（名单 CSV 在同一目录：" + ReportLists.prefix(out) + "-*.csv）",
                    "report of " + summary.counties.size() + " count" + (summary.counties.size() == 1 ? "y" : "ies")
                            + " as of " + summary.asOf + " -> " + out + " (lists as CSV beside it: "
                            + ReportLists.prefix(out) + "-*.csv)"));
            return 0;
        } finally {
            if (temp != null) {
                Benchmark.deleteTree(temp);
            }
        }
    }

    static RunSummary readSummary(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw CliErrors.noSuchFile("", file);
        }
        // lenient about fields it does not know: a newer run may carry more
        return FactMapper.get().readerFor(RunSummary.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(file.toFile());
    }
}
