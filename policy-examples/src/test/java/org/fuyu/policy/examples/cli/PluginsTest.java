package org.fuyu.policy.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.io.FactReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --plugins DIR}: a county's pack jar (a ClasspathRulePack subclass and its
 * META-INF/services entry), built here from source, is loaded by {@code fuyu evaluate} and named
 * in the output; its decisions are in decisions.jsonl next to the shipped packs'.
 */
class PluginsTest {
    private static final String PACK_CLASS = """
            package org.example.county;

            public final class CountyBonusPack extends org.fuyu.policy.packs.ClasspathRulePack {
                public CountyBonusPack() {
                    super("packs/county-bonus");
                }
            }
            """;
    private static final String PACK_YAML = """
            id: county-bonus
            version: 1.0.0
            title: 县级生活补贴 County living bonus
            files:
              - county-bonus.drl
            codes:
              - {code: COUNTY_LIVING_BONUS, subject: HOUSEHOLD, title: "County living bonus (GRANTED)"}
            """;
    private static final String PARAMETERS = """
            county.bonus_line:
              description: Per-capita income below which the county pays its bonus
              unit: yuan/person/year
              reference: "county notice §1 [default]"
              values:
                2022-01-01: 10000
            county.bonus:
              description: County living bonus per household
              unit: yuan/household/year
              reference: "county notice §2 [default]"
              values:
                2022-01-01: 600
            """;
    private static final String DRL = """
            package org.example.county;
            import org.fuyu.policy.evaluation.HouseholdCase;
            import static org.fuyu.policy.evaluation.Criteria.*;

            rule "COUNTY_LIVING_BONUS"
                @citation("county notice §1–2")
            when
                $c : HouseholdCase()
            then
                $c.decide("COUNTY_LIVING_BONUS", kcontext)
                  .require(below("perCapitaIncome", $c.perCapitaIncome(), $c.param("county.bonus_line")))
                  .grant($c.param("county.bonus"));
            end
            """;

    @TempDir
    Path tmp;

    private final ObjectMapper json = new ObjectMapper();

    /** Runs the CLI in process (one helper for the CLI tests: {@link CompareCommandTest#fuyu}). */
    private static CompareCommandTest.Result fuyu(String... args) {
        return CompareCommandTest.fuyu(args);
    }

    /** Compiles the pack class against this class path and writes it with its resources into DIR/name.jar. */
    static Path buildPackJar(Path dir, String name, boolean withServiceEntry) throws IOException {
        Path src = dir.resolve("src/org/example/county/CountyBonusPack.java");
        Path classes = dir.resolve("classes");
        Files.createDirectories(src.getParent());
        Files.createDirectories(classes);
        Files.writeString(src, PACK_CLASS);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"), "--release", "17", src.toString());
        assertThat(rc).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();

        Map<String, byte[]> entries = new TreeMap<>();
        entries.put("org/example/county/CountyBonusPack.class",
                Files.readAllBytes(classes.resolve("org/example/county/CountyBonusPack.class")));
        entries.put("packs/county-bonus/pack.yaml", PACK_YAML.getBytes(StandardCharsets.UTF_8));
        entries.put("packs/county-bonus/parameters.yaml", PARAMETERS.getBytes(StandardCharsets.UTF_8));
        entries.put("packs/county-bonus/county-bonus.drl", DRL.getBytes(StandardCharsets.UTF_8));
        if (withServiceEntry) {
            entries.put("META-INF/services/org.fuyu.policy.packs.RulePack",
                    "org.example.county.CountyBonusPack\n".getBytes(StandardCharsets.UTF_8));
        }
        Path plugins = dir.resolve("plugins");
        Files.createDirectories(plugins);
        Path jar = plugins.resolve(name);
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return plugins;
    }

    @Test
    void evaluateLoadsThePackJarNamesItAndGrantsItsBenefit() throws IOException {
        Path plugins = buildPackJar(tmp.resolve("build"), "county-bonus.jar", true);
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        DemoCommand.copyDemoData(in);
        Path out = tmp.resolve("out");
        CompareCommandTest.Result r = fuyu("evaluate", "--input", in.toString(), "--out", out.toString(), "--as-of", "2024-06-30",
                "--plugins", plugins.toString(), "--quiet");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("plug-in 插件 county-bonus.jar: county-bonus 1.0.0+")
                .contains("(县级生活补贴 County living bonus)");

        // expected: every household read without error whose per-capita income is below 10,000 gets 600
        List<String> expected = new ArrayList<>();
        for (FactReader.Read<Household> h : new FactReader<>(Household.class).readAll(in.resolve("households.jsonl")).records()) {
            if (h.value().perCapitaIncome().compareTo(new BigDecimal(10000)) < 0) {
                expected.add(h.value().id());
            }
        }
        assertThat(expected).isNotEmpty();
        List<String> granted = new ArrayList<>();
        boolean shippedToo = false;
        for (String line : Files.readAllLines(out.resolve("decisions.jsonl"))) {
            JsonNode d = json.readTree(line);
            if (d.get("code").asText().equals("COUNTY_LIVING_BONUS")) {
                assertThat(d.get("outcome").asText()).isEqualTo("GRANTED");
                assertThat(d.get("amountYuan").asLong()).isEqualTo(600);
                assertThat(d.get("pack").asText()).isEqualTo("county-bonus");
                granted.add(d.get("subjectId").asText());
            }
            shippedToo |= d.get("code").asText().equals("LOW_INCOME_TOP_UP");
        }
        assertThat(granted).containsExactlyInAnyOrderElementsOf(
                expected.stream().filter(id -> !rejected(out, id)).toList());
        assertThat(shippedToo).as("the shipped packs still run").isTrue();
    }

    private static boolean rejected(Path out, String householdId) {
        try {
            return Files.readString(out.resolve("errors.jsonl")).contains("\"id\":\"" + householdId + "\"");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void withRulesOnlyTheDirectoriesAndThePluginsAreLoaded() throws IOException {
        Path plugins = buildPackJar(tmp.resolve("build"), "county-bonus.jar", true);
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        Files.writeString(in.resolve("households.jsonl"),
                "{\"id\":\"H1\",\"villageId\":\"V1\",\"countyId\":\"C1\",\"members\":[{\"id\":\"P1\",\"age\":40},"
                        + "{\"id\":\"P2\",\"age\":38}],\"income\":{\"wage\":19998}}\n"
                        + "{\"id\":\"H2\",\"villageId\":\"V1\",\"countyId\":\"C1\",\"members\":[{\"id\":\"P1\",\"age\":40}],"
                        + "\"income\":{\"wage\":10000}}\n");
        Path staff = tmp.resolve("staff-rules");
        Files.createDirectories(staff);
        Files.writeString(staff.resolve("pack.yaml"),
                "id: staff-test\nversion: 1.0.0\ntitle: Test\ncodes:\n  - {code: TOP_UP, subject: HOUSEHOLD}\n");
        Files.writeString(staff.resolve("parameters.yaml"),
                "staff.line:\n  description: line\n  unit: yuan\n  reference: test\n  values:\n    2022-01-01: 13000\n");
        Files.writeString(staff.resolve("rules.rules.yaml"), """
                decisions:
                  TOP_UP:
                    subject: household
                    citation: test
                    require: perCapitaIncome < staff.line
                    grant: staff.line * memberCount - totalIncome
                """);
        Path out = tmp.resolve("out");
        CompareCommandTest.Result r = fuyu("evaluate", "--input", in.toString(), "--out", out.toString(), "--as-of", "2024-06-30",
                "--rules", staff.toString(), "--only-rules", "--plugins", plugins.toString(), "--quiet");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> decisions = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("decisions.jsonl"))) {
            JsonNode d = json.readTree(line);
            decisions.add(d.get("subjectId").asText() + " " + d.get("code").asText() + " " + d.get("amountYuan").asLong());
        }
        // H1: 19,998 / 2 = 9,999 per person, below both lines: top-up 2 × 13,000 − 19,998 = 6,002, bonus 600;
        // H2: 10,000 is below 13,000 (top-up 3,000) but not below the county's 10,000; no shipped pack runs
        assertThat(decisions).containsExactlyInAnyOrder("H1 TOP_UP 6002", "H1 COUNTY_LIVING_BONUS 600", "H2 TOP_UP 3000");
    }

    @Test
    void aJarWithoutServiceEntryOrADirectoryWithoutJarsIsRefusedWithWhatToDo() throws IOException {
        Path plugins = buildPackJar(tmp.resolve("build"), "no-entry.jar", false);
        CompareCommandTest.Result r = fuyu("check", "--plugins", plugins.toString(), "--tries", "5");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("no-entry.jar lists no rule pack / 没有列出规则包")
                .contains("META-INF/services/org.fuyu.policy.packs.RulePack");

        Path none = Files.createDirectories(tmp.resolve("none"));
        CompareCommandTest.Result r2 = fuyu("check", "--plugins", none.toString());
        assertThat(r2.exit()).isEqualTo(1);
        assertThat(r2.err()).contains("no .jar file here / 目录中没有 .jar 文件");
    }

    /** A new JVM, as a county runs it: the plug-in is named, and SLF4J prints no warning. */
    @Test
    void inANewJvmThePluginIsNamedAndNothingElseIsPrinted() throws Exception {
        Path plugins = buildPackJar(tmp.resolve("build"), "county-bonus.jar", true);
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        DemoCommand.copyDemoData(in);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                FuyuCli.class.getName(), "evaluate", "--input", in.toString(), "--out", tmp.resolve("out").toString(),
                "--as-of", "2024-06-30", "--plugins", plugins.toString(), "--quiet")
                .redirectOutput(tmp.resolve("stdout").toFile()).redirectError(tmp.resolve("stderr").toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String err = Files.readString(tmp.resolve("stderr"));
        assertThat(p.exitValue()).as(err).isZero();
        assertThat(err.lines().toList()).singleElement().asString()
                .startsWith("plug-in 插件 county-bonus.jar: county-bonus 1.0.0+");
        assertThat(err + Files.readString(tmp.resolve("stdout"))).doesNotContain("SLF4J");
    }
}
