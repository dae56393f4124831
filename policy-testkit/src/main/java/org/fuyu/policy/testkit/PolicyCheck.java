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
    private static String pick(String zh, String en) {
        return org.fuyu.policy.Lang.pick(zh, en);
    }

    /** A property's name as a person reads it: its label, or in Chinese the label's Chinese. */
    static String propertyName(PropertyResult p) {
        if (org.fuyu.policy.Lang.current() != org.fuyu.policy.Lang.ZH) {
            return p.property();
        }
        return switch (p.method()) {
            case "determinism" -> "确定性：同一个案总得出同样的决定";
            case "orderIndependence" -> "与顺序无关：成员和事实打乱顺序，决定不变";
            case "amounts" -> "金额为整数、不为负，且不超过参数的上限";
            case "neverGrantedAndDenied" -> "同一代码不会既给予又不予";
            case "explainingDenialsOnlyAddsDenials" -> "解释不予只增加不予：条件不会藏起一项给予";
            case "criteriaAndCitation" -> "每个决定都有判定依据和出处";
            case "jsonRoundTrip" -> "事实写成 JSON 再读回，决定不变";
            case "declaredMonotone" -> "规则包声明的性质：单调（properties.yaml）";
            case "declaredBands" -> "规则包声明的性质：分档（properties.yaml）";
            case "declaredAmounts" -> "规则包声明的性质：金额（properties.yaml）";
            case "declaredImplications" -> "规则包声明的性质：决定之间的蕴含（properties.yaml）";
            case "changeSetsGrantMinimallyWithMutableFacts" -> "可改变结果的条件：每个改变组合都能获得该决定，其真子集都不能，且只改可变事实";
            default -> p.property();
        };
    }

    private static final List<String> ORDER = List.of("determinism", "orderIndependence", "amounts",
            "neverGrantedAndDenied", "explainingDenialsOnlyAddsDenials", "criteriaAndCitation", "jsonRoundTrip",
            "declaredMonotone", "declaredAmounts",
            "declaredImplications", "declaredBands", "changeSetsGrantMinimallyWithMutableFacts");
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

        /**
         * The report for people, in the current language ({@link org.fuyu.policy.Lang}): each
         * property, each counterexample, coverage, and how to rerun.
         */
        public String text() {
            StringBuilder sb = new StringBuilder();
            sb.append("fuyu check: ").append(packs.size()).append(pick(" 个规则包", packs.size() == 1 ? " pack" : " packs"));
            packs.forEach(p -> sb.append("\n  ").append(p.id()).append(' ').append(p.version()).append(" (")
                    .append(p.origin()).append(')'));
            sb.append(pick("\n评估日 " + options.asOf() + "，每个性质 " + options.tries() + " 个生成用例，随机种子 " + options.seed(),
                    "\nasOf " + options.asOf() + ", " + options.tries() + " tries per property, seed " + options.seed()))
                    .append("\n\n");
            for (PropertyResult p : properties) {
                sb.append(switch (p.status()) {
                    case PASSED -> "  ✓ ";
                    case FAILED -> "  ✗ ";
                    case ABORTED -> "  ? ";
                }).append(propertyName(p)).append("  (").append(p.tries())
                        .append(pick(" 个用例", p.tries() == 1 ? " try" : " tries"));
                if (p.status() == Status.ABORTED) {
                    sb.append(pick("，中止", ", aborted"));
                }
                sb.append(")\n");
                p.declared().forEach(d -> sb.append("      · ").append(d).append('\n'));
                if (p.declared().isEmpty() && p.method().startsWith("declared")) {
                    sb.append(pick("      ·（已加载的规则包没有声明）\n", "      · (none declared by the loaded packs)\n"));
                }
            }
            problems.forEach(p -> sb.append("  ✗ ").append(p).append('\n'));
            for (PropertyResult p : properties) {
                if (p.failure() != null) {
                    sb.append(pick("\n--- “" + propertyName(p) + "”的反例（已化简）---\n",
                            "\n--- counterexample for \"" + p.property() + "\" (shrunk) ---\n"));
                    sb.append(p.failure() instanceof PolicyPropertyFailure ? p.failure().getMessage()
                            : p.failure().getClass().getSimpleName() + ": " + p.failure().getMessage() + "\n");
                }
            }
            if (coverage != null) {
                sb.append('\n').append(pick("生成用例触及的规则：" + coverage.reachedCount() + " / " + coverage.ruleCount(),
                        "rules the generated cases reached: " + coverage.reachedCount() + " of " + coverage.ruleCount()))
                        .append('\n');
                coverage.unreached().forEach(r -> sb.append(pick("  未触及：", "  never reached: ")).append(r.pack()).append(' ')
                        .append(r.rule()).append(r.citation() == null ? "" : "  [" + r.citation() + "]").append('\n'));
            }
            sb.append('\n').append(passed() ? pick("所有性质成立", "all properties hold")
                            : pick("有性质不成立", "PROPERTIES FAILED")).append(pick("（重跑：--seed ", " (rerun with --seed "))
                    .append(options.seed()).append(" --tries ").append(options.tries()).append(pick("）\n", ")\n"));
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
