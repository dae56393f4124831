package org.fuyu.policy.packs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.fuyu.policy.EvaluationOptions;
import org.fuyu.policy.HouseholdInput;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.PolicyException;
import org.fuyu.policy.Problem;
import org.fuyu.policy.SubjectType;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.facts.Person;
import org.fuyu.policy.params.ParameterSet;
import org.fuyu.policy.testing.TestPacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile rule files in a directory pack are rejected at load, before anything is compiled, with
 * the file and every offending line (marked {@code // <-} in the fixtures); the same kind of code
 * in a pack on the class path is trusted.
 */
class SandboxTest {
    private static final String PACK_YAML = "id: hostile\nversion: 1.0.0\ntitle: Hostile\ncodes:\n  - {code: X, subject: HOUSEHOLD}\n";

    static Stream<String> hostileDrl() throws IOException {
        try (Stream<Path> files = Files.list(TestPacks.resource("hostile"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".drl")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("hostileDrl")
    void hostileRuleFileIsRejectedAtEveryMarkedLine(String name, @TempDir Path tmp) throws IOException {
        Path source = TestPacks.resource("hostile/" + name);
        List<String> lines = Files.readAllLines(source);
        Set<Integer> marked = new TreeSet<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("// <-")) {
                marked.add(i + 1);
            }
        }
        assertThat(marked).as("fixture marks its hostile lines").isNotEmpty();
        Path dir = tmp.resolve("pack");
        TestPacks.write(dir.resolve("pack.yaml"), PACK_YAML);
        Files.copy(source, dir.resolve(name));

        PolicyException e = catchThrowableOfType(PolicyException.class,
                () -> PolicyEngine.builder().addPacks(RulePacks.fromDirectory(dir)).build());
        assertThat(e).as(name + " must be rejected").isNotNull();
        assertThat(e.problems()).allSatisfy(p -> assertThat(p.file()).endsWith(name));
        Set<Integer> reported = new TreeSet<>();
        e.problems().forEach(p -> reported.add(p.line()));
        assertThat(reported).as(name + ": " + e.problems()).isEqualTo(marked);
        assertThat(e.problems()).allSatisfy(p -> assertThat(p.message()).containsAnyOf("not allowed", "reserved", "may not"));
    }

    @Test
    void rejectionsSayWhatTheCodeReaches(@TempDir Path tmp) throws IOException {
        assertThat(messages(tmp, "runtime-exec.drl")).containsExactly(
                "'Runtime' is not allowed in an edited pack: it reaches processes or the JVM");
        assertThat(messages(tmp, "file-import.drl")).containsExactly(
                "import java.io.File is not allowed in an edited pack: only fact types (org.fuyu.policy.facts), Fuyu's rule "
                + "helpers (org.fuyu.policy.evaluation), java.lang.Math, java.math.* and java.time.* may be imported",
                "'File' is not allowed in an edited pack: it reaches the file system");
        assertThat(messages(tmp, "nio-fully-qualified.drl")).startsWith(
                "'java.nio.file.Files.readAllLines' is not allowed in an edited pack: only fact types, Fuyu's rule helpers, "
                + "java.lang.Math, java.math and java.time may be used");
        assertThat(messages(tmp, "reflection.drl")).contains(
                "'Class' is not allowed in an edited pack: it reaches reflection",
                "'getDeclaredMethod' is not allowed in an edited pack: it reaches reflection");
    }

    @Test
    void hostileDecisionTableIsRejectedAtItsRows(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("pack");
        TestPacks.write(dir.resolve("pack.yaml"), PACK_YAML);
        Files.copy(TestPacks.resource("hostile/hostile-table.drl.csv"), dir.resolve("hostile-table.drl.csv"));
        PolicyException e = catchThrowableOfType(PolicyException.class,
                () -> PolicyEngine.builder().addPacks(RulePacks.fromDirectory(dir)).build());
        assertThat(e.problems()).extracting(p -> p.line() + ": " + p.message()).containsExactly(
                "2: import java.io.File is not allowed in an edited pack: only fact types (org.fuyu.policy.facts), Fuyu's "
                + "rule helpers (org.fuyu.policy.evaluation), java.lang.Math, java.math.* and java.time.* may be imported",
                "10: 'Runtime' is not allowed in an edited pack: it reaches processes or the JVM");
    }

    @Test
    void benignPackUsingWhatTheSandboxAllowsLoadsAndDecides() {
        PolicyEngine engine = PolicyEngine.builder().addPacks(RulePacks.fromDirectory(TestPacks.resource("benign"))).build();
        Household h = new Household("h1", "v1", null, null,
                List.of(new Person("p1", 70, false, false, false, false, null), new Person("p2", 30, true, true, false, false, null)),
                null, null, null, 0, 0, null, null);
        var result = engine.evaluate(new HouseholdInput(h, List.of()), new EvaluationOptions(LocalDate.of(2024, 6, 30), false));
        assertThat(result.error()).isNull();
        assertThat(result.decisions()).singleElement().satisfies(d -> {
            assertThat(d.subjectType()).isEqualTo(SubjectType.PERSON);
            assertThat(d.subjectId()).isEqualTo("p1");
        });
    }

    @Test
    void packsOnTheClassPathAreTrusted() {
        String drl = "package org.fuyu.policy.rules.trusted;\nimport org.fuyu.policy.evaluation.HouseholdCase;\n"
                + "import java.util.ArrayList;\nrule \"T\"\nwhen\n $c : HouseholdCase()\nthen\n"
                + " ArrayList<String> l = new ArrayList<>(); l.add(String.valueOf(System.identityHashCode($c)));\n"
                + " $c.decide(\"X\", kcontext).flag();\nend\n";
        RulePack trusted = new RulePack() {
            @Override
            public PackManifest manifest() {
                return new PackManifest("trusted", "1.0.0", "Trusted", null, null, null, null,
                        List.of(new PackManifest.CodeInfo("X", SubjectType.HOUSEHOLD, null)));
            }

            @Override
            public List<PackResource> resources() {
                return List.of(new PackResource("trusted.drl", "classpath:trusted/trusted.drl",
                        drl.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }

            @Override
            public ParameterSet parameters() {
                return ParameterSet.empty();
            }

            @Override
            public boolean trusted() {
                return true;
            }

            @Override
            public String origin() {
                return "classpath:trusted/";
            }
        };
        assertThat(PolicyEngine.builder().addPack(trusted).build().packs()).singleElement()
                .satisfies(p -> assertThat(p.trusted()).isTrue());
        // the same pack, untrusted, is rejected
        RulePack untrusted = new RulePack() {
            public PackManifest manifest() {
                return trusted.manifest();
            }

            public List<PackResource> resources() {
                return trusted.resources();
            }

            public ParameterSet parameters() {
                return ParameterSet.empty();
            }

            public boolean trusted() {
                return false;
            }

            public String origin() {
                return "/edited/trusted";
            }
        };
        assertThatThrownBy(() -> PolicyEngine.builder().addPack(untrusted).build()).isInstanceOf(PolicyException.class)
                .hasMessageContaining("classpath:trusted/trusted.drl:3: import java.util.ArrayList is not allowed")
                .hasMessageContaining("classpath:trusted/trusted.drl:8: 'System' is not allowed");
    }

    private static List<String> messages(Path tmp, String name) throws IOException {
        Path dir = tmp.resolve(name.replace('.', '-'));
        TestPacks.write(dir.resolve("pack.yaml"), PACK_YAML);
        Files.copy(TestPacks.resource("hostile/" + name), dir.resolve(name));
        PolicyException e = catchThrowableOfType(PolicyException.class,
                () -> PolicyEngine.builder().addPacks(RulePacks.fromDirectory(dir)).build());
        return e.problems().stream().map(Problem::message).toList();
    }
}
