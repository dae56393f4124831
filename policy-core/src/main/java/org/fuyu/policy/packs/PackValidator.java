package org.fuyu.policy.packs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.PolicyException;
import org.fuyu.policy.Problem;
import org.fuyu.policy.internal.DidYouMean;
import org.fuyu.policy.params.ParameterFiles;
import org.fuyu.policy.params.ParameterSet;

/**
 * The checks of rule packs that need no evaluation, each problem located as {@code file:line}
 * (a sheet row for decision tables). {@link PolicyEngine.Builder#build()} runs
 * {@link #check(List, ParameterSet)} before it compiles; {@code fuyu validate} runs
 * {@link #validate(List, List)}, which also loads the files and compiles.
 *
 * <ul>
 *   <li>every pack: each parameter a rule reads ({@code param("x")}, {@code value("x")}, the
 *       manifest's {@code reads:}) is defined; decision tables follow the range convention
 *       ({@link DecisionTables});</li>
 *   <li>packs that are not trusted (loaded from a directory): the rule sandbox
 *       ({@link RuleSandbox}: imports, fully-qualified names, file system, processes, threads,
 *       reflection, class loaders, network, endless loops).</li>
 * </ul>
 */
public final class PackValidator {
    private static final Pattern PARAM_CALL = Pattern.compile("\\b(param|value)\\(\\s*\"([^\"]*)\"\\s*\\)");
    private static final Pattern PARAM_NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*");

    private PackValidator() {
    }

    /** The result of the static checks: the problems, and whether any is a sandbox violation. */
    public record Result(List<Problem> problems, boolean sandboxViolation) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /**
     * Static checks of packs about to be compiled together, with the parameters they will run
     * with (pack defaults and overrides merged).
     */
    public static Result check(List<? extends RulePack> packs, ParameterSet parameters) {
        return check(packs, parameters, java.util.Set.of());
    }

    /**
     * {@link #check(List, ParameterSet)}, leaving out the rule-language tables of the packs in
     * {@code tablesChecked} (checked when their jar was built, with the same parameter values).
     */
    public static Result check(List<? extends RulePack> packs, ParameterSet parameters, java.util.Set<String> tablesChecked) {
        List<Problem> problems = new ArrayList<>();
        boolean sandbox = false;
        for (RulePack pack : packs) {
            for (String name : pack.manifest().reads()) {
                if (!parameters.contains(name)) {
                    problems.add(Problem.of(pack.origin() + "/pack.yaml", 0, "reads parameter '" + name
                            + "' that no loaded pack or parameter file defines" + DidYouMean.suffix(name, parameters.names())));
                }
            }
            String line = pack.manifest().incomeLine();
            if (line != null && !parameters.contains(line)) {
                problems.add(Problem.of(pack.origin() + "/pack.yaml", 0, "incomeLine names parameter '" + line
                        + "' that no loaded pack or parameter file defines" + DidYouMean.suffix(line, parameters.names())));
            }
            if (!tablesChecked.contains(pack.id())) {
                problems.addAll(org.fuyu.policy.packs.lang.RuleLanguage.checkTables(pack, parameters));
            }
            for (PackResource r : pack.resources()) {
                String drl;
                IntUnaryOperator lineOf;
                if (DecisionTables.isDecisionTable(r)) {
                    DecisionTables.Table table;
                    try {
                        table = DecisionTables.read(r);
                    } catch (PolicyException e) {
                        problems.addAll(e.problems());
                        continue;
                    }
                    problems.addAll(table.check(parameters));
                    drl = table.drl();
                    lineOf = table::rowOfDrlLine;
                } else if (r.kind() == PackResource.Kind.DRL) {
                    drl = r.text();
                    lineOf = IntUnaryOperator.identity();
                } else {
                    continue;
                }
                checkParameterReads(r.location(), drl, lineOf, parameters, problems);
                checkNoClock(r.location(), drl, lineOf, problems);
                if (!pack.trusted()) {
                    // a directory pack that is not trusted holds no DRL (it is refused when loaded); never compile it
                    sandbox = true;
                    problems.add(Problem.of(r.location(), 1, "DRL in a pack that is not trusted"));
                }
            }
        }
        return new Result(List.copyOf(problems), sandbox);
    }

    private static void checkParameterReads(String file, String drl, IntUnaryOperator lineOf, ParameterSet params,
                                            List<Problem> problems) {
        Matcher m = PARAM_CALL.matcher(drl);
        while (m.find()) {
            String name = m.group(2);
            boolean value = m.group(1).equals("value");
            if (value && DecisionTables.NUMBER.matcher(name).matches() || params.contains(name)) {
                continue;
            }
            int line = lineOf.applyAsInt(lineAt(drl, m.start()));
            if (PARAM_NAME.matcher(name).matches()) {
                problems.add(Problem.of(file, line, "rule reads parameter '" + name
                        + "' that no parameter file defines" + DidYouMean.suffix(name, params.names())));
            } else if (!value) {
                problems.add(Problem.of(file, line, "'" + name + "' is not a parameter name (lower-case words joined by '.' or '_', e.g. low_income.line)"));
            }
            // value("10万") in a decision table cell is reported by the table check, with its column
        }
    }

    /** Calls that read the wall clock; a rule decides as of its case's date ({@code $c.asOf()}). */
    private static final Pattern CLOCK = Pattern.compile(
            "\\b(now\\s*\\(|currentTimeMillis|nanoTime|Clock\\s*\\.|Instant\\s*\\.|new\\s+(java\\.util\\.)?Date\\s*\\(|Calendar\\s*\\.getInstance)");

    /**
     * Hand-written DRL (trusted packs only) must not read the wall clock either: a decision is made
     * as of its case's date. A check of the text, for code that is reviewed anyway.
     */
    private static void checkNoClock(String file, String drl, IntUnaryOperator lineOf, List<Problem> problems) {
        Matcher m = CLOCK.matcher(drl);
        while (m.find()) {
            problems.add(Problem.of(file, lineOf.applyAsInt(lineAt(drl, m.start())), "a rule must not read the wall clock ('"
                    + m.group(1).trim() + "'): decide as of the case's date, $c.asOf() (规则不能读取系统时钟，请用评估日期 asOf)"));
        }
    }

    private static int lineAt(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /**
     * Everything {@code fuyu validate} checks, without evaluating anything: loads each rule
     * directory ({@code pack.yaml}, {@code parameters.yaml}, rule files) and each parameter file,
     * runs the static checks and compiles the rules (DRL syntax, unknown fact fields). Problems
     * are sorted by file and line; an empty list means the rules can go live.
     */
    public static List<Problem> validate(List<Path> ruleDirs, List<Path> parameterFiles) {
        return validate(ruleDirs, List.of(), parameterFiles);
    }

    /** {@link #validate(List, List)} for directories the host trusts as code (DRL allowed). */
    public static List<Problem> validateTrusted(List<Path> trustedDirs, List<Path> parameterFiles) {
        return validate(List.of(), trustedDirs, parameterFiles);
    }

    /** Checks directories policy staff edit ({@code ruleDirs}) and directories trusted as code together. */
    public static List<Problem> validate(List<Path> ruleDirs, List<Path> trustedDirs, List<Path> parameterFiles) {
        return validate(ruleDirs, trustedDirs, parameterFiles, List.of());
    }

    /**
     * Checks the directories as they would go live beside {@code shipped} (the packs on the class
     * path): the directory packs are added to them, one with a shipped pack's id replacing it
     * ({@link PackSelection}), and everything is compiled together, so a parameter a directory pack
     * defines differently from a shipped one, or a code two packs decide, is found here and not at
     * the first run.
     */
    public static List<Problem> validate(List<Path> ruleDirs, List<Path> trustedDirs, List<Path> parameterFiles,
                                         List<? extends RulePack> shipped) {
        List<Problem> problems = new ArrayList<>();
        List<RulePack> packs = new ArrayList<>();
        for (Path dir : ruleDirs) {
            try {
                packs.addAll(RulePacks.fromDirectory(dir));
            } catch (PolicyException e) {
                problems.addAll(problemsOf(e, dir.toString()));
            }
        }
        for (Path dir : trustedDirs) {
            try {
                packs.addAll(RulePacks.fromTrustedDirectory(dir));
            } catch (PolicyException e) {
                problems.addAll(problemsOf(e, dir.toString()));
            }
        }
        List<ParameterSet> overrides = new ArrayList<>();
        for (Path p : parameterFiles) {
            if (!Files.isRegularFile(p)) {
                problems.add(Problem.of(p.toString(), 0, "no such parameter file"));
                continue;
            }
            try (InputStream in = Files.newInputStream(p)) {
                overrides.add(ParameterFiles.parse(p.toString(), in, problems));
            } catch (IOException e) {
                problems.add(Problem.of(p.toString(), 0, "cannot read: " + e.getMessage()));
            }
        }
        if (!packs.isEmpty() || problems.isEmpty() && !shipped.isEmpty()) {
            PolicyEngine.Builder b = PolicyEngine.builder().addPacks(PackSelection.of(shipped, packs).packs());
            overrides.forEach(b::overrideParameters);
            try {
                b.build();
            } catch (PolicyException e) {
                problems.addAll(problemsOf(e, "rules"));
            }
        }
        return problems.stream().distinct().sorted().toList();
    }

    static List<Problem> problemsOf(PolicyException e, String where) {
        return e.problems().isEmpty() ? List.of(Problem.of(where, 0, e.getMessage())) : e.problems();
    }
}
