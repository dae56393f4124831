package org.fuyu.policy.rules;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.cases.CaseRunner;
import org.fuyu.policy.cases.PolicyCase;
import org.fuyu.policy.cases.PolicyCaseFile;
import org.fuyu.policy.packs.RulePack;
import org.fuyu.policy.packs.RulePacks;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Policy staff start an edit by copying a shipped pack into a rule directory. Loaded from a
 * directory, a pack is untrusted: every shipped pack must pass the sandbox and the table checks
 * as it is, and decide every policy case as it does from the class path.
 */
class ShippedPacksAsDirectoriesTest {

    @TestFactory
    Stream<DynamicNode> shippedPacksLoadedFromDirectoriesDecideTheirCases() throws IOException, URISyntaxException {
        Path packsDir = Path.of(ShippedPacksAsDirectoriesTest.class.getResource("/packs").toURI());
        Map<String, RulePack> byId = new TreeMap<>();
        for (RulePack p : RulePacks.fromDirectory(packsDir)) {
            assertTrue(!p.trusted(), p.id());
            byId.put(p.id(), p);
        }
        assertTrue(!byId.isEmpty(), "no packs under " + packsDir);
        Path casesDir = Path.of(ShippedPacksAsDirectoriesTest.class.getResource("/cases").toURI());
        List<Path> files;
        try (Stream<Path> s = Files.list(casesDir)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        List<DynamicNode> tests = new ArrayList<>();
        for (Path file : files) {
            PolicyCaseFile cases;
            try (InputStream in = Files.newInputStream(file)) {
                cases = PolicyCaseFile.read(file.getFileName().toString(), in);
            }
            tests.add(DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                List<RulePack> packs = new ArrayList<>();
                for (String id : cases.packs()) {
                    assertTrue(byId.containsKey(id), "no directory pack " + id);
                    packs.add(byId.get(id));
                }
                PolicyEngine engine = PolicyEngine.builder().addPacks(packs).build(); // sandbox + checks
                List<String> mismatches = new ArrayList<>();
                for (PolicyCase c : cases.cases()) {
                    CaseRunner.run(engine, c).mismatches().forEach(m -> mismatches.add(c.name() + ": " + m));
                }
                assertTrue(mismatches.isEmpty(), String.join("\n", mismatches));
            }));
        }
        return tests.stream();
    }
}
