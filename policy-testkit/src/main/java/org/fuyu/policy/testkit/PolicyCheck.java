package org.fuyu.policy.testkit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.jqwik.api.lifecycle.FalsifiedSample;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import org.fuyu.policy.PackInfo;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.coverage.CoverageReport;
import org.fuyu.policy.coverage.ProvisionCoverage;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the property suite against an engine outside a build, the way {@code fuyu check} does:
 * jqwik on the JUnit Platform launcher, with the given tries and seed, so generation, edge cases
 * and shrinking are jqwik's own and the same as in a pack's test suite.
 * <pre>
 * ProvisionCoverage coverage = new ProvisionCoverage();
 * PolicyEngine engine = PolicyEngine.builder().addPacks(packs).addRuleFiringListener(coverage).build();
 * coverage.addRulesOf(engine);
 * PolicyCheck.Result r = PolicyCheck.run(engine, coverage, new PolicyCheck.Options(asOf, 200, "42"));
 * System.out.print(r.text());
 * </pre>
 * One check runs at a time in a JVM (the suite finds the engine through a static slot).
 */
public final class PolicyCheck {
    /** Default tries per property: enough to reach every threshold a few times, fast enough for a command. */
    public static final int DEFAULT_TRIES = 200;

    // jqwik logs at INFO ("database switched off", "edge cases exceed tries"); keep a reference so the level sticks
    private static final Logger JQWIK_LOG = Logger.getLogger("net.jqwik");
    /** The order properties are reported in: generic ones, then the declared kinds. */
    private static final List<String> ORDER = List.of("determinism", "orderIndependence", "amounts",
            "neverGrantedAndDenied", "explainingDenialsOnlyAddsDenials", "criteriaAndCitation", "jsonRoundTrip",
            "declaredMonotone", "declaredAmounts",
            "declaredImplications", "declaredBands");
    private static volatile Run current;

    private PolicyCheck() {
    }

    /**
     * @param asOf the date cases are decided on (parameters' effective dates are tried too)
     * @param tries generated cases per property
     * @param seed jqwik's random seed (a whole number); the same seed gives the same cases
     */
    public record Options(LocalDate asOf, int tries, String seed) {
        public Options {
            if (tries < 1) {
                throw new IllegalArgumentException("tries must be at least 1, got " + tries);
            }
            if (seed == null) {
                seed = Long.toString(ThreadLocalRandom.current().nextLong());
            }
            try {
                Long.parseLong(seed);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("seed must be a whole number, got '" + seed + "'");
            }
        }
    }

    /** How a property ended. */
    public enum Status { PASSED, FAILED, ABORTED }

    /**
     * One property's result.
     *
     * @param declared the pack-declared properties it checked (for the policy-property kinds)
     * @param failure the failure of the shrunk (minimal) case, or null
     */
    public record PropertyResult(String property, String method, Status status, int tries, int checks,
                                 Throwable failure, List<String> declared) {
        public PropertyResult {
            declared = List.copyOf(declared);
        }

        /** The counterexample in policy terms, when the property failed on a case. */
        public Optional<PolicyPropertyFailure> counterexample() {
            return failure instanceof PolicyPropertyFailure f ? Optional.of(f) : Optional.empty();
        }
    }

    /** Everything a check found. */
    public record Result(Options options, List<PackInfo> packs, List<PropertyResult> properties, CoverageReport coverage,
                         List<String> problems) {
        public Result {
            properties = List.copyOf(properties);
            problems = List.copyOf(problems);
        }

        public boolean passed() {
            return problems.isEmpty() && !properties.isEmpty()
                    && properties.stream().allMatch(p -> p.status() == Status.PASSED);
        }

        /** The report for people: each property, each counterexample, coverage, and how to rerun. */
        public String text() {
            StringBuilder sb = new StringBuilder();
            sb.append("fuyu check: ").append(packs.size()).append(packs.size() == 1 ? " pack" : " packs");
            packs.forEach(p -> sb.append("\n  ").append(p.id()).append(' ').append(p.version()).append(" (")
                    .append(p.origin()).append(')'));
            sb.append("\nasOf ").append(options.asOf()).append(", ").append(options.tries())
                    .append(" tries per property, seed ").append(options.seed()).append("\n\n");
            for (PropertyResult p : properties) {
                sb.append(switch (p.status()) {
                    case PASSED -> "  ✓ ";
                    case FAILED -> "  ✗ ";
                    case ABORTED -> "  ? ";
                }).append(p.property()).append("  (").append(p.tries()).append(p.tries() == 1 ? " try" : " tries");
                if (p.status() == Status.ABORTED) {
                    sb.append(", aborted");
                }
                sb.append(")\n");
                p.declared().forEach(d -> sb.append("      · ").append(d).append('\n'));
                if (p.declared().isEmpty() && p.method().startsWith("declared")) {
                    sb.append("      · (none declared by the loaded packs)\n");
                }
            }
            problems.forEach(p -> sb.append("  ✗ ").append(p).append('\n'));
            for (PropertyResult p : properties) {
                if (p.failure() != null) {
                    sb.append("\n--- counterexample for \"").append(p.property()).append("\" (shrunk) ---\n");
                    sb.append(p.failure() instanceof PolicyPropertyFailure ? p.failure().getMessage()
                            : p.failure().toString() + "\n");
                }
            }
            if (coverage != null) {
                sb.append('\n').append("rules the generated cases reached: ").append(coverage.reachedCount())
                        .append(" of ").append(coverage.ruleCount()).append('\n');
                coverage.unreached().forEach(r -> sb.append("  never reached: ").append(r.pack()).append(' ')
                        .append(r.rule()).append(r.citation() == null ? "" : "  [" + r.citation() + "]").append('\n'));
            }
            sb.append('\n').append(passed() ? "all properties hold" : "PROPERTIES FAILED").append(" (rerun with --seed ")
                    .append(options.seed()).append(" --tries ").append(options.tries()).append(")\n");
            return sb.toString();
        }
    }

    /** The check in progress, as the suite and its hook see it. */
    static final class Run {
        private final PolicyEngine engine;
        private final Options options;
        private final ProvisionCoverage coverage;
        private final List<PropertyResult> results = new ArrayList<>();
        private final Map<String, List<String>> declared;

        Run(PolicyEngine engine, Options options, ProvisionCoverage coverage, Map<String, List<String>> declared) {
            this.engine = engine;
            this.options = options;
            this.coverage = coverage;
            this.declared = declared;
        }

        PolicyEngine engine() {
            return engine;
        }

        Options options() {
            return options;
        }

        void evaluated(Evaluation e) {
            if (coverage != null) {
                coverage.record(e.decisions());
            }
        }

        synchronized void record(String label, String method, PropertyExecutionResult r) {
            Status status = switch (r.status()) {
                case SUCCESSFUL -> Status.PASSED;
                case FAILED -> Status.FAILED;
                case ABORTED -> Status.ABORTED;
            };
            Throwable failure = null;
            if (status != Status.PASSED) {
                failure = r.shrunkSample().flatMap(FalsifiedSample::falsifyingError)
                        .or(() -> r.originalSample().flatMap(FalsifiedSample::falsifyingError))
                        .or(r::throwable).orElse(null);
            }
            results.add(new PropertyResult(label, method, status, r.countTries(), r.countChecks(), failure,
                    declared.getOrDefault(method, List.of())));
        }

        synchronized List<PropertyResult> results() {
            return List.copyOf(results);
        }
    }

    static Run current() {
        Run r = current;
        if (r == null) {
            throw new IllegalStateException("CheckSuite runs only inside PolicyCheck.run");
        }
        return r;
    }

    /**
     * Runs every property of {@link PolicyPropertySuite} against the engine.
     *
     * @param coverage the listener the engine was built with (its rules registered), or null
     */
    public static synchronized Result run(PolicyEngine engine, ProvisionCoverage coverage, Options options) {
        List<String> problems = new ArrayList<>();
        Map<String, List<String>> declared = Map.of();
        try {
            PolicyProperties d = PolicyProperties.of(engine);
            declared = Map.of(
                    "declaredMonotone", d.monotone().stream().map(PolicyCheck::describe).toList(),
                    "declaredBands", d.bands().stream().map(PolicyCheck::describe).toList(),
                    "declaredAmounts", d.amounts().stream().map(PolicyCheck::describe).toList(),
                    "declaredImplications", d.implies().stream().map(PolicyCheck::describe).toList());
        } catch (RuntimeException e) {
            problems.add("the policy properties cannot be loaded: " + e.getMessage());
            return new Result(options, engine.packs(), List.of(), null, problems);
        }
        Run run = new Run(engine, options, coverage, declared);
        Level level = JQWIK_LOG.getLevel();
        JQWIK_LOG.setLevel(Level.WARNING);
        current = run;
        try {
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectClass(CheckSuite.class))
                    .filters(EngineFilter.includeEngines("jqwik"))
                    .configurationParameter("jqwik.database", " ")
                    .configurationParameter("jqwik.reporting.usejunitplatform", "true")
                    .configurationParameter("jqwik.failures.runfirst", "false")
                    .build();
            LauncherFactory.create().execute(request, new TestExecutionListener() {
                @Override
                public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                    if (id.isContainer() && result.getStatus() == TestExecutionResult.Status.FAILED) {
                        problems.add(id.getDisplayName() + ": " + result.getThrowable().map(Throwable::toString)
                                .orElse("failed"));
                    }
                }
            });
        } finally {
            current = null;
            JQWIK_LOG.setLevel(level);
        }
        List<PropertyResult> results = new ArrayList<>(run.results());
        results.sort(java.util.Comparator.comparingInt(p -> ORDER.indexOf(p.method()) < 0 ? ORDER.size()
                : ORDER.indexOf(p.method())));
        if (results.isEmpty() && problems.isEmpty()) {
            problems.add("no property ran (is the jqwik engine on the class path?)");
        }
        return new Result(options, engine.packs(), results, coverage == null ? null : coverage.report(), problems);
    }

    private static String describe(PolicyProperties.Declared d) {
        return d.name() + " [" + d.pack() + (d.citation() != null ? ", " + d.citation() : "") + "]";
    }
}
