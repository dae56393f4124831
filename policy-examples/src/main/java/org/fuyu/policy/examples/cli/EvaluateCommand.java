package org.fuyu.policy.examples.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.fuyu.policy.EvaluationOptions;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.io.DirectoryEvaluation;
import org.fuyu.policy.io.RunManifest;
import org.fuyu.policy.io.RunSummary;
import org.fuyu.policy.packs.RulePack;
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

    @Option(names = "--what-would-change", arity = "0..1", fallbackValue = "3", paramLabel = "N",
            description = {"Each DENIED decision carries up to N (default 3) verified minimal change sets of the",
                "household's mutable facts that would grant it; each grant its margins (docs/what-would-change.md)."})
    Integer whatWouldChange;

    @Mixin
    BatchOptions batch;

    @Mixin
    EngineOptions engineOptions;

    @Override
    public Integer call() throws Exception {
        if (!input.toFile().isDirectory()) {
            throw CliErrors.notADirectory("--input", input);
        }
        batch.check();
        org.fuyu.policy.packs.PackSelection selection = engineOptions.selection();
        List<RulePack> packs = selection.packs();
        PolicyEngine engine = EngineOptions.builder(packs, engineOptions.overrides()).build();
        List<String> dirs = new java.util.ArrayList<>(engineOptions.rules.stream().map(Path::toString).toList());
        engineOptions.trustedRules.forEach(d -> dirs.add(d.toString()));
        RunManifest manifest = RunManifest.of(engineOptions.asOf(), packs, engineOptions.params,
                new RunManifest.Options(explainDenials, dirs, engineOptions.onlyRules ? Boolean.TRUE : null,
                        engineOptions.trustedRules.isEmpty() ? null : engineOptions.trustedRules.size(),
                        engineOptions.params.stream().map(Path::toString).toList(), batch.threads, batch.batchSize, whatWouldChange));
        RunSummary summary = evaluate(engine, changeOptions(engineOptions.asOf(), explainDenials, whatWouldChange), batch.threads,
                batch.batchSize, batch.quiet, manifest, selection.notes(), input, out);
        SummaryText.packs(selection, System.out);
        System.out.println(SummaryText.oneLine(summary) + " -> " + out);
        if (summary.totalRejected() > 0) {
            System.out.println(org.fuyu.policy.Lang.pick("被拒收的记录见 " + out.resolve("errors.jsonl") + "（写明文件、行、字段和应填的值）",
                    "rejected records: " + out.resolve("errors.jsonl") + " (with file, line, field and what was expected)"));
        }
        return 0;
    }

    /** Runs a directory evaluation with progress on stderr (also for {@code fuyu replay}). */
    static RunSummary evaluate(PolicyEngine engine, LocalDate asOf, boolean explainDenials, Integer threads, int batchSize,
                               boolean quiet, RunManifest manifest, List<String> notes, Path input, Path out)
            throws java.io.IOException {
        return evaluate(engine, new EvaluationOptions(asOf, explainDenials), threads, batchSize, quiet, manifest, notes,
                input, out);
    }

    /** The evaluation options of {@code --explain-denials} and {@code --what-would-change[=N]}. */
    static EvaluationOptions changeOptions(LocalDate asOf, boolean explainDenials, Integer whatWouldChange) {
        EvaluationOptions o = new EvaluationOptions(asOf, explainDenials);
        if (whatWouldChange != null) {
            if (whatWouldChange < 1 || whatWouldChange > EvaluationOptions.MAX_CHANGE_SETS) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(new EvaluateCommand()),
                        org.fuyu.policy.Lang.pick("--what-would-change 须为 1 到 " + EvaluationOptions.MAX_CHANGE_SETS
                                + "，而不是 " + whatWouldChange, "--what-would-change must be 1 to "
                                + EvaluationOptions.MAX_CHANGE_SETS + ", not " + whatWouldChange));
            }
            o = o.withWhatWouldChange(whatWouldChange);
        }
        return o;
    }

    static RunSummary evaluate(PolicyEngine engine, EvaluationOptions options, Integer threads, int batchSize,
                               boolean quiet, RunManifest manifest, List<String> notes, Path input, Path out)
            throws java.io.IOException {
        Progress progress = Progress.households(quiet);
        DirectoryEvaluation.Builder b = DirectoryEvaluation.builder(engine, options).batchSize(batchSize)
                .manifest(manifest)
                .notes(notes)
                .progress((n, bytes, total) -> progress.update(n, total > 0 ? (double) bytes / total : Double.NaN));
        if (threads != null) {
            b.threads(threads);
        }
        RunSummary summary = b.build().run(input, out);
        progress.finish();
        return summary;
    }
}
