package org.fuyu.policy.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.fuyu.policy.Problem;
import org.fuyu.policy.packs.DecisionTables;
import org.fuyu.policy.packs.PackResource;
import org.fuyu.policy.packs.PackValidator;
import org.fuyu.policy.packs.RulePack;
import org.fuyu.policy.packs.RulePacks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fuyu validate}: checks rule directories before they go live, without evaluating
 * anything; every problem as {@code file:line: message} (a sheet row for decision tables).
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks rule pack directories (and parameter files) without evaluating anything: DRL syntax,",
            "unknown fact fields, parameters read but not defined or not numbers, decision-table ranges that overlap",
            "or leave gaps, pack.yaml fields, and the sandbox for edited packs. Prints each problem as file:line: message.",
            "Exit code 0 when clean, 1 when not."})
final class ValidateCommand implements Callable<Integer> {
    @Option(names = "--rules", required = true, paramLabel = "DIR",
            description = "A rule pack directory (or a directory of packs); repeatable.")
    List<Path> rules = new ArrayList<>();

    @Option(names = "--params", paramLabel = "FILE",
            description = "A parameter file laid over the pack defaults; repeatable, later files win.")
    List<Path> params = new ArrayList<>();

    @Option(names = "--show-drl", description = "Also print the DRL generated from each decision table.")
    boolean showDrl;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (Path dir : rules) {
            if (!Files.isDirectory(dir)) {
                throw new CliErrors.UsageException("--rules " + dir + ": not a directory");
            }
        }
        List<Problem> problems = PackValidator.validate(rules, params);
        for (Problem p : problems) {
            out.println(p.line() > 0 ? p.toString() : p.file() + ":0: " + p.message());
        }
        if (!problems.isEmpty()) {
            out.println(problems.size() == 1 ? "1 problem: the rules were not changed" : problems.size()
                    + " problems: the rules were not changed");
            out.flush();
            return CliErrors.FAILED;
        }
        List<RulePack> packs = new ArrayList<>();
        rules.forEach(d -> packs.addAll(RulePacks.fromDirectory(d)));
        for (RulePack p : packs) {
            out.println("ok " + p.id() + " " + p.version() + " (" + p.resources().size() + " rule files) " + p.origin());
            if (showDrl) {
                for (PackResource r : p.resources()) {
                    if (DecisionTables.isDecisionTable(r)) {
                        out.println("---- DRL generated from " + r.location());
                        out.println(DecisionTables.toDrl(r));
                    }
                }
            }
        }
        out.println("no problems: " + packs.size() + (packs.size() == 1 ? " pack" : " packs") + " can go live");
        out.flush();
        return 0;
    }
}
