package org.fuyu.policy.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.fuyu.policy.EvaluationOptions;
import org.fuyu.policy.Lang;
import org.fuyu.policy.Title;
import org.fuyu.policy.PackInfo;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.PolicyException;
import org.fuyu.policy.packs.PackManifest;
import org.fuyu.policy.packs.RulePack;
import org.fuyu.policy.params.ParameterSet;
import org.fuyu.policy.reform.Comparison;
import org.fuyu.policy.reform.Reform;
import org.fuyu.policy.reform.ReformComparison;
import org.fuyu.policy.reform.ReformFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fuyu compare}: one population under the baseline and a reform — who gains, who loses, what it costs. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Evaluates an input directory under the baseline and under a reform in one pass.",
            "Writes changes.jsonl (per subject: decisions added, removed, changed),",
            "comparison.json (totals per code; winners and losers by village, in bands of",
            "per-capita income around the low-income line and by decile; targets that flip)",
            "and errors.jsonl. Progress on stderr (-q for none)."})
final class CompareCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "DIR", description = "Directory with the input files.")
    Path input;

    @Option(names = "--reform", required = true, paramLabel = "FILE_OR_DIR",
            description = "A reform file (name, description, effective, parameters, rules), or a directory holding reform.yaml.")
    Path reformPath;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the output files.")
    Path out;

    @Option(names = "--benefit-codes", split = ",", paramLabel = "CODE",
            description = "Only these codes' granted amounts count toward a household's benefit (default: every code paid out, i.e. not the credit/loan codes).")
    List<String> benefitCodes;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "2000",
            description = "Households per rule session (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--band-width", paramLabel = "YUAN", defaultValue = "1000",
            description = "Width of the per-capita income bands around the low-income line (default: ${DEFAULT-VALUE} yuan).")
    long bandWidth;

    @Option(names = "--what-would-change", arity = "0..1", fallbackValue = "3", paramLabel = "N",
            description = {"Each changed subject in changes.jsonl carries, for its decisions under the reform, up to N",
                "(default 3) verified minimal change sets of a denial and the margins of a grant."})
    Integer whatWouldChange;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    boolean quiet;

    @Mixin
    EngineOptions engineOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(input)) {
            throw CliErrors.notADirectory("--input", input);
        }
        RunLimits.check(threads, batchSize);
        if (bandWidth < 1) {
            throw new CliErrors.UsageException(Lang.pick("--band-width " + bandWidth + "：请给出 ≥ 1 的元数，例如 1000",
                    "--band-width " + bandWidth + ": give a number of yuan ≥ 1, e.g. 1000"));
        }
        if (!Files.exists(reformPath)) {
            throw new CliErrors.UsageException(Lang.pick("--reform " + reformPath + "：文件或目录不存在（请给出改革方案文件或含 reform.yaml 的目录）",
                    "--reform " + reformPath + ": no such file or directory"));
        }
        List<RulePack> packs = engineOptions.packs();
        List<ParameterSet> overrides = engineOptions.overrides();
        PolicyEngine baseline = EngineOptions.builder(packs, overrides).build();
        Reform reform;
        PolicyEngine reformed;
        try {
            reform = ReformFiles.read(reformPath);
            reformed = reform.engineBuilder(packs, overrides).build();
        } catch (PolicyException e) {
            if (e.problems().isEmpty()) {
                throw e;
            }
            spec.commandLine().getErr().println(Lang.pick("fuyu：改革方案无法使用：", "fuyu: the reform cannot be used:"));
            e.problems().forEach(p -> spec.commandLine().getErr().println("  " + p));
            String loaded = String.join(", ", packs.stream().map(RulePack::id).toList());
            spec.commandLine().getErr().println(Lang.pick("  （已加载的规则包：" + loaded + "；改革方案只能改这些规则包定义的参数）",
                    "  (packs loaded: " + loaded + "; a reform overrides parameters these packs define)"));
            return CliErrors.FAILED;
        }
        EvaluationOptions options = EvaluateCommand.changeOptions(engineOptions.asOf(), false, whatWouldChange);
        Progress progress = Progress.households(quiet);
        ReformComparison.Builder b = ReformComparison.builder(baseline, reformed, options).reform(reform)
                .batchSize(batchSize).bandWidth(bandWidth).progress(n -> progress.update(n, Double.NaN));
        if (threads != null) {
            b.threads(threads);
        }
        if (benefitCodes != null) {
            checkCodes(benefitCodes, baseline, reformed);
            b.benefitCodes(benefitCodes);
        }
        Comparison c = b.build().run(input, out);
        progress.finish();
        Map<String, Title> titles = new TreeMap<>();
        for (PolicyEngine e : List.of(baseline, reformed)) {
            for (PackInfo p : e.packs()) {
                p.codes().stream().filter(code -> code.title() != null).forEach(code -> titles.put(code.code(), code.title()));
            }
        }
        ComparisonText.print(c, titles, benefitCodes != null, out, System.out);
        return 0;
    }

    private static void checkCodes(List<String> codes, PolicyEngine... engines) {
        Set<String> known = new TreeSet<>();
        for (PolicyEngine e : engines) {
            for (PackInfo p : e.packs()) {
                p.codes().stream().map(PackManifest.CodeInfo::code).forEach(known::add);
            }
        }
        List<String> unknown = new ArrayList<>(codes);
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new CliErrors.UsageException(Lang.pick(
                    "--benefit-codes：已加载的规则包都不作出 " + String.join("、", unknown) + "；可用的代码：" + String.join("、", known),
                    "--benefit-codes: no loaded pack decides " + String.join(", ", unknown) + "; codes: "
                            + String.join(", ", known)));
        }
    }
}
