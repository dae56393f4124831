package org.fuyu.policy.reform;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fuyu.policy.PolicyException;
import org.fuyu.policy.Problem;
import org.fuyu.policy.packs.RulePack;
import org.fuyu.policy.packs.RulePacks;
import org.fuyu.policy.params.Parameter;
import org.fuyu.policy.params.ParameterFiles;
import org.fuyu.policy.params.ParameterSet;

/**
 * Reads a reform file:
 * <pre>
 * name: low-income-line-15000
 * description: Raise the low-income line from 13000 to 15000 yuan per person per year.
 * effective: 2025-01-01
 * parameters:                      # the parameter-file format, inline ...
 *   low_income.line: 15000         # ... or a bare number: in force from the effective date
 *   monitoring.line_factor:
 *     description: ...
 *     values:
 *       2025-01-01: 1.4
 *       2026-01-01: 1.3
 * rules: rules/                    # optional: pack directory (or directory of packs), relative to this file
 * </pre>
 * {@code parameters:} may instead name a parameter file relative to the reform file
 * ({@code parameters: line-15000.yaml}). A directory holding {@code reform.yaml} may be given
 * for the file. Every problem is reported with file and line; a reform with problems is
 * rejected whole.
 */
public final class ReformFiles {
    /** The reform file looked for when a directory is given. */
    public static final String MANIFEST = "reform.yaml";
    private static final YAMLFactory YAML = ParameterFiles.YAML; // duplicate keys are errors
    private static final String FIELDS = "name, description, effective, parameters, rules";

    private ReformFiles() {
    }

    /**
     * Reads a reform from its file, or from {@code reform.yaml} in a directory.
     *
     * @throws PolicyException listing every problem with file and line
     */
    public static Reform read(Path fileOrDir) {
        Path file = Files.isDirectory(fileOrDir) ? fileOrDir.resolve(MANIFEST) : fileOrDir;
        if (!Files.isRegularFile(file)) {
            throw new PolicyException(Problem.of(file.toString(), 0, Files.isDirectory(fileOrDir)
                    ? "missing: a reform directory needs " + MANIFEST + " (" + FIELDS + ")"
                    : "no such reform file"));
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new PolicyException(Problem.of(file.toString(), 0, "cannot read reform file: " + e.getMessage()));
        }
        List<Problem> problems = new ArrayList<>();
        Reform reform = parse(file, bytes, problems);
        if (!problems.isEmpty()) {
            throw new PolicyException(problems);
        }
        return reform;
    }

    private static Reform parse(Path file, byte[] bytes, List<Problem> problems) {
        String fileName = file.toString();
        Path base = file.toAbsolutePath().getParent();
        // The effective date first: bare parameter values take it, wherever it stands in the file.
        LocalDate effective = effectiveDate(fileName, bytes, problems);
        String name = null;
        String description = null;
        ParameterSet parameters = null;
        int parametersLine = 0;
        List<RulePack> packs = List.of();
        boolean hasRules = false;
        try (JsonParser p = YAML.createParser(bytes)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                problems.add(Problem.of(fileName, t == null ? 0 : line(p), "expected a reform: " + FIELDS));
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                int fieldLine = line(p);
                JsonToken v = p.nextToken();
                switch (field) {
                    case "name" -> name = text(fileName, field, p, v, problems);
                    case "description" -> {
                        description = text(fileName, field, p, v, problems);
                        description = description == null ? null : description.strip();
                    }
                    case "effective" -> p.skipChildren(); // read above
                    case "parameters" -> {
                        parametersLine = fieldLine;
                        if (v == JsonToken.START_OBJECT) {
                            // without a valid effective date (already reported) bare numbers still parse
                            parameters = ParameterFiles.parseBlock(fileName, p,
                                    effective != null ? effective : LocalDate.EPOCH, problems);
                        } else if (v == JsonToken.VALUE_STRING) {
                            parameters = parameterFile(fileName, fieldLine, base.resolve(p.getText()), problems);
                        } else {
                            problems.add(Problem.of(fileName, fieldLine, "parameters: expected overrides in the "
                                    + "parameter-file format (name: {values: {YYYY-MM-DD: number}} or name: number) "
                                    + "or the path of a parameter file"));
                            p.skipChildren();
                        }
                    }
                    case "rules" -> {
                        hasRules = true;
                        if (v == JsonToken.VALUE_STRING) {
                            packs = rulePacks(fileName, fieldLine, base.resolve(p.getText()), problems);
                        } else {
                            problems.add(Problem.of(fileName, fieldLine, "rules: expected the path of a rule pack "
                                    + "directory (or a directory of packs), relative to this file"));
                            p.skipChildren();
                        }
                    }
                    default -> {
                        problems.add(Problem.of(fileName, fieldLine, "unknown field '" + field + "' (a reform has "
                                + FIELDS + ")"));
                        p.skipChildren();
                    }
                }
            }
            ParameterFiles.secondDocument(fileName, p, problems);
        } catch (JsonProcessingException e) {
            problems.add(ParameterFiles.yamlProblem(fileName, e));
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (name == null) {
            problems.add(Problem.of(fileName, 0, "missing 'name:' (a short id such as low-income-line-15000)"));
        } else if (!name.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            problems.add(Problem.of(fileName, 0, "name '" + name
                    + "' should be lower-case words joined by '-', e.g. low-income-line-15000"));
        }
        if (description == null || description.isBlank()) {
            problems.add(Problem.of(fileName, 0, "missing 'description:' (what the reform changes and why, for reviewers)"));
        }
        boolean parametersGiven = parametersLine > 0 && (parameters == null || parameters.size() > 0);
        if (!parametersGiven && !hasRules) {
            problems.add(Problem.of(fileName, parametersLine, "the reform changes nothing: give 'parameters:' "
                    + "(overrides of baseline parameters) or 'rules:' (a rule pack directory)"));
        }
        if (effective != null && parameters != null) {
            checkDates(parameters, effective, problems);
        }
        if (!problems.isEmpty()) {
            return null;
        }
        return new Reform(name, description, effective, parameters, packs, fileName);
    }

    private static LocalDate effectiveDate(String fileName, byte[] bytes, List<Problem> problems) {
        try (JsonParser p = YAML.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                if (field.equals("effective")) {
                    String text = v.isScalarValue() ? p.getText() : null;
                    try {
                        return LocalDate.parse(text == null ? "" : text);
                    } catch (DateTimeParseException e) {
                        problems.add(Problem.of(fileName, line(p), "effective: '" + (text == null ? v : text)
                                + "' is not a date; write the date the reform takes effect as YYYY-MM-DD"));
                        return null;
                    }
                }
                p.skipChildren();
            }
        } catch (JsonProcessingException e) {
            return null; // reported by the main pass
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        problems.add(Problem.of(fileName, 0, "missing 'effective:' (the date the reform takes effect, YYYY-MM-DD)"));
        return null;
    }

    /** A reform changes policy from its effective date on: an earlier value would rewrite the baseline's past. */
    private static void checkDates(ParameterSet parameters, LocalDate effective, List<Problem> problems) {
        for (Parameter param : parameters.all()) {
            for (Map.Entry<LocalDate, BigDecimal> e : param.values().entrySet()) {
                if (e.getKey().isBefore(effective)) {
                    problems.add(problemAt(param.source(), "parameter '" + param.name() + "': value "
                            + e.getValue().toPlainString() + " is dated " + e.getKey() + ", before the reform's effective date "
                            + effective + "; date reform values on or after it (a reform changes policy from its "
                            + "effective date on)"));
                }
            }
        }
    }

    private static ParameterSet parameterFile(String fileName, int line, Path path, List<Problem> problems) {
        if (!Files.isRegularFile(path)) {
            problems.add(Problem.of(fileName, line, "parameters: no such file " + path));
            return null;
        }
        try {
            return ParameterFiles.read(path);
        } catch (PolicyException e) {
            problems.addAll(e.problems().isEmpty() ? List.of(Problem.of(path.toString(), 0, e.getMessage())) : e.problems());
            return null;
        }
    }

    private static List<RulePack> rulePacks(String fileName, int line, Path dir, List<Problem> problems) {
        if (!Files.isDirectory(dir)) {
            problems.add(Problem.of(fileName, line, "rules: no such directory " + dir));
            return List.of();
        }
        try {
            return RulePacks.fromDirectory(dir);
        } catch (PolicyException e) {
            problems.addAll(e.problems().isEmpty() ? List.of(Problem.of(dir.toString(), 0, e.getMessage())) : e.problems());
            return List.of();
        }
    }

    private static String text(String file, String field, JsonParser p, JsonToken v, List<Problem> problems)
            throws IOException {
        if (v.isScalarValue()) {
            return p.getValueAsString();
        }
        problems.add(Problem.of(file, line(p), field + ": expected text"));
        p.skipChildren();
        return null;
    }

    private static Problem problemAt(String source, String message) {
        int i = source.lastIndexOf(':');
        if (i > 0) {
            try {
                return Problem.of(source.substring(0, i), Integer.parseInt(source.substring(i + 1)), message);
            } catch (NumberFormatException e) {
                // not file:line
            }
        }
        return Problem.of(source, 0, message);
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }
}
