package org.fuyu.policy.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.io.FactMapper;
import org.fuyu.policy.io.InputFiles;
import org.fuyu.policy.io.RunManifest;
import org.fuyu.policy.io.RunSummary;
import org.fuyu.policy.packs.RulePack;
import org.fuyu.policy.packs.RulePacks;
import org.fuyu.policy.params.ParameterFiles;
import org.fuyu.policy.params.ParameterSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code fuyu replay}: runs an evaluation again from the manifest in its {@code summary.json}.
 * Every hash is checked first (Fuyu version, packs, parameter files, input files); any
 * difference refuses the replay and says which. Otherwise the run is repeated with the same
 * date and options, and {@code decisions.jsonl} comes out byte for byte the same.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Re-runs an evaluation from the manifest in its summary.json, after checking that the Fuyu version,",
            "packs, parameter files and input files are the ones it was run with (SHA-256)."})
final class ReplayCommand implements Callable<Integer> {
    @Option(names = "--manifest", required = true, paramLabel = "FILE", description = "The summary.json of the run to replay.")
    Path manifestFile;

    @Option(names = "--input", required = true, paramLabel = "DIR", description = "Directory with the run's input files.")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the replayed output files.")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(manifestFile)) {
            throw CliErrors.noSuchFile("--manifest", manifestFile);
        }
        if (!Files.isDirectory(input)) {
            throw CliErrors.notADirectory("--input", input);
        }
        JsonNode node = FactMapper.get().readTree(manifestFile.toFile()).get("manifest");
        if (node == null || node.isNull()) {
            throw new CliErrors.UsageException("--manifest " + manifestFile + ": 没有 manifest / holds no manifest; "
                    + "replay needs the summary.json of a fuyu evaluate run");
        }
        RunManifest m = FactMapper.get().treeToValue(node, RunManifest.class);
        List<String> differences = new ArrayList<>();
        if (!RunManifest.FUYU_VERSION.equals(m.fuyuVersion)) {
            differences.add("Fuyu version: the run used " + m.fuyuVersion + ", this is " + RunManifest.FUYU_VERSION);
        }
        List<RulePack> packs = packs(m, differences);
        List<ParameterSet> overrides = new ArrayList<>();
        List<Path> paramPaths = m.options.params().stream().map(Path::of).toList();
        for (RunManifest.FileHash f : m.parameterFiles) {
            Path p = Path.of(f.file());
            if (!Files.isRegularFile(p)) {
                differences.add("parameter file " + f.file() + ": missing");
                continue;
            }
            compare("parameter file " + f.file(), f, RunManifest.hash(f.file(), p), differences);
        }
        compareInputs(m, differences);
        if (!differences.isEmpty()) {
            spec.commandLine().getErr().println("fuyu: 拒绝重放，与原运行不同 / replay refused, not the run's inputs:");
            differences.forEach(d -> spec.commandLine().getErr().println("  " + d));
            spec.commandLine().getErr().println(org.fuyu.policy.Lang.pick("  （请恢复原运行所用的文件，或重新运行 fuyu evaluate）",
                    "  (restore the files the run was made with, or run fuyu evaluate anew)"));
            return CliErrors.FAILED;
        }
        for (Path p : paramPaths) {
            overrides.add(ParameterFiles.read(p));
        }
        PolicyEngine engine = EngineOptions.builder(packs, overrides).build();
        int batchSize = m.options.batchSize() != null ? m.options.batchSize()
                : org.fuyu.policy.io.DirectoryEvaluation.DEFAULT_BATCH_SIZE;
        RunSummary summary = EvaluateCommand.evaluate(engine, EvaluateCommand.changeOptions(m.asOf, m.options.explainDenials(),
                        m.options.whatWouldChange()), null, batchSize, quiet,
                RunManifest.of(m.asOf, packs, paramPaths, m.options), selectionNotes, input, out);
        System.out.println(org.fuyu.policy.Lang.pick("已重放：", "replayed: ") + SummaryText.oneLine(summary) + " -> " + out);
        return 0;
    }

    /** The notes of the run's pack selection (a shipped pack a directory pack replaced). */
    private List<String> selectionNotes = List.of();

    private List<RulePack> packs(RunManifest m, List<String> differences) {
        // the run's selection again: its directory packs added to the shipped ones, or alone with --only-rules
        List<RulePack> fromDirs = new ArrayList<>();
        int trusted = m.options.trustedRules() == null ? 0 : m.options.trustedRules();
        List<String> dirs = m.options.rules();
        for (int i = 0; i < dirs.size(); i++) {
            Path dir = Path.of(dirs.get(i));
            if (!Files.isDirectory(dir)) {
                differences.add("rule directory " + dir + ": missing");
                continue;
            }
            fromDirs.addAll(i >= dirs.size() - trusted ? RulePacks.fromTrustedDirectory(dir) : RulePacks.fromDirectory(dir));
        }
        org.fuyu.policy.packs.PackSelection selection = m.options.onlyDirectoryPacks()
                ? org.fuyu.policy.packs.PackSelection.only(fromDirs)
                : org.fuyu.policy.packs.PackSelection.withShipped(fromDirs);
        selectionNotes = selection.notes();
        List<RulePack> packs = new ArrayList<>(selection.packs());
        Map<String, RulePack> now = new TreeMap<>();
        packs.forEach(p -> now.put(p.id(), p));
        for (RunManifest.Pack p : m.packs) {
            RulePack q = now.remove(p.id());
            if (q == null) {
                differences.add("pack " + p.id() + ": not loaded now");
            } else if (p.sha256() == null || !p.sha256().equals(RunManifest.sha256(q))) {
                differences.add("pack " + p.id() + ": content SHA-256 differs (run " + p.version() + " " + p.sha256()
                        + ", now " + q.version() + " " + RunManifest.sha256(q) + ")");
            }
        }
        now.keySet().forEach(id -> differences.add("pack " + id + ": loaded now, not in the run"));
        return packs;
    }

    private void compareInputs(RunManifest m, List<String> differences) throws java.io.IOException {
        InputFiles files = InputFiles.in(input);
        Map<String, Path> present = new TreeMap<>();
        for (Path p : java.util.Arrays.asList(files.households(), files.businesses(), files.villages(), files.counties())) {
            if (p != null) {
                present.put(p.getFileName().toString(), p);
            }
        }
        for (RunManifest.FileHash f : m.inputs) {
            Path p = present.remove(f.file());
            if (p == null) {
                differences.add("input " + f.file() + ": missing from " + input);
            } else {
                compare("input " + f.file(), f, RunManifest.hash(f.file(), p), differences);
            }
        }
        present.keySet().forEach(name -> differences.add("input " + name + ": in " + input + ", not in the run"));
    }

    private static void compare(String what, RunManifest.FileHash expected, RunManifest.FileHash actual,
                                List<String> differences) {
        if (expected.bytes() != actual.bytes() || !expected.sha256().equals(actual.sha256())) {
            differences.add(what + ": SHA-256 differs (run " + expected.bytes() + " bytes " + expected.sha256()
                    + ", now " + actual.bytes() + " bytes " + actual.sha256() + ")");
        }
    }
}
