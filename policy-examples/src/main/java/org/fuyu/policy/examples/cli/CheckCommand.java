package org.fuyu.policy.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.coverage.ProvisionCoverage;
import org.fuyu.policy.testkit.PolicyCheck;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fuyu check}: the testkit's property suite against a rule directory (e.g. a policy
 * office's edited copy), with the packs' declared policy properties. Exit 0 when every property
 * holds, 1 with the shrunk counterexample when one fails.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Checks rule packs by properties. Generates cases at the thresholds of the",
            "loaded parameters and checks determinism, order independence, amounts and",
            "caps, explanations, JSON round trips, guards (explaining denials only adds",
            "denials) and the policy properties each pack",
            "declares in properties.yaml. A failure is shrunk to a minimal case, printed",
            "as fact JSON, its decisions and a YAML policy case; exit code 1."})
final class CheckCommand implements Callable<Integer> {
    @Option(names = "--tries", paramLabel = "N", defaultValue = "" + PolicyCheck.DEFAULT_TRIES,
            description = "Generated cases per property (default: ${DEFAULT-VALUE}).")
    int tries;

    @Option(names = "--seed", paramLabel = "S",
            description = "Random seed, a whole number (default: a new one, printed); the same seed gives the same cases.")
    Long seed;

    @Option(names = "--coverage", paramLabel = "FILE",
            description = "Also write which rules the generated cases reached, as JSON.")
    Path coverageFile;

    @Mixin
    EngineOptions engineOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (tries < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--tries must be at least 1, got " + tries);
        }
        ProvisionCoverage coverage = new ProvisionCoverage();
        PolicyEngine engine = engineOptions.builder().addRuleFiringListener(coverage).build();
        coverage.addRulesOf(engine);
        PolicyCheck.Result result = PolicyCheck.run(engine, coverage,
                new PolicyCheck.Options(engineOptions.asOf(), tries, seed == null ? null : seed.toString()));
        // start on a fresh line: the property library may have printed a line of its own without one
        System.out.println();
        System.out.print(result.text());
        if (coverageFile != null && result.coverage() != null) {
            Files.writeString(coverageFile, result.coverage().json());
        }
        return result.passed() ? 0 : CliErrors.FAILED;
    }
}
