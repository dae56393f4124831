package org.fuyu.policy.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.fuyu.policy.Criterion;
import org.fuyu.policy.Decision;
import org.fuyu.policy.Outcome;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.SubjectType;
import org.fuyu.policy.io.FactMapper;
import org.fuyu.policy.packs.PackManifest;
import org.fuyu.policy.packs.RulePack;

/**
 * The properties every rule pack must have, run by a pack against itself (the way guava-testlib's
 * suite builders are used): subclass it, say which engine to check, and run it with jqwik.
 * <pre>
 * class MyPackPropertiesTest extends PolicyPropertySuite {
 *     private static final PolicyEngine ENGINE = PolicyEngine.builder().addPacks(...).build();
 *     &#64;Override protected PolicyEngine engine() { return ENGINE; }
 * }
 * </pre>
 * Generic properties hold for any packs: determinism, order independence, whole non-negative
 * amounts within the declared caps, never GRANTED and DENIED for one code, every decision with its
 * criteria and citation, the same decisions after the facts went through JSON, and explaining
 * denials adding nothing but denials (so a rule's guard never hides a grant). The policy
 * properties each pack declares in its {@code properties.yaml} (see {@link PolicyProperties})
 * run as four more properties, one per kind. Add your own {@code @Property} methods in the
 * subclass, with {@link #facts()} for arbitraries and {@link #evaluate(Scenario)} to decide.
 * <p>
 * A failing property throws a {@link PolicyPropertyFailure}: after jqwik shrinks the input, its
 * message is the minimal case as fact JSON, the decisions it got and a YAML policy case.
 */
@PropertyDefaults(tries = 200)
public abstract class PolicyPropertySuite {
    /** The date cases are decided on by default (the spec's worked examples use it). */
    public static final LocalDate DEFAULT_AS_OF = LocalDate.of(2024, 6, 30);

    private static final Map<PolicyEngine, Map<LocalDate, FactArbitraries>> FACTS =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /** Per declared kind, the declaration that failed first: shrinking keeps to it. */
    private final Map<String, PolicyProperties.Declared> focus = new HashMap<>();

    /** The engine under test; build it once (e.g. in a static field), not per call. */
    protected abstract PolicyEngine engine();

    /** The date cases are decided on unless the arbitraries pick a parameter's effective date. */
    protected LocalDate asOf() {
        return DEFAULT_AS_OF;
    }

    /** Hears every evaluation the suite makes (e.g. to count provision coverage). */
    protected void evaluated(Evaluation evaluation) {
    }

    /** Arbitraries at the engine's parameters. */
    protected final FactArbitraries facts() {
        PolicyEngine engine = engine();
        synchronized (FACTS) {
            return FACTS.computeIfAbsent(engine, e -> new HashMap<>())
                    .computeIfAbsent(asOf(), d -> FactArbitraries.of(engine, d));
        }
    }

    /** The policy properties the loaded packs declare. */
    protected final PolicyProperties declared() {
        return PolicyProperties.of(engine());
    }

    /** Decides a scenario with the engine under test. */
    protected final Evaluation evaluate(Scenario s) {
        Evaluation e = s.evaluate(engine());
        evaluated(e);
        return e;
    }

    // ---- arbitraries ----

    @Provide
    public Arbitrary<Scenario> scenarios() {
        return facts().scenarios();
    }

    @Provide
    Arbitrary<ChangeTrial> monotoneTrials() {
        List<FactChange> changes = declared().monotone().stream().map(PolicyProperties.Monotone::change).toList();
        return changes.isEmpty() ? none() : trials(changes);
    }

    @Provide
    Arbitrary<ChangeTrial> bandTrials() {
        List<FactChange> changes = declared().bands().stream().map(PolicyProperties.Bands::change).toList();
        return changes.isEmpty() ? none() : trials(changes);
    }

    @Provide
    Arbitrary<ChangeTrial> amountTrials() {
        return declared().amounts().stream().anyMatch(a -> !a.capOnly()) ? trials(List.of()) : none();
    }

    @Provide
    Arbitrary<ChangeTrial> impliesTrials() {
        return declared().implies().isEmpty() ? none() : trials(List.of());
    }

    private static Arbitrary<ChangeTrial> none() {
        return Arbitraries.just(new ChangeTrial(null, List.of()));
    }

    /** A scenario and, per change, a fact and an amount that moves it onto a threshold (or anywhere). */
    private Arbitrary<ChangeTrial> trials(List<FactChange> changes) {
        FactArbitraries facts = facts();
        return facts.scenarios().flatMap(s -> {
            if (changes.isEmpty()) {
                return Arbitraries.just(new ChangeTrial(s, List.of()));
            }
            Thresholds t = facts.thresholds(s.asOf());
            List<Arbitrary<ChangeTrial.Pick>> picks = new ArrayList<>();
            for (FactChange c : changes) {
                picks.add(Arbitraries.integers().between(0, 99).flatMap(i -> Arbitraries.frequencyOf(
                                Tuple.of(3, Arbitraries.of(c.boundaryAmounts(s, i, t))),
                                Tuple.of(1, Arbitraries.longs().between(1, 200_000)))
                        .map(amount -> new ChangeTrial.Pick(i, amount))));
            }
            return Combinators.combine(picks).as(ps -> new ChangeTrial(s, ps));
        });
    }

    // ---- generic properties ----

    @Property
    @Label("determinism: the same case gets the same decisions")
    public void determinism(@ForAll("scenarios") Scenario s) {
        String property = "determinism: the same case gets the same decisions";
        Evaluation first = evaluate(s);
        requireNoErrors(property, first);
        Evaluation second = evaluate(s);
        if (!first.canonical().equals(second.canonical())) {
            throw failure(property, differences(first, second), "first run", first, "second run", second);
        }
    }

    @Property
    @Label("order independence: shuffled members and facts get the same decisions")
    public void orderIndependence(@ForAll("scenarios") Scenario s, @ForAll long shuffleSeed) {
        String property = "order independence: shuffled members and facts get the same decisions";
        Evaluation inOrder = evaluate(s);
        requireNoErrors(property, inOrder);
        Evaluation shuffled = evaluate(s.shuffled(shuffleSeed));
        if (!inOrder.canonical().equals(shuffled.canonical())) {
            throw failure(property, differences(inOrder, shuffled), "in input order", inOrder, "shuffled", shuffled);
        }
    }

    @Property
    @Label("amounts are whole, non-negative and within the caps of the parameters")
    public void amounts(@ForAll("scenarios") Scenario s) {
        String property = "amounts are whole, non-negative and within the caps of the parameters";
        Evaluation e = evaluate(s);
        requireNoErrors(property, e);
        List<String> problems = new ArrayList<>();
        for (Decision d : e.decisions()) {
            if (d.amountYuan() == null) {
                continue;
            }
            JsonNode amount = FactMapper.get().valueToTree(d).get("amountYuan");
            if (amount == null || !amount.isIntegralNumber()) {
                problems.add(who(d) + " amount " + amount + " is not a whole number of yuan");
            }
            if (d.amountYuan() < 0) {
                problems.add(who(d) + " amount " + d.amountYuan() + " is negative");
            }
            if (d.outcome() != Outcome.GRANTED) {
                problems.add(who(d) + " has an amount but is " + d.outcome());
            }
        }
        Function<String, BigDecimal> params = PolicyProperties.params(engine().parametersAt(s.asOf()));
        for (PolicyProperties.Amount cap : declared().amounts()) {
            cap.checkCap(e, params).forEach(p -> problems.add(p + " [" + cap.pack() + ": " + cap.name() + "]"));
        }
        if (!problems.isEmpty()) {
            throw failure(property, problems, e);
        }
    }

    @Property
    @Label("a case never gets both GRANTED and DENIED for one code")
    public void neverGrantedAndDenied(@ForAll("scenarios") Scenario s) {
        String property = "a case never gets both GRANTED and DENIED for one code";
        Evaluation e = evaluate(s.withDenials(true));
        requireNoErrors(property, e);
        Map<String, Set<Outcome>> outcomes = new LinkedHashMap<>();
        for (Decision d : e.decisions()) {
            outcomes.computeIfAbsent(who(d), k -> new java.util.TreeSet<>()).add(d.outcome());
        }
        List<String> problems = new ArrayList<>();
        outcomes.forEach((k, v) -> {
            boolean positive = v.contains(Outcome.GRANTED) || v.contains(Outcome.FLAG);
            if (positive && v.contains(Outcome.DENIED)) {
                problems.add(k + " got " + v);
            }
            if (v.contains(Outcome.TARGET_MET) && v.contains(Outcome.TARGET_MISSED)) {
                problems.add(k + " got " + v);
            }
        });
        if (!problems.isEmpty()) {
            throw failure(property, problems, e);
        }
    }

    @Property
    @Label("explaining denials only adds denials: a guard never hides a grant")
    public void explainingDenialsOnlyAddsDenials(@ForAll("scenarios") Scenario s) {
        // A rule may skip cases in its when-part that its consequence would deny anyway (a guard such
        // as HouseholdCase( explainDenials || identifiedLowIncome.passed )). With denials explained
        // every case reaches the consequence, so the two runs differ only by DENIED decisions unless
        // a guard is stricter than what the consequence requires.
        String property = "explaining denials only adds denials: a guard never hides a grant";
        Evaluation quiet = evaluate(s.withDenials(false));
        requireNoErrors(property, quiet);
        Evaluation explained = evaluate(s.withDenials(true));
        requireNoErrors(property, explained);
        Evaluation withoutDenials = new Evaluation(explained.scenario(), explained.decisions().stream()
                .filter(d -> d.outcome() != Outcome.DENIED).toList(), explained.errors(), explained.notes());
        if (!quiet.canonical().equals(withoutDenials.canonical())) {
            throw failure(property, differences(quiet, withoutDenials), "denials not explained", quiet,
                    "denials explained (DENIED left out)", withoutDenials);
        }
    }

    @Property
    @Label("every decision carries its criteria and citation")
    public void criteriaAndCitation(@ForAll("scenarios") Scenario s) {
        String property = "every decision carries its criteria and citation";
        Evaluation e = evaluate(s);
        requireNoErrors(property, e);
        Map<String, Map<String, SubjectType>> codesByPack = new HashMap<>();
        for (RulePack p : engine().rulePacks()) {
            Map<String, SubjectType> codes = new HashMap<>();
            for (PackManifest.CodeInfo c : p.manifest().codes()) {
                codes.put(c.code(), c.subject());
            }
            codesByPack.put(p.id(), codes);
        }
        List<String> problems = new ArrayList<>();
        for (Decision d : e.decisions()) {
            String who = who(d) + " " + d.outcome();
            if (blank(d.citation())) {
                problems.add(who + " has no citation (rule " + d.rule() + " needs @citation)");
            }
            if (blank(d.rule()) || blank(d.pack()) || blank(d.packVersion())) {
                problems.add(who + " does not say which pack, version and rule made it");
            }
            if (!s.asOf().equals(d.asOf())) {
                problems.add(who + " is dated " + d.asOf() + ", the case " + s.asOf());
            }
            if (!s.ids(d.subjectType()).contains(d.subjectId())) {
                problems.add(who + " is about a " + d.subjectType() + " that is not in the input");
            }
            SubjectType declaredSubject = codesByPack.getOrDefault(d.pack(), Map.of()).get(d.code());
            if (declaredSubject == null) {
                problems.add(who + ": code " + d.code() + " is not listed in codes: of pack " + d.pack());
            } else if (declaredSubject != d.subjectType()) {
                problems.add(who + ": pack " + d.pack() + " lists " + d.code() + " as about " + declaredSubject);
            }
            if (d.reasons().isEmpty()) {
                problems.add(who + " gives no criteria");
            }
            boolean allPassed = d.reasons().stream().allMatch(Criterion::passed);
            boolean nonePassed = d.reasons().stream().noneMatch(Criterion::passed);
            switch (d.outcome()) {
                case GRANTED, FLAG, TARGET_MET -> {
                    if (!allPassed) {
                        problems.add(who + " lists a failed criterion");
                    }
                }
                case DENIED -> {
                    if (!nonePassed) {
                        problems.add(who + " lists a criterion that passed (a denial lists the failed ones)");
                    }
                }
                case TARGET_MISSED -> {
                    if (allPassed) {
                        problems.add(who + " lists no failed criterion");
                    }
                }
            }
            for (Criterion c : flatten(d.reasons())) {
                if (blank(c.criterion()) || blank(c.operator())) {
                    problems.add(who + " has a criterion without a name or operator: " + c);
                }
                if (c.parameter() != null && (c.effective() == null || c.effective().isAfter(s.asOf()))) {
                    problems.add(who + ": criterion " + c.criterion() + " uses " + c.parameter()
                            + " effective " + c.effective() + ", not in force on " + s.asOf());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw failure(property, problems, e);
        }
    }

    @Property
    @Label("reading the facts back from their JSON gives the same decisions")
    public void jsonRoundTrip(@ForAll("scenarios") Scenario s) {
        String property = "reading the facts back from their JSON gives the same decisions";
        Evaluation direct = evaluate(s);
        requireNoErrors(property, direct);
        Scenario read;
        try {
            read = s.readBack();
        } catch (AssertionError e) {
            throw failure(property, List.of(e.getMessage()), direct);
        }
        if (!read.equals(s)) {
            throw failure(property, List.of("the facts read back differ from the facts written"), direct);
        }
        Evaluation again = evaluate(read);
        if (!direct.canonical().equals(again.canonical())) {
            throw failure(property, differences(direct, again), "as generated", direct, "read back from JSON", again);
        }
    }

    // ---- policy properties declared by the packs ----

    @Property
    @Label("policy properties: monotone (declared in properties.yaml)")
    public void declaredMonotone(@ForAll("monotoneTrials") ChangeTrial t) {
        if (t.scenario() == null) {
            return;
        }
        List<PolicyProperties.Monotone> ds = declared().monotone();
        Evaluation before = evaluate(t.scenario());
        requireNoErrors("policy properties: monotone", before);
        Map<PolicyProperties.Declared, Failure> failures = new LinkedHashMap<>();
        for (int i = 0; i < ds.size(); i++) {
            PolicyProperties.Monotone d = ds.get(i);
            ChangeTrial.Pick pick = t.picks().get(i);
            FactChange.Applied applied = d.change().apply(t.scenario(), pick.subject(), pick.amount());
            if (applied == null) {
                continue;
            }
            Evaluation after = evaluate(applied.changed());
            requireNoErrors(d.name(), after);
            List<String> problems = d.check(before, after);
            if (!problems.isEmpty()) {
                failures.put(d, new Failure(withChange(applied, problems), List.of(
                        new PolicyPropertyFailure.LabelledCase("before the change", before),
                        new PolicyPropertyFailure.LabelledCase("after the change (" + applied.description() + ")", after))));
            }
        }
        report("monotone", failures);
    }

    @Property
    @Label("policy properties: bands (declared in properties.yaml)")
    public void declaredBands(@ForAll("bandTrials") ChangeTrial t) {
        if (t.scenario() == null) {
            return;
        }
        List<PolicyProperties.Bands> ds = declared().bands();
        Evaluation before = evaluate(t.scenario());
        requireNoErrors("policy properties: bands", before);
        Map<PolicyProperties.Declared, Failure> failures = new LinkedHashMap<>();
        for (int i = 0; i < ds.size(); i++) {
            PolicyProperties.Bands d = ds.get(i);
            ChangeTrial.Pick pick = t.picks().get(i);
            FactChange.Applied applied = d.change().apply(t.scenario(), pick.subject(), pick.amount());
            Evaluation after = applied == null ? null : evaluate(applied.changed());
            if (after != null) {
                requireNoErrors(d.name(), after);
            }
            List<String> problems = d.check(before, after, applied == null ? null : applied.subjectId());
            if (!problems.isEmpty()) {
                List<PolicyPropertyFailure.LabelledCase> cases = new ArrayList<>();
                cases.add(new PolicyPropertyFailure.LabelledCase(after == null ? "the case" : "before the change", before));
                if (after != null) {
                    cases.add(new PolicyPropertyFailure.LabelledCase("after the change (" + applied.description() + ")", after));
                }
                failures.put(d, new Failure(applied == null ? problems : withChange(applied, problems), cases));
            }
        }
        report("bands", failures);
    }

    @Property
    @Label("policy properties: amounts (declared in properties.yaml)")
    public void declaredAmounts(@ForAll("amountTrials") ChangeTrial t) {
        if (t.scenario() == null) {
            return;
        }
        Evaluation e = evaluate(t.scenario());
        requireNoErrors("policy properties: amounts", e);
        Function<String, BigDecimal> params = PolicyProperties.params(engine().parametersAt(e.scenario().asOf()));
        Map<PolicyProperties.Declared, Failure> failures = new LinkedHashMap<>();
        for (PolicyProperties.Amount d : declared().amounts()) {
            List<String> problems = d.checkExact(e, params);
            if (!problems.isEmpty()) {
                failures.put(d, new Failure(problems, List.of(new PolicyPropertyFailure.LabelledCase("the case", e))));
            }
        }
        report("amounts", failures);
    }

    @Property
    @Label("policy properties: implied decisions (declared in properties.yaml)")
    public void declaredImplications(@ForAll("impliesTrials") ChangeTrial t) {
        if (t.scenario() == null) {
            return;
        }
        Evaluation e = evaluate(t.scenario());
        requireNoErrors("policy properties: implied decisions", e);
        Map<PolicyProperties.Declared, Failure> failures = new LinkedHashMap<>();
        for (PolicyProperties.Implies d : declared().implies()) {
            List<String> problems = d.check(e);
            if (!problems.isEmpty()) {
                failures.put(d, new Failure(problems, List.of(new PolicyPropertyFailure.LabelledCase("the case", e))));
            }
        }
        report("implies", failures);
    }

    // ---- what would change a result ----

    /**
     * The change-set generator under test: the decisions of one household with what would change
     * them. Override it only to check that the suite catches a broken generator.
     */
    protected org.fuyu.policy.CaseResult whatWouldChange(org.fuyu.policy.HouseholdInput in, LocalDate asOf) {
        return engine().evaluate(in, org.fuyu.policy.EvaluationOptions.asOf(asOf).withWhatWouldChange(3));
    }

    @Property(tries = 60)
    @Label("what would change a denial: each change set grants the code, no strict subset does, only mutable facts")
    public void changeSetsGrantMinimallyWithMutableFacts(@ForAll("scenarios") Scenario s) {
        checkChangeSets(s.households().get(0), s.asOf());
    }

    /** The what-would-change property for one household (also for tests of a given case). */
    public final void checkChangeSets(org.fuyu.policy.HouseholdInput in, LocalDate asOf) {
        String property = "what would change a denial: each change set grants the code, no strict subset does, only mutable facts";
        org.fuyu.policy.CaseResult r = whatWouldChange(in, asOf);
        if (r.failed()) {
            return; // a case that fails is another property's failure
        }
        Map<String, List<String>> mutable = engine().mutableFacts();
        List<String> problems = new ArrayList<>();
        for (Decision d : r.decisions()) {
            org.fuyu.policy.WhatWouldChange w = r.whatWouldChange(d);
            if (w == null) {
                continue;
            }
            if (d.outcome() != Outcome.DENIED && !w.changeSets().isEmpty()) {
                problems.add(who(d) + " is " + d.outcome() + " but carries change sets");
            }
            for (org.fuyu.policy.WhatWouldChange.ChangeSet set : w.changeSets()) {
                for (org.fuyu.policy.WhatWouldChange.Change c : set.changes()) {
                    if (!mutable.getOrDefault(d.pack(), List.of()).contains(ChangeSets.declared(c.field()))) {
                        problems.add(who(d) + " change set " + set + " changes " + c.field()
                                + ", which pack " + d.pack() + " does not declare mutable");
                    }
                }
                if (!grants(in, set.changes(), asOf, d)) {
                    problems.add(who(d) + " change set " + set + " does not grant it");
                    continue;
                }
                int n = set.changes().size();
                for (int mask = 1; mask < (1 << n) - 1 && n <= 8; mask++) {
                    List<org.fuyu.policy.WhatWouldChange.Change> sub = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        if ((mask & (1 << i)) != 0) {
                            sub.add(set.changes().get(i));
                        }
                    }
                    if (grants(in, sub, asOf, d)) {
                        problems.add(who(d) + " change set " + set + " is not minimal: " + sub + " alone grants it");
                        break;
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            Evaluation e = new Evaluation(new Scenario(asOf, true, List.of(in), List.of(), List.of()), r.decisions(),
                    List.of(), List.of());
            throw failure(property, problems, e);
        }
    }

    /** Whether the case with these changes made (through its JSON) gets {@code d}'s code for its subject. */
    private boolean grants(org.fuyu.policy.HouseholdInput in, List<org.fuyu.policy.WhatWouldChange.Change> changes,
                           LocalDate asOf, Decision d) {
        org.fuyu.policy.HouseholdInput copy = ChangeSets.apply(in, changes);
        if (copy == null) {
            return false;
        }
        org.fuyu.policy.CaseResult r = engine().evaluate(copy, org.fuyu.policy.EvaluationOptions.asOf(asOf));
        for (Decision x : r.decisions()) {
            if (x.code().equals(d.code()) && x.subjectType() == d.subjectType() && x.subjectId().equals(d.subjectId())
                    && (x.outcome() == Outcome.GRANTED || x.outcome() == Outcome.FLAG)) {
                return true;
            }
        }
        return false;
    }

    private record Failure(List<String> problems, List<PolicyPropertyFailure.LabelledCase> cases) {
    }

    /**
     * Fails with the declaration that failed first in this property's run; while jqwik shrinks,
     * only that declaration counts, so the shrunk case is a counterexample of it.
     */
    private void report(String kind, Map<PolicyProperties.Declared, Failure> failures) {
        PolicyProperties.Declared f = focus.get(kind);
        if (f == null) {
            if (failures.isEmpty()) {
                return;
            }
            f = failures.keySet().iterator().next();
            focus.put(kind, f);
        }
        Failure failure = failures.get(f);
        if (failure != null) {
            throw new PolicyPropertyFailure(f.name(), f.pack(), f.citation(), failure.problems(), failure.cases());
        }
    }

    private static List<String> withChange(FactChange.Applied applied, List<String> problems) {
        List<String> out = new ArrayList<>();
        out.add("after the change: " + applied.description());
        out.addAll(problems);
        return out;
    }

    // ---- helpers ----

    /** A case that fails (a missing parameter, a runaway rule) fails every property. */
    protected static void requireNoErrors(String property, Evaluation e) {
        if (!e.errors().isEmpty()) {
            throw new PolicyPropertyFailure(property, null, null,
                    e.errors().stream().map(x -> "the case failed: " + x).toList(),
                    List.of(new PolicyPropertyFailure.LabelledCase("the case", e)));
        }
    }

    protected static PolicyPropertyFailure failure(String property, List<String> problems, Evaluation e) {
        return new PolicyPropertyFailure(property, null, null, problems,
                List.of(new PolicyPropertyFailure.LabelledCase("the case", e)));
    }

    protected static PolicyPropertyFailure failure(String property, List<String> problems, String label1, Evaluation e1,
                                                   String label2, Evaluation e2) {
        return new PolicyPropertyFailure(property, null, null, problems, List.of(
                new PolicyPropertyFailure.LabelledCase(label1, e1), new PolicyPropertyFailure.LabelledCase(label2, e2)));
    }

    /** Decisions one evaluation has and the other has not. */
    protected static List<String> differences(Evaluation a, Evaluation b) {
        List<String> onlyA = new ArrayList<>(a.canonical());
        List<String> onlyB = new ArrayList<>(b.canonical());
        for (String x : a.canonical()) {
            onlyB.remove(x);
        }
        for (String x : b.canonical()) {
            onlyA.remove(x);
        }
        List<String> out = new ArrayList<>();
        onlyA.forEach(x -> out.add("only in the first: " + x));
        onlyB.forEach(x -> out.add("only in the second: " + x));
        if (out.isEmpty()) {
            out.add("the decisions differ");
        }
        return out;
    }

    private static String who(Decision d) {
        return d.subjectType().name().toLowerCase() + " " + d.subjectId() + " " + d.code();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static List<Criterion> flatten(List<Criterion> cs) {
        List<Criterion> out = new ArrayList<>();
        for (Criterion c : cs) {
            out.add(c);
            if (c.anyOf() != null) {
                out.addAll(flatten(c.anyOf()));
            }
        }
        return out;
    }
}
