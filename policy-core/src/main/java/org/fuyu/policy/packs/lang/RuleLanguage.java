package org.fuyu.policy.packs.lang;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.fuyu.policy.Problem;
import org.fuyu.policy.evaluation.RuleInfo;
import org.fuyu.policy.packs.PackResource;
import org.fuyu.policy.packs.RulePack;

/**
 * Fuyu's rule language (docs/rule-language.md): the files policy staff edit —
 * {@code *.rules.yaml} and the decision tables {@code *.table.csv} / {@code *.table.xlsx} —
 * compiled into one DRL package per pack. The grammar is the fence: these files can name only
 * fact fields, derived values, counters and parameters, and the language's own functions.
 */
public final class RuleLanguage {

    /**
     * A pack's rules compiled to DRL.
     *
     * @param drl the generated DRL (viewable with {@code fuyu validate --show-drl})
     * @param rules what each generated rule records (code, name, citation), by the index the DRL uses
     * @param problems syntax, name and type errors, each at {@code file:line:column}
     */
    public record Generated(String packId, String packageName, String drl, List<RuleInfo> rules, List<Problem> problems,
                            java.util.Map<String, Set<String>> parametersByCode, Set<String> parametersRead) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private RuleLanguage() {
    }

    /** Whether the pack holds rule-language files. */
    public static boolean uses(RulePack pack) {
        for (PackResource r : pack.resources()) {
            if (r.kind().ruleLanguage()) {
                return true;
            }
        }
        return false;
    }

    /** The DRL package a pack's generated rules go to. */
    public static String packageOf(String packId) {
        return PackCompiler.packageOf(packId);
    }

    /**
     * The checks of the pack's decision tables that need parameter values: rows that overlap or
     * leave gaps, at every date a parameter they name changes; values listed twice or not at all.
     */
    public static List<Problem> checkTables(RulePack pack, org.fuyu.policy.params.ParameterSet parameters) {
        List<Problem> problems = new ArrayList<>();
        for (PackResource r : pack.resources()) {
            if (r.kind() == PackResource.Kind.TABLE_CSV || r.kind() == PackResource.Kind.TABLE_XLSX) {
                problems.addAll(TableRanges.check(r, parameters));
            }
        }
        return problems;
    }

    /**
     * One definition per band: a field a decision table of the pack divides into bands may be
     * compared by the pack's other rules only where the table divides it (at every date a
     * parameter involved changes). Two definitions of one band are an error at the other rule.
     */
    public static List<Problem> checkBands(RulePack pack, org.fuyu.policy.params.ParameterSet parameters) {
        return PackChecks.bands(read(pack, new ArrayList<>()), parameters).stream().distinct().sorted().toList();
    }

    /**
     * What {@code fuyu validate} warns about in {@code checked} (packs written in the rule language),
     * loaded with {@code all}: parameters no rule reads, numbers written where parameters of the same
     * unit exist, codes in force before a parameter they read has a value. Warnings do not stop a pack.
     */
    public static List<Problem> warnings(List<? extends RulePack> checked, List<? extends RulePack> all,
                                         org.fuyu.policy.params.ParameterSet parameters) {
        List<List<RulesFile>> every = new ArrayList<>();
        for (RulePack p : all) {
            if (uses(p)) {
                every.add(read(p, new ArrayList<>()));
            }
        }
        List<Problem> out = new ArrayList<>();
        for (RulePack p : checked) {
            if (!uses(p)) {
                continue;
            }
            Generated g = compile(p, parameters.names());
            if (g.ok()) {
                out.addAll(PackChecks.warnings(p, read(p, new ArrayList<>()), g, every, parameters));
            }
        }
        return out.stream().distinct().sorted().toList();
    }

    /** Compiles the pack's rule-language files, checking every name against these parameters. */
    public static Generated compile(RulePack pack, Set<String> parameterNames) {
        List<Problem> problems = new ArrayList<>();
        List<RulesFile> files = read(pack, problems);
        PackCompiler.Result result = PackCompiler.compile(pack.id(), files, parameterNames);
        problems.addAll(result.problems());
        return new Generated(pack.id(), result.packageName(), result.drl(), result.rules(),
                problems.stream().distinct().sorted().toList(), result.parametersByCode(), result.parametersRead());
    }

    /** The pack's rule files and tables, read (their problems added). */
    static List<RulesFile> read(RulePack pack, List<Problem> problems) {
        List<RulesFile> files = new ArrayList<>();
        for (PackResource r : pack.resources()) {
            switch (r.kind()) {
                case RULES -> files.add(RulesFile.read(r.location(), r.content(), problems));
                case TABLE_CSV, TABLE_XLSX -> files.add(RuleTable.read(r, problems));
                default -> {
                }
            }
        }
        return files;
    }
}
