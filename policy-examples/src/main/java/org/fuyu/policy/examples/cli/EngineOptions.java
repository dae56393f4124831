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

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "A directory of pack jars (a ClasspathRulePack subclass listed in META-INF/services); "
                    + "their packs are loaded with the others. 插件目录: 其中 jar 的规则包一并加载。")
    Path pluginDir;

    private Plugins plugins;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD",
            description = "The date whose parameter values apply (default: today).")
    LocalDate asOf;

    LocalDate asOf() {
        return asOf != null ? asOf : LocalDate.now();
    }

    @Option(names = "--only-rules",
            description = "Use only the packs of the --rules and --trusted-rules directories (and --plugins), not the"
                    + " shipped packs. Without it the directory packs are added to the shipped ones, and a directory pack"
                    + " with a shipped pack's id replaces it. 只用 --rules 目录中的规则包，不加载随附的规则包。")
    boolean onlyRules;

    private org.fuyu.policy.packs.PackSelection selection;

    /**
     * The packs to use: the shipped packs on the class path with the --rules and --trusted-rules
     * directory packs added (a directory pack with a shipped pack's id replaces it; with
     * --only-rules the directory packs alone), then the packs of the --plugins jars.
     */
    List<RulePack> packs() {
        return selection().packs();
    }

    /** The packs to use and a note for each shipped pack a directory pack replaced (read once). */
    org.fuyu.policy.packs.PackSelection selection() {
        if (selection != null) {
            return selection;
        }
        if (onlyRules && rules.isEmpty() && trustedRules.isEmpty()) {
            throw new CliErrors.UsageException("--only-rules needs --rules DIR or --trusted-rules DIR"
                    + " / --only-rules 需要同时用 --rules 指定规则目录");
        }
        List<RulePack> fromDirs = new ArrayList<>();
        for (Path dir : rules) {
            if (!Files.isDirectory(dir)) {
                throw CliErrors.notADirectory("--rules", dir);
            }
            fromDirs.addAll(RulePacks.fromDirectory(dir));
        }
        for (Path dir : trustedRules) {
            if (!Files.isDirectory(dir)) {
                throw CliErrors.notADirectory("--trusted-rules", dir);
            }
            fromDirs.addAll(RulePacks.fromTrustedDirectory(dir));
        }
        org.fuyu.policy.packs.PackSelection chosen = onlyRules ? org.fuyu.policy.packs.PackSelection.only(fromDirs)
                : org.fuyu.policy.packs.PackSelection.withShipped(fromDirs);
        List<RulePack> packs = new ArrayList<>(chosen.packs());
        Plugins p = plugins();
        if (p != null) {
            for (RulePack pack : p.packs()) {
                for (RulePack other : packs) {
                    if (other.id().equals(pack.id())) {
                        throw new CliErrors.UsageException("--plugins: pack '" + pack.id() + "' of " + pack.origin()
                                + " is also loaded from " + other.origin() + " / 规则包 id 重复; give one of them another id"
                                + " in its pack.yaml / 请在其中一个 pack.yaml 中改用别的 id");
                    }
                }
                packs.add(pack);
            }
        }
        selection = new org.fuyu.policy.packs.PackSelection(packs, chosen.replaced());
        return selection;
    }

    /** The --plugins jars, loaded once and named on stderr; null without --plugins. */
    Plugins plugins() {
        if (pluginDir != null && plugins == null) {
            plugins = Plugins.load(pluginDir, EngineOptions.class.getClassLoader());
            plugins.describe(System.err);
        }
        return plugins;
    }

    /** The --params files, read, in order. */
    List<ParameterSet> overrides() {
        List<ParameterSet> sets = new ArrayList<>();
        for (Path p : params) {
            if (!Files.isRegularFile(p)) {
                throw CliErrors.noSuchFile("--params", p);
            }
            sets.add(ParameterFiles.read(p));
        }
        return sets;
    }

    PolicyEngine.Builder builder() {
        PolicyEngine.Builder b = builder(packs(), overrides());
        Plugins p = plugins();
        return p == null ? b : b.classLoader(p.loader()); // a pack's rules may use its own classes
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
