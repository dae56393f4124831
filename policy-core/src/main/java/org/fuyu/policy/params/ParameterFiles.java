package org.fuyu.policy.params;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fuyu.policy.PolicyException;
import org.fuyu.policy.Problem;

/**
 * Reads parameter files:
 * <pre>
 * low_income.line:
 *   description: Low-income line, yuan per person per year
 *   unit: yuan/person/year
 *   reference: "002 §三.13 [seed]"
 *   values:
 *     2022-01-01: 13000
 * </pre>
 * Every problem is reported with file and line; a file with problems is rejected whole.
 */
public final class ParameterFiles {
    /** Duplicate keys are errors (YAML would keep the last one silently). */
    public static final YAMLFactory YAML = YAMLFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    /** Largest parameter value accepted (absolute). */
    public static final BigDecimal MAX_VALUE = new BigDecimal("1e13");
    /** Most decimal places of a parameter value. */
    public static final int MAX_DECIMALS = 10;
    /** A number as it must be written: decimal, no leading zero (YAML would read 014000 as octal), no sign, no hex. */
    private static final java.util.regex.Pattern PLAIN_NUMBER =
            java.util.regex.Pattern.compile("(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]{1,3})?");

    private ParameterFiles() {
    }

    public static ParameterSet read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.toString(), in);
        } catch (IOException e) {
            throw new PolicyException(Problem.of(file.toString(), 0, "cannot read parameter file: " + e.getMessage()));
        }
    }

    public static ParameterSet read(String fileName, InputStream in) {
        List<Problem> problems = new ArrayList<>();
        ParameterSet set = parse(fileName, in, problems);
        if (!problems.isEmpty()) {
            throw new PolicyException(problems);
        }
        return set;
    }

    /** Parses and adds every problem to {@code problems}; returns what could be read. */
    public static ParameterSet parse(String fileName, InputStream in, List<Problem> problems) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        try (JsonParser p = YAML.createParser(in)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return ParameterSet.empty();
            }
            if (t != JsonToken.START_OBJECT) {
                problems.add(Problem.of(fileName, line(p), "expected parameters as 'name:' entries at the top level"));
                return ParameterSet.empty();
            }
            readEntries(fileName, p, null, problems, out);
            secondDocument(fileName, p, problems);
        } catch (JsonProcessingException e) {
            problems.add(yamlProblem(fileName, e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ParameterSet.of(out.values());
    }

    /** A second YAML document ({@code ---}) after the first: refused, never silently ignored. */
    public static void secondDocument(String fileName, JsonParser p, List<Problem> problems) throws IOException {
        if (p.nextToken() != null) {
            problems.add(Problem.of(fileName, line(p), "文件含第二个 YAML 文档（---）/ a second YAML document (after '---') "
                    + "is not read; put everything in one document and remove the '---'"));
        }
    }

    /** A YAML syntax problem (a duplicate key among them) with its line. */
    public static Problem yamlProblem(String fileName, JsonProcessingException e) {
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        String msg = e.getOriginalMessage();
        if (msg != null && msg.startsWith("Duplicate field '")) {
            String key = msg.substring("Duplicate field '".length(), msg.indexOf('\'', "Duplicate field '".length()));
            return Problem.of(fileName, line, "键重复 / key '" + key + "' appears twice at the same level; keep one "
                    + "(YAML would silently keep the last)");
        }
        return Problem.of(fileName, line, "not valid YAML: " + msg);
    }

    /**
     * A parameter value as written: a plain decimal number ≥ 0 of at most {@value #MAX_DECIMALS}
     * decimals and at most {@link #MAX_VALUE}; otherwise null and a problem. Every parameter is
     * a line, an amount, a rate, a share, a count or a duration, none of which is negative.
     */
    static BigDecimal number(String file, int line, String name, String key, JsonParser p, List<Problem> problems)
            throws IOException {
        String text = p.getText().strip();
        String what = "parameter '" + name + "': value" + (key == null ? "" : " for " + key) + " '" + text + "'";
        if (text.startsWith("-")) {
            problems.add(Problem.of(file, line, what + ": 参数值不能为负 / parameter values are never negative "
                    + "(lines, amounts, rates, counts); write a value ≥ 0"));
            return null;
        }
        if (!PLAIN_NUMBER.matcher(text.replace("_", "")).matches() || text.contains("_")) {
            problems.add(Problem.of(file, line, what + ": 应写成普通十进制数 / write a plain decimal number such as 14000 "
                    + "or 0.5 (no leading zero: YAML reads 014000 as octal 6144; no '_', '+', hex or octal)"));
            return null;
        }
        BigDecimal v = new BigDecimal(text);
        if (v.compareTo(MAX_VALUE) > 0 || v.stripTrailingZeros().scale() > MAX_DECIMALS) {
            problems.add(Problem.of(file, line, what + ": 超出范围 / outside the range of a parameter: at most "
                    + MAX_VALUE.toPlainString() + " with at most " + MAX_DECIMALS + " decimals"));
            return null;
        }
        return p.getDecimalValue();
    }

    /**
     * Reads a block of parameters inside another YAML document (e.g. the {@code parameters:} of
     * a reform), from a parser positioned on the block's START_OBJECT to its END_OBJECT. Entries
     * are in the parameter-file format; with {@code shorthandDate} given, an entry may also be a
     * bare number ({@code low_income.line: 15000}), meaning that value from that date on.
     * Every problem is added to {@code problems} with the file's line.
     */
    public static ParameterSet parseBlock(String fileName, JsonParser p, LocalDate shorthandDate, List<Problem> problems)
            throws IOException {
        Map<String, Parameter> out = new LinkedHashMap<>();
        readEntries(fileName, p, shorthandDate, problems, out);
        return ParameterSet.of(out.values());
    }

    private static void readEntries(String fileName, JsonParser p, LocalDate shorthandDate, List<Problem> problems,
                                    Map<String, Parameter> out) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            int line = line(p);
            Parameter param = readParameter(fileName, name, line, p, shorthandDate, problems);
            if (param != null) {
                if (out.containsKey(name)) {
                    problems.add(Problem.of(fileName, line, "parameter '" + name + "' is defined twice in this file"));
                }
                out.put(name, param);
            }
        }
    }

    private static Parameter readParameter(String file, String name, int line, JsonParser p, LocalDate shorthandDate,
                                           List<Problem> problems) throws IOException {
        if (!name.matches("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*")) {
            problems.add(Problem.of(file, line, "parameter name '" + name
                    + "' should be lower-case words joined by '.' or '_', e.g. low_income.line"));
        }
        JsonToken start = p.nextToken();
        if (shorthandDate != null && (start == JsonToken.VALUE_NUMBER_INT || start == JsonToken.VALUE_NUMBER_FLOAT)) {
            TreeMap<LocalDate, BigDecimal> values = new TreeMap<>();
            BigDecimal v = number(file, line(p), name, null, p, problems);
            if (v == null) {
                return null;
            }
            values.put(shorthandDate, v);
            return new Parameter(name, null, null, null, values, file + ":" + line);
        }
        if (start != JsonToken.START_OBJECT) {
            problems.add(Problem.of(file, line(p), "parameter '" + name
                    + "' should have description, unit, reference and values: {YYYY-MM-DD: number}"
                    + (shorthandDate != null ? ", or be a bare number in force from " + shorthandDate : "")));
            p.skipChildren();
            return null;
        }
        int problemsBefore = problems.size();
        String description = null;
        String unit = null;
        String reference = null;
        TreeMap<LocalDate, BigDecimal> values = null;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            int fieldLine = line(p);
            JsonToken v = p.nextToken();
            switch (field) {
                case "description" -> description = text(file, name, field, p, v, problems);
                case "unit" -> unit = text(file, name, field, p, v, problems);
                case "reference" -> reference = text(file, name, field, p, v, problems);
                case "values" -> values = readValues(file, name, fieldLine, p, v, problems);
                default -> {
                    problems.add(Problem.of(file, fieldLine, "parameter '" + name + "' has unknown field '" + field
                            + "' (expected description, unit, reference, values)"));
                    p.skipChildren();
                }
            }
        }
        if (values == null) {
            problems.add(Problem.of(file, line, "parameter '" + name + "' has no 'values:' (dated values, e.g. 2022-01-01: 13000)"));
            return null;
        }
        if (values.isEmpty() && problems.size() == problemsBefore) { // not when its only value was just reported
            problems.add(Problem.of(file, line, "parameter '" + name + "' has an empty 'values:'"));
        }
        return new Parameter(name, description, unit, reference, values, file + ":" + line);
    }

    private static String text(String file, String name, String field, JsonParser p, JsonToken v, List<Problem> problems)
            throws IOException {
        if (v.isScalarValue()) {
            return p.getValueAsString();
        }
        problems.add(Problem.of(file, line(p), "parameter '" + name + "': " + field + " should be text"));
        p.skipChildren();
        return null;
    }

    private static TreeMap<LocalDate, BigDecimal> readValues(String file, String name, int line, JsonParser p, JsonToken v,
                                                           List<Problem> problems) throws IOException {
        TreeMap<LocalDate, BigDecimal> values = new TreeMap<>();
        if (v != JsonToken.START_OBJECT) {
            problems.add(Problem.of(file, line, "parameter '" + name + "': values should be dated entries, e.g. 2022-01-01: 13000"));
            p.skipChildren();
            return values;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            int keyLine = line(p);
            JsonToken vt = p.nextToken();
            LocalDate date = null;
            try {
                date = LocalDate.parse(key);
            } catch (DateTimeParseException e) {
                problems.add(Problem.of(file, keyLine, "parameter '" + name + "': '" + key
                        + "' is not a date; write the date the value takes effect as YYYY-MM-DD"));
            }
            BigDecimal value = null;
            if (vt == JsonToken.VALUE_NUMBER_INT || vt == JsonToken.VALUE_NUMBER_FLOAT) {
                value = number(file, keyLine, name, key, p, problems);
                if (value == null) {
                    continue;
                }
            } else if (vt.isScalarValue()) {
                problems.add(Problem.of(file, keyLine, "parameter '" + name + "': value for " + key + " is '"
                        + p.getValueAsString() + "', expected a number such as 13000 or 0.5 (no units or thousands separators)"));
            } else {
                problems.add(Problem.of(file, keyLine, "parameter '" + name + "': value for " + key + " should be a number"));
                p.skipChildren();
            }
            if (date != null && value != null) {
                if (values.put(date, value) != null) {
                    problems.add(Problem.of(file, keyLine, "parameter '" + name + "': two values for " + key));
                }
            }
        }
        return values;
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }
}
