package org.fuyu.policy.packs.lang;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.fuyu.policy.Lang;
import org.fuyu.policy.PolicyException;
import org.fuyu.policy.Problem;
import org.fuyu.policy.packs.DecisionTables;
import org.fuyu.policy.packs.PackResource;
import org.fuyu.policy.params.Param;
import org.fuyu.policy.params.Parameter;
import org.fuyu.policy.params.ParameterSet;
import org.fuyu.policy.params.ParametersAt;

/**
 * The rows of a rule-language decision table are one partition of the subjects: every subject
 * meets exactly one row. For each column of the form {@code field op $} the rows' ranges must
 * cover every value from 0 up with no gap and no overlap, at every date a parameter they name
 * changes; for a column {@code field in [$]} every value of the field must be in exactly one row.
 * Found by reading the column templates' syntax trees, not their text.
 */
final class TableRanges {
    private record Bound(String field, String op, String cell) {
    }

    private record Row(int line, List<Bound> bounds, Map<String, List<String>> values) {
    }

    private TableRanges() {
    }

    static List<Problem> check(PackResource r, ParameterSet params) {
        List<Problem> problems = new ArrayList<>();
        TreeMap<Integer, TreeMap<Integer, String>> rows;
        try {
            rows = DecisionTables.cells(r);
        } catch (PolicyException e) {
            return problems; // reported when the table is compiled
        }
        Map<Integer, Ast> templates = new LinkedHashMap<>();
        int titles = -1;
        boolean kinds = false;
        for (Map.Entry<Integer, TreeMap<Integer, String>> e : rows.entrySet()) {
            String first = e.getValue().getOrDefault(0, "").trim();
            if (first.equals("Kind")) {
                kinds = true;
            } else if (first.equals("Expression")) {
                e.getValue().forEach((col, text) -> {
                    if (text.contains("$") && !text.isBlank()) {
                        try {
                            templates.put(col, ExprParser.parse(text));
                        } catch (ExprParser.SyntaxError ignored) {
                            // reported when the table is compiled
                        }
                    }
                });
            } else if (kinds && !first.equals("Table") && !first.equals("Subject") && !first.equals("Notes")) {
                titles = e.getKey();
                break;
            }
        }
        if (titles < 0) {
            return problems;
        }
        // a row the table reader refuses (shifted, a wrong cell, blank) is reported there: the rows are judged as a
        // partition only once every row reads, never as the gaps and overlaps a shifted row would seem to make
        List<Problem> cellProblems = new ArrayList<>();
        RuleTable.read(r, cellProblems);
        if (!cellProblems.isEmpty()) {
            return problems;
        }
        List<Row> data = new ArrayList<>();
        for (Map.Entry<Integer, TreeMap<Integer, String>> e : rows.tailMap(titles, false).entrySet()) {
            List<Bound> bounds = new ArrayList<>();
            Map<String, List<String>> values = new LinkedHashMap<>();
            for (Map.Entry<Integer, Ast> t : templates.entrySet()) {
                String cell = RuleTable.ascii(e.getValue().getOrDefault(t.getKey(), ""));
                if (cell.isEmpty()) {
                    continue;
                }
                if (t.getValue() instanceof Ast.Binary b && b.left() instanceof Ast.Name n && b.right() instanceof Ast.Placeholder
                        && b.op().matches("<|<=|>|>=")) {
                    bounds.add(new Bound(n.dotted(), b.op(), cell.replace(",", "")));
                } else if (t.getValue() instanceof Ast.In in && !in.negated() && in.value() instanceof Ast.Name n
                        && in.values().size() == 1 && in.values().get(0) instanceof Ast.Placeholder) {
                    List<String> vs = new ArrayList<>();
                    for (String v : cell.split(",")) {
                        vs.add(v.trim());
                    }
                    values.put(n.dotted(), vs);
                }
            }
            if (!bounds.isEmpty() || !values.isEmpty()) {
                data.add(new Row(e.getKey() + 1, bounds, values));
            }
        }
        checkValues(r, data, problems);
        checkRanges(r, data, params, problems);
        return problems;
    }

    private static void checkValues(PackResource r, List<Row> data, List<Problem> problems) {
        Map<String, Map<String, Integer>> seen = new LinkedHashMap<>();
        for (Row row : data) {
            row.values().forEach((field, vs) -> {
                for (String v : vs) {
                    Integer prev = seen.computeIfAbsent(field, k -> new LinkedHashMap<>()).putIfAbsent(v, row.line());
                    if (prev != null) {
                        problems.add(Problem.of(r.location(), row.line(), Lang.pick("第 " + prev + " 行和第 " + row.line() + " 行都列出了 "
                                + field + " 的取值 " + v + "，同一对象会得到两个决定", "rows " + prev + " and " + row.line() + " both list "
                                + v + " for " + field + ", so a case could get both")));
                    }
                }
            });
        }
        seen.forEach((field, vs) -> {
            Schema.Field f = null;
            for (Map<String, Schema.Field> fields : Schema.FIELDS.values()) {
                f = f != null ? f : fields.get(field);
            }
            if (f != null && f.ty().enumClass() != null) {
                for (Enum<?> c : f.ty().enumClass().getEnumConstants()) {
                    if (!vs.containsKey(c.name())) {
                        problems.add(Problem.of(r.location(), 0, Lang.pick("没有一行列出 " + field + " 的取值 " + c.name()
                                + "，这样的对象不会得到任何决定", "no row lists " + c.name() + " for " + field + ", so such a case gets no decision")));
                    }
                }
            }
        });
    }

    private static void checkRanges(PackResource r, List<Row> data, ParameterSet params, List<Problem> problems) {
        TreeSet<String> fields = new TreeSet<>();
        TreeSet<LocalDate> dates = new TreeSet<>();
        for (Row row : data) {
            for (Bound b : row.bounds()) {
                fields.add(b.field());
                Parameter p = params.contains(b.cell()) ? params.get(b.cell()) : null;
                if (p != null) {
                    dates.addAll(p.values().keySet());
                }
            }
        }
        if (fields.isEmpty()) {
            return;
        }
        if (dates.isEmpty()) {
            dates.add(LocalDate.of(2000, 1, 1));
        }
        java.util.Set<String> reported = new java.util.HashSet<>();
        for (LocalDate date : dates) {
            ParametersAt at = params.at(date);
            for (String field : fields) {
                List<int[]> dummy = new ArrayList<>();
                List<Object[]> ranges = new ArrayList<>(); // {line, lo, loIncl, hi, hiIncl}
                boolean usable = true;
                for (Row row : data) {
                    BigDecimal lo = BigDecimal.ZERO;
                    boolean loIn = true;
                    BigDecimal hi = null;
                    boolean hiIn = false;
                    boolean any = false;
                    for (Bound b : row.bounds()) {
                        if (!b.field().equals(field)) {
                            continue;
                        }
                        BigDecimal v = value(b.cell(), at);
                        if (v == null) {
                            usable = false;
                            continue;
                        }
                        any = true;
                        switch (b.op()) {
                            case ">=" -> { if (v.compareTo(lo) > 0 || v.compareTo(lo) == 0 && !loIn) { lo = v; loIn = true; } }
                            case ">" -> { if (v.compareTo(lo) >= 0) { lo = v; loIn = false; } }
                            case "<" -> { if (hi == null || v.compareTo(hi) <= 0) { hi = v; hiIn = false; } }
                            default -> { if (hi == null || v.compareTo(hi) < 0) { hi = v; hiIn = true; } }
                        }
                    }
                    if (any) {
                        ranges.add(new Object[] {row.line(), lo, loIn, hi, hiIn});
                    }
                }
                if (!usable || ranges.isEmpty() || dummy.size() > 0) {
                    continue;
                }
                String when = Lang.pick("（自 " + date + " 起生效的参数值）", " (with the values in force from " + date + ")");
                ranges.sort((a, b) -> ((BigDecimal) a[1]).compareTo((BigDecimal) b[1]) != 0
                        ? ((BigDecimal) a[1]).compareTo((BigDecimal) b[1]) : Boolean.compare(!(Boolean) a[2], !(Boolean) b[2]));
                BigDecimal reach = BigDecimal.ZERO;
                boolean reachIn = false; // whether `reach` itself is covered
                boolean open = false;    // covered up to infinity
                Object[] prev = null;
                for (Object[] x : ranges) {
                    BigDecimal lo = (BigDecimal) x[1];
                    boolean loIn = (Boolean) x[2];
                    BigDecimal hi = (BigDecimal) x[3];
                    boolean hiIn = (Boolean) x[4];
                    if (hi != null && (hi.compareTo(lo) < 0 || hi.compareTo(lo) == 0 && !(hiIn && loIn))) {
                        add(problems, reported, r, (int) x[0], Lang.pick("第 " + x[0] + " 行的范围是空的，这一行永远不会适用" + when,
                                "the range of row " + x[0] + " is empty, so the row can never apply" + when));
                        continue;
                    }
                    if (prev != null) {
                        boolean overlap = open || lo.compareTo(reach) < 0 || lo.compareTo(reach) == 0 && loIn && reachIn;
                        boolean gap = !open && (lo.compareTo(reach) > 0 || lo.compareTo(reach) == 0 && !loIn && !reachIn);
                        if (overlap) {
                            add(problems, reported, r, (int) x[0], Lang.pick("第 " + prev[0] + " 行和第 " + x[0] + " 行的 " + field
                                    + " 范围重叠，同一对象会得到两个决定" + when, "rows " + prev[0] + " and " + x[0] + " overlap on "
                                    + field + ", so a case could get both" + when));
                        } else if (gap) {
                            add(problems, reported, r, (int) x[0], Lang.pick("第 " + prev[0] + " 行和第 " + x[0] + " 行之间有空档：" + field
                                    + " 从 " + reach.toPlainString() + " 到 " + lo.toPlainString() + " 不属于任何一行" + when,
                                    "rows " + prev[0] + " and " + x[0] + " leave a gap: " + field + " from " + reach.toPlainString()
                                            + " to " + lo.toPlainString() + " matches no row" + when));
                        }
                    } else if (lo.signum() > 0 || !loIn) {
                        add(problems, reported, r, (int) x[0], Lang.pick(field + " 从 0 到 " + lo.toPlainString() + " 不属于任何一行" + when,
                                field + " from 0 to " + lo.toPlainString() + " matches no row" + when));
                    }
                    if (hi == null) {
                        open = true;
                    } else if (hi.compareTo(reach) > 0 || hi.compareTo(reach) == 0 && hiIn) {
                        reach = hi;
                        reachIn = hiIn;
                    }
                    prev = x;
                }
                if (!open) {
                    add(problems, reported, r, (int) prev[0], Lang.pick(field + " 在 " + reach.toPlainString() + " 以上不属于任何一行" + when,
                            field + " above " + reach.toPlainString() + " matches no row" + when));
                }
            }
        }
    }

    private static void add(List<Problem> problems, java.util.Set<String> reported, PackResource r, int line, String message) {
        if (reported.add(line + message)) {
            problems.add(Problem.of(r.location(), line, message));
        }
    }

    private static BigDecimal value(String cell, ParametersAt at) {
        if (cell.matches("-?\\d+(\\.\\d+)?")) {
            return new BigDecimal(cell);
        }
        try {
            Param p = at.get(cell);
            return p.value();
        } catch (RuntimeException e) {
            return null; // an unknown parameter is reported by the compiler
        }
    }
}
