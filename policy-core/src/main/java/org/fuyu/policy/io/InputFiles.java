package org.fuyu.policy.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fuyu.policy.PolicyException;

/**
 * The input files of a directory: {@code households}, {@code businesses}, {@code villages},
 * {@code counties}, each as {@code .jsonl} (JSON Lines) or {@code .json} (an array).
 */
public record InputFiles(Path households, Path businesses, Path villages, Path counties) {
    public static final List<String> KINDS = List.of("households", "businesses", "villages", "counties");

    /**
     * Finds the input files of {@code dir}.
     *
     * @throws PolicyException when the directory is missing, holds none of the files, or holds
     *     one kind twice (both .json and .jsonl)
     */
    public static InputFiles in(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new PolicyException("input directory " + dir + " does not exist");
        }
        Map<String, Path> found = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String kind : KINDS) {
            Path jsonl = dir.resolve(kind + ".jsonl");
            Path json = dir.resolve(kind + ".json");
            boolean a = Files.isRegularFile(jsonl);
            boolean b = Files.isRegularFile(json);
            if (a && b) {
                problems.add("both " + jsonl.getFileName() + " and " + json.getFileName() + " in " + dir + "; keep one");
            }
            found.put(kind, a ? jsonl : b ? json : null);
        }
        if (!problems.isEmpty()) {
            throw new PolicyException(String.join("; ", problems));
        }
        if (found.values().stream().allMatch(p -> p == null)) {
            throw new PolicyException("no input in " + dir + ": expected any of households.jsonl, businesses.jsonl, "
                    + "villages.jsonl, counties.jsonl (or .json arrays)");
        }
        return new InputFiles(found.get("households"), found.get("businesses"), found.get("villages"), found.get("counties"));
    }
}
