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
        return find(dir);
    }

    /**
     * Whether {@code file} is there to read: false when nothing has the name; true for a regular
     * file (or a link to one); any other thing of that name (a directory, a dangling link, a link
     * loop, a FIFO, a device) is a problem, never silently skipped.
     */
    private static boolean usable(Path file, List<String> problems) {
        if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        if (Files.isRegularFile(file)) {
            if (!Files.isReadable(file)) {
                problems.add(file + " 不可读 / cannot be read (permissions); make it readable");
            }
            return true;
        }
        String what;
        if (Files.isDirectory(file)) {
            what = "是目录 / is a directory";
        } else if (Files.isSymbolicLink(file)) {
            what = "是指不到文件的符号链接（悬空或循环） / is a symbolic link that leads to no file (dangling or a loop)";
        } else {
            what = "不是普通文件（FIFO、设备或套接字） / is not a regular file (a FIFO, device or socket)";
        }
        problems.add(file + " " + what + "; replace it with the " + file.getFileName() + " file or remove it");
        return false;
    }

    private static InputFiles find(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new PolicyException("input directory " + dir + " does not exist");
        }
        Map<String, Path> found = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String kind : KINDS) {
            Path jsonl = dir.resolve(kind + ".jsonl");
            Path json = dir.resolve(kind + ".json");
            boolean a = usable(jsonl, problems);
            boolean b = usable(json, problems);
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
