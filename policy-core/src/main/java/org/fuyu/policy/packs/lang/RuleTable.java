package org.fuyu.policy.packs.lang;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fuyu.policy.Lang;
import org.fuyu.policy.PolicyException;
import org.fuyu.policy.Problem;
import org.fuyu.policy.packs.DecisionTables;
import org.fuyu.policy.packs.PackResource;
import org.fuyu.policy.packs.lang.RulesFile.DecisionDecl;
import org.fuyu.policy.packs.lang.RulesFile.Text;

/**
 * A decision table in the rule language ({@code *.table.csv}, {@code *.table.xlsx}): rows above
 * the titles say what each column means — {@code Kind} (name, code, candidate, require, grant,
 * result, citation) and {@code Expression}, a rule-language template in which {@code $} stands
 * for the cell — and every row below the titles is one rule. A cell holds a value of its
 * column's kind (a number, a parameter name, a list of named values, or {@code x}); it is checked
 * before it takes the place of {@code $}, so a cell can never change what the expression says.
 */
final class RuleTable {
    static final List<String> KINDS = List.of("name", "code", "candidate", "require", "grant", "result", "citation");

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
        int last = rows.lastKey();
        for (int row = titleRow + 1; row <= last; row++) {
            TreeMap<Integer, String> cells = rows.get(row);
            int line = row + 1;
            if (cells == null || cells.values().stream().allMatch(String::isBlank)) {
                problems.add(Problem.of(r.location(), line, Lang.pick("表格中间有空行：删除这一行，或填上规则",
                        "a blank row inside the table: delete the row or fill it in (a blank row never ends a table)")));
                continue;
            }
            row(r, out, subject, subjectRow, kinds, templates, titles, cells, line, problems);
        }
        return out;
    }

    private static void row(PackResource r, RulesFile out, String subject, int subjectRow, Map<Integer, String> kinds,
                            Map<Integer, String> templates, Map<Integer, String> titles, TreeMap<Integer, String> cells,
                            int line, List<Problem> problems) {
        String name = null;
        String code = null;
        String citation = null;
        String result = null;
        Text amount = null;
        List<Text> candidates = new ArrayList<>();
        List<Text> require = new ArrayList<>();
        for (Map.Entry<Integer, String> k : kinds.entrySet()) {
            int col = k.getKey();
            String kind = k.getValue();
            String cell = cells.getOrDefault(col, "").trim();
            String header = titles.getOrDefault(col, kind);
            String template = templates.getOrDefault(col, "").trim();
            switch (kind) {
                case "name" -> name = cell;
                case "code" -> code = cell;
                case "citation" -> citation = cell;
                case "result" -> result = cell.isEmpty() ? null : cell.toLowerCase(java.util.Locale.ROOT);
                case "candidate", "require", "grant" -> {
                    if (cell.isEmpty()) {
                        continue;
                    }
                    String expr = fill(template, cell, r.location(), line, col + 1, header, problems);
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
            problems.add(Problem.of(r.location(), line, Lang.pick("这一行没有有效的决定代码（大写字母、数字和下划线）",
                    "this row has no valid decision code (capital letters, digits and _)")));
            return;
        }
        if (result == null || !(result.equals("flag") || result.equals("grant") || result.equals("target"))) {
            problems.add(Problem.of(r.location(), line, Lang.pick("这一行的结果应为 flag、grant 或 target，或填写金额列",
                    "this row's result must be flag, grant or target, or fill in its amount column")));
            return;
        }
        out.decisions.add(new DecisionDecl(code, new Text(subject, subjectRow, 2), citation == null ? null
                : new Text(citation, line, 0), null, null, List.of(), null, null, List.copyOf(candidates), List.copyOf(require),
                result, amount, name == null || name.isEmpty() ? code : name, r.location(), line));
    }

    /**
     * The template with the cell in place of {@code $}: the cell must be a number, a parameter name
     * or a list of named values ({@code A, B}), or {@code x} for a template without {@code $}.
     */
    private static String fill(String template, String cell, String file, int line, int col, String header,
                               List<Problem> problems) {
        String value = ascii(cell);
        if (!template.contains("$")) {
            if (!value.equalsIgnoreCase("x")) {
                problems.add(Problem.of(file, line, col, "(" + header + ") " + Lang.pick("这一列只能填 x（适用）或留空，这里是 '" + cell + "'",
                        "this column takes x (applies) or nothing, not '" + cell + "'")));
                return null;
            }
            return template;
        }
        if (value.matches("-?\\d{1,3}(,\\d{3})+(\\.\\d+)?")) {
            value = value.replace(",", ""); // 100,000 as a spreadsheet shows it
        }
        boolean ok = value.matches("-?\\d+(\\.\\d+)?") || value.matches("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+")
                || value.matches("[A-Z][A-Z0-9_]*(\\s*,\\s*[A-Z][A-Z0-9_]*)*");
        if (!ok) {
            problems.add(Problem.of(file, line, col, "(" + header + ") " + Lang.pick("'" + cell
                    + "' 不是数字、参数名或取值列表（如 AAA, AA）", "'" + cell
                    + "' is not a number, a parameter name or a list of named values (such as AAA, AA)")));
            return null;
        }
        return template.replace("$", value);
    }

    /** Full-width punctuation and digits an input method types, read as their ASCII twins. */
    static String ascii(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            if (ch >= '０' && ch <= '９') {
                sb.append((char) ('0' + (ch - '０')));
            } else {
                String twin = ExprParser.LOOK_ALIKES.get(ch);
                sb.append(twin != null ? twin : String.valueOf(ch));
            }
        }
        return sb.toString().trim();
    }

    private static Map<Integer, String> trimmed(TreeMap<Integer, String> cells, boolean lower) {
        Map<Integer, String> out = new TreeMap<>();
        cells.forEach((c, v) -> out.put(c, lower ? v.trim().toLowerCase(java.util.Locale.ROOT) : v.trim()));
        return out;
    }
}
