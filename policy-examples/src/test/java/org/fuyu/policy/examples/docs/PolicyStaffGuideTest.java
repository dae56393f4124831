package org.fuyu.policy.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.fuyu.policy.examples.cli.FuyuCli;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example of docs/policy-staff.md, run: the files it shows are written, the shipped packs it
 * names are copied, its edits applied, and each {@code fuyu} command it shows must print the
 * lines shown under it (and exit 0 exactly when it says "no problems").
 */
class PolicyStaffGuideTest {
    private static final Path GUIDE = Path.of("../docs/policy-staff.md");
    private static final Path PACKS = Path.of("../policy-rules/src/main/resources/packs");
    private static final Pattern DIRECTIVE = Pattern.compile("<!-- (test|copy|file|edit|run): (.+?) -->");
    private static final Pattern FENCE = Pattern.compile("```[a-z]*\\n(.*?)```", Pattern.DOTALL);

    @TestFactory
    Stream<DynamicTest> everyExampleOfTheGuideHolds() throws IOException {
        String guide = Files.readString(GUIDE);
        List<DynamicTest> tests = new ArrayList<>();
        String[] sections = guide.split("(?=<!-- test: )");
        for (String section : sections) {
            if (!section.startsWith("<!-- test: ")) {
                continue;
            }
            String name = section.substring(11, section.indexOf(" -->"));
            tests.add(DynamicTest.dynamicTest(name, () -> run(section)));
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(5);
        return tests.stream();
    }

    private static void run(String section) throws IOException {
        Path dir = Files.createTempDirectory("guide");
        Matcher m = DIRECTIVE.matcher(section);
        int runs = 0;
        while (m.find()) {
            String kind = m.group(1);
            String arg = m.group(2).trim();
            Matcher block = FENCE.matcher(section);
            boolean hasBlock = block.find(m.end());
            switch (kind) {
                case "copy" -> copy(PACKS.resolve(arg), dir.resolve(arg));
                case "file" -> {
                    Files.createDirectories(dir.resolve(arg).getParent());
                    Files.writeString(dir.resolve(arg), block.group(1));
                }
                case "edit" -> {
                    String[] lines = block.group(1).split("\n");
                    String before = Files.readString(dir.resolve(arg));
                    String after = before.replace(lines[0], lines[1]);
                    assertThat(after).as("the edit of " + arg + " changes it").isNotEqualTo(before);
                    Files.writeString(dir.resolve(arg), after);
                }
                case "run" -> {
                    runs++;
                    assertThat(hasBlock).isTrue();
                    check(dir, arg, block.group(1));
                }
                default -> {
                }
            }
        }
        assertThat(runs).as("the example runs a command").isPositive();
    }

    private static void check(Path dir, String command, String expected) {
        List<String> args = new ArrayList<>();
        String previous = "";
        for (String a : command.split("\\s+")) {
            boolean path = previous.equals("--rules") || previous.equals("--params") || previous.equals("--trusted-rules");
            args.add(path ? dir.resolve(a).toString() : a);
            previous = a;
        }
        if (!args.contains("--lang")) {
            args.add(0, "en");
            args.add(0, "--lang");
        }
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = FuyuCli.run(args.toArray(String[]::new));
        } finally {
            System.setOut(old);
        }
        List<String> printed = new ArrayList<>();
        for (String line : buf.toString(StandardCharsets.UTF_8).split("\\R")) {
            printed.add(line.replace(dir.toString() + "/", "").replaceFirst("^[^ :]*/", ""));
        }
        for (String want : expected.strip().split("\n")) {
            assertThat(printed).as("fuyu " + command).anySatisfy(p -> assertThat(p).startsWith(want.strip()));
        }
        assertThat(exit).as("exit code of fuyu " + command + "\n" + String.join("\n", printed))
                .isEqualTo(expected.contains("no problems") || expected.contains(", 0 failed") ? 0 : 1);
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
