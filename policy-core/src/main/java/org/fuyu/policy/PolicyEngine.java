package org.fuyu.policy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fuyu.policy.evaluation.CaseContext;
import org.fuyu.policy.evaluation.CountyCase;
import org.fuyu.policy.evaluation.HouseholdCase;
import org.fuyu.policy.evaluation.RuleRegistry;
import org.fuyu.policy.facts.County;
import org.fuyu.policy.facts.Village;
import org.fuyu.policy.internal.KieBaseCompiler;
import org.fuyu.policy.packs.PackValidator;
import org.fuyu.policy.packs.RulePack;
import org.fuyu.policy.packs.RulePacks;
import org.fuyu.policy.params.Parameter;
import org.fuyu.policy.params.ParameterSet;
import org.fuyu.policy.params.ParametersAt;
import org.kie.api.KieBase;
import org.kie.api.runtime.StatelessKieSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy engine: rule packs compiled into one Drools KieBase, with their parameters.
 * Immutable and safe to share across threads; build it once with {@link #builder()} and
 * evaluate many cases with it. Each evaluation uses a fresh stateless session.
 */
public final class PolicyEngine {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyEngine.class);
    /** Default limit of rule firings per case before the case is stopped as a runaway. */
    public static final int DEFAULT_MAX_FIRINGS_PER_CASE = 10_000;

    private final KieBase kieBase;
    private final List<PackInfo> packs;
    private final List<RulePack> rulePacks;
    private final ParameterSet parameters;
    private final RuleRegistry registry;
    private final long buildNanos;
    private final List<RuleFiringListener> listeners;

    private PolicyEngine(KieBase kieBase, List<RulePack> rulePacks, List<PackInfo> packs, ParameterSet parameters,
                         RuleRegistry registry, long buildNanos, List<RuleFiringListener> listeners) {
        this.listeners = List.copyOf(listeners);
        this.kieBase = kieBase;
        this.rulePacks = List.copyOf(rulePacks);
        this.packs = List.copyOf(packs);
        this.parameters = parameters;
        this.registry = registry;
        this.buildNanos = buildNanos;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The loaded packs with their versions. */
    public List<PackInfo> packs() {
        return packs;
    }

    /** The rule packs this engine was built from. */
    public List<RulePack> rulePacks() {
        return rulePacks;
    }

    /** Pack defaults with every override applied. */
    public ParameterSet parameters() {
        return parameters;
    }

    /** The compiled Drools KieBase (for tools; evaluate through the engine). */
    public KieBase kieBase() {
        return kieBase;
    }

    /** The id of the pack whose rules are in this DRL package (e.g. for provision coverage), or null. */
    public String packOfPackage(String packageName) {
        return registry.packId(packageName);
    }

    /** How long {@link Builder#build()} took, in nanoseconds. */
    public long buildNanos() {
        return buildNanos;
    }

    /** The parameters in force on a date. */
    public ParametersAt parametersAt(LocalDate asOf) {
        return parameters.at(asOf);
    }

    /**
     * Evaluates one household on its own (no county aggregation). For many households, and for
     * villages and counties, use {@link #newRun(EvaluationOptions)}.
     */
    public CaseResult evaluate(HouseholdInput household, EvaluationOptions options) {
        return evaluateHouseholds(List.of(household), null, options, null).get(0);
    }

    /** Starts a run: households stream through it, then {@link PolicyRun#finish()} decides villages and counties. */
    public PolicyRun newRun(EvaluationOptions options) {
        return new PolicyRun(this, options);
    }

    /** Evaluates everything in memory in one call: households, then villages and counties. */
    public RunResult evaluateAll(Collection<HouseholdInput> households, Collection<Village> villages,
                                 Collection<County> counties, EvaluationOptions options) {
        PolicyRun run = newRun(options);
        run.addVillages(villages);
        run.addCounties(counties);
        List<CaseResult> results = new ArrayList<>(run.evaluate(List.copyOf(households)));
        RunResult countyResult = run.finish();
        results.addAll(countyResult.cases());
        return new RunResult(results, countyResult.notes());
    }

    /** Receives, per county, how many households of a batch were evaluated and the counters they added. */
    interface TallySink {
        void accept(String countyId, long households, Map<String, Long> tallies);
    }

    List<CaseResult> evaluateHouseholds(List<HouseholdInput> batch, Map<String, String> countyOfVillage,
                                        EvaluationOptions options, TallySink sink) {
        ParametersAt at = parameters.at(options.asOf());
        List<HouseholdCase> cases = new ArrayList<>(batch.size());
        for (HouseholdInput in : batch) {
            String county = in.household().countyId();
            if (county == null && countyOfVillage != null) {
                county = countyOfVillage.get(in.household().villageId());
            }
            cases.add(new HouseholdCase(in.household(), in.businesses(), county, at, options.explainDenials(), registry));
        }
        execute(cases);
        List<CaseResult> out = new ArrayList<>(cases.size());
        // counters are summed over the batch first: one hand-over per county and batch, not per household
        Map<String, long[]> households = sink == null ? null : new HashMap<>(4);
        Map<String, Map<String, Long>> tallies = sink == null ? null : new HashMap<>(4);
        for (HouseholdCase c : cases) {
            if (sink != null && c.error() == null && c.countyId() != null) {
                households.computeIfAbsent(c.countyId(), k -> new long[1])[0]++;
                if (!c.tallies().isEmpty()) {
                    Map<String, Long> m = tallies.computeIfAbsent(c.countyId(), k -> new HashMap<>(4));
                    c.tallies().forEach((k, v) -> m.merge(k, v, Long::sum));
                }
            }
            out.add(result(SubjectType.HOUSEHOLD, c.household().id(), c.countyId(), c));
        }
        if (sink != null) {
            households.forEach((county, n) -> sink.accept(county, n[0], tallies.getOrDefault(county, Map.of())));
        }
        return out;
    }

    CaseResult evaluateCounty(CountyCase c) {
        execute(List.of(c));
        return result(SubjectType.COUNTY, c.countyId(), c.countyId(), c);
    }

    CountyCase countyCase(String countyId, County county, List<Village> villages, Map<String, Long> counters,
                          long households, EvaluationOptions options) {
        return new CountyCase(countyId, county, villages, counters, households, parameters.at(options.asOf()),
                options.explainDenials(), registry);
    }

    /**
     * Fires the rules over a batch in one stateless session. A batch whose rules keep changing the
     * working memory (the only way a rule can re-trigger itself) is stopped early by a cheap guard;
     * after any failure the cases are evaluated one by one with every firing counted, so only a
     * failing or runaway case gets an error and the others still get their decisions.
     */
    private void execute(List<? extends CaseContext> cases) {
        try {
            StatelessKieSession s = kieBase.newStatelessKieSession();
            s.addEventListener(new FiringLimit.ChangeGuard(cases.size(), registry.maxFiringsPerCase()));
            if (!listeners.isEmpty()) {
                s.addEventListener(new FiringLimit(listeners, Integer.MAX_VALUE, cases.size()));
            }
            s.execute(cases);
        } catch (RuntimeException batchFailure) {
            if (cases.size() == 1) {
                CaseContext c = cases.get(0);
                c.reset();
                try {
                    countingSession().execute(cases);
                } catch (RuntimeException e) {
                    c.fail(rootMessage(e));
                }
                return;
            }
            for (CaseContext c : cases) {
                c.reset();
                try {
                    countingSession().execute(List.of(c));
                } catch (RuntimeException e) {
                    c.fail(rootMessage(e));
                }
            }
        }
    }

    private static boolean isRunaway(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.fuyu.policy.evaluation.RunawayRulesException) {
                return true;
            }
        }
        return false;
    }

    /** A session for one case that counts every firing against the per-case limit. */
    private StatelessKieSession countingSession() {
        StatelessKieSession s = kieBase.newStatelessKieSession();
        s.addEventListener(new FiringLimit(listeners, registry.maxFiringsPerCase(), 1));
        return s;
    }

    private static CaseResult result(SubjectType type, String id, String county, CaseContext c) {
        if (c.error() != null) {
            return new CaseResult(type, id, county, List.of(), c.error());
        }
        List<Decision> decided = c.decisions();
        if (decided.size() <= 1) {
            return new CaseResult(type, id, county, decided, null);
        }
        List<Decision> ds = new ArrayList<>(decided);
        ds.sort(Decision.CANONICAL);
        return new CaseResult(type, id, county, ds, null);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }

    /** Builds a {@link PolicyEngine}: packs, then parameter overrides in order (later files win). */
    public static final class Builder {
        private final List<RulePack> packs = new ArrayList<>();
        private final List<ParameterSet> overrides = new ArrayList<>();
        private int maxFiringsPerCase = DEFAULT_MAX_FIRINGS_PER_CASE;
        private ClassLoader classLoader = PolicyEngine.class.getClassLoader();
        private final List<RuleFiringListener> listeners = new ArrayList<>();

        private Builder() {
        }

        public Builder addPack(RulePack pack) {
            packs.add(pack);
            return this;
        }

        public Builder addPacks(Collection<? extends RulePack> more) {
            packs.addAll(more);
            return this;
        }

        /** Adds every pack found on the class path. */
        public Builder addClasspathPacks() {
            return addPacks(RulePacks.fromClasspath());
        }

        /** Lays a parameter file over the pack defaults; call again for later layers. */
        public Builder overrideParameters(ParameterSet override) {
            overrides.add(override);
            return this;
        }

        /** A case firing more rules than this is stopped with an error (a rule re-triggering itself). */
        public Builder maxFiringsPerCase(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxFiringsPerCase must be ≥ 1");
            }
            this.maxFiringsPerCase = max;
            return this;
        }

        /** Hears every rule firing (e.g. provision coverage); slows evaluation a little. */
        public Builder addRuleFiringListener(RuleFiringListener listener) {
            listeners.add(listener);
            return this;
        }

        /** The class loader that sees the fact classes and any helper classes the rules use. */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = loader;
            return this;
        }

        /**
         * Compiles the packs.
         *
         * @throws PolicyException listing every problem with file and line: DRL errors, two packs
         *     with one id, a parameter defined differently by two packs, an override of a parameter
         *     no pack defines, a rule reading a parameter nothing defines
         */
        public PolicyEngine build() {
            long start = System.nanoTime();
            if (packs.isEmpty()) {
                throw new PolicyException("no rule packs given to the engine");
            }
            List<Problem> problems = new ArrayList<>();
            Map<String, RulePack> byId = new LinkedHashMap<>();
            for (RulePack p : packs) {
                RulePack prev = byId.putIfAbsent(p.id(), p);
                if (prev != null) {
                    problems.add(Problem.of(p.origin(), 0, "pack id '" + p.id() + "' is also used by " + prev.origin()));
                }
            }
            ParameterSet params = mergePackParameters(problems);
            for (ParameterSet o : overrides) {
                for (Parameter p : o.all()) {
                    if (!params.contains(p.name())) {
                        problems.add(Problem.of(sourceFile(p), sourceLine(p), "parameter '" + p.name()
                                + "' is not defined by any loaded pack" + suggestion(p.name(), params)));
                    }
                }
                params = params.overriddenBy(o);
            }
            // parameters the rules read, decision-table ranges, and the sandbox for packs from a directory
            PackValidator.Result checked = PackValidator.check(List.copyOf(byId.values()), params);
            problems.addAll(checked.problems());
            if (checked.sandboxViolation()) {
                throw new PolicyException(problems); // never compile code the sandbox rejected
            }
            KieBaseCompiler.Compiled compiled;
            try {
                compiled = KieBaseCompiler.compile(List.copyOf(byId.values()), classLoader);
            } catch (PolicyException e) {
                problems.addAll(e.problems().isEmpty() ? List.of(Problem.of("rules", 0, e.getMessage())) : e.problems());
                throw new PolicyException(problems);
            }
            if (!problems.isEmpty()) {
                throw new PolicyException(problems);
            }
            Map<String, RuleRegistry.PackRef> refs = new HashMap<>();
            Map<String, String> versions = new HashMap<>();
            for (RulePack p : byId.values()) {
                versions.put(p.id(), p.version());
            }
            compiled.packByPackage().forEach((pkg, id) -> refs.put(pkg, new RuleRegistry.PackRef(id,
                    versions.getOrDefault(id, "unknown"))));
            List<PackInfo> infos = byId.values().stream().map(p -> new PackInfo(p.id(), p.version(),
                    p.manifest().title(), p.trusted(), p.origin(), p.manifest().codes())).toList();
            long nanos = System.nanoTime() - start;
            LOG.debug("built engine with packs {} in {} ms", byId.keySet(), nanos / 1_000_000);
            return new PolicyEngine(compiled.kieBase(), List.copyOf(byId.values()), infos, params,
                    new RuleRegistry(refs, maxFiringsPerCase), nanos, listeners);
        }

        private ParameterSet mergePackParameters(List<Problem> problems) {
            Map<String, Parameter> merged = new LinkedHashMap<>();
            Map<String, String> definedBy = new HashMap<>();
            for (RulePack pack : packs) {
                for (Parameter p : pack.parameters().all()) {
                    Parameter prev = merged.putIfAbsent(p.name(), p);
                    if (prev == null) {
                        definedBy.put(p.name(), pack.id());
                    } else if (!prev.sameValues(p)) {
                        problems.add(Problem.of(sourceFile(p), sourceLine(p), "parameter '" + p.name()
                                + "' has different values here than in pack '" + definedBy.get(p.name())
                                + "' (" + prev.source() + "); make them equal or set it once in an override file"));
                    }
                }
            }
            return ParameterSet.of(merged.values());
        }

        private static String suggestion(String name, ParameterSet params) {
            return org.fuyu.policy.internal.DidYouMean.suffix(name, params.names());
        }

        private static String sourceFile(Parameter p) {
            int i = p.source().lastIndexOf(':');
            return i > 0 ? p.source().substring(0, i) : p.source();
        }

        private static int sourceLine(Parameter p) {
            int i = p.source().lastIndexOf(':');
            try {
                return i > 0 ? Integer.parseInt(p.source().substring(i + 1)) : 0;
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }
}
