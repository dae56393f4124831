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
 * lines shown under it (and exit 0 exactly when it says "no problems"). And every name the guides
 * for policy staff show — in docs/policy-staff.md and docs/decision-tables/README.md: files, packs,
 * parameters, decision codes, commands and their options, classes — ships, so a rename breaks the
 * build instead of the officer's edit.
 */
class PolicyStaffGuideTest {
    private static final List<Path> GUIDES = List.of(GUIDE_PATH(), Path.of("../docs/decision-tables/README.md"));
    private static final Pattern INLINE = Pattern.compile("`([^`\\n]+)`");
    private static final Pattern FILE_NAME = Pattern.compile("[\\w./~$-]*[\\w-]+\\.(yaml|yml|csv|xlsx|jsonl|json|drl|md|jar)");
    private static final Pattern PACK_ID = Pattern.compile("[a-z]+(-[a-z]+)+");
    private static final Pattern PARAMETER = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+");
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)+");
    private static final Pattern CLASS = Pattern.compile("[A-Z][a-z]+([A-Z][a-z0-9]*)+");
    private static final Pattern CAMEL = Pattern.compile("[a-z]+([A-Z][a-z0-9]*)+");

    private static Path GUIDE_PATH() {
        return Path.of("../docs/policy-staff.md");
    }
    private static final Path GUIDE = GUIDE_PATH();
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

    // ------------------------------------------------------------------ every name the guides show ships

    @org.junit.jupiter.api.Test
    void everyNameTheGuidesShowShips() throws IOException {
        Shipped shipped = Shipped.read();
        List<String> unknown = new ArrayList<>();
        for (Path guide : GUIDES) {
            String text = Files.readString(guide);
            Defined own = Defined.of(text);
            String prose = FENCE.matcher(text).replaceAll("");
            Matcher m = INLINE.matcher(prose);
            int names = 0;
            while (m.find()) {
                String why = check(m.group(1).trim(), shipped, own);
                names++;
                if (why != null) {
                    unknown.add(guide.getFileName() + ": `" + m.group(1) + "` " + why);
                }
            }
            // the commands of shell blocks, e.g. java -jar policy-examples/target/fuyu.jar validate --rules my-packs [--params ...]
            Matcher sh = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL).matcher(text);
            while (sh.find()) {
                for (String line : sh.group(1).split("\\n")) {
                    int jar = line.indexOf("fuyu.jar ");
                    if (jar >= 0) {
                        String why = command(line.substring(jar + "fuyu.jar ".length()).replaceAll("[\\[\\]]", ""), shipped);
                        if (why != null) {
                            unknown.add(guide.getFileName() + ": `" + line.trim() + "` " + why);
                        }
                    }
                }
            }
            assertThat(names).as("names checked in " + guide).isGreaterThan(15);
        }
        assertThat(unknown).as("names the guides show that do not ship").isEmpty();
    }

    @org.junit.jupiter.api.Test
    void theNamesAStaleGuideShowedAreCaught() throws IOException {
        Shipped shipped = Shipped.read();
        Defined none = Defined.of("");
        // the names the guide showed before issue 13, none of which shipped
        assertThat(check("micro-loan-credit-line.drl.xlsx", shipped, none)).isNotNull();
        assertThat(check("micro_loan.credit_line_aaa", shipped, none)).isNotNull();
        assertThat(check("collective.threshold_200k", shipped, none)).isNotNull();
        assertThat(check("ELDERLY_ALLOWANCE", shipped, none)).isNotNull();
        assertThat(check("fuyu validate --param county.yaml", shipped, none)).isNotNull();
        assertThat(check("fuyu check-rules", shipped, none)).isNotNull();
        // and what ships passes
        assertThat(check("micro_loan.line_aa", shipped, none)).isNull();
        assertThat(check("credit-line-by-rating.table.xlsx", shipped, none)).isNull();
        assertThat(check("granted(VILLAGE_WEAK)", shipped, none)).isNull();
        assertThat(check("fuyu validate --only-rules", shipped, none)).isNull();
    }

    /** Why a name shown in a guide does not ship, or null when it does (or is not a name). */
    private static String check(String token, Shipped shipped, Defined own) {
        if (token.startsWith("fuyu ")) {
            return command(token.substring(5), shipped);
        }
        if (shipped.commands.containsKey(token.split(" ")[0])) {
            return command(token, shipped);
        }
        if (token.startsWith("--")) {
            String option = token.split("[ =]")[0];
            return shipped.commands.values().stream().anyMatch(o -> o.contains(option)) ? null
                    : "is not an option of any fuyu command";
        }
        if (token.contains("*") || token.contains(" ")) {
            return null; // a pattern or a phrase
        }
        String granted = token.matches("granted\\([A-Z0-9_]+\\)") ? token.substring(8, token.length() - 1) : null;
        if (granted != null) {
            token = granted;
        }
        if (FILE_NAME.matcher(token).matches()) {
            String name = token.substring(token.lastIndexOf('/') + 1);
            return shipped.files.contains(name) || shipped.files.contains(token) || own.files.contains(name)
                    || Files.exists(Path.of("..").resolve(token)) ? null : "is no file of the shipped packs, the repository or the guide";
        }
        if (token.endsWith("/")) {
            return Files.isDirectory(Path.of("..").resolve(token)) || token.equals("cases/") ? null : "is no directory";
        }
        if (PACK_ID.matcher(token).matches()) {
            return shipped.packs.contains(token) || own.packs.contains(token) || shipped.modules.contains(token) ? null
                    : "is no shipped pack";
        }
        if (PARAMETER.matcher(token).matches()) {
            return shipped.parameters.contains(token) || own.parameters.contains(token) ? null
                    : "is not a parameter of the shipped packs";
        }
        if (CODE.matcher(token).matches()) {
            return shipped.codes.contains(token) || own.codes.contains(token) || shipped.values.contains(token) ? null
                    : "is not a decision code of the shipped packs";
        }
        if (CLASS.matcher(token).matches()) {
            return shipped.classes.contains(token) ? null : "is no class of the project";
        }
        if (CAMEL.matcher(token).matches()) {
            return shipped.ruleText.contains(token) ? null : "is neither a field, a derived value nor an output field";
        }
        return null;
    }

    /** Why a command line (sub-command and options) does not exist, or null. */
    private static String command(String line, Shipped shipped) {
        String[] words = line.trim().split("\\s+");
        int i = 0;
        while (i < words.length && words[i].startsWith("--")) {
            i += words[i].equals("--lang") ? 2 : 1; // options of fuyu itself
        }
        if (i >= words.length) {
            return null;
        }
        List<String> options = shipped.commands.get(words[i]);
        if (options == null) {
            return "names no fuyu command (" + shipped.commands.keySet() + ")";
        }
        for (int k = i + 1; k < words.length; k++) {
            if (words[k].startsWith("--") && !options.contains(words[k].split("=")[0]) && !words[k].equals("--lang")) {
                return "uses " + words[k] + ", which fuyu " + words[i] + " does not take";
            }
        }
        return null;
    }

    /** What ships: the packs' files, ids, parameters and codes, the fact values, the CLI, the classes. */
    private record Shipped(java.util.Set<String> files, java.util.Set<String> packs, java.util.Set<String> parameters,
                           java.util.Set<String> codes, java.util.Set<String> values, java.util.Map<String, List<String>> commands,
                           java.util.Set<String> classes, java.util.Set<String> modules, String ruleText) {
        static Shipped read() throws IOException {
            java.util.Set<String> files = new java.util.TreeSet<>(List.of("decisions.jsonl", "errors.jsonl", "summary.json",
                    "notes.jsonl"));
            java.util.Set<String> packs = new java.util.TreeSet<>();
            java.util.Set<String> parameters = new java.util.TreeSet<>();
            java.util.Set<String> codes = new java.util.TreeSet<>();
            StringBuilder rules = new StringBuilder();
            for (org.fuyu.policy.packs.RulePack p : org.fuyu.policy.packs.RulePacks.fromClasspath()) {
                packs.add(p.id());
                p.files().forEach(f -> files.add(f.name()));
                p.manifest().codes().forEach(c -> codes.add(c.code()));
                parameters.addAll(p.parameters().names());
                p.resources().forEach(r -> rules.append(r.text()).append('\n'));
            }
            rules.append(Files.readString(Path.of("../docs/schemas/decision.schema.json")));
            rules.append(Files.readString(Path.of("../docs/rule-language.md")));
            java.util.Set<String> values = new java.util.TreeSet<>();
            for (Class<? extends Enum<?>> e : List.of(org.fuyu.policy.facts.HouseholdStatus.class,
                    org.fuyu.policy.facts.PersonCategory.class, org.fuyu.policy.facts.CreditRating.class,
                    org.fuyu.policy.facts.Sector.class, org.fuyu.policy.facts.BusinessKind.class,
                    org.fuyu.policy.facts.SizeClass.class)) {
                for (Enum<?> c : e.getEnumConstants()) {
                    values.add(c.name());
                }
            }
            java.util.Map<String, List<String>> commands = new java.util.TreeMap<>();
            picocli.CommandLine cli = new picocli.CommandLine(new FuyuCli());
            cli.getSubcommands().forEach((name, sub) -> commands.put(name,
                    sub.getCommandSpec().options().stream().flatMap(o -> java.util.Arrays.stream(o.names())).toList()));
            java.util.Set<String> classes = new java.util.TreeSet<>();
            java.util.Set<String> modules = new java.util.TreeSet<>();
            try (Stream<Path> all = Files.walk(Path.of(".."), 12)) {
                all.filter(f -> f.toString().endsWith(".java") && !f.toString().contains("/target/"))
                        .forEach(f -> classes.add(f.getFileName().toString().replace(".java", "")));
            }
            try (Stream<Path> dirs = Files.list(Path.of(".."))) {
                dirs.filter(d -> Files.exists(d.resolve("pom.xml"))).forEach(d -> modules.add(d.getFileName().toString()));
            }
            return new Shipped(files, packs, parameters, codes, values, commands, classes, modules, rules.toString());
        }
    }

    /** What a guide defines itself, in the files its examples write (a new pack, an override file). */
    private record Defined(java.util.Set<String> files, java.util.Set<String> packs, java.util.Set<String> parameters,
                           java.util.Set<String> codes) {
        static Defined of(String guide) {
            Defined d = new Defined(new java.util.TreeSet<>(), new java.util.TreeSet<>(), new java.util.TreeSet<>(),
                    new java.util.TreeSet<>());
            Matcher m = Pattern.compile("<!-- file: (.+?) -->\\s*```[a-z]*\\n(.*?)```", Pattern.DOTALL).matcher(guide);
            while (m.find()) {
                String file = m.group(1).trim();
                d.files.add(file.substring(file.lastIndexOf('/') + 1));
                Matcher keys = Pattern.compile("(?m)^([a-z][a-z0-9_]*(\\.[a-z0-9_]+)+):").matcher(m.group(2));
                while (keys.find()) {
                    d.parameters.add(keys.group(1));
                }
                Matcher codes = Pattern.compile("code: ([A-Z0-9_]+)").matcher(m.group(2));
                while (codes.find()) {
                    d.codes.add(codes.group(1));
                }
                Matcher id = Pattern.compile("(?m)^id: (\\S+)").matcher(m.group(2));
                while (id.find()) {
                    d.packs.add(id.group(1));
                }
            }
            return d;
        }
    }
}
