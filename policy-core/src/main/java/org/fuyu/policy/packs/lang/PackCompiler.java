package org.fuyu.policy.packs.lang;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fuyu.policy.Lang;
import org.fuyu.policy.Problem;
import org.fuyu.policy.SubjectType;
import org.fuyu.policy.evaluation.RuleInfo;
import org.fuyu.policy.packs.lang.ExprCompiler.Ctx;
import org.fuyu.policy.packs.lang.ExprCompiler.Named;
import org.fuyu.policy.packs.lang.ExprCompiler.V;
import org.fuyu.policy.packs.lang.RulesFile.DecisionDecl;
import org.fuyu.policy.packs.lang.RulesFile.Text;
import org.fuyu.policy.packs.lang.Schema.K;
import org.fuyu.policy.packs.lang.Schema.Scope;

/**
 * Compiles a pack's rule-language files and decision tables into one DRL package: for every
 * decision a rule whose {@code when} holds its candidate conditions and criteria as constraints
 * (Drools matches; the consequence only records the explanation of the same expressions), a rule
 * for denials when they are asked for, and the notes for county indicators that cannot be
 * decided. Staff text (citations, titles, notes, table row names) never enters the DRL: it stays
 * in {@link RuleInfo}, which the DRL names by index.
 */
final class PackCompiler {

    /**
     * The result: the DRL, the rule infos it refers to, every problem found, and the parameters each
     * decision code reads (with those of the codes it reads with granted(...)).
     */
    record Result(String packageName, String drl, List<RuleInfo> rules, List<Problem> problems,
                  Map<String, Set<String>> parametersByCode, Set<String> parametersRead) {
    }

    /** A helper function in the generated package. */
    record Fn(String name, List<String> vars) {
    }

    private final String packId;
    private final String packageName;
    private final Set<String> parameters;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Fn> functionsByKey = new LinkedHashMap<>();
    private final StringBuilder functionText = new StringBuilder();
    private final List<RuleInfo> infos = new ArrayList<>();
    /** Emitted rules, with {@code %SALIENCE%} for the level resolved at the end. */
    private final List<String[]> rules = new ArrayList<>();
    private final Map<String, Set<String>> readsGranted = new HashMap<>();
    private final Map<String, Named> defines = new LinkedHashMap<>();
    private final Map<String, Named> counters = new LinkedHashMap<>();
    private ExprCompiler compiler;
    private Set<String> grantedSeen;
    /**
     * What each guarded rule group reads (a decision by its index, a counter by its name): the
     * parameters and the codes of {@code granted(...)}. A group decides only when every parameter
     * it reads, and every parameter the codes it reads read, has a value on the case's date.
     */
    private final Map<String, Reads> guards = new LinkedHashMap<>();
    /** The generated decisions by index: code, rule name and the type and variable of their case. */
    private final Map<Integer, String[]> guarded = new LinkedHashMap<>();

    record Reads(String code, Set<String> params, Set<String> granted) {
    }

    private PackCompiler(String packId, Set<String> parameters) {
        this.packId = packId;
        this.packageName = packageOf(packId);
        this.parameters = parameters;
    }

    static String packageOf(String packId) {
        return "fuyu.rules." + packId.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "_");
    }

    static Result compile(String packId, List<RulesFile> files, Set<String> parameters) {
        PackCompiler pc = new PackCompiler(packId, parameters);
        pc.run(files);
        String drl = pc.drl();
        Map<String, Set<String>> byCode = new java.util.TreeMap<>();
        Set<String> read = new java.util.TreeSet<>();
        pc.guards.forEach((key, r) -> {
            read.addAll(r.params());
            if (r.code() != null) {
                byCode.computeIfAbsent(r.code(), k -> new java.util.TreeSet<>()).addAll(pc.closure(key, new java.util.HashSet<>(Set.of(key))));
            }
        });
        return new Result(pc.packageName, drl, List.copyOf(pc.infos), List.copyOf(pc.problems), byCode, read);
    }

    private void run(List<RulesFile> files) {
        Set<String> codes = new LinkedHashSet<>();
        Map<String, String> codeFrom = new HashMap<>();
        for (RulesFile f : files) {
            codes.addAll(f.refusedCodes);
            f.defines.forEach((name, t) -> declare(f.file, name, t, defines, "派生值", "derived value"));
            f.counters.forEach((name, t) -> declare(f.file, name, t, counters, "计数器", "counter"));
            for (DecisionDecl d : f.decisions) {
                // a code is declared once; the rows of one decision table may share it
                String prev = codeFrom.putIfAbsent(d.code(), d.file() + ":" + d.line());
                if (prev != null && !prev.startsWith(d.file() + ":")) {
                    problems.add(Problem.of(d.file(), d.line(), Lang.pick("决定代码 " + d.code() + " 已在 " + prev + " 定义",
                            "the decision code " + d.code() + " is already declared at " + prev)));
                }
                codes.add(d.code());
            }
        }
        for (String name : defines.keySet()) {
            if (parameters.contains(name) || isField(name)) {
                Named n = defines.get(name);
                problems.add(Problem.of(n.src().file(), n.src().line(), Lang.pick("派生值 '" + name + "' 与同名的字段或参数冲突；请换个名字",
                        "the derived value '" + name + "' has the name of a fact field or parameter; choose another name")));
            }
        }
        compiler = new ExprCompiler(packId, defines, counters, parameters, codes, this::function);
        grantedSeen = compiler.grantedSeen;
        counters.values().forEach(this::counter);
        for (RulesFile f : files) {
            for (DecisionDecl d : f.decisions) {
                decision(d);
            }
        }
    }

    private static boolean isField(String name) {
        for (Map<String, Schema.Field> fields : Schema.FIELDS.values()) {
            if (fields.containsKey(name)) {
                return true;
            }
        }
        return false;
    }

    private void declare(String file, String name, Text t, Map<String, Named> into, String zh, String en) {
        Ast body = parse(file, t);
        if (body == null) {
            return;
        }
        Named prev = into.putIfAbsent(name, new Named(name, body, new ExprCompiler.Src(t.value(), file, t.line(), t.column())));
        if (prev != null) {
            problems.add(Problem.of(file, t.line(), Lang.pick(zh + " '" + name + "' 已在 " + prev.src().file() + ":"
                    + prev.src().line() + " 定义", "the " + en + " '" + name + "' is already defined at " + prev.src().file()
                    + ":" + prev.src().line())));
        }
    }

    // ------------------------------------------------------------------ parts

    /** One compiled condition: its constraint function, its explanation function, and where it belongs. */
    record Part(Fn when, String explain, boolean inner, boolean dynamic, List<String> leaves) {
    }

    private Part part(String file, Text t, Scope subject, boolean explain) {
        Ast ast = parse(file, t);
        if (ast == null) {
            return null;
        }
        try {
            grantedSeen.clear();
            Ctx ctx = new Ctx(subject);
            V v = compiler.value(ast, ctx);
            if (v.ty().k() != K.BOOL) {
                throw ExprCompiler.err(ast, "'" + ast.text() + "' 是" + v.ty().words(true) + "，条件应为是/否（如 a < b）",
                        "'" + ast.text() + "' is " + v.ty().words(false) + "; a condition must be yes/no (such as a < b)");
            }
            String body = v.undefinedLeaves().isEmpty() ? "return " + v.code() + ";"
                    : "try { return " + v.code() + "; } catch (Undefined u) { return false; }";
            Fn when = function("boolean", ctx, body);
            String x = null;
            if (explain) {
                // the explanation is written into the consequence (one class fewer per criterion)
                x = compiler.criterion(ast, new Ctx(subject), null);
            }
            boolean inner = subject.parent != null && when.vars().contains(subject.var);
            return new Part(when, x, inner, v.dynamic(), v.undefinedLeaves());
        } catch (ExprCompiler.CompileError e) {
            report(file, t, e);
            return null;
        }
    }

    private void decision(DecisionDecl d) {
        Scope subject = d.subject() == null ? null : Scope.of(d.subject().value());
        if (d.subject() != null && subject == null) {
            problems.add(Problem.of(d.file(), d.subject().line(), d.subject().column() + 1,
                    Lang.pick("subject: 应为 household、person、business、village 或 county，这里是 '" + d.subject().value() + "'",
                            "subject: must be household, person, business, village or county, not '" + d.subject().value() + "'")));
        }
        if (subject == null || d.result() == null) {
            return;
        }
        int before = problems.size();
        compiler.paramsSeen.clear();
        Set<String> granted = new LinkedHashSet<>();
        List<Part> only = new ArrayList<>();
        List<Part> cands = new ArrayList<>();
        List<Part> reqs = new ArrayList<>();
        for (Text t : d.onlyWhen()) {
            add(only, part(d.file(), t, subject, false), granted);
        }
        for (Text t : d.candidates()) {
            add(cands, part(d.file(), t, subject, true), granted);
        }
        for (Text t : d.require()) {
            add(reqs, part(d.file(), t, subject, true), granted);
        }
        String amount = null;
        List<String> leaves = new ArrayList<>();
        if (d.amount() != null) {
            Ast a = parse(d.file(), d.amount());
            if (a != null) {
                try {
                    grantedSeen.clear();
                    Ctx ctx = new Ctx(subject);
                    V v = compiler.value(a, ctx);
                    if (v.ty().k() != K.LONG && v.ty().k() != K.DEC) {
                        throw ExprCompiler.err(a, "金额应为数字，这里是" + v.ty().words(true), "an amount must be a number, not " + v.ty().words(false));
                    }
                    granted.addAll(grantedSeen);
                    leaves.addAll(v.undefinedLeaves());
                    amount = v.x();
                } catch (ExprCompiler.CompileError e) {
                    report(d.file(), d.amount(), e);
                }
            }
        }
        if (d.otherwiseEn() != null && subject != Scope.COUNTY) {
            problems.add(Problem.of(d.file(), d.otherwiseEn().line(), Lang.pick("otherwise: 只用于县级（county）决定",
                    "otherwise: is for county decisions only")));
        }
        if (d.otherwiseEn() != null && d.onlyWhen().isEmpty()) {
            problems.add(Problem.of(d.file(), d.otherwiseEn().line(), Lang.pick("otherwise: 需要 only when:（不判定的条件）",
                    "otherwise: needs an only when: (when the decision is made)")));
        }
        if (problems.size() > before) {
            return;
        }
        int idx = infos.size();
        infos.add(new RuleInfo(idx, d.code(), d.ruleName(), d.citation() == null ? null : d.citation().value(),
                subjectType(subject), d.otherwiseEn() == null ? null : d.otherwiseEn().value(),
                d.otherwiseZh() == null ? null : d.otherwiseZh().value(), d.file(), d.line()));
        readsGranted.computeIfAbsent(d.code(), k -> new LinkedHashSet<>()).addAll(granted);
        for (Part p : only) {
            leaves.addAll(p.leaves());
        }
        for (Part p : cands) {
            leaves.addAll(p.leaves());
        }
        for (Part p : reqs) {
            leaves.addAll(p.leaves());
        }
        guards.put("d" + idx, new Reads(d.code(), new LinkedHashSet<>(compiler.paramsSeen), new LinkedHashSet<>(granted)));
        String caseType = subject.parent == null ? subject.javaType : subject.parent.javaType;
        String caseVar = subject.parent == null ? subject.var : subject.parent.var;
        guarded.put(idx, new String[] {d.ruleName().equals(d.code()) ? d.code() : d.code() + " row " + d.line(), caseType, caseVar});
        new DecisionRules(this, d, subject, idx, only, cands, reqs, amount, List.copyOf(new LinkedHashSet<>(leaves)),
                granted).emit();
    }

    private void add(List<Part> into, Part p, Set<String> granted) {
        if (p != null) {
            into.add(p);
            granted.addAll(grantedSeen);
        }
    }

    private void counter(Named c) {
        try {
            grantedSeen.clear();
            compiler.paramsSeen.clear();
            Ctx ctx = new Ctx(Scope.HOUSEHOLD);
            V v = compiler.value(c.body(), ctx);
            if (v.ty().k() != K.BOOL) {
                throw ExprCompiler.err(c.body(), "计数器应为是/否条件（符合条件的农户计 1）", "a counter must be a yes/no condition (each household meeting it counts 1)");
            }
            Fn w = function("boolean", ctx, "return " + v.code() + ";");
            String name = "counter " + c.name();
            String key = "c" + c.name();
            guards.put(key, new Reads(null, new LinkedHashSet<>(compiler.paramsSeen), new LinkedHashSet<>(grantedSeen)));
            if (v.dynamic()) {
                rule(name, Set.copyOf(grantedSeen), "    $c : HouseholdCase( " + guard(key) + " )",
                        "    if (" + call(w, "$") + ") {\n        $c.tally(kcontext, \"" + c.name() + "\");\n    }");
            } else {
                rule(name, Set.of(), "    $c : HouseholdCase( " + guard(key) + ", " + call(w, "this") + " )",
                        "    $c.tally(kcontext, \"" + c.name() + "\");");
            }
        } catch (ExprCompiler.CompileError e) {
            ExprCompiler.Src s = c.src();
            report(s.file(), new Text(s.text(), s.line(), s.column()), e);
        }
    }

    // ------------------------------------------------------------------ output

    /**
     * The placeholder of a rule group's parameter guard in a pattern's constraints; {@link #drl()}
     * puts {@code missing("a,b") == null} in its place, or nothing when the group reads no parameter.
     */
    static String guard(String key) {
        return "%DEF:" + key + "%";
    }

    /** The parameters a group reads, with those of the codes it reads with granted(...), and of theirs. */
    private Set<String> closure(String key, Set<String> visiting) {
        Reads r = guards.get(key);
        Set<String> out = new java.util.TreeSet<>(r.params());
        for (String code : r.granted()) {
            for (Map.Entry<String, Reads> e : guards.entrySet()) {
                if (code.equals(e.getValue().code()) && visiting.add(e.getKey())) {
                    out.addAll(closure(e.getKey(), visiting));
                }
            }
        }
        return out;
    }

    private String resolveGuards(String text, Map<String, String> names) {
        String out = text;
        for (Map.Entry<String, String> e : names.entrySet()) {
            String placeholder = guard(e.getKey());
            if (!out.contains(placeholder)) {
                continue;
            }
            String test = e.getValue().isEmpty() ? "" : "missing(\"" + e.getValue() + "\") == null";
            out = out.replace(placeholder + ", ", test.isEmpty() ? "" : test + ", ").replace(placeholder, test);
        }
        return out;
    }

    /** Adds a rule; {@code reads} are the codes whose decisions it reads (it fires after them). */
    void rule(String name, Set<String> reads, String when, String then) {
        rules.add(new String[] {name, String.join(",", reads), when, then});
    }

    Fn function(String ret, Ctx ctx, String body) {
        List<String> vars = new ArrayList<>();
        for (int i = 0; i < ctx.vars.size(); i++) {
            if (i == 0 || ctx.used.contains(ctx.vars.get(i))) {
                vars.add(ctx.vars.get(i));
            }
        }
        return function(ret, ExprCompiler.signature(ctx, ctx.used), vars, body);
    }

    private String function(String ret, String sig, String body) {
        List<String> vars = new ArrayList<>();
        for (String p : sig.split(", ")) {
            vars.add(p.substring(p.indexOf(' ') + 1));
        }
        return function(ret, sig, vars, body).name();
    }

    private Fn function(String ret, String sig, List<String> vars, String body) {
        String key = ret + "(" + sig + ")" + body;
        Fn fn = functionsByKey.get(key);
        if (fn == null) {
            // named after the pack: Drools' executable model shares constraints across packages by their
            // text, so f1(this) of one pack must never read like f1(this) of another
            fn = new Fn(packageName.substring(packageName.lastIndexOf('.') + 1) + "_f" + (functionsByKey.size() + 1),
                    List.copyOf(vars));
            functionsByKey.put(key, fn);
            functionText.append("function ").append(ret).append(' ').append(fn.name()).append('(').append(sig)
                    .append(") {\n    ").append(body).append("\n}\n\n");
        }
        return fn;
    }

    /**
     * A call of {@code fn}: {@code "$"} for a consequence ($c, $p, …); {@code "this"} in the outer
     * pattern; {@code "inner"} in the inner pattern (the outer case as $c or $k, the subject as this).
     */
    static String call(Fn fn, String where) {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < fn.vars().size(); i++) {
            String v = fn.vars().get(i);
            boolean outer = v.equals("c") || v.equals("k");
            if (where.equals("$")) {
                args.add("$" + v);
            } else if (where.equals("this")) {
                args.add("this");
            } else {
                args.add(outer ? "$" + v : "this");
            }
        }
        return fn.name() + "(" + String.join(", ", args) + ")";
    }

    private String drl() {
        Map<String, Integer> level = levels();
        Map<String, String> names = new LinkedHashMap<>();
        for (String key : guards.keySet()) {
            names.put(key, String.join(",", closure(key, new java.util.HashSet<>(Set.of(key)))));
        }
        // a decision that reads a parameter without a value on the case's date: not decided, and said so
        for (Map.Entry<Integer, String[]> g : guarded.entrySet()) {
            String csv = names.get("d" + g.getKey());
            if (csv != null && !csv.isEmpty()) {
                String[] r = g.getValue();
                rule(r[0] + " (no value)", Set.of(), "    $" + r[2] + " : " + r[1] + "( missing(\"" + csv + "\") != null )",
                        "    $" + r[2] + ".noValue(kcontext, " + g.getKey() + ", $" + r[2] + ".missing(\"" + csv + "\"));");
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("// Generated by Fuyu's rule-language compiler from the rule files of pack '").append(packId)
                .append("'. Do not edit: edit the rule files.\n");
        sb.append("package ").append(packageName).append(";\n\n");
        for (String imp : List.of("org.fuyu.policy.Criterion", "org.fuyu.policy.params.Param",
                "org.fuyu.policy.evaluation.HouseholdCase", "org.fuyu.policy.evaluation.CountyCase",
                "org.fuyu.policy.evaluation.Rt", "org.fuyu.policy.evaluation.Criteria",
                "org.fuyu.policy.evaluation.Undefined", "org.fuyu.policy.facts.Person", "org.fuyu.policy.facts.Business",
                "org.fuyu.policy.facts.Village")) {
            sb.append("import ").append(imp).append(";\n");
        }
        sb.append('\n').append(functionText);
        for (String[] r : rules) {
            int l = 0;
            if (!r[1].isEmpty()) {
                for (String code : r[1].split(",")) {
                    l = Math.max(l, level.getOrDefault(code, 0) + 1);
                }
            }
            sb.append("rule \"").append(r[0]).append("\"\n    salience ").append(1000 - 10 * l).append("\nwhen\n")
                    .append(resolveGuards(r[2], names)).append("\nthen\n").append(r[3]).append("\nend\n\n");
        }
        return sb.toString();
    }

    /** How many decisions each code waits for (granted(...) reads); a cycle is a problem. */
    private Map<String, Integer> levels() {
        Map<String, Integer> level = new HashMap<>();
        for (int round = 0; round <= readsGranted.size() + 1; round++) {
            boolean changed = false;
            for (Map.Entry<String, Set<String>> e : readsGranted.entrySet()) {
                int l = 0;
                for (String dep : e.getValue()) {
                    l = Math.max(l, level.getOrDefault(dep, 0) + 1);
                }
                if (!Integer.valueOf(l).equals(level.getOrDefault(e.getKey(), 0)) && l > 0) {
                    level.put(e.getKey(), l);
                    changed = true;
                }
            }
            if (!changed) {
                return level;
            }
        }
        problems.add(Problem.of(packId, 0, Lang.pick("granted(...) 的引用形成了循环（一个决定依赖它自己）",
                "the granted(...) references form a cycle (a decision depends on itself)")));
        return level;
    }

    private static SubjectType subjectType(Scope s) {
        return switch (s) {
            case HOUSEHOLD -> SubjectType.HOUSEHOLD;
            case PERSON -> SubjectType.PERSON;
            case BUSINESS -> SubjectType.BUSINESS;
            case VILLAGE -> SubjectType.VILLAGE;
            case COUNTY -> SubjectType.COUNTY;
        };
    }

    // ------------------------------------------------------------------ messages

    private Ast parse(String file, Text t) {
        if (t.value().isBlank()) {
            problems.add(at(file, t, 1, 0, Lang.pick("表达式是空的", "the expression is empty")));
            return null;
        }
        try {
            return ExprParser.parse(t.value());
        } catch (ExprParser.SyntaxError e) {
            for (ExprParser.Diagnostic d : e.diagnostics) {
                problems.add(at(file, t, d.line(), d.column(), d.message()));
            }
            return null;
        }
    }

    private void report(String file, Text t, ExprCompiler.CompileError e) {
        if (e.src != null) {
            problems.add(at(e.src.file(), new Text(e.src.text(), e.src.line(), e.src.column()), e.node.line(), e.node.column(),
                    e.getMessage()));
        } else {
            problems.add(at(file, t, e.node.line(), e.node.column(), e.getMessage()));
        }
    }

    /** A problem at a position of an expression (line 1-based, column 0-based within it). */
    static Problem at(String file, Text t, int line, int column, String message) {
        if (t.cellHeader() != null) {
            return Problem.inColumn(file, t.line(), t.column(), t.cellHeader(), message);
        }
        int fileLine = t.line() + line - 1;
        int fileColumn = (line == 1 ? t.column() + column : column) + 1;
        return Problem.of(file, fileLine, fileColumn, message);
    }
}
