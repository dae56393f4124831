package org.fuyu.policy.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.packs.RulePack;
import org.fuyu.policy.packs.RulePacks;
import org.fuyu.policy.params.ParameterFiles;
import org.fuyu.policy.params.ParameterSet;
import picocli.CommandLine.Option;

/** Options shared by commands that build an engine: rule directories, parameter files, date. */
final class EngineOptions {
    @Option(names = "--rules", paramLabel = "DIR",
            description = "A rule pack directory (or a directory of packs); repeatable. Default: the packs on the class path.")
    List<Path> rules = new ArrayList<>();

    @Option(names = "--trusted-rules", paramLabel = "DIR",
            description = "A pack directory trusted as code (reviewed like source): it may also hold DRL and Drools"
                    + " decision tables; repeatable.")
    List<Path> trustedRules = new ArrayList<>();

    @Option(names = "--params", paramLabel = "FILE",
            description = "A parameter file laid over the pack defaults; repeatable, later files win.")
    List<Path> params = new ArrayList<>();

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD",
            description = "The date whose parameter values apply (default: today).")
    LocalDate asOf;

    LocalDate asOf() {
        return asOf != null ? asOf : LocalDate.now();
    }

    List<RulePack> packs() {
        if (rules.isEmpty() && trustedRules.isEmpty()) {
            return RulePacks.fromClasspath();
        }
        List<RulePack> packs = new ArrayList<>();
        for (Path dir : rules) {
            if (!Files.isDirectory(dir)) {
                throw new CliErrors.UsageException("--rules " + dir + ": not a directory");
            }
            packs.addAll(RulePacks.fromDirectory(dir));
        }
        for (Path dir : trustedRules) {
            if (!Files.isDirectory(dir)) {
                throw new CliErrors.UsageException("--trusted-rules " + dir + ": not a directory");
            }
            packs.addAll(RulePacks.fromTrustedDirectory(dir));
        }
        return packs;
    }

    /** The --params files, read, in order. */
    List<ParameterSet> overrides() {
        List<ParameterSet> sets = new ArrayList<>();
        for (Path p : params) {
            if (!Files.isRegularFile(p)) {
                throw new CliErrors.UsageException("--params " + p + ": no such file");
            }
            sets.add(ParameterFiles.read(p));
        }
        return sets;
    }

    PolicyEngine.Builder builder() {
        return builder(packs(), overrides());
    }

    static PolicyEngine.Builder builder(List<RulePack> packs, List<ParameterSet> overrides) {
        PolicyEngine.Builder b = PolicyEngine.builder().addPacks(packs);
        overrides.forEach(b::overrideParameters);
        return b;
    }

    PolicyEngine engine() {
        return builder().build();
    }
}
