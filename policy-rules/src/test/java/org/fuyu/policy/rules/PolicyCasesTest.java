package org.fuyu.policy.rules;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.cases.CaseRunner;
import org.fuyu.policy.cases.PolicyCase;
import org.fuyu.policy.cases.PolicyCaseFile;
import org.fuyu.policy.packs.RulePacks;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every policy case file under {@code src/test/resources/cases} (one YAML file per topic,
 * {@code packs:} naming the packs to load) as one dynamic test per case.
 */
class PolicyCasesTest {
    private static final Map<List<String>, PolicyEngine> ENGINES = new ConcurrentHashMap<>();

    @TestFactory
    Stream<DynamicNode> policyCases() throws IOException, URISyntaxException {
        Path dir = Path.of(PolicyCasesTest.class.getResource("/cases").toURI());
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(!files.isEmpty(), "no case files in " + dir);
        return files.stream().map(PolicyCasesTest::container);
    }

    private static DynamicNode container(Path file) {
        PolicyCaseFile cases;
        try (InputStream in = Files.newInputStream(file)) {
            cases = PolicyCaseFile.read(file.getFileName().toString(), in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        PolicyEngine engine = ENGINES.computeIfAbsent(cases.packs(),
                ids -> PolicyEngine.builder().addPacks(RulePacks.fromClasspath(ids)).build());
        return DynamicContainer.dynamicContainer(file.getFileName().toString(),
                cases.cases().stream().map(c -> test(engine, c)));
    }

    private static DynamicTest test(PolicyEngine engine, PolicyCase c) {
        return DynamicTest.dynamicTest(c.name(), () -> {
            CaseRunner.CaseCheck outcome = CaseRunner.run(engine, c);
            assertTrue(outcome.passed(), () -> c.name() + ":\n  " + String.join("\n  ", outcome.mismatches()));
        });
    }
}
