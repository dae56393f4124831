package org.fuyu.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.cases.CaseRunner;
import org.fuyu.policy.cases.PolicyCase;
import org.fuyu.policy.cases.PolicyCaseFile;
import org.fuyu.policy.coverage.CoverageReport;
import org.fuyu.policy.coverage.ProvisionCoverage;
import org.fuyu.policy.packs.RulePacks;
import org.junit.jupiter.api.Test;

/**
 * Provision coverage of the shipped packs by their own policy cases: every case file under
 * {@code src/test/resources/cases} runs with one coverage listener, and every rule of every
 * shipped pack must be reached (a cited rule must make a decision other than a denial at least
 * once). Writes {@code target/provision-coverage.txt} and {@code .json}.
 */
class ProvisionCoverageTest {

    @Test
    void theShippedPacksOwnCasesReachEveryRule() throws IOException, URISyntaxException {
        ProvisionCoverage coverage = new ProvisionCoverage();
        // every shipped pack's rules, so a pack without any case shows up unreached
        coverage.addRulesOf(PolicyEngine.builder().addClasspathPacks().build());
        Map<List<String>, PolicyEngine> engines = new HashMap<>();
        Path dir = Path.of(ProvisionCoverageTest.class.getResource("/cases").toURI());
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        int cases = 0;
        for (Path file : files) {
            PolicyCaseFile f;
            try (InputStream in = Files.newInputStream(file)) {
                f = PolicyCaseFile.read(file.getFileName().toString(), in);
            }
            PolicyEngine engine = engines.computeIfAbsent(f.packs(), ids -> PolicyEngine.builder()
                    .addPacks(RulePacks.fromClasspath(ids)).addRuleFiringListener(coverage).build());
            for (PolicyCase c : f.cases()) {
                coverage.record(CaseRunner.run(engine, c).result());
                cases++;
            }
        }
        CoverageReport report = coverage.report();
        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("provision-coverage.txt"), report.text());
        Files.writeString(target.resolve("provision-coverage.json"), report.json());

        assertThat(cases).isPositive();
        assertThat(report.packs()).extracting(CoverageReport.PackCoverage::pack).contains("low-income-relief");
        assertThat(report.unreached())
                .as("rules no policy case reaches (add cases under src/test/resources/cases):\n%s\n%s",
                        report.unreached().stream().map(r -> "  " + r.pack() + " " + r.rule() + " [" + r.citation() + "]")
                                .collect(Collectors.joining("\n")), report.text())
                .isEmpty();
    }
}
