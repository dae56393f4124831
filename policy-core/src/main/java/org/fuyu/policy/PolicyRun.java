package org.fuyu.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.fuyu.policy.evaluation.CountyCase;
import org.fuyu.policy.facts.County;
import org.fuyu.policy.facts.Village;

/**
 * One evaluation run over a population. Add villages and County facts first, stream household
 * batches through {@link #evaluate(List)} (from any number of threads), then {@link #finish()}
 * decides villages and counties with the counters the households added. Households are never
 * held together: only the per-county counters are kept.
 */
public final class PolicyRun {
    private final PolicyEngine engine;
    private final EvaluationOptions options;
    private final Map<String, List<Village>> villagesByCounty = new TreeMap<>();
    private final Map<String, String> countyOfVillage = new ConcurrentHashMap<>();
    private final Map<String, County> counties = new TreeMap<>();
    private final Map<String, Map<String, LongAdder>> counters = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> households = new ConcurrentHashMap<>();
    private final LongAdder withoutCounty = new LongAdder();
    private volatile boolean finished;

    PolicyRun(PolicyEngine engine, EvaluationOptions options) {
        this.engine = engine;
        this.options = options;
    }

    public EvaluationOptions options() {
        return options;
    }

    public PolicyEngine engine() {
        return engine;
    }

    /** Villages of the run; add them before households so households find their county. */
    public synchronized void addVillages(Collection<Village> villages) {
        for (Village v : villages) {
            villagesByCounty.computeIfAbsent(v.countyId(), k -> new ArrayList<>()).add(v);
            countyOfVillage.put(v.id(), v.countyId());
        }
    }

    public synchronized void addCounties(Collection<County> more) {
        for (County c : more) {
            counties.put(c.id(), c);
        }
    }

    /** Households evaluated so far that belong to no county (no countyId, and a village not in this run). */
    public long householdsWithoutCounty() {
        return withoutCounty.sum();
    }

    /** The county of a village added to this run, or null. */
    public String countyOfVillage(String villageId) {
        return countyOfVillage.get(villageId);
    }

    /**
     * Evaluates a batch of households in one stateless session; safe to call from many threads.
     * Results are in batch order.
     */
    public List<CaseResult> evaluate(List<HouseholdInput> batch) {
        if (finished) {
            throw new IllegalStateException("run already finished");
        }
        List<CaseResult> results = engine.evaluateHouseholds(batch, countyOfVillage, options, this::count);
        return results;
    }

    private void count(String countyId, long evaluated, Map<String, Long> tallies) {
        if (countyId == null) {
            withoutCounty.add(evaluated);
            return;
        }
        households.computeIfAbsent(countyId, k -> new LongAdder()).add(evaluated);
        if (!tallies.isEmpty()) {
            Map<String, LongAdder> m = counters.computeIfAbsent(countyId, k -> new ConcurrentHashMap<>());
            tallies.forEach((k, v) -> m.computeIfAbsent(k, x -> new LongAdder()).add(v));
        }
    }

    /**
     * What the households evaluated so far added: per county, how many were evaluated and the
     * counters they added; and how many were evaluated in no county. With {@link #addTallies} a
     * population evaluated in parts (by several runs, on several machines) is decided as one:
     * the counts are sums, so the parts may be added in any order.
     */
    public Tallies tallies() {
        Map<String, Long> n = new TreeMap<>();
        households.forEach((k, v) -> n.put(k, v.sum()));
        Map<String, Map<String, Long>> c = new TreeMap<>();
        counters.forEach((k, m) -> {
            Map<String, Long> totals = new TreeMap<>();
            m.forEach((name, v) -> totals.put(name, v.sum()));
            c.put(k, totals);
        });
        return new Tallies(n, c, withoutCounty.sum());
    }

    /** Adds what households evaluated by another run added (see {@link #tallies()}); before {@link #finish()}. */
    public void addTallies(Tallies t) {
        if (finished) {
            throw new IllegalStateException("run already finished");
        }
        t.households().forEach((county, n) -> households.computeIfAbsent(county, k -> new LongAdder()).add(n));
        t.counters().forEach((county, m) -> {
            Map<String, LongAdder> mine = counters.computeIfAbsent(county, k -> new ConcurrentHashMap<>());
            m.forEach((name, v) -> mine.computeIfAbsent(name, x -> new LongAdder()).add(v));
        });
        withoutCounty.add(t.withoutCounty());
    }

    /**
     * Household counts and counters of a run.
     *
     * @param households per county id, the households evaluated
     * @param counters per county id, each counter's total ({@code pack:counter})
     * @param withoutCounty households evaluated that belong to no county
     */
    public record Tallies(Map<String, Long> households, Map<String, Map<String, Long>> counters, long withoutCounty)
            implements java.io.Serializable {
        public Tallies {
            households = Map.copyOf(households);
            Map<String, Map<String, Long>> c = new TreeMap<>();
            counters.forEach((k, v) -> c.put(k, Map.copyOf(v)));
            counters = java.util.Collections.unmodifiableMap(c);
        }
    }

    /** The run's note on {@code n} households that were decided but count towards no county. */
    public static String withoutCountyNote(long n) {
        return n + " 户的村不在输入的行政村中且无 countyId：已作决定，但不计入任何县 / " + n + " households were decided but"
                + " count towards no county: their village is not among the run's villages and they have no countyId;"
                + " add the villages or a countyId";
    }

    /**
     * Decides villages and counties: every county that has villages, a County fact or households
     * in this run, in county id order.
     */
    public synchronized RunResult finish() {
        finished = true;
        TreeSet<String> ids = new TreeSet<>(villagesByCounty.keySet());
        ids.addAll(counties.keySet());
        ids.addAll(households.keySet());
        List<CaseResult> results = new ArrayList<>();
        List<String> notes = new ArrayList<>(engine.notInForce(options.asOf()));
        if (withoutCounty.sum() > 0) {
            notes.add(withoutCountyNote(withoutCounty.sum()));
        }
        for (String id : ids) {
            Map<String, Long> totals = new TreeMap<>();
            counters.getOrDefault(id, Map.of()).forEach((k, v) -> totals.put(k, v.sum()));
            LongAdder n = households.get(id);
            CountyCase c = engine.countyCase(id, counties.get(id), villagesByCounty.getOrDefault(id, List.of()),
                    totals, n == null ? 0 : n.sum(), options);
            results.add(engine.evaluateCounty(c));
            notes.addAll(c.notes());
        }
        return new RunResult(results, notes);
    }
}
