package org.fuyu.policy.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fuyu.policy.Problem;

/**
 * Turns Drools compile messages into problems a person can act on: an unknown fact field is
 * named with its type and a "did you mean", an error in a consequence points at the line that
 * uses the unknown name rather than at the rule's first line, and Drools' repeated messages for
 * one mistake become one.
 */
final class CompileMessages {
    private static final Pattern STRICT = Pattern.compile(
            "unable to resolve method using strict-mode: ([\\w.$]+)\\.(\\w+)\\(\\)");
    private static final Pattern UNDEFINED_METHOD = Pattern.compile(
            "The method (\\w+)\\(([^)]*)\\) is undefined for the type (\\w+)");
    private static final Pattern NOT_A_FIELD = Pattern.compile("(\\w+) cannot be resolved or is not a field");
    private static final Pattern ANALYZE = Pattern.compile("^Unable to analy[sz]e expression '", Pattern.CASE_INSENSITIVE);
    private static final List<String> FACT_PACKAGES = List.of("org.fuyu.policy.facts.", "org.fuyu.policy.evaluation.",
            "org.fuyu.policy.params.", "org.fuyu.policy.");

    private CompileMessages() {
    }

    /** One raw message: where Drools put it and what it said. */
    record Raw(String file, int line, String text, String source, boolean table) {
    }

    static List<Problem> explain(List<Raw> raws, ClassLoader loader) {
        Map<String, Problem> out = new LinkedHashMap<>();
        List<Raw> analyze = new ArrayList<>();
        for (Raw r : raws) {
            String text = r.text.replaceAll("\\s+", " ").trim().replaceFirst("^Rule Compilation error ", "");
            if (text.startsWith("Parser returned a null Package") && raws.size() > 1) {
                continue; // follows a syntax error already reported with its line
            }
            if (ANALYZE.matcher(text).find()) {
                analyze.add(r);
                continue;
            }
            int line = r.line;
            Matcher strict = STRICT.matcher(text);
            Matcher undefined = UNDEFINED_METHOD.matcher(text);
            Matcher notField = NOT_A_FIELD.matcher(text);
            if (strict.find()) {
                String type = strict.group(1);
                String field = strict.group(2);
                text = "unknown field '" + field + "' of " + simple(type)
                        + DidYouMean.suffix(field, properties(load(type, loader)));
            } else if (undefined.find()) {
                String method = undefined.group(1);
                String type = undefined.group(3);
                line = locate(r, method + "(", line);
                Class<?> c = load(type, loader);
                Set<String> candidates = c == null ? Set.of() : methods(c);
                text = (undefined.group(2).isEmpty() ? "unknown field or method '" + method + "()' of " : "no method '"
                        + method + "(" + undefined.group(2) + ")' in ") + type + DidYouMean.suffix(method, candidates);
            } else if (notField.find()) {
                line = locate(r, notField.group(1), line);
                text = "unknown name or field '" + notField.group(1) + "' (" + text + ")";
            }
            Problem p = Problem.of(r.file, line, text);
            out.putIfAbsent(p.toString(), p);
        }
        for (Raw r : analyze) {
            boolean covered = out.values().stream().anyMatch(p -> p.file().equals(r.file) && p.line() == r.line);
            if (!covered) {
                Problem p = Problem.of(r.file, r.line, r.text.replaceAll("\\s+", " ").trim());
                out.putIfAbsent(p.toString(), p);
            }
        }
        return new ArrayList<>(out.values());
    }

    /** Drools reports consequence errors at the rule's first line: find the line that uses {@code word}. */
    private static int locate(Raw r, String word, int line) {
        if (r.source == null || r.table || line <= 0) {
            return line;
        }
        String[] lines = r.source.split("\n", -1);
        for (int i = line - 1; i < lines.length; i++) {
            if (lines[i].contains(word)) {
                return i + 1;
            }
            if (i > line - 1 && lines[i].trim().equals("end")) {
                break;
            }
        }
        return line;
    }

    private static String simple(String type) {
        int i = type.lastIndexOf('.');
        return i < 0 ? type : type.substring(i + 1);
    }

    private static Class<?> load(String type, ClassLoader loader) {
        List<String> names = new ArrayList<>();
        if (type.contains(".")) {
            names.add(type);
        } else {
            FACT_PACKAGES.forEach(p -> names.add(p + type));
        }
        for (String n : names) {
            try {
                return Class.forName(n, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // try the next package
            }
        }
        return null;
    }

    /** Field-like names of a type: record components, getters without get/is, no-argument methods. */
    private static Set<String> properties(Class<?> c) {
        Set<String> out = new TreeSet<>();
        if (c == null) {
            return out;
        }
        for (Method m : c.getMethods()) {
            if (m.getDeclaringClass() == Object.class || Modifier.isStatic(m.getModifiers()) || m.getParameterCount() > 0) {
                continue;
            }
            String n = m.getName();
            out.add(n);
            if (n.startsWith("get") && n.length() > 3) {
                out.add(Character.toLowerCase(n.charAt(3)) + n.substring(4));
            } else if (n.startsWith("is") && n.length() > 2) {
                out.add(Character.toLowerCase(n.charAt(2)) + n.substring(3));
            }
        }
        return out;
    }

    private static Set<String> methods(Class<?> c) {
        Set<String> out = new TreeSet<>();
        for (Method m : c.getMethods()) {
            if (m.getDeclaringClass() != Object.class) {
                out.add(m.getName());
            }
        }
        return out;
    }
}
