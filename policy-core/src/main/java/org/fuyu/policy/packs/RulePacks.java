package org.fuyu.policy.packs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.fuyu.policy.PolicyException;
import org.fuyu.policy.Problem;

/** Finds rule packs: on the class path through {@link ServiceLoader}, or in directories. */
public final class RulePacks {
    private RulePacks() {
    }

    /**
     * Every pack on the class path of this class's loader.
     *
     * @throws PolicyException when there is none, or two share an id
     */
    public static List<RulePack> fromClasspath() {
        return fromClasspath(RulePacks.class.getClassLoader());
    }

    public static List<RulePack> fromClasspath(ClassLoader loader) {
        Map<String, RulePack> byId = new LinkedHashMap<>();
        try {
            for (RulePack p : ServiceLoader.load(RulePack.class, loader)) {
                RulePack prev = byId.putIfAbsent(p.id(), p);
                if (prev != null) {
                    throw new PolicyException("two rule packs on the class path have id '" + p.id() + "': "
                            + prev.origin() + " and " + p.origin());
                }
            }
        } catch (ServiceConfigurationError e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof PolicyException pe) {
                throw pe;
            }
            throw new PolicyException("a rule pack on the class path cannot be loaded: " + e.getMessage()
                    + (cause != e ? " (" + cause + ")" : ""));
        }
        if (byId.isEmpty()) {
            throw new PolicyException("no rule packs on the class path (add policy-rules, or a jar listing "
                    + "org.fuyu.policy.packs.RulePack in META-INF/services)");
        }
        return List.copyOf(byId.values());
    }

    /** The class path packs with these ids, in the order given. */
    public static List<RulePack> fromClasspath(List<String> ids) {
        Map<String, RulePack> all = new LinkedHashMap<>();
        fromClasspath().forEach(p -> all.put(p.id(), p));
        List<RulePack> out = new ArrayList<>();
        for (String id : ids) {
            RulePack p = all.get(id);
            if (p == null) {
                throw new PolicyException("no rule pack '" + id + "' on the class path (have: " + all.keySet() + ")");
            }
            out.add(p);
        }
        return out;
    }

    /**
     * The packs in {@code dir}: the directory itself when it holds {@code pack.yaml}, else each
     * sub-directory that holds one.
     */
    public static List<RulePack> fromDirectory(Path dir) {
        return fromDirectory(dir, false);
    }

    /**
     * The packs in a directory the host trusts as code (reviewed like source code): they may also
     * hold DRL and Drools decision tables. Their rules still cannot change another pack's decisions
     * and run under the time budget.
     */
    public static List<RulePack> fromTrustedDirectory(Path dir) {
        return fromDirectory(dir, true);
    }

    private static List<RulePack> fromDirectory(Path dir, boolean trusted) {
        if (!Files.isDirectory(dir)) {
            throw new PolicyException(Problem.of(dir.toString(), 0, "not a directory"));
        }
        if (Files.isRegularFile(dir.resolve("pack.yaml"))) {
            return List.of(new DirectoryRulePack(dir, trusted));
        }
        List<RulePack> packs = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        try (Stream<Path> subs = Files.list(dir)) {
            for (Path sub : subs.sorted().toList()) {
                if (Files.isDirectory(sub) && Files.isRegularFile(sub.resolve("pack.yaml"))) {
                    try {
                        packs.add(new DirectoryRulePack(sub, trusted));
                    } catch (PolicyException e) {
                        problems.addAll(e.problems().isEmpty()
                                ? List.of(Problem.of(sub.toString(), 0, e.getMessage())) : e.problems());
                    }
                }
            }
        } catch (IOException e) {
            throw new PolicyException(Problem.of(dir.toString(), 0, "cannot list: " + e.getMessage()));
        }
        if (!problems.isEmpty()) {
            throw new PolicyException(problems);
        }
        if (packs.isEmpty()) {
            throw new PolicyException(Problem.of(dir.toString(), 0,
                    "no rule pack here: expected pack.yaml in this directory or in its sub-directories"));
        }
        return packs;
    }
}
