package org.fuyu.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fuyu.policy.CaseResult;
import org.fuyu.policy.EvaluationOptions;
import org.fuyu.policy.HouseholdInput;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.facts.Facts;
import org.fuyu.policy.packs.RulePacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped packs are compiled when the jar is built: an engine of them is made from Drools'
 * executable model, and evaluating with it loads neither the Eclipse Java compiler nor Apache POI
 * (checked with {@code -verbose:class} in a JVM of its own). A pack whose files differ from those
 * it was compiled from is compiled from its files.
 */
class PrecompiledPacksTest {
    static final String HOUSEHOLD = """
            {"id": "H001", "villageId": "V01", "members": [{"id": "P900", "age": 45, "laborCapable": true, "employed": true},
             {"id": "P901", "age": 43, "laborCapable": true}, {"id": "P902", "age": 12, "inSchool": true}],
             "income": {"wage": 9000, "operating": 1000, "property": 0, "transfer": 3000},
             "credit": {"rating": "A", "inclusiveCreditLineYuan": 20000}}
            """;

    /** Run in its own JVM by the test: builds the engine of the shipped packs and decides one household. */
    public static void main(String[] args) {
        PolicyEngine engine = PolicyEngine.builder().addPacks(RulePacks.fromClasspath()).build();
        CaseResult r = engine.evaluate(HouseholdInput.of(Facts.household(HOUSEHOLD)), new EvaluationOptions(LocalDate.of(2024, 6, 30), true));
        System.out.println("FUYU precompiled=" + engine.precompiled() + " decisions=" + r.decisions().size());
    }

    @Test
    void evaluatingWithTheShippedPacksLoadsNoJavaCompilerAndNoSpreadsheetReader(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("classes.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-verbose:class", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), PrecompiledPacksTest.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()))).isZero();
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("FUYU precompiled=true decisions="));
        assertThat(lines).filteredOn(l -> l.contains(" org.drools.")).isNotEmpty(); // the log is a class-loading log
        assertThat(lines).noneMatch(l -> l.contains(" org.eclipse.jdt.")).noneMatch(l -> l.contains(" org.apache.poi."))
                .noneMatch(l -> l.contains(" org.drools.mvel.java.JavaDialect"));
        // the compiler is on the class path all the same (a directory pack still needs it)
        assertThat(System.getProperty("java.class.path")).contains("ecj");
    }

    @Test
    void aPackFromADirectoryIsCompiledFromItsFiles() throws Exception {
        Path packsDir = Path.of(PrecompiledPacksTest.class.getResource("/packs").toURI());
        PolicyEngine engine = PolicyEngine.builder().addPacks(RulePacks.fromDirectory(packsDir).stream()
                .filter(p -> p.id().equals("low-income-relief")).toList()).build();
        assertThat(engine.precompiled()).isFalse();
        PolicyEngine shipped = PolicyEngine.builder().addPacks(RulePacks.fromClasspath(List.of("low-income-relief"))).build();
        assertThat(shipped.precompiled()).isTrue();
        EvaluationOptions o = new EvaluationOptions(LocalDate.of(2024, 6, 30), true);
        // the same decisions; only the version differs (a directory pack's hash covers its precompiled.json too)
        assertThat(engine.evaluate(HouseholdInput.of(Facts.household(HOUSEHOLD)), o).decisions().stream()
                .map(d -> d.toString().replaceAll("packVersion=[^,]*", "")).toList())
                .isEqualTo(shipped.evaluate(HouseholdInput.of(Facts.household(HOUSEHOLD)), o).decisions().stream()
                        .map(d -> d.toString().replaceAll("packVersion=[^,]*", "")).toList())
                .hasSizeGreaterThan(5);
    }
}
