package org.fuyu.policy.packs;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.drools.decisiontable.parser.csv.CsvLineParser;
import org.drools.decisiontable.parser.csv.CsvParser;
import org.drools.decisiontable.parser.xls.ExcelParser;
import org.drools.template.parser.DataListener;
import org.fuyu.policy.PolicyException;
import org.fuyu.policy.Problem;
import org.fuyu.policy.facts.BusinessKind;
import org.fuyu.policy.facts.CreditRating;
import org.fuyu.policy.facts.HouseholdStatus;
import org.fuyu.policy.facts.PersonCategory;
import org.fuyu.policy.facts.Sector;
import org.fuyu.policy.facts.SizeClass;
import org.fuyu.policy.params.Parameter;
import org.fuyu.policy.params.ParameterSet;

/**
 * Spreadsheet decision tables ({@code *.drl.csv}, {@code *.drl.xlsx}): the DRL Drools generates
 * from them, the sheet row each generated line came from, and the checks of Fuyu's table
 * convention.
 *
 * <p>The convention (docs/policy-staff.md): a row's consequence builds one decision with the rule
 * DSL. ACTION columns whose code is {@code .when(atLeast|above|below|atMost("field", ..., $x.value("$param")))}
 * bound the range of {@code field} that selects the row; {@code .when(in("field", ..., $param))}
 * columns list the values that select it. The rows of one table (with the same {@code in} values)
 * must cover the range of each such field with no overlap and no gap, and list every value of an
 * enumeration at most once and at least once. Cells read by {@code value("$param")} or
 * {@code param("$param")} must be numbers or parameter names.
 */
public final class DecisionTables {
    private static final Pattern RULE_VALUES = Pattern.compile("^// rule values at ([A-Z]+)(\\d+)");
    private static final Pattern RANGE = Pattern.compile(
            "\\.when\\(\\s*(atLeast|above|below|atMost)\\(\\s*\"([^\"]+)\".*\\$param");
    private static final Pattern DISCRETE = Pattern.compile("\\.when\\(\\s*in\\(\\s*\"([^\"]+)\".*\\$param");
    private static final Pattern VALUE_CELL = Pattern.compile("\\bvalue\\(\\s*\"\\$param\"\\s*\\)");
    private static final Pattern PARAM_CELL = Pattern.compile("\\bparam\\(\\s*\"\\$param\"\\s*\\)");
    /** A number as a cell may show it: {@code 50000}, {@code 0.5}, or with thousands separators {@code 50,000}. */
    static final Pattern NUMBER = Pattern.compile("-?(\\d+|\\d{1,3}(,\\d{3})+)(\\.\\d+)?");
    private static final Pattern PARAM_NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*");
    private static final List<Class<? extends Enum<?>>> ENUMS = List.of(CreditRating.class, SizeClass.class,
            Sector.class, BusinessKind.class, HouseholdStatus.class, PersonCategory.class);
    private static final Set<String> KEYWORDS = Set.of("ruleset", "import", "variables", "functions", "queries",
            "declare", "notes", "sequential", "escapequotes", "numericdisabled", "unit", "dialect");

    private DecisionTables() {
    }

    /** Whether Drools compiles this file as a decision table. */
    public static boolean isDecisionTable(PackResource r) {
        return r.kind() == PackResource.Kind.DECISION_TABLE_CSV || r.kind() == PackResource.Kind.DECISION_TABLE_XLSX;
    }

    /**
     * A decision table read: its cells and the DRL Drools generates from it.
     *
     * @throws PolicyException when the file is not a decision table Drools can read
     */
    public static Table read(PackResource r) {
        if (!isDecisionTable(r)) {
            throw new IllegalArgumentException(r.name() + " is not a decision table");
        }
        // validation, the compiler and every rebuild read the same bytes: parse them once
        String key = r.kind() + " " + r.location() + " " + sha256(r.content());
        Table cached = READ.getIfPresent(key);
        if (cached == null) {
            cached = parse(r);
            READ.put(key, cached);
        }
        return cached;
    }

    /** Tables read, by location and content; a table that fails to read is not kept. */
    private static final com.google.common.cache.Cache<String, Table> READ =
            com.google.common.cache.CacheBuilder.newBuilder().maximumSize(256).build();

    private static String sha256(byte[] content) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    private static Table parse(PackResource r) {
        return parseWithDrools(r); // Apache POI reads an xlsx, through Drools' own spreadsheet parser
    }

    /** Reads the file with Drools' own parsers (Apache POI for Excel). */
    static Table parseWithDrools(PackResource r) {
        boolean csv = r.kind() == PackResource.Kind.DECISION_TABLE_CSV;
        Grid grid = new Grid();
        String drl;
        try {
            if (csv) {
                new CsvParser(grid, new CsvLineParser()).parseFile(new ByteArrayInputStream(r.content()));
            } else {
                new ExcelParser(grid).parseFile(new ByteArrayInputStream(r.content()));
            }
            drl = new SpreadsheetCompiler().compile(new ByteArrayInputStream(r.content()),
                    csv ? InputType.CSV : InputType.XLS);
        } catch (RuntimeException e) {
            throw new PolicyException(Problem.of(r.location(), grid.lastRow + 1,
                    "not a decision table Drools can read: " + rootMessage(e)));
        }
        return new Table(r, grid, drl);
    }

    /**
     * The cells of a table's first sheet, by 0-based row and column: a rule-language table
     * ({@code *.table.csv}, {@code *.table.xlsx}) is read by the same readers as a Drools one.
     */
    public static java.util.TreeMap<Integer, java.util.TreeMap<Integer, String>> cells(PackResource r) {
        Grid grid = new Grid();
        boolean csv = r.name().endsWith(".csv");
        try {
            if (csv) {
                new CsvParser(grid, new CsvLineParser()).parseFile(new ByteArrayInputStream(r.content()));
            } else {
                new ExcelParser(grid).parseFile(new ByteArrayInputStream(r.content()));
            }
        } catch (RuntimeException e) {
            throw new PolicyException(Problem.of(r.location(), grid.lastRow + 1,
                    org.fuyu.policy.Lang.pick("无法读取表格：", "cannot read the table: ") + rootMessage(e)));
        }
        java.util.TreeMap<Integer, java.util.TreeMap<Integer, String>> out = new java.util.TreeMap<>();
        if (!grid.sheets.isEmpty()) {
            grid.sheets.values().iterator().next().rows.forEach((row, cells) -> out.put(row, new java.util.TreeMap<>(cells)));
        }
        return out;
    }

    /** The DRL Drools generates from a decision table (what the rules really say). */
    public static String toDrl(PackResource r) {
        return read(r).drl();
    }

    /**
     * Checks the table convention: ranges that overlap or leave gaps, values listed twice or not
     * at all, cells that should be numbers or parameter names.
     */
    public static List<Problem> check(PackResource r, ParameterSet parameters) {
        Table t;
        try {
            t = read(r);
        } catch (PolicyException e) {
            return e.problems();
        }
        return t.check(parameters);
    }

    /** A decision table as read: cells by sheet, row and column (rows 1-based as in a spreadsheet). */
    public static final class Table {
        private final PackResource resource;
        private final Grid grid;
        private final String drl;
        private final int[] rowOfLine;

        Table(PackResource resource, Grid grid, String drl) {
            this.resource = resource;
            this.grid = grid;
            this.drl = drl;
            this.rowOfLine = mapLines();
        }

        public String drl() {
            return drl;
        }

        /** The sheet row (1-based) a line (1-based) of {@link #drl()} came from, or 0. */
        public int rowOfDrlLine(int line) {
            return line >= 1 && line < rowOfLine.length ? rowOfLine[line] : 0;
        }

        private int[] mapLines() {
            String[] lines = drl.split("\n", -1);
            int[] rows = new int[lines.length + 1];
            int current = -1;
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].trim();
                Matcher m = RULE_VALUES.matcher(line);
                if (m.find()) {
                    current = Integer.parseInt(m.group(2));
                    rows[i + 1] = current;
                } else if (current > 0) {
                    rows[i + 1] = current;
                } else {
                    rows[i + 1] = headerRow(line);
                }
            }
            return rows;
        }

        /** A line generated from the RuleSet area: the row of its keyword, or of the cell holding its text. */
        private int headerRow(String line) {
            if (line.isEmpty() || line.startsWith("//")) {
                return 0;
            }
            String keyword = line.startsWith("package") ? "ruleset" : line.startsWith("import") ? "import"
                    : line.startsWith("global") ? "variables" : null;
            String probe = line.replaceFirst("^(package|import|global)\\s+(static\\s+)?", "").replace(";", "").trim();
            for (Grid.Sheet s : grid.sheets.values()) {
                for (Map.Entry<Integer, TreeMap<Integer, String>> row : s.rows.entrySet()) {
                    for (String cell : row.getValue().values()) {
                        if (!probe.isEmpty() && cell.contains(probe)) {
                            return row.getKey() + 1;
                        }
                    }
                }
            }
            if (keyword != null) {
                for (Grid.Sheet s : grid.sheets.values()) {
                    for (Map.Entry<Integer, TreeMap<Integer, String>> row : s.rows.entrySet()) {
                        for (String cell : row.getValue().values()) {
                            if (cell.trim().equalsIgnoreCase(keyword)) {
                                return row.getKey() + 1;
                            }
                        }
                    }
                }
            }
            return 0;
        }

        List<Problem> check(ParameterSet parameters) {
            List<Problem> problems = new ArrayList<>();
            for (Grid.Sheet sheet : grid.sheets.values()) {
                String where = grid.sheets.size() > 1 ? "sheet '" + sheet.name + "': " : "";
                for (RuleTable table : ruleTables(sheet)) {
                    table.check(resource.location(), where, parameters, problems);
                }
            }
            return problems;
        }

        private static List<RuleTable> ruleTables(Grid.Sheet sheet) {
            List<RuleTable> tables = new ArrayList<>();
            for (Map.Entry<Integer, TreeMap<Integer, String>> row : sheet.rows.entrySet()) {
                for (Map.Entry<Integer, String> cell : row.getValue().entrySet()) {
                    if (cell.getValue().trim().toLowerCase(Locale.ROOT).startsWith("ruletable")) {
                        tables.add(new RuleTable(sheet, row.getKey(), cell.getKey(), cell.getValue().trim().substring(9).trim()));
                    }
                }
            }
            return tables;
        }
    }

    /** One RuleTable block: the keyword row, the column types, object, code and label rows, then data rows. */
    private static final class RuleTable {
        final String name;
        final List<Column> columns = new ArrayList<>();
        final List<Integer> dataRows = new ArrayList<>();
        final Grid.Sheet sheet;

        RuleTable(Grid.Sheet sheet, int row, int col, String name) {
            this.sheet = sheet;
            this.name = name;
            TreeMap<Integer, String> types = sheet.row(row + 1);
            for (int c = col; ; c++) {
                String type = types.getOrDefault(c, "").trim();
                if (type.isEmpty()) {
                    break;
                }
                columns.add(new Column(c, type.toUpperCase(Locale.ROOT), sheet.cell(row + 3, c), sheet.cell(row + 4, c)));
            }
            for (int r = row + 5; r <= sheet.lastRow(); r++) {
                boolean any = false;
                for (Column c : columns) {
                    String v = sheet.cell(r, c.col);
                    if (v.trim().toLowerCase(Locale.ROOT).startsWith("ruletable")) {
                        return;
                    }
                    any |= !v.isBlank();
                }
                if (!any) {
                    return;
                }
                dataRows.add(r);
            }
        }

        void check(String file, String where, ParameterSet params, List<Problem> problems) {
            List<Column> ranges = new ArrayList<>();
            List<Column> discrete = new ArrayList<>();
            for (Column c : columns) {
                if (!c.type.startsWith("A")) {
                    continue;
                }
                if (RANGE.matcher(c.code).find()) {
                    ranges.add(c);
                } else if (DISCRETE.matcher(c.code).find()) {
                    discrete.add(c);
                }
                boolean value = VALUE_CELL.matcher(c.code).find();
                boolean param = PARAM_CELL.matcher(c.code).find();
                if (value || param) {
                    for (int r : dataRows) {
                        String v = sheet.cell(r, c.col).trim();
                        if (v.isEmpty()) {
                            continue;
                        }
                        if (value && NUMBER.matcher(v).matches()) {
                            continue;
                        }
                        if (PARAM_NAME.matcher(v).matches()) {
                            continue; // whether the parameter exists is checked on the generated rules
                        }
                        String label = c.label.isBlank() ? "column " + (c.col + 1) : "'" + c.label.trim() + "'";
                        problems.add(Problem.of(file, r + 1, where + label + ": '" + v + "' is not "
                                + (value ? "a number or a parameter name; write a number such as 50000 (no units or separators) or"
                                : "a parameter name; write") + " a parameter such as collective.weak_below"));
                    }
                }
            }
            checkDiscrete(file, where, discrete, ranges.isEmpty(), problems);
            checkRanges(file, where, ranges, discrete, params, problems);
        }

        private void checkDiscrete(String file, String where, List<Column> discrete, boolean alone, List<Problem> problems) {
            if (!alone || discrete.size() != 1) {
                return;
            }
            Column c = discrete.get(0);
            String field = field(DISCRETE, c);
            Map<String, Integer> seen = new LinkedHashMap<>();
            for (int r : dataRows) {
                for (String v : values(sheet.cell(r, c.col))) {
                    Integer prev = seen.putIfAbsent(v, r);
                    if (prev != null) {
                        problems.add(Problem.of(file, r + 1, where + "rows " + (prev + 1) + " and " + (r + 1)
                                + " overlap: both apply to " + field + " " + v));
                    }
                }
            }
            for (Class<? extends Enum<?>> e : ENUMS) {
                Set<String> constants = new LinkedHashSet<>();
                for (Enum<?> k : e.getEnumConstants()) {
                    constants.add(k.name());
                }
                if (!seen.isEmpty() && constants.containsAll(seen.keySet())) {
                    constants.removeAll(seen.keySet());
                    if (!constants.isEmpty()) {
                        int first = dataRows.isEmpty() ? 0 : dataRows.get(0) + 1;
                        problems.add(Problem.of(file, first, where + "table '" + name + "': no row for " + field
                                + " " + String.join(", ", constants) + " (" + e.getSimpleName() + " has "
                                + Arrays.toString(e.getEnumConstants()) + ")"));
                    }
                    return;
                }
            }
        }

        private void checkRanges(String file, String where, List<Column> ranges, List<Column> discrete,
                                 ParameterSet params, List<Problem> problems) {
            Set<String> fields = new TreeSet<>();
            for (Column c : ranges) {
                fields.add(field(RANGE, c));
            }
            if (fields.isEmpty()) {
                return;
            }
            boolean partition = fields.size() == 1;
            Map<String, List<Integer>> groups = new LinkedHashMap<>();
            for (int r : dataRows) {
                StringBuilder key = new StringBuilder();
                for (Column c : discrete) {
                    key.append(new TreeSet<>(values(sheet.cell(r, c.col)))).append('|');
                }
                groups.computeIfAbsent(key.toString(), k -> new ArrayList<>()).add(r);
            }
            for (String field : fields) {
                Set<String> names = new TreeSet<>();
                for (int r : dataRows) {
                    for (Column c : ranges) {
                        String v = sheet.cell(r, c.col).trim();
                        if (field(RANGE, c).equals(field) && PARAM_NAME.matcher(v).matches() && params.contains(v)) {
                            names.add(v);
                        }
                    }
                }
                TreeSet<LocalDate> dates = new TreeSet<>();
                for (String n : names) {
                    dates.addAll(params.get(n).values().keySet());
                }
                List<LocalDate> when = dates.isEmpty() ? java.util.Collections.singletonList(null) : List.copyOf(dates);
                Map<String, Integer> found = new LinkedHashMap<>();
                for (LocalDate d : when) {
                    String dateNote = when.size() > 1 ? " (with the values in force from " + d + ")" : "";
                    for (List<Integer> group : groups.values()) {
                        List<Interval> intervals = new ArrayList<>();
                        for (int r : group) {
                            Interval i = interval(r, field, ranges, params, d);
                            if (i != null) {
                                intervals.add(i);
                            }
                        }
                        for (Map.Entry<Integer, String> p : analyse(field, intervals, partition).entrySet()) {
                            found.putIfAbsent(p.getValue() + dateNote, p.getKey());
                        }
                    }
                }
                found.forEach((msg, row) -> problems.add(Problem.of(file, row + 1, where + msg)));
            }
        }

        /** The row's range of {@code field} on {@code date}; null when a bound cannot be resolved. */
        private Interval interval(int r, String field, List<Column> ranges, ParameterSet params, LocalDate date) {
            Bound lo = null;
            Bound hi = null;
            for (Column c : ranges) {
                Matcher m = RANGE.matcher(c.code);
                m.find();
                if (!m.group(2).equals(field)) {
                    continue;
                }
                String cell = sheet.cell(r, c.col).trim();
                if (cell.isEmpty()) {
                    continue;
                }
                BigDecimal v;
                if (NUMBER.matcher(cell).matches()) {
                    v = new BigDecimal(cell.replace(",", ""));
                } else {
                    Parameter p = params.get(cell);
                    if (p == null) {
                        return null;
                    }
                    Map.Entry<LocalDate, BigDecimal> e = date == null ? p.values().lastEntry() : p.inForceOn(date);
                    if (e == null) {
                        return null;
                    }
                    v = e.getValue();
                }
                Bound b = new Bound(v, cell, m.group(1).equals("atLeast") || m.group(1).equals("atMost"));
                switch (m.group(1)) {
                    case "atLeast", "above" -> lo = lo == null || tighterLow(b, lo) ? b : lo;
                    default -> hi = hi == null || tighterHigh(b, hi) ? b : hi;
                }
            }
            return new Interval(r, lo, hi);
        }

        private static boolean tighterLow(Bound a, Bound b) {
            int c = a.value.compareTo(b.value);
            return c > 0 || c == 0 && !a.closed;
        }

        private static boolean tighterHigh(Bound a, Bound b) {
            int c = a.value.compareTo(b.value);
            return c < 0 || c == 0 && !a.closed;
        }

        /** Problems by row (0-based): empty ranges, overlaps, and (for a partition) gaps between rows. */
        private static Map<Integer, String> analyse(String field, List<Interval> intervals, boolean partition) {
            Map<Integer, String> out = new LinkedHashMap<>();
            List<Interval> live = new ArrayList<>();
            for (Interval i : intervals) {
                if (i.empty()) {
                    out.putIfAbsent(i.row, "row " + (i.row + 1) + ": the range " + i.describe(field)
                            + " is empty, so the row can never apply");
                } else {
                    live.add(i);
                }
            }
            live.sort(Comparator.comparing((Interval i) -> i.lo == null ? null : i.lo.value,
                    Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(i -> i.lo != null && !i.lo.closed));
            if (!partition) {
                return out;
            }
            for (int a = 0; a < live.size(); a++) {
                for (int b = a + 1; b < live.size(); b++) {
                    if (overlap(live.get(a), live.get(b))) {
                        Interval x = live.get(a);
                        Interval y = live.get(b);
                        int first = Math.min(x.row, y.row);
                        int second = Math.max(x.row, y.row);
                        out.putIfAbsent(second, "rows " + (first + 1) + " and " + (second + 1) + " overlap: "
                                + x.describe(field) + " and " + y.describe(field) + " share values, so a case could get both");
                    }
                }
            }
            Bound reach = null;
            boolean started = false;
            boolean unbounded = false;
            for (Interval i : live) {
                if (started && !unbounded && i.lo != null) {
                    int c = i.lo.value.compareTo(reach.value);
                    if (c > 0 || c == 0 && !reach.closed && !i.lo.closed) {
                        String gap = c == 0 ? field + " = " + plain(reach.value)
                                : field + (reach.closed ? " > " : " >= ") + reach.text() + " and "
                                + (i.lo.closed ? "< " : "<= ") + i.lo.text();
                        out.putIfAbsent(i.row, "gap before row " + (i.row + 1) + ": no row applies to " + gap);
                    }
                }
                if (!started) {
                    started = true;
                    unbounded = i.hi == null;
                    reach = i.hi;
                } else if (!unbounded) {
                    if (i.hi == null) {
                        unbounded = true;
                    } else if (tighterHigh(reach, i.hi)) {
                        reach = i.hi;
                    }
                }
            }
            return out;
        }

        private static boolean overlap(Interval a, Interval b) {
            // a starts no later than b
            if (a.hi == null || b.lo == null) {
                return true;
            }
            int c = b.lo.value.compareTo(a.hi.value);
            return c < 0 || c == 0 && b.lo.closed && a.hi.closed;
        }

        private static String field(Pattern p, Column c) {
            Matcher m = p.matcher(c.code);
            m.find();
            return p == RANGE ? m.group(2) : m.group(1);
        }

        private static List<String> values(String cell) {
            List<String> out = new ArrayList<>();
            for (String v : cell.split(",")) {
                String t = v.trim();
                if (!t.isEmpty()) {
                    out.add(t);
                }
            }
            return out;
        }
    }

    private record Column(int col, String type, String code, String label) {
    }

    private record Bound(BigDecimal value, String cell, boolean closed) {
        String text() {
            return NUMBER.matcher(cell).matches() ? cell : cell + " (" + plain(value) + ")";
        }
    }

    private record Interval(int row, Bound lo, Bound hi) {
        boolean empty() {
            if (lo == null || hi == null) {
                return false;
            }
            int c = lo.value.compareTo(hi.value);
            return c > 0 || c == 0 && !(lo.closed && hi.closed);
        }

        String describe(String field) {
            StringBuilder sb = new StringBuilder("row ").append(row + 1).append(" (");
            if (lo == null && hi == null) {
                sb.append("any ").append(field);
            }
            if (lo != null) {
                sb.append(field).append(lo.closed ? " >= " : " > ").append(lo.text());
            }
            if (hi != null) {
                sb.append(lo != null ? ", " : "").append(field).append(hi.closed ? " <= " : " < ").append(hi.text());
            }
            return sb.append(')').toString();
        }
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** Cells as Drools' own parsers see them (rows and columns 0-based). */
    static final class Grid implements DataListener {
        final Map<String, Sheet> sheets = new LinkedHashMap<>();
        private Sheet current;
        int lastRow;

        static final class Sheet {
            final String name;
            final TreeMap<Integer, TreeMap<Integer, String>> rows = new TreeMap<>();

            Sheet(String name) {
                this.name = name;
            }

            TreeMap<Integer, String> row(int r) {
                return rows.getOrDefault(r, new TreeMap<>());
            }

            String cell(int r, int c) {
                return row(r).getOrDefault(c, "");
            }

            int lastRow() {
                return rows.isEmpty() ? -1 : rows.lastKey();
            }
        }

        @Override
        public void startSheet(String name) {
            current = sheets.computeIfAbsent(name == null ? "sheet" + sheets.size() : name, Sheet::new);
        }

        @Override
        public void finishSheet() {
        }

        @Override
        public void newRow(int rowNumber, int columns) {
            lastRow = rowNumber;
        }

        @Override
        public void newCell(int row, int column, String value, int mergedColStart) {
            if (current == null) {
                startSheet(null);
            }
            if (value != null && !value.isEmpty()) {
                current.rows.computeIfAbsent(row, k -> new TreeMap<>()).put(column, value);
            }
        }
    }
}
