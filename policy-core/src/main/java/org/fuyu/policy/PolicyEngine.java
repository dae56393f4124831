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
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.StatelessKieSession;
import org.fuyu.policy.evaluation.EngineAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy engine: rule packs compiled into one Drools KieBase, with their parameters.
 * Immutable and safe to share across threads; build it once with {@link #builder()} and
 * evaluate many cases with it. Each evaluation uses a fresh stateless session.
 */
public final class PolicyEngine {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyEngine.class);
    /** The engine's handle on cases (reset, fail, count firings), claimed once, before any rule runs. */
    static final EngineAccess ACCESS = EngineAccess.claim();
    /** Default time budget of one case (a batch gets the same); generous: a case normally takes microseconds. */
    public static final java.time.Duration DEFAULT_CASE_TIME_BUDGET = java.time.Duration.ofSeconds(10);
    /** Default limit of rule firings per case before the case is stopped as a runaway. */
    public static final int DEFAULT_MAX_FIRINGS_PER_CASE = 10_000;

    private final KieBase kieBase;
    private final List<PackInfo> packs;
    private final List<RulePack> rulePacks;
    private final ParameterSet parameters;
    private final RuleRegistry registry;
    private final long buildNanos;
    private final List<RuleFiringListener> listeners;
    private final java.time.Duration caseBudget;
    private final Map<String, java.util.Set<String>> packagesByPack;
    private final Map<String, java.util.concurrent.atomic.LongAdder> budgetExceeded = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, String> generatedDrl;
    /** Whether the KieBase has the engine's completion rule (only hand-written DRL can halt a session). */
    private final boolean completionRule;
    private final boolean fromModel;
    private final Map<String, List<String>> mutableByPack;

    private PolicyEngine(KieBase kieBase, List<RulePack> rulePacks, List<PackInfo> packs, ParameterSet parameters,
                         RuleRegistry registry, long buildNanos, List<RuleFiringListener> listeners,
                         java.time.Duration caseBudget, Map<String, java.util.Set<String>> packagesByPack,
                         Map<String, String> generatedDrl, boolean fromModel) {
        this.fromModel = fromModel;
        Map<String, List<String>> mutable = new LinkedHashMap<>();
        for (RulePack p : rulePacks) {
            mutable.put(p.id(), p.manifest().mutable());
        }
        this.mutableByPack = java.util.Collections.unmodifiableMap(mutable);
        this.listeners = List.copyOf(listeners);
        this.caseBudget = caseBudget;
        this.packagesByPack = packagesByPack;
        this.generatedDrl = Map.copyOf(generatedDrl);
        this.completionRule = KieBaseCompiler.needsCompletionRule(rulePacks);
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

    /**
     * The per-capita income line in force on {@code asOf}: the value of the parameter the first
     * loaded pack that declares one names ({@code incomeLine:} in its pack.yaml). Null when no
     * pack declares a line, or the parameter has no value on that date. Run summaries count the
     * households below it; reform comparisons band households around it.
     */
    public java.math.BigDecimal incomeLine(LocalDate asOf) {
        for (PackInfo p : packs) {
            if (p.incomeLine() != null && parameters().contains(p.incomeLine())) {
                try {
                    return parametersAt(asOf).get(p.incomeLine()).value();
                } catch (org.fuyu.policy.params.MissingParameterException notInForce) {
                    return null;
                }
            }
        }
        return null;
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

    /**
     * Whether the KieBase was built from the executable model compiled with the packs' jar (every
     * pack shipped and unchanged), rather than compiled from the rule files when the engine was built.
     */
    public boolean precompiled() {
        return fromModel;
    }

    /** The DRL the rule-language compiler generated, by pack id (packs written in the rule language only). */
    public Map<String, String> generatedDrl() {
        return generatedDrl;
    }

    /** What the generated rules of a DRL package record, by index (empty for hand-written DRL). */
    public List<org.fuyu.policy.evaluation.RuleInfo> generatedRules(String packageName) {
        return registry.generatedRules(packageName);
    }

    /**
     * One note per code that is not in force on {@code asOf} (pack.yaml {@code effective} /
     * {@code until}): it is not decided for any case of that date; the others are decided as usual.
     */
    public List<String> notInForce(LocalDate asOf) {
        List<String> notes = new ArrayList<>();
        for (PackInfo p : packs) {
            for (org.fuyu.policy.packs.PackManifest.CodeInfo c : p.codes()) {
                if (!registry.inForce(c.code(), asOf)) {
                    RuleRegistry.InForce w = registry.datedCodes().get(c.code());
                    notes.add(c.code() + " (" + p.id() + ") 在 " + asOf + " 不在有效期内（" + zh(w) + "），未判定 / "
                            + c.code() + " (pack " + p.id() + ") is not in force on " + asOf + " (in force " + w
                            + "): not decided; the other codes were decided as usual");
                }
            }
        }
        return notes;
    }

    private static String zh(RuleRegistry.InForce w) {
        return (w.from() == null ? "" : "自 " + w.from()) + (w.from() != null && w.until() != null ? " " : "")
                + (w.until() == null ? "" : "至 " + w.until());
    }

    /** The time budget of one case. */
    public java.time.Duration caseTimeBudget() {
        return caseBudget;
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
            if (sink != null && c.error() == null) { // a household of no county is counted under null
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
        if (options.whatWouldChange() > 0) {
            out = withWhatWouldChange(batch, cases, out, at, options.whatWouldChange());
        }
        return out;
    }

    /** What would change each household's decisions: changed copies evaluated again (see {@link ChangeFinder}). */
    private List<CaseResult> withWhatWouldChange(List<HouseholdInput> batch, List<HouseholdCase> cases, List<CaseResult> out,
                                                 ParametersAt at, int sets) {
        List<String> counties = new ArrayList<>(cases.size());
        for (HouseholdCase c : cases) {
            counties.add(c.countyId());
        }
        ChangeFinder finder = new ChangeFinder((ins, cs) -> probe(ins, cs, at), mutableByPack, sets);
        List<List<WhatWouldChange>> found = finder.find(batch, counties, out);
        List<CaseResult> with = new ArrayList<>(out.size());
        for (int i = 0; i < out.size(); i++) {
            with.add(found.get(i).isEmpty() ? out.get(i) : out.get(i).withWhatWouldChange(found.get(i)));
        }
        return with;
    }

    /** Evaluates changed copies of cases with every criterion recorded; null for a copy that failed. */
    private List<List<Decision>> probe(List<HouseholdInput> inputs, List<String> counties, ParametersAt at) {
        List<HouseholdCase> cases = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            HouseholdInput in = inputs.get(i);
            HouseholdCase c = new HouseholdCase(in.household(), in.businesses(), counties.get(i), at, true, registry);
            ACCESS.allCriteria(c);
            cases.add(c);
        }
        execute(cases);
        List<List<Decision>> out = new ArrayList<>(cases.size());
        for (HouseholdCase c : cases) {
            out.add(c.error() != null || !ACCESS.packErrors(c).isEmpty() ? null : c.decisions());
        }
        return out;
    }

    /** The facts each pack lets a household change (pack.yaml {@code mutable:}). */
    public Map<String, List<String>> mutableFacts() {
        return mutableByPack;
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
     * Fires the rules over a batch in one stateless session, under the time budget. A batch that
     * fails, runs out of time, or leaves a case unfinished (a rule halted the session) is evaluated
     * again case by case; a case that fails on its own is evaluated pack by pack, so only the
     * failing pack's decisions are lost (with an error naming the pack), never another pack's.
     */
    private void execute(List<? extends CaseContext> cases) {
        boolean redo = false;
        Watchdog.Ticket ticket = Watchdog.INSTANCE.start(budgetNanos(cases.size()));
        try {
            StatelessKieSession s = kieBase.newStatelessKieSession();
            s.addEventListener(new FiringLimit.ChangeGuard(cases.size(), registry.maxFiringsPerCase()));
            if (!listeners.isEmpty()) {
                s.addEventListener(new FiringLimit(listeners, Integer.MAX_VALUE, cases.size()));
            }
            s.execute(cases);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            redo = true;
        } catch (ThreadDeath e) {
            if (!ticket.expired) {
                throw e;
            }
            redo = true;
        } finally {
            ticket.finish();
        }
        if (!redo && completionRule) {
            for (CaseContext c : cases) {
                if (!ACCESS.isComplete(c)) {
                    redo = true;
                    break;
                }
            }
        }
        if (redo) {
            for (CaseContext c : cases) {
                ACCESS.reset(c);
                alone(c);
            }
        }
    }

    private long budgetNanos(int cases) {
        // a batch gets one case's budget: hundreds of cases normally take a few milliseconds together
        return caseBudget.toNanos();
    }

    /** One case on its own; if it fails, pack by pack. */
    private void alone(CaseContext c) {
        String error = run(c, null);
        if (error == null) {
            return;
        }
        if (packagesByPack.size() <= 1) {
            ACCESS.fail(c, error);
            return;
        }
        ACCESS.reset(c);
        List<String> failed = new ArrayList<>();
        for (Map.Entry<String, java.util.Set<String>> pack : packagesByPack.entrySet()) {
            int keep = ACCESS.decisionCount(c);
            Map<String, Long> tallies = ACCESS.tallies(c);
            ACCESS.uncomplete(c);
            String e = run(c, pack.getValue());
            if (e != null) {
                ACCESS.truncate(c, keep);
                ACCESS.restoreTallies(c, tallies);
                failed.add("pack " + pack.getKey() + ": " + e);
            }
        }
        ACCESS.markComplete(c);
        if (failed.size() == packagesByPack.size()) {
            ACCESS.fail(c, error);
        } else {
            ACCESS.packErrors(c, failed);
        }
    }

    /**
     * Runs one case in a session of its own, every firing counted and under the time budget,
     * with only the rules of {@code packages} (all when null). Null when it finished, else why not.
     */
    private String run(CaseContext c, java.util.Set<String> packages) {
        KieSession session = kieBase.newKieSession();
        Watchdog.Ticket ticket = Watchdog.INSTANCE.start(caseBudget.toNanos());
        try {
            session.addEventListener(new FiringLimit(listeners, registry.maxFiringsPerCase(), 1));
            session.insert(c);
            if (packages == null) {
                session.fireAllRules();
            } else {
                session.fireAllRules(m -> packages.contains(m.getRule().getPackageName())
                        || EngineAccess.ENGINE_PACKAGE.equals(m.getRule().getPackageName()));
            }
            return !completionRule || ACCESS.isComplete(c) ? null
                    : "the evaluation did not finish: a rule stopped the session (halt) before every rule had its turn"
                      + " (评估未完成：有规则中止了会话)";
        } catch (ThreadDeath e) {
            if (!ticket.expired) {
                throw e;
            }
            return budgetMessage(ticket, packages != null || packagesByPack.size() <= 1);
        } catch (StackOverflowError e) {
            return "a rule recursed too deeply (stack overflow) (规则递归过深)" + runningRule(e);
        } catch (OutOfMemoryError e) {
            return "a rule ran out of memory (规则耗尽内存)" + runningRule(e);
        } catch (RuntimeException e) {
            if (ticket.expired) {
                return budgetMessage(ticket, packages != null || packagesByPack.size() <= 1);
            }
            return rootMessage(e);
        } finally {
            ticket.finish();
            session.dispose();
        }
    }

    /** Why a case ran out of time; {@code count} once per case (its last, pack-by-pack, run). */
    private String budgetMessage(Watchdog.Ticket ticket, boolean count) {
        String rule = ticket.runningRule;
        String pack = rule == null ? null : registry.packId(rule.substring(0, Math.max(0, rule.lastIndexOf('.'))));
        if (pack != null && count) {
            budgetExceeded.computeIfAbsent(pack, k -> new java.util.concurrent.atomic.LongAdder()).increment();
        }
        return "took longer than the time budget of " + caseBudget.toMillis() + " ms per case"
                + (rule != null ? " while rule '" + rule.substring(rule.lastIndexOf('.') + 1) + "'"
                + (pack != null ? " of pack " + pack : "") + " was running" : "")
                + "; the case is stopped and the run goes on (超出每个个案的时间预算)";
    }

    private static String runningRule(Throwable e) {
        String rule = Watchdog.runningRule(e.getStackTrace());
        return rule == null ? "" : " in rule '" + rule.substring(rule.lastIndexOf('.') + 1) + "'";
    }

    /** How many cases each pack's rules ran past the time budget in, since the engine was built. */
    public Map<String, Long> timeBudgetExceeded() {
        Map<String, Long> out = new java.util.TreeMap<>();
        budgetExceeded.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    private static CaseResult result(SubjectType type, String id, String county, CaseContext c) {
        if (c.error() != null) {
            return new CaseResult(type, id, county, List.of(), c.error());
        }
        List<Decision> decided = c.decisions();
        List<String> packErrors = ACCESS.packErrors(c);
        List<Undecided> undecided = ACCESS.undecided(c);
        if (decided.size() <= 1) {
            return new CaseResult(type, id, county, decided, null, packErrors, undecided);
        }
        List<Decision> ds = new ArrayList<>(decided);
        ds.sort(Decision.CANONICAL);
        return new CaseResult(type, id, county, ds, null, packErrors, undecided);
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
        private java.time.Duration caseBudget = DEFAULT_CASE_TIME_BUDGET;
        private boolean usePrecompiled = true;
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

        /**
         * How long one case may take (default {@link #DEFAULT_CASE_TIME_BUDGET}); a case past it fails
         * with an error naming the rule that was running, and the run goes on.
         */
        public Builder caseTimeBudget(java.time.Duration budget) {
            if (budget == null || budget.isNegative() || budget.isZero()) {
                throw new IllegalArgumentException("caseTimeBudget must be positive");
            }
            this.caseBudget = budget;
            return this;
        }

        /** Hears every rule firing (e.g. provision coverage); slows evaluation a little. */
        public Builder addRuleFiringListener(RuleFiringListener listener) {
            listeners.add(listener);
            return this;
        }

        /**
         * Whether shipped packs compiled when their jar was built are used (the default): their
         * KieBase is then made from the executable model, with no Java compiler at run time. With
         * {@code false} every pack is compiled from its files, as a directory pack is (same decisions).
         */
        public Builder precompiled(boolean use) {
            this.usePrecompiled = use;
            return this;
        }

        /** The class loader that sees the fact classes and any helper classes the rules use. */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = loader;
            return this;
        }

        /**
         * The parameters the engine would run with, without compiling anything: the packs'
         * defaults with every override laid over (names nobody defines and conflicts between packs
         * are left for {@link #build()} to report).
         */
        public ParameterSet parameters() {
            ParameterSet params = mergePackParameters(new ArrayList<>());
            for (ParameterSet o : overrides) {
                params = params.overriddenBy(o);
            }
            return params;
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
            // shipped packs compiled when their jar was built, where the files and compiler are the same
            Map<String, org.fuyu.policy.packs.Precompiled> precompiled = new HashMap<>();
            if (usePrecompiled) {
                for (RulePack p : byId.values()) {
                    org.fuyu.policy.packs.Precompiled x = org.fuyu.policy.packs.Precompiled.usable(p, params);
                    if (x != null) {
                        precompiled.put(p.id(), x);
                    }
                }
            }
            java.util.Set<String> tablesChecked = new java.util.HashSet<>();
            for (Map.Entry<String, org.fuyu.policy.packs.Precompiled> e : precompiled.entrySet()) {
                if (e.getValue().tablesCheckedWith(params)) {
                    tablesChecked.add(e.getKey()); // checked at build time, with these very parameter values
                }
            }
            // parameters the rules read, decision-table ranges, and the sandbox for packs from a directory
            PackValidator.Result checked = PackValidator.check(List.copyOf(byId.values()), params, tablesChecked);
            problems.addAll(checked.problems());
            if (checked.sandboxViolation()) {
                throw new PolicyException(problems); // never compile code the sandbox rejected
            }
            // rule-language files: parsed, checked and turned into DRL here, every name against these parameters
            List<org.fuyu.policy.packs.lang.RuleLanguage.Generated> generated = new ArrayList<>();
            for (RulePack p : byId.values()) {
                if (org.fuyu.policy.packs.lang.RuleLanguage.uses(p)) {
                    org.fuyu.policy.packs.lang.RuleLanguage.Generated g = precompiled.containsKey(p.id())
                            ? precompiled.get(p.id()).generated()
                            : org.fuyu.policy.packs.lang.RuleLanguage.compile(p, params.names());
                    problems.addAll(g.problems());
                    if (g.ok()) {
                        problems.addAll(declaredCodes(p, g));
                        if (!tablesChecked.contains(p.id())) { // else checked at build time with these values
                            problems.addAll(org.fuyu.policy.packs.lang.RuleLanguage.checkBands(p, params));
                        }
                    }
                    generated.add(g);
                }
            }
            if (!problems.isEmpty()) {
                throw new PolicyException(problems);
            }
            KieBaseCompiler.Compiled compiled = precompiled.size() == byId.size()
                    ? KieBaseCompiler.fromModels(List.copyOf(byId.values()), precompiled, classLoader) : null;
            try {
                if (compiled == null) {
                    compiled = KieBaseCompiler.compile(List.copyOf(byId.values()), classLoader, generated);
                }
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
                    p.manifest().title(), p.trusted(), p.origin(), p.manifest().codes(), p.manifest().incomeLine())).toList();
            Map<String, List<org.fuyu.policy.evaluation.RuleInfo>> rules = new HashMap<>();
            Map<String, String> drl = new LinkedHashMap<>();
            for (org.fuyu.policy.packs.lang.RuleLanguage.Generated g : generated) {
                rules.put(g.packageName(), g.rules());
                drl.put(g.packId(), g.drl());
            }
            Map<String, java.util.Set<String>> codes = new HashMap<>();
            for (RulePack p : byId.values()) {
                java.util.Set<String> cs = new java.util.HashSet<>();
                p.manifest().codes().forEach(ci -> cs.add(ci.code()));
                codes.put(p.id(), cs);
            }
            Map<String, java.util.Set<String>> packages = new LinkedHashMap<>();
            for (RulePack p : byId.values()) {
                packages.put(p.id(), new java.util.HashSet<>());
            }
            compiled.packByPackage().forEach((pkg, id) -> {
                if (packages.containsKey(id)) {
                    packages.get(id).add(pkg);
                }
            });
            long nanos = System.nanoTime() - start;
            LOG.debug("built engine with packs {} in {} ms", byId.keySet(), nanos / 1_000_000);
            return new PolicyEngine(compiled.kieBase(), List.copyOf(byId.values()), infos, params,
                    new RuleRegistry(refs, rules, codes, inForce(byId.values()), maxFiringsPerCase), nanos, listeners,
                    caseBudget, Map.copyOf(packages), drl, compiled.fromModel());
        }

        /** The days each dated code is in force: the pack's effective–until within the code's own. */
        private static Map<String, RuleRegistry.InForce> inForce(Collection<RulePack> packs) {
            Map<String, RuleRegistry.InForce> out = new HashMap<>();
            for (RulePack p : packs) {
                org.fuyu.policy.packs.PackManifest m = p.manifest();
                if (!m.dated()) {
                    continue;
                }
                for (org.fuyu.policy.packs.PackManifest.CodeInfo c : m.codes()) {
                    LocalDate from = later(m.effective(), c.effective());
                    LocalDate until = earlier(m.until(), c.until());
                    if (from != null || until != null) {
                        out.put(c.code(), new RuleRegistry.InForce(from, until));
                    }
                }
            }
            return out;
        }

        private static LocalDate later(LocalDate a, LocalDate b) {
            return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
        }

        private static LocalDate earlier(LocalDate a, LocalDate b) {
            return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
        }

        /** The codes a pack's pack.yaml declares and those its rule files decide must be the same. */
        private static List<Problem> declaredCodes(RulePack pack, org.fuyu.policy.packs.lang.RuleLanguage.Generated g) {
            java.util.Set<String> decided = new java.util.TreeSet<>();
            g.rules().forEach(r -> decided.add(r.code()));
            java.util.Set<String> declared = new java.util.TreeSet<>();
            pack.manifest().codes().forEach(c -> declared.add(c.code()));
            List<Problem> out = new ArrayList<>();
            String file = pack.origin().startsWith("classpath:") ? pack.origin() + "pack.yaml" : pack.origin() + "/pack.yaml";
            java.util.Set<String> undeclared = new java.util.TreeSet<>(decided);
            undeclared.removeAll(declared);
            for (String c : declared) {
                if (!decided.contains(c)) {
                    String close = org.fuyu.policy.internal.DidYouMean.closest(c, undeclared);
                    if (close == null && undeclared.size() == 1) {
                        close = undeclared.iterator().next();
                    }
                    out.add(Problem.of(file, 0, Lang.pick("pack.yaml 声明了决定代码 " + c + "，但没有规则作出它"
                                    + (close != null ? "（规则作出的是 " + close + "）" : ""),
                            "pack.yaml declares the code " + c + " but no rule decides it"
                                    + (close != null ? " (the rules decide " + close + ")" : ""))));
                }
            }
            for (String c : decided) {
                if (!declared.contains(c)) {
                    out.add(Problem.of(file, 0, Lang.pick("规则作出了决定代码 " + c + "，但 pack.yaml 的 codes 中没有声明它",
                            "the rules decide the code " + c + ", which pack.yaml does not declare under codes:")));
                }
            }
            // the subject a code is declared about must be the one its rules decide about
            Map<String, SubjectType> subjects = new HashMap<>();
            g.rules().forEach(r -> subjects.putIfAbsent(r.code(), r.subject()));
            for (org.fuyu.policy.packs.PackManifest.CodeInfo ci : pack.manifest().codes()) {
                SubjectType decidedAbout = subjects.get(ci.code());
                if (decidedAbout != null && ci.subject() != null && decidedAbout != ci.subject()) {
                    out.add(Problem.of(file, 0, Lang.pick("pack.yaml 声明 " + ci.code() + " 的主体是 " + ci.subject()
                                    + "，但规则是对 " + decidedAbout + " 作出的；请把 pack.yaml 的 subject 改为 " + decidedAbout
                                    + "，或改正规则的 subject:",
                            "pack.yaml declares " + ci.code() + " about a " + ci.subject() + ", but its rules decide it about a "
                                    + decidedAbout + "; set subject: " + decidedAbout + " in pack.yaml, or correct the rule's subject:")));
                }
            }
            return out;
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
