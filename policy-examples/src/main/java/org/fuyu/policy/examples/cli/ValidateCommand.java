package org.fuyu.policy.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.fuyu.policy.Lang;
import org.fuyu.policy.PolicyEngine;
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
        description = {"Checks rule pack directories (and parameter files) without evaluating anything: rule-language",
            "syntax, names and types, parameters read but not defined or not numbers, decision-table ranges that overlap",
            "or leave gaps, pack.yaml fields. Prints each problem as file:line:column: message.",
            "Exit code 0 when clean, 1 when not."})
final class ValidateCommand implements Callable<Integer> {
    @Option(names = "--rules", paramLabel = "DIR",
            description = "A rule pack directory (or a directory of packs) that policy staff edit; repeatable. Without"
                    + " --rules, --params files are checked against the packs on the class path.")
    List<Path> rules = new ArrayList<>();

    @Option(names = "--trusted-rules", paramLabel = "DIR",
            description = "A pack directory trusted as code (DRL allowed); repeatable.")
    List<Path> trustedRules = new ArrayList<>();

    @Option(names = "--only-rules",
            description = "Check the --rules directories alone. Without it they are checked as they go live: added to the"
                    + " shipped packs, a directory pack with a shipped pack's id replacing it.")
    boolean onlyRules;

    @Option(names = "--verbose", description = "Also print the Drools compiler's own text where it says more.")
    boolean verbose;

    @Option(names = "--params", paramLabel = "FILE",
            description = "A parameter file laid over the pack defaults; repeatable, later files win.")
    List<Path> params = new ArrayList<>();

    @Option(names = "--show-drl", description = "Also print the DRL Fuyu generates from the rule files and tables (for developers).")
    boolean showDrl;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /**
     * {@code validate --params FILE} alone: the override files against the packs on the class
     * path, and what they change (a value that more than doubles or halves is flagged).
     */
    private int checkOverrides(PrintWriter out) {
        List<RulePack> packs = RulePacks.fromClasspath();
        List<Problem> problems = PackValidator.validate(List.of(), List.of(), params);
        List<org.fuyu.policy.params.ParameterSet> sets = new ArrayList<>();
        if (problems.isEmpty()) {
            params.forEach(f -> sets.add(org.fuyu.policy.params.ParameterFiles.read(f)));
            PolicyEngine.Builder b = PolicyEngine.builder().addPacks(packs);
            sets.forEach(b::overrideParameters);
            try {
                b.build();
            } catch (org.fuyu.policy.PolicyException e) {
                problems = e.problems();
            }
        }
        for (Problem p : problems) {
            out.println(p.line() > 0 ? p.toString() : p.file() + ":0: " + p.message());
        }
        if (!problems.isEmpty()) {
            out.println(Lang.pick(problems.size() + " 个问题：参数没有生效；改正后再运行 validate",
                    (problems.size() == 1 ? "1 problem" : problems.size() + " problems")
                            + ": the parameters were not changed; fix them and run validate again"));
            out.flush();
            return CliErrors.FAILED;
        }
        for (org.fuyu.policy.params.ParameterSet set : sets) {
            for (org.fuyu.policy.params.Parameter o : set.all()) {
                for (RulePack pack : packs) {
                    if (!pack.parameters().contains(o.name())) {
                        continue;
                    }
                    org.fuyu.policy.params.Parameter base = pack.parameters().get(o.name());
                    o.values().forEach((date, value) -> {
                        java.util.Map.Entry<java.time.LocalDate, java.math.BigDecimal> before = base.inForceOn(date);
                        String was = before == null ? "-" : before.getValue().toPlainString();
                        String warn = "";
                        if (before != null && before.getValue().signum() > 0 && value.signum() > 0
                                && (value.compareTo(before.getValue().multiply(java.math.BigDecimal.valueOf(2))) > 0
                                || value.multiply(java.math.BigDecimal.valueOf(2)).compareTo(before.getValue()) < 0)) {
                            warn = Lang.pick("  注意：变化超过一倍，请核对单位和位数", "  warning: changes by more than a factor of 2;"
                                    + " check the unit and the digits");
                        }
                        out.println(o.name() + ": " + was + " → " + value.toPlainString() + Lang.pick(" 自 ", " from ") + date
                                + " (" + Lang.pick("规则包 ", "pack ") + pack.id() + ")" + warn);
                    });
                    break;
                }
            }
        }
        out.println(Lang.pick("没有问题：参数文件可以用于上线的 " + packs.size() + " 个规则包",
                "no problems: the parameter files can go live with the " + packs.size() + " shipped packs"));
        out.flush();
        return 0;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (rules.isEmpty() && trustedRules.isEmpty()) {
            if (params.isEmpty()) {
                throw new CliErrors.UsageException("give --rules DIR (the pack directories to check) or --params FILE"
                        + " (an override file to check against the shipped packs) / 请用 --rules 指定规则目录，或用 --params 指定参数文件");
            }
            return checkOverrides(out);
        }
        for (Path dir : rules) {
            if (!Files.isDirectory(dir)) {
                throw CliErrors.notADirectory("--rules", dir);
            }
        }
        for (Path dir : trustedRules) {
            if (!Files.isDirectory(dir)) {
                throw CliErrors.notADirectory("--trusted-rules", dir);
            }
        }
        List<RulePack> shipped = onlyRules ? List.of() : RulePacks.fromClasspath();
        List<Problem> problems = PackValidator.validate(rules, trustedRules, params, shipped);
        for (Problem p : problems) {
            String line = p.line() > 0 ? p.toString() : p.file() + ":0: " + p.message();
            out.println(verbose ? line : CliErrors.plain(line));
        }
        if (!problems.isEmpty()) {
            out.println(Lang.pick(problems.size() + " 个问题：规则没有生效；改正后再运行 validate",
                    (problems.size() == 1 ? "1 problem" : problems.size() + " problems")
                            + ": the rules were not changed; fix them and run validate again"));
            out.flush();
            return CliErrors.FAILED;
        }
        List<RulePack> packs = new ArrayList<>();
        rules.forEach(d -> packs.addAll(RulePacks.fromDirectory(d)));
        trustedRules.forEach(d -> packs.addAll(RulePacks.fromTrustedDirectory(d)));
        PolicyEngine engine = null;
        if (showDrl) {
            PolicyEngine.Builder b = PolicyEngine.builder().addPacks(org.fuyu.policy.packs.PackSelection.of(shipped, packs).packs());
            params.forEach(f -> b.overrideParameters(org.fuyu.policy.params.ParameterFiles.read(f)));
            engine = b.build();
        }
        for (RulePack p : packs) {
            out.println(Lang.pick("通过 ", "ok ") + p.id() + " " + p.version() + " (" + p.resources().size()
                    + Lang.pick(" 个规则文件) ", " rule files) ") + p.origin());
            if (showDrl) {
                String drl = engine.generatedDrl().get(p.id());
                if (drl != null) {
                    out.println("---- DRL generated from the rule files of " + p.id());
                    out.println(drl);
                }
                for (PackResource r : p.resources()) {
                    if (DecisionTables.isDecisionTable(r)) {
                        out.println("---- DRL generated from " + r.location());
                        out.println(DecisionTables.toDrl(r));
                    }
                }
            }
        }
        org.fuyu.policy.packs.PackSelection selection = org.fuyu.policy.packs.PackSelection.of(shipped, packs);
        PolicyEngine.Builder all = PolicyEngine.builder().addPacks(selection.packs());
        params.forEach(f -> all.overrideParameters(org.fuyu.policy.params.ParameterFiles.read(f)));
        List<Problem> warnings = org.fuyu.policy.packs.lang.RuleLanguage.warnings(packs, selection.packs(), all.parameters());
        for (Problem w : warnings) {
            out.println(w.line() > 0 ? w.toString() : w.file() + ":0: " + w.message());
        }
        selection.printedNotes().forEach(out::println);
        int alongside = selection.packs().size() - packs.size();
        String notes = warnings.isEmpty() ? "" : Lang.pick("（" + warnings.size() + " 条注意事项，见上）",
                " (" + warnings.size() + (warnings.size() == 1 ? " warning" : " warnings") + " above)");
        out.println(Lang.pick("没有问题：" + packs.size() + " 个规则包可以上线" + (alongside > 0 ? "（与 " + alongside
                        + " 个随附的规则包一起）" : "") + notes,
                "no problems: " + packs.size() + (packs.size() == 1 ? " pack" : " packs") + " can go live"
                        + (alongside > 0 ? " with the " + alongside + " shipped " + (alongside == 1 ? "pack" : "packs") : "")
                        + notes));
        out.flush();
        return 0;
    }
}
