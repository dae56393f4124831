package org.fuyu.policy.packs.lang;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.fuyu.policy.Lang;
import org.fuyu.policy.Problem;
import org.fuyu.policy.packs.PackManifest;
import org.fuyu.policy.packs.RulePack;
import org.fuyu.policy.params.Parameter;
import org.fuyu.policy.params.ParameterSet;
import org.fuyu.policy.packs.lang.RulesFile.DecisionDecl;
import org.fuyu.policy.packs.lang.RulesFile.Text;

/**
 * Checks of a pack's rules as a whole, read from their syntax trees:
 * <ul>
 *   <li><b>one definition per band</b> (an error): a field a decision table divides into bands
 *       (its {@code field op $} columns) may be compared elsewhere in the pack only where the table
 *       divides it, at every date a parameter involved changes — otherwise a village could be
 *       WEAK by the table and not weak for the support loan;</li>
 *   <li>warnings: a parameter no rule reads; a number written into a rule or a table where
 *       parameters of the same unit are compared with the same field; a code in force on dates
 *       before the first value of a parameter it reads (when other parameters have values then).</li>
 * </ul>
 */
final class PackChecks {

    /** A comparison of a fact field with a value that does not depend on the case. */
    private record Cmp(String file, Text text, Ast node, String field, String op, Ast bound, boolean table) {
    }

    /** Where a comparison divides a field: just below {@code at} (above false) or just above it. */
    private record Cut(BigDecimal at, boolean above) implements Comparable<Cut> {
        @Override
        public int compareTo(Cut o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Boolean.compare(above, o.above);
        }

        String show() {
            return at.toPlainString() + (above ? "+" : "");
        }
    }

    private PackChecks() {
    }

    // ------------------------------------------------------------------ one definition per band

    /**
     * Every comparison outside a decision table of a field the table divides into bands must cut
     * the field only where the table's rows do.
     */
    static List<Problem> bands(List<RulesFile> files, ParameterSet params) {
        List<Problem> problems = new ArrayList<>();
        List<Cmp> all = comparisons(files, params);
        Map<String, Map<String, List<Cmp>>> tables = new LinkedHashMap<>(); // table file → field → its bounds
        for (Cmp c : all) {
            if (c.table()) {
                tables.computeIfAbsent(c.file(), k -> new LinkedHashMap<>()).computeIfAbsent(c.field(), k -> new ArrayList<>()).add(c);
            }
        }
        Set<String> reported = new java.util.HashSet<>();
        tables.forEach((table, byField) -> byField.forEach((field, bounds) -> {
            List<Cmp> others = all.stream().filter(c -> c.field().equals(field) && !c.file().equals(table)).toList();
            if (others.isEmpty()) {
                return;
            }
            boolean whole = integral(field);
            TreeSet<LocalDate> dates = new TreeSet<>();
            for (Cmp c : bounds) {
                dates.addAll(dates(c.bound(), params));
            }
            for (Cmp c : others) {
                dates.addAll(dates(c.bound(), params));
            }
            if (dates.isEmpty()) {
                dates.add(LocalDate.of(2000, 1, 1));
            }
            for (LocalDate date : dates) {
                TreeSet<Cut> cuts = new TreeSet<>();
                cuts.add(new Cut(BigDecimal.ZERO, false)); // a table's rows cover the values from 0 up
                boolean complete = true;
                for (Cmp b : bounds) {
                    List<Cut> cs = cuts(b, params, date, whole);
                    complete &= cs != null;
                    if (cs != null) {
                        cuts.addAll(cs);
                    }
                }
                if (!complete) {
                    continue; // a parameter without a value that day: the table check reports what matters
                }
                for (Cmp o : others) {
                    List<Cut> cs = cuts(o, params, date, whole);
                    if (cs == null || cuts.containsAll(cs) || !reported.add(o.file() + o.text() + o.node().text())) {
                        continue;
                    }
                    Cut off = cs.stream().filter(x -> !cuts.contains(x)).findFirst().orElseThrow();
                    List<String> at = cuts.stream().map(Cut::show).toList();
                    Set<String> codes = new LinkedHashSet<>();
                    for (RulesFile f : files) {
                        if (f.file.equals(table)) {
                            f.decisions.forEach(d -> codes.add(d.code()));
                        }
                    }
                    String name = shortName(table);
                    problems.add(PackCompiler.at(o.file(), o.text(), o.node().line(), o.node().column(), Lang.pick(
                            "'" + o.node().text() + "' 在 " + off.show() + " 处划分 " + field + "，而决策表 " + name + " 的档位从 "
                                    + String.join("、", at) + " 开始（自 " + date + " 起生效的参数值）：同一档位有两个定义，改了表格"
                                    + "另一处不会跟着变。请在同一主体的决定里读表格的结果（granted(" + String.join(")、granted(", codes)
                                    + ")），或使用表格那一行的参数",
                            "'" + o.node().text() + "' divides " + field + " at " + off.show() + ", where the decision table "
                                    + name + " does not (its bands start at " + String.join(", ", at)
                                    + ", with the values in force from " + date + "): two definitions of one band, so an edit of"
                                    + " the table would not move this rule. In a decision about the same subject read the"
                                    + " table's result (granted(" + String.join("), granted(", codes) + ")); elsewhere use"
                                    + " the parameter the table's row uses")));
                }
            }
        }));
        return problems;
    }

    /** Where one comparison cuts its field on {@code date}; null when its bound has no value then. */
    private static List<Cut> cuts(Cmp c, ParameterSet params, LocalDate date, boolean whole) {
        BigDecimal v = constant(c.bound(), params, date);
        if (v == null) {
            return null;
        }
        List<Cut> out = new ArrayList<>();
        switch (c.op()) {
            case "<", ">=", "short" -> out.add(new Cut(v, false));
            case "<=", ">" -> out.add(new Cut(v, true));
            default -> { // == and != cut on both sides
                out.add(new Cut(v, false));
                out.add(new Cut(v, true));
            }
        }
        List<Cut> normal = new ArrayList<>();
        for (Cut x : out) {
            // for a whole-number field, "at most 49999" cuts where "below 50000" does
            boolean wholeValue = x.at().stripTrailingZeros().scale() <= 0;
            normal.add(whole && wholeValue && x.above() ? new Cut(x.at().add(BigDecimal.ONE).setScale(0), false)
                    : new Cut(wholeValue ? x.at().setScale(0, java.math.RoundingMode.UNNECESSARY) : x.at(), x.above()));
        }
        return normal;
    }

    private static boolean integral(String field) {
        for (Map<String, Schema.Field> fields : Schema.FIELDS.values()) {
            Schema.Field f = fields.get(field);
            if (f != null) {
                return f.ty().k() == Schema.K.LONG;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ warnings

    /**
     * The warnings of one pack: parameters its rules never read, numbers written where parameters
     * of the same unit are used, and codes in force before a parameter they read has a value.
     *
     * @param everyPack the rule files of every loaded pack: what they compare each field with gives
     *     the field's unit
     */
    static List<Problem> warnings(RulePack pack, List<RulesFile> files, RuleLanguage.Generated generated,
                                  List<List<RulesFile>> everyPack, ParameterSet params) {
        List<Problem> out = new ArrayList<>();
        // table cells read with a note (a full-width comma or digit read as ASCII)
        files.forEach(f -> out.addAll(f.notes));
        // a parameter the pack defines and no rule of it reads: an override of it changes nothing
        for (Parameter p : pack.parameters().all()) {
            if (!generated.parametersRead().contains(p.name())) {
                out.add(at(p.source(), Lang.pick("注意：参数 " + p.name() + " 有定义，但规则包 " + pack.id()
                                + " 的规则都不读取它：覆盖它什么也不会改变。请删除它，或在规则中使用它",
                        "warning: the parameter " + p.name() + " is defined but no rule of pack " + pack.id() + " reads it,"
                                + " so an override of it changes nothing; remove it or use it in a rule")));
            }
        }
        // a number where parameters of the same unit are compared with the same field
        Map<String, Set<String>> paramsByField = new TreeMap<>();
        for (List<RulesFile> fs : everyPack) {
            for (Cmp c : comparisons(fs, params)) {
                Set<String> names = parameterNames(c.bound(), params);
                if (!names.isEmpty()) {
                    paramsByField.computeIfAbsent(c.field(), k -> new TreeSet<>()).addAll(names);
                }
            }
        }
        for (Cmp c : comparisons(files, params)) {
            if (!(c.bound() instanceof Ast.Num n) || n.value().compareTo(BigDecimal.ZERO) == 0
                    || n.value().compareTo(BigDecimal.ONE) == 0) {
                continue; // 0 and 1 are counts and edges, not amounts a county sets
            }
            Set<String> same = paramsByField.getOrDefault(c.field(), Set.of());
            if (same.isEmpty()) {
                continue;
            }
            Set<String> units = new TreeSet<>();
            same.forEach(p -> units.add(String.valueOf(params.get(p).unit())));
            List<String> some = same.stream().limit(3).toList();
            out.add(PackCompiler.at(c.file(), c.text(), c.bound().line(), c.bound().column(), Lang.pick(
                    "注意：这里直接写了数字 " + n.text() + "，而同一字段 " + c.field() + " 在别处与同单位（" + String.join("、", units)
                            + "）的参数比较（" + String.join("、", some) + "）。请把它写成参数（parameters.yaml，注明说明和依据），"
                            + "县里才能按日期修改它",
                    "warning: the number " + n.text() + " is written into the rule, where " + c.field() + " is compared with "
                            + "parameters of the same unit (" + String.join(", ", units) + ") elsewhere (" + String.join(", ", some)
                            + "); make it a parameter in parameters.yaml (with a description and reference) so a county"
                            + " can change it by date")));
        }
        for (RulesFile f : files) {
            for (DecisionDecl d : f.decisions) {
                if (d.amount() == null) {
                    continue;
                }
                Ast a = parse(d.amount());
                if (a instanceof Ast.Num n && n.value().signum() != 0) {
                    // the parameters the pack's other amounts read, else those counted in yuan
                    Set<String> money = new TreeSet<>();
                    for (RulesFile g : files) {
                        for (DecisionDecl e : g.decisions) {
                            if (e.amount() != null && parse(e.amount()) != null) {
                                money.addAll(parameterNames(parse(e.amount()), params));
                            }
                        }
                    }
                    for (Parameter p : pack.parameters().all()) {
                        if (money.isEmpty() && p.unit() != null && p.unit().startsWith("yuan")) {
                            money.add(p.name());
                        }
                    }
                    if (!money.isEmpty()) {
                        out.add(PackCompiler.at(f.file, d.amount(), 1, 0, Lang.pick(
                                "注意：金额直接写了数字 " + n.text() + "，而本规则包的金额都是参数（如 " + money.iterator().next()
                                        + "）。请把它写成参数，县里才能按日期修改它",
                                "warning: the amount " + n.text() + " is a number written into the rule, where the pack's"
                                        + " amounts are parameters (such as " + money.iterator().next() + "); make it a"
                                        + " parameter so a county can change it by date")));
                    }
                }
            }
        }
        // a code in force before the first value of a parameter it reads, where the other parameters have
        // values from earlier: the cases of those years would lack it
        PackManifest m = pack.manifest();
        LocalDate earliest = null;
        for (Parameter p : params.all()) {
            if (!p.values().isEmpty() && (earliest == null || p.values().firstKey().isBefore(earliest))) {
                earliest = p.values().firstKey();
            }
        }
        LocalDate since = earliest;
        generated.parametersByCode().forEach((code, names) -> {
            PackManifest.CodeInfo ci = m.code(code);
            LocalDate from = later(m.effective(), ci == null ? null : ci.effective());
            for (String name : names) {
                Parameter p = params.get(name);
                if (p == null || p.values().isEmpty()) {
                    continue;
                }
                LocalDate first = p.values().firstKey();
                if (first.isAfter(since) && (from == null || from.isBefore(first))) {
                    out.add(Problem.of(manifestFile(pack), 0, Lang.pick(
                            "注意：" + code + " 读取参数 " + name + "，它的第一个值自 " + first + " 起，但 " + code
                                    + (from == null ? " 没有生效日期" : " 自 " + from + " 起生效") + "：" + first
                                    + " 之前的个案不会得到 " + code + "（每户记入 errors.jsonl）。请在 pack.yaml 给这个代码加上 effective: "
                                    + first + "，或给参数一个更早的值",
                            "warning: " + code + " reads " + name + ", whose first value starts " + first + ", but " + code
                                    + (from == null ? " has no effective date" : " is in force from " + from) + ": cases dated"
                                    + " before " + first + " will not get " + code + " (each listed in errors.jsonl); give the"
                                    + " code effective: " + first + " in pack.yaml, or the parameter a value from an earlier date")));
                    break;
                }
            }
        });
        return out;
    }

    private static String manifestFile(RulePack pack) {
        return pack.origin().startsWith("classpath:") ? pack.origin() + "pack.yaml" : pack.origin() + "/pack.yaml";
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private static Problem at(String source, String message) {
        int i = source == null ? -1 : source.lastIndexOf(':');
        if (i > 0) {
            try {
                return Problem.of(source.substring(0, i), Integer.parseInt(source.substring(i + 1)), message);
            } catch (NumberFormatException e) {
                // not file:line
            }
        }
        return Problem.of(source == null ? "parameters.yaml" : source, 0, message);
    }

    // ------------------------------------------------------------------ reading the trees

    /** Every comparison of a fact field with a case-independent value, in every expression of the files. */
    private static List<Cmp> comparisons(List<RulesFile> files, ParameterSet params) {
        List<Cmp> out = new ArrayList<>();
        for (RulesFile f : files) {
            boolean table = f.file.endsWith(".table.csv") || f.file.endsWith(".table.xlsx");
            List<Text> texts = new ArrayList<>(f.defines.values());
            texts.addAll(f.counters.values());
            for (DecisionDecl d : f.decisions) {
                texts.addAll(d.onlyWhen());
                texts.addAll(d.candidates());
                texts.addAll(d.require());
            }
            for (Text t : texts) {
                Ast a = parse(t);
                if (a != null) {
                    walk(a, f.file, t, table && t.cellHeader() != null, params, out);
                }
            }
        }
        return out;
    }

    private static void walk(Ast a, String file, Text t, boolean table, ParameterSet params, List<Cmp> out) {
        if (a instanceof Ast.Binary b && !b.op().matches("[-+*/]")) {
            if (field(b.left()) != null && constant(b.right(), params)) {
                out.add(new Cmp(file, t, b, field(b.left()), b.op(), b.right(), table));
            } else if (field(b.right()) != null && constant(b.left(), params)) {
                out.add(new Cmp(file, t, b, field(b.right()), flip(b.op()), b.left(), table));
            }
        } else if (a instanceof Ast.Between b && field(b.value()) != null) {
            if (constant(b.low(), params)) {
                out.add(new Cmp(file, t, b, field(b.value()), ">=", b.low(), table));
            }
            if (constant(b.high(), params)) {
                out.add(new Cmp(file, t, b, field(b.value()), "<=", b.high(), table));
            }
        }
        for (Ast child : children(a)) {
            walk(child, file, t, table, params, out);
        }
    }

    private static List<Ast> children(Ast a) {
        List<Ast> out = new ArrayList<>();
        if (a instanceof Ast.Binary b) {
            out.add(b.left());
            out.add(b.right());
        } else if (a instanceof Ast.Logic l) {
            out.addAll(l.parts());
        } else if (a instanceof Ast.Unary u) {
            out.add(u.operand());
        } else if (a instanceof Ast.Call c) {
            out.addAll(c.args());
            if (c.where() != null) {
                out.add(c.where());
            }
        } else if (a instanceof Ast.If i) {
            out.add(i.condition());
            out.add(i.then());
            out.add(i.otherwise());
        } else if (a instanceof Ast.Between b) {
            out.add(b.low());
            out.add(b.high());
        }
        return out;
    }

    /** The fact field a name reads, or null (a parameter, derived value or anything else). */
    private static String field(Ast a) {
        if (a instanceof Ast.Name n) {
            for (Map<String, Schema.Field> fields : Schema.FIELDS.values()) {
                Schema.Field f = fields.get(n.dotted());
                if (f != null && (f.ty().k() == Schema.K.LONG || f.ty().k() == Schema.K.DEC)) {
                    return n.dotted();
                }
            }
        }
        return null;
    }

    /** Whether the expression depends on nothing but numbers and parameters. */
    private static boolean constant(Ast a, ParameterSet params) {
        if (a instanceof Ast.Num) {
            return true;
        }
        if (a instanceof Ast.Name n) {
            return params.contains(n.dotted());
        }
        if (a instanceof Ast.Unary u && u.op().equals("-")) {
            return constant(u.operand(), params);
        }
        if (a instanceof Ast.Binary b && b.op().matches("[-+*/]")) {
            return constant(b.left(), params) && constant(b.right(), params);
        }
        return false;
    }

    /** The value of a constant expression with the parameters in force on {@code date}; null when one has none. */
    private static BigDecimal constant(Ast a, ParameterSet params, LocalDate date) {
        if (a instanceof Ast.Num n) {
            return n.value();
        }
        if (a instanceof Ast.Name n) {
            Map.Entry<LocalDate, BigDecimal> e = params.get(n.dotted()).inForceOn(date);
            return e == null ? null : e.getValue();
        }
        if (a instanceof Ast.Unary u) {
            BigDecimal v = constant(u.operand(), params, date);
            return v == null ? null : v.negate();
        }
        Ast.Binary b = (Ast.Binary) a;
        BigDecimal l = constant(b.left(), params, date);
        BigDecimal r = constant(b.right(), params, date);
        if (l == null || r == null) {
            return null;
        }
        return switch (b.op()) {
            case "+" -> l.add(r);
            case "-" -> l.subtract(r);
            case "*" -> l.multiply(r);
            default -> r.signum() == 0 ? null : l.divide(r, java.math.MathContext.DECIMAL64);
        };
    }

    private static Set<String> parameterNames(Ast a, ParameterSet params) {
        Set<String> out = new TreeSet<>();
        if (a instanceof Ast.Name n && params.contains(n.dotted())) {
            out.add(n.dotted());
        }
        for (Ast c : children(a)) {
            out.addAll(parameterNames(c, params));
        }
        return out;
    }

    private static Set<LocalDate> dates(Ast a, ParameterSet params) {
        Set<LocalDate> out = new TreeSet<>();
        for (String n : parameterNames(a, params)) {
            out.addAll(params.get(n).values().keySet());
        }
        return out;
    }

    private static String flip(String op) {
        return switch (op) {
            case "<" -> ">";
            case "<=" -> ">=";
            case ">" -> "<";
            case ">=" -> "<=";
            default -> op;
        };
    }

    private static Ast parse(Text t) {
        if (t == null || t.value().isBlank()) {
            return null;
        }
        try {
            return ExprParser.parse(t.value());
        } catch (ExprParser.SyntaxError e) {
            return null; // reported by the compiler
        }
    }

    private static String shortName(String file) {
        int i = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
        return i >= 0 ? file.substring(i + 1) : file;
    }
}
