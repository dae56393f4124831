package org.fuyu.policy.packs.lang;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fuyu.policy.Lang;
import org.fuyu.policy.PolicyException;
import org.fuyu.policy.Problem;
import org.fuyu.policy.internal.DidYouMean;
import org.fuyu.policy.packs.DecisionTables;
import org.fuyu.policy.packs.PackResource;
import org.fuyu.policy.packs.lang.RulesFile.DecisionDecl;
import org.fuyu.policy.packs.lang.RulesFile.Text;

/**
 * A decision table in the rule language ({@code *.table.csv}, {@code *.table.xlsx}): rows above
 * the titles say what each column means — {@code Kind} (name, code, candidate, require, grant,
 * result, citation) and {@code Expression}, a rule-language template in which {@code $} stands
 * for the cell — and every row below the titles is one rule. A cell holds a value of its
 * column's kind (a number, a parameter name, a list of named values, or {@code x} / {@code -} for a
 * condition that does / does not apply); it is checked before it takes the place of {@code $}, so a
 * cell can never change what the expression says. Every problem of a cell is reported as
 * {@code file:row:column (column title): message}, saying what the column takes; a row whose cells
 * are all valid once moved back by one cell is reported as shifted.
 */
final class RuleTable {
    static final List<String> KINDS = List.of("name", "code", "candidate", "require", "grant", "result", "citation");
    /** Full-width characters an input method types that mean the same as their ASCII twin in a cell. */
    private static final Map<Character, Character> SAME_IN_A_CELL = Map.of('，', ',', '．', '.', '　', ' ', '－', '-',
            'ｘ', 'x', 'Ｘ', 'x', '、', ',');

    /** The columns of a table: kind, template and title by column (0-based). */
    private record Columns(Map<Integer, String> kinds, Map<Integer, String> templates, Map<Integer, String> titles) {
    }

    private RuleTable() {
    }

    static RulesFile read(PackResource r, List<Problem> problems) {
        RulesFile out = RulesFile.empty(r.location(), problems);
        TreeMap<Integer, TreeMap<Integer, String>> rows;
        try {
            rows = DecisionTables.cells(r);
        } catch (PolicyException e) {
            problems.addAll(e.problems());
            return out;
        }
        String subject = null;
        Map<Integer, String> kinds = null;  // column → kind
        Map<Integer, String> templates = Map.of();
        Map<Integer, String> titles = null;
        int titleRow = -1;
        int subjectRow = 0;
        for (Map.Entry<Integer, TreeMap<Integer, String>> e : rows.entrySet()) {
            String first = e.getValue().getOrDefault(0, "").trim();
            switch (first) {
                case "Table", "Notes" -> {
                }
                case "Subject" -> {
                    subject = e.getValue().getOrDefault(1, "").trim();
                    subjectRow = e.getKey() + 1;
                }
                case "Kind" -> {
                    kinds = trimmed(e.getValue(), true);
                    kinds.put(0, "name"); // column A names the rule
                }
                case "Expression" -> templates = e.getValue();
                default -> {
                    if (kinds != null) {
                        titles = trimmed(e.getValue(), false); // the first other row after Kind: the column titles
                        titleRow = e.getKey();
                    }
                }
            }
            if (titles != null) {
                break;
            }
        }
        if (kinds == null || titles == null || subject == null) {
            problems.add(Problem.of(r.location(), 0, Lang.pick("表格缺少 Subject 行、Kind 行或列标题行（见 docs/rule-language.md 的决策表一节）",
                    "the table lacks its Subject row, its Kind row or its row of column titles (see the decision tables section of docs/rule-language.md)")));
            return out;
        }
        for (Map.Entry<Integer, String> k : kinds.entrySet()) {
            if (k.getKey() > 0 && !KINDS.contains(k.getValue())) {
                problems.add(Problem.of(r.location(), 0, k.getKey() + 1, Lang.pick("列类型 '" + k.getValue() + "' 不存在；可用："
                        + String.join("、", KINDS), "no column kind '" + k.getValue() + "'; kinds: " + String.join(", ", KINDS))));
            }
        }
        Columns columns = new Columns(kinds, templates, titles);
        // blank rows after the last rule are the end of the sheet; a blank row before it is an error
        int last = titleRow;
        for (Map.Entry<Integer, TreeMap<Integer, String>> e : rows.tailMap(titleRow, false).entrySet()) {
            if (!blank(e.getValue())) {
                last = e.getKey();
            }
        }
        for (int row = titleRow + 1; row <= last; row++) {
            TreeMap<Integer, String> cells = rows.get(row);
            int line = row + 1;
            if (cells == null || blank(cells)) {
                problems.add(Problem.of(r.location(), line, Lang.pick("表格中间有空行：删除这一行，或填上规则（空行不会结束表格，下面的行仍是规则）",
                        "a blank row inside the table: delete the row or fill it in (a blank row never ends a table; the rows below it are rules too)")));
                continue;
            }
            List<Problem> mine = new ArrayList<>();
            RulesFile attempt = RulesFile.empty(r.location(), mine);
            row(r, attempt, subject, subjectRow, columns, cells, line, mine);
            if (!mine.isEmpty()) {
                Problem shifted = shifted(r, subject, subjectRow, columns, cells, line);
                if (shifted != null) {
                    problems.add(shifted);
                    String code = cells.getOrDefault(codeColumn(columns), "").trim();
                    if (code.matches("[A-Z][A-Z0-9_]*")) {
                        out.refusedCodes.add(code);
                    }
                    continue;
                }
            }
            problems.addAll(mine);
            out.decisions.addAll(attempt.decisions);
            out.notes.addAll(attempt.notes);
            if (!mine.isEmpty()) {
                String code = cells.getOrDefault(codeColumn(columns), "").trim();
                if (code.matches("[A-Z][A-Z0-9_]*")) {
                    out.refusedCodes.add(code);
                }
            }
        }
        return out;
    }

    private static int codeColumn(Columns columns) {
        for (Map.Entry<Integer, String> k : columns.kinds().entrySet()) {
            if (k.getValue().equals("code")) {
                return k.getKey();
            }
        }
        return -1;
    }

    /**
     * A row whose cells are all valid once one cell is taken out (a cell was inserted, the rest
     * moved right) or put back (a cell was deleted, the rest moved left): the problem that says so,
     * else null.
     */
    private static Problem shifted(PackResource r, String subject, int subjectRow, Columns columns,
                                   TreeMap<Integer, String> cells, int line) {
        if (r.name().endsWith(".csv")) {
            // a full-width comma does not separate the cells of a CSV file: two cells read as one
            for (Map.Entry<Integer, String> c : cells.entrySet()) {
                int comma = c.getValue().indexOf('，');
                if (comma < 0) {
                    continue;
                }
                TreeMap<Integer, String> split = new TreeMap<>();
                cells.forEach((col, v) -> {
                    if (col < c.getKey()) {
                        split.put(col, v);
                    } else if (col > c.getKey()) {
                        split.put(col + 1, v);
                    }
                });
                split.put(c.getKey(), c.getValue().substring(0, comma));
                split.put(c.getKey() + 1, c.getValue().substring(comma + 1));
                List<Problem> probe = new ArrayList<>();
                row(r, RulesFile.empty(r.location(), probe), subject, subjectRow, columns, split, line, probe);
                if (probe.isEmpty()) {
                    String title = columns.titles().getOrDefault(c.getKey(), "");
                    String a = c.getValue().substring(0, comma).trim();
                    String b = c.getValue().substring(comma + 1).trim();
                    return Problem.inColumn(r.location(), line, c.getKey() + 1, title, Lang.pick(
                            "'" + c.getValue().trim() + "' 中的全角逗号 '，' 不分隔 CSV 的单元格，这一行因此少了一格：在 '" + a + "' 和 '" + b
                                    + "' 之间改用半角逗号 ','",
                            "the full-width comma '，' in '" + c.getValue().trim() + "' does not separate the cells of a CSV"
                                    + " file, so this row has one cell too few: type an ASCII ',' between '" + a + "' and '" + b + "'"));
                }
            }
        }
        // the first column from which moving the cells back makes the row read (the officer then sees the row)
        int width = Math.max(cells.isEmpty() ? 0 : cells.lastKey() + 1, columns.titles().size());
        for (int at = 1; at < width; at++) {
            for (boolean right : new boolean[] {true, false}) {
                TreeMap<Integer, String> moved = new TreeMap<>();
                for (Map.Entry<Integer, String> c : cells.entrySet()) {
                    int col = c.getKey();
                    if (right) {
                        if (col != at) {
                            moved.put(col > at ? col - 1 : col, c.getValue()); // the cell at `at` was inserted
                        } else if (!c.getValue().isBlank()) {
                            moved = null;
                            break; // only an empty inserted cell explains a shift
                        }
                    } else {
                        moved.put(col >= at ? col + 1 : col, c.getValue()); // a cell before `at` was deleted
                    }
                }
                if (moved == null) {
                    continue;
                }
                List<Problem> probe = new ArrayList<>();
                row(r, RulesFile.empty(r.location(), probe), subject, subjectRow, columns, moved, line, probe);
                if (probe.isEmpty()) {
                    String title = columns.titles().getOrDefault(at, columns.kinds().getOrDefault(at, ""));
                    return Problem.inColumn(r.location(), line, at + 1, title, Lang.pick(right
                                    ? "这一行从这一列起向右错了一格（多了一个空单元格）：把这一列起的单元格向左移回一格"
                                    : "这一行从这一列起向左错了一格（少了一个单元格）：把这一列起的单元格向右移回一格",
                            right ? "this row is shifted one cell to the right from this column on (an empty cell was"
                                    + " inserted): move its cells from here on back one cell to the left"
                                    : "this row is shifted one cell to the left from this column on (a cell was deleted):"
                                    + " move its cells from here on back one cell to the right"));
                }
            }
        }
        return null;
    }

    private static void row(PackResource r, RulesFile out, String subject, int subjectRow, Columns columns,
                            TreeMap<Integer, String> cells, int line, List<Problem> problems) {
        String name = null;
        String code = null;
        String citation = null;
        String result = null;
        Text amount = null;
        int resultCol = -1;
        int amountCol = -1;
        int codeCol = -1;
        List<Text> candidates = new ArrayList<>();
        List<Text> require = new ArrayList<>();
        for (Map.Entry<Integer, String> c : cells.entrySet()) {
            if (!columns.kinds().containsKey(c.getKey()) && !c.getValue().isBlank()) {
                problems.add(Problem.of(r.location(), line, c.getKey() + 1, Lang.pick("第 " + (c.getKey() + 1)
                                + " 列没有列类型和标题，却填了 '" + c.getValue().trim() + "'：这一行可能错了一格，或多填了一个单元格",
                        "column " + (c.getKey() + 1) + " has no kind and no title but holds '" + c.getValue().trim()
                                + "': the row may be shifted, or a cell was filled in by mistake")));
            }
        }
        for (Map.Entry<Integer, String> k : columns.kinds().entrySet()) {
            int col = k.getKey();
            String kind = k.getValue();
            String raw = cells.getOrDefault(col, "");
            String header = columns.titles().getOrDefault(col, kind);
            String template = columns.templates().getOrDefault(col, "").trim();
            switch (kind) {
                case "name" -> name = raw.trim();
                case "code" -> {
                    code = normalized(raw, r.location(), line, col + 1, header, out.notes);
                    codeCol = col;
                }
                case "citation" -> citation = raw.trim();
                case "result" -> {
                    resultCol = col;
                    String v = normalized(raw, r.location(), line, col + 1, header, out.notes);
                    if (!v.isEmpty()) {
                        result = v.toLowerCase(java.util.Locale.ROOT);
                    }
                }
                case "candidate", "require", "grant" -> {
                    if (kind.equals("grant")) {
                        amountCol = col;
                    }
                    String expr = fill(template, raw, kind, r.location(), line, col + 1, header, problems, out.notes);
                    if (expr == null) {
                        continue;
                    }
                    Text t = new Text(expr, line, col + 1, header);
                    if (kind.equals("candidate")) {
                        candidates.add(t);
                    } else if (kind.equals("require")) {
                        require.add(t);
                    } else {
                        amount = t;
                        result = "grant";
                    }
                }
                default -> {
                }
            }
        }
        if (code == null || !code.matches("[A-Z][A-Z0-9_]*")) {
            String header = codeCol < 0 ? "code" : columns.titles().getOrDefault(codeCol, "code");
            problems.add(Problem.inColumn(r.location(), line, codeCol + 1, header, Lang.pick(
                    (code == null || code.isEmpty() ? "没有决定代码" : "'" + code + "' 不是决定代码")
                            + "：请填写大写字母、数字和下划线组成的代码，如 VILLAGE_WEAK",
                    (code == null || code.isEmpty() ? "no decision code" : "'" + code + "' is not a decision code")
                            + ": write the code in capital letters, digits and _, such as VILLAGE_WEAK")));
            return;
        }
        if (result == null || !(result.equals("flag") || result.equals("grant") || result.equals("target"))) {
            int col = resultCol >= 0 ? resultCol : amountCol;
            String header = col < 0 ? "result" : columns.titles().getOrDefault(col, "result");
            String found = result == null ? null : result;
            problems.add(Problem.inColumn(r.location(), line, col + 1, header, col == amountCol && resultCol < 0
                    ? Lang.pick("金额是空的：请填写数字（如 80000）或参数名（如 micro_loan.line_aa）",
                            "the amount is empty: write a number (such as 80000) or a parameter name (such as micro_loan.line_aa)")
                    : Lang.pick((found == null ? "结果是空的" : "结果 '" + found + "' 不可用") + "：请填写 flag（标记）、grant（给予，"
                                    + "金额写在金额列）或 target（指标）",
                            (found == null ? "the result is empty" : "'" + found + "' is not a result")
                                    + ": write flag, grant (with the amount in its column) or target")));
            return;
        }
        out.decisions.add(new DecisionDecl(code, new Text(subject, subjectRow, 2), citation == null ? null
                : new Text(citation, line, 0), null, null, List.of(), null, null, List.copyOf(candidates), List.copyOf(require),
                result, amount, name == null || name.isEmpty() ? code : name, r.location(), line));
    }

    /**
     * The template with the cell in place of {@code $}, or null when the column does not apply to
     * this row (an empty bound, or {@code -}) or the cell is wrong (reported, naming what the column
     * takes). A column whose template has no {@code $} takes {@code x} (applies) or {@code -} (does not);
     * an empty one there is a cleared marker, never read as "does not apply".
     */
    private static String fill(String template, String raw, String kind, String file, int line, int col, String header,
                               List<Problem> problems, List<Problem> notes) {
        String value = normalized(raw, file, line, col, header, notes);
        if (!template.contains("$")) {
            if (value.equalsIgnoreCase("x")) {
                return template;
            }
            if (value.equals("-")) {
                return null;
            }
            problems.add(Problem.inColumn(file, line, col, header, value.isEmpty()
                    ? Lang.pick("这一格是空的：条件 '" + template + "' 适用于这一行就填 x，不适用就填 -（空着不算不适用）",
                            "the cell is empty: write x if the condition '" + template + "' applies to this row, or - if it"
                                    + " does not (an empty cell is not read as either)")
                    : Lang.pick("这一列只能填 x（条件 '" + template + "' 适用）或 -（不适用），这里是 '" + raw.trim() + "'",
                            "this column takes x (the condition '" + template + "' applies) or - (it does not), not '"
                                    + raw.trim() + "'")));
            return null;
        }
        if (value.isEmpty() || value.equals("-")) {
            return null; // this bound or amount is not used by the row
        }
        String bad = punctuation(value);
        Ast shape = shape(template);
        if (shape instanceof Ast.In in && in.value() instanceof Ast.Name field) {
            List<String> allowed = allowed(field.dotted());
            if (bad != null && !bad.equals(",")) {
                problems.add(Problem.inColumn(file, line, col, header, Lang.pick("'" + raw.trim() + "' 里有 '" + bad
                                + "'：多个取值之间用逗号分开，如 A, B；可用的取值：" + String.join(", ", allowed),
                        "'" + raw.trim() + "' holds '" + bad + "': separate several values with a comma, such as A, B;"
                                + " the values are " + String.join(", ", allowed))));
                return null;
            }
            List<String> items = new ArrayList<>();
            for (String part : value.split(",", -1)) {
                String v = part.trim();
                if (!allowed.isEmpty() && !allowed.contains(v) || allowed.isEmpty() && !v.matches("[A-Z][A-Z0-9_]*")) {
                    String close = DidYouMean.closest(v.toUpperCase(java.util.Locale.ROOT), allowed);
                    if (close == null && allowed.contains(v.toUpperCase(java.util.Locale.ROOT))) {
                        close = v.toUpperCase(java.util.Locale.ROOT);
                    }
                    problems.add(Problem.inColumn(file, line, col, header, Lang.pick(
                            (v.isEmpty() ? "逗号之间少了一个取值" : "'" + v + "' 不是 " + field.dotted() + " 的取值") + "；可用的取值："
                                    + String.join(", ", allowed) + (close != null ? "（是不是 " + close + "？取值要大写）" : ""),
                            (v.isEmpty() ? "a value is missing between two commas" : "'" + v + "' is not a value of "
                                    + field.dotted()) + "; the values are " + String.join(", ", allowed)
                                    + (close != null ? " (did you mean " + close + "? values are written in capitals)" : ""))));
                    return null;
                }
                items.add(v);
            }
            return template.replace("$", String.join(", ", items));
        }
        if (value.matches("-?\\d{1,3}(,\\d{3})+(\\.\\d+)?")) {
            value = value.replace(",", ""); // 100,000 as a spreadsheet shows it
        }
        boolean number = value.matches("-?\\d+(\\.\\d+)?");
        boolean parameter = value.matches("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+");
        if (!number && !parameter) {
            String what = kind.equals("grant") ? Lang.pick("金额", "the amount") : Lang.pick("界限", "the bound");
            problems.add(Problem.inColumn(file, line, col, header, bad != null
                    ? Lang.pick("'" + raw.trim() + "' 里有 '" + bad + "'：单元格只填" + what + "（数字如 50000，或参数名如 "
                                    + "collective.weak_below），比较已经写在表达式行里（" + template + "）",
                            "'" + raw.trim() + "' holds '" + bad + "': a cell holds only " + what + " (a number such as 50000,"
                                    + " or a parameter name such as collective.weak_below); the comparison is already in the"
                                    + " expression row (" + template + ")")
                    : Lang.pick("'" + raw.trim() + "' 不是数字，也不是参数名：请写数字（如 50000，不带单位）或参数名（如 "
                                    + "collective.weak_below）",
                            "'" + raw.trim() + "' is neither a number nor a parameter name: write a number such as 50000"
                                    + " (no units) or a parameter name such as collective.weak_below")));
            return null;
        }
        return template.replace("$", value);
    }

    /**
     * The cell with the full-width characters that mean the same as their ASCII twin (digits, the
     * comma, the full stop, the space) read as ASCII, each change noted at the cell; other
     * characters are left for the column's check to name.
     */
    private static String normalized(String raw, String file, int line, int col, String header, List<Problem> notes) {
        StringBuilder sb = new StringBuilder(raw.length());
        StringBuilder changed = new StringBuilder();
        for (char ch : raw.toCharArray()) {
            Character twin = ch >= '０' && ch <= '９' ? Character.valueOf((char) ('0' + (ch - '０'))) : SAME_IN_A_CELL.get(ch);
            if (twin != null) {
                sb.append(twin.charValue());
                if (changed.indexOf(String.valueOf(ch)) < 0) {
                    changed.append(ch);
                }
            } else {
                sb.append(ch);
            }
        }
        String out = sb.toString().trim();
        if (changed.length() > 0 && !out.isEmpty()) {
            notes.add(Problem.inColumn(file, line, col, header, Lang.pick("注意：'" + raw.trim() + "' 中的全角字符 " + changed
                            + " 按半角读作 '" + out + "'", "warning: the full-width " + changed + " in '" + raw.trim()
                            + "' read as ASCII: '" + out + "'")));
        }
        return out;
    }

    /** The first character of a cell that has no place in a value ({@code ；：（）＜＞＝} and their ASCII twins), or null. */
    private static String punctuation(String value) {
        for (char ch : value.toCharArray()) {
            String twin = ExprParser.LOOK_ALIKES.get(ch);
            if (twin != null) {
                return ch + "";
            }
            if ("();:<>=!+*/[]\"'".indexOf(ch) >= 0) {
                return ch + "";
            }
        }
        return value.contains(",") ? "," : null;
    }

    private static Ast shape(String template) {
        try {
            return ExprParser.parse(template);
        } catch (ExprParser.SyntaxError e) {
            return null; // reported when the filled template is compiled
        }
    }

    /** The named values of a field, from the fact model. */
    private static List<String> allowed(String field) {
        for (Map<String, Schema.Field> fields : Schema.FIELDS.values()) {
            Schema.Field f = fields.get(field);
            if (f != null && f.ty().enumClass() != null) {
                List<String> names = new ArrayList<>();
                for (Enum<?> c : f.ty().enumClass().getEnumConstants()) {
                    names.add(c.name());
                }
                return names;
            }
        }
        return List.of();
    }

    /** Full-width punctuation and digits an input method types, read as their ASCII twins (for the range check). */
    static String ascii(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            if (ch >= '０' && ch <= '９') {
                sb.append((char) ('0' + (ch - '０')));
            } else {
                Character same = SAME_IN_A_CELL.get(ch);
                sb.append(same != null ? String.valueOf(same) : String.valueOf(ch));
            }
        }
        return sb.toString().trim();
    }

    private static boolean blank(Map<Integer, String> cells) {
        return cells.values().stream().allMatch(String::isBlank);
    }

    private static Map<Integer, String> trimmed(TreeMap<Integer, String> cells, boolean lower) {
        Map<Integer, String> out = new TreeMap<>();
        cells.forEach((c, v) -> out.put(c, lower ? v.trim().toLowerCase(java.util.Locale.ROOT) : v.trim()));
        return out;
    }
}
