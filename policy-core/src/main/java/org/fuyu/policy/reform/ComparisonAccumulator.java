package org.fuyu.policy.reform;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.fuyu.policy.CaseResult;
import org.fuyu.policy.Decision;
import org.fuyu.policy.HouseholdInput;
import org.fuyu.policy.Outcome;
import org.fuyu.policy.SubjectType;

/**
 * Diffs baseline and reform results case by case as they stream past and keeps only totals:
 * per code and outcome, per village, per income bin. Memory grows with the number of codes,
 * villages and income bins, never with the number of households. Used from one thread; parts of
 * a population compared apart (on several machines: it is serializable, without its change
 * listener) are added together with {@link #merge}. Made by {@link ReformComparison#accumulator}.
 */
public final class ComparisonAccumulator implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final Set<String> benefitCodes;
    private transient Consumer<SubjectChange> changes;

    private final Map<String, Map<Outcome, long[]>> totals = new TreeMap<>();
    private final Map<String, VillageTotals> villages = new TreeMap<>();
    private final IncomeBands bands = new IncomeBands();
    private final LineBands lineBands;
    private final List<Comparison.Flip> flips = new ArrayList<>();
    private long compared;
    private long changedHouseholds;
    private long winners;
    private long winnersDelta;
    private long losers;
    private long losersDelta;
    private long sameTotal;
    private long baselineCost;
    private long reformCost;
    private long subjectsChanged;

    /**
     * @param benefitCodes codes whose GRANTED amounts count as benefits; null for every code
     * @param lineBands bands around the low-income line, or null when there is no line
     */
    ComparisonAccumulator(Set<String> benefitCodes, LineBands lineBands, Consumer<SubjectChange> changes) {
        this.benefitCodes = benefitCodes;
        this.lineBands = lineBands;
        this.changes = changes;
    }

    private static final class VillageTotals extends GroupTotals {
        private static final long serialVersionUID = 1L;
        String countyId;
    }

    /** Where the subjects that changed go from now on (after this part was sent elsewhere). */
    public void changes(Consumer<SubjectChange> listener) {
        this.changes = listener;
    }

    /**
     * Adds another part's totals. Flips are kept in the order the parts are added: add county
     * parts in county id order for the order of {@code fuyu compare}.
     */
    public void merge(ComparisonAccumulator o) {
        o.totals.forEach((code, byOutcome) -> byOutcome.forEach((outcome, t) -> {
            long[] mine = totals.computeIfAbsent(code, k -> new EnumMap<>(Outcome.class))
                    .computeIfAbsent(outcome, k -> new long[4]);
            mine[0] += t[0];
            mine[1] += t[1];
            mine[2] = Math.addExact(mine[2], t[2]);
            mine[3] = Math.addExact(mine[3], t[3]);
        }));
        o.villages.forEach((id, v) -> {
            VillageTotals mine = villages.computeIfAbsent(id, k -> new VillageTotals());
            if (mine.countyId == null) {
                mine.countyId = v.countyId;
            }
            mine.merge(v);
        });
        bands.merge(o.bands);
        if (lineBands != null && o.lineBands != null) {
            lineBands.merge(o.lineBands);
        }
        flips.addAll(o.flips);
        compared += o.compared;
        changedHouseholds += o.changedHouseholds;
        winners += o.winners;
        winnersDelta = Math.addExact(winnersDelta, o.winnersDelta);
        losers += o.losers;
        losersDelta = Math.addExact(losersDelta, o.losersDelta);
        sameTotal += o.sameTotal;
        baselineCost = Math.addExact(baselineCost, o.baselineCost);
        reformCost = Math.addExact(reformCost, o.reformCost);
        subjectsChanged += o.subjectsChanged;
    }

    /** One household case evaluated without error on both sides. */
    public void household(HouseholdInput in, CaseResult baseline, CaseResult reform) {
        String householdId = in.household().id();
        String villageId = in.household().villageId();
        String countyId = baseline.countyId() != null ? baseline.countyId() : reform.countyId();
        boolean changed = diff(baseline, reform, householdId, villageId, countyId);
        long base = benefit(baseline.decisions());
        long ref = benefit(reform.decisions());
        long delta = Math.subtractExact(ref, base);
        compared++;
        if (changed) {
            changedHouseholds++;
        }
        VillageTotals v = villages.computeIfAbsent(villageId, k -> new VillageTotals());
        if (v.countyId == null) {
            v.countyId = countyId;
        }
        v.add(base, ref, changed);
        if (delta > 0) {
            winners++;
            winnersDelta = Math.addExact(winnersDelta, delta);
        } else if (delta < 0) {
            losers++;
            losersDelta = Math.addExact(losersDelta, delta);
        } else {
            sameTotal++;
        }
        bands.add(in.household().perCapitaIncome(), base, ref, changed);
        if (lineBands != null) {
            lineBands.add(in.household().perCapitaIncome(), base, ref, changed);
        }
    }

    Comparison.LineBands lineBands() {
        return lineBands == null ? null : lineBands.result();
    }

    /** One county case (its villages and the county) evaluated without error on both sides. */
    public void county(CaseResult baseline, CaseResult reform) {
        String countyId = baseline != null ? baseline.subjectId() : reform.subjectId();
        diff(baseline, reform, null, null, countyId);
    }

    /**
     * Diffs one case subject by subject, writes the subjects that changed, adds every decision
     * to the totals and records target flips. True when anything changed.
     */
    private boolean diff(CaseResult baseline, CaseResult reform, String householdId, String villageId, String countyId) {
        List<Decision> b = baseline == null ? List.of() : baseline.decisions();
        List<Decision> r = reform == null ? List.of() : reform.decisions();
        b.forEach(d -> total(d, 0));
        r.forEach(d -> total(d, 1));
        if (sameOutcomes(b, r)) {
            return false;
        }
        Map<SubjectKey, List<List<Decision>>> bySubject = new TreeMap<>();
        b.forEach(d -> bySubject.computeIfAbsent(SubjectKey.of(d), k -> sides()).get(0).add(d));
        r.forEach(d -> bySubject.computeIfAbsent(SubjectKey.of(d), k -> sides()).get(1).add(d));
        boolean any = false;
        for (Map.Entry<SubjectKey, List<List<Decision>>> e : bySubject.entrySet()) {
            SubjectKey s = e.getKey();
            SubjectChange c = subjectChange(s, e.getValue().get(0), e.getValue().get(1), householdId,
                    s.type() == SubjectType.VILLAGE ? s.id() : villageId, countyId);
            if (c != null && reform != null && !reform.whatWouldChange().isEmpty()) {
                List<org.fuyu.policy.WhatWouldChange> ws = new ArrayList<>();
                for (org.fuyu.policy.WhatWouldChange w : reform.whatWouldChange()) {
                    if (w.subjectType() == s.type() && java.util.Objects.equals(w.subjectId(), s.id())) {
                        ws.add(w);
                    }
                }
                c = new SubjectChange(c.subjectType(), c.subjectId(), c.householdId(), c.villageId(), c.countyId(),
                        c.baselineYuan(), c.reformYuan(), c.deltaYuan(), c.added(), c.removed(), c.changed(), ws);
            }
            if (c != null) {
                any = true;
                subjectsChanged++;
                changes.accept(c);
            }
        }
        return any;
    }

    /** Same subjects, codes, outcomes and amounts in the same (canonical) order: nothing to diff. */
    private static boolean sameOutcomes(List<Decision> b, List<Decision> r) {
        if (b.size() != r.size()) {
            return false;
        }
        for (int i = 0; i < b.size(); i++) {
            Decision x = b.get(i);
            Decision y = r.get(i);
            if (x.subjectType() != y.subjectType() || !x.subjectId().equals(y.subjectId()) || !x.code().equals(y.code())
                    || x.outcome() != y.outcome() || !java.util.Objects.equals(x.amountYuan(), y.amountYuan())) {
                return false;
            }
        }
        return true;
    }

    private static List<List<Decision>> sides() {
        List<List<Decision>> l = new ArrayList<>(2);
        l.add(new ArrayList<>());
        l.add(new ArrayList<>());
        return l;
    }

    private SubjectChange subjectChange(SubjectKey s, List<Decision> b, List<Decision> r, String householdId,
                                        String villageId, String countyId) {
        Map<String, List<List<Decision>>> byCode = new TreeMap<>();
        b.forEach(d -> byCode.computeIfAbsent(d.code(), k -> sides()).get(0).add(d));
        r.forEach(d -> byCode.computeIfAbsent(d.code(), k -> sides()).get(1).add(d));
        List<SubjectChange.Entry> added = new ArrayList<>();
        List<SubjectChange.Entry> removed = new ArrayList<>();
        List<SubjectChange.Change> changed = new ArrayList<>();
        for (Map.Entry<String, List<List<Decision>>> e : byCode.entrySet()) {
            List<Decision> from = e.getValue().get(0);
            List<Decision> to = e.getValue().get(1);
            int n = Math.max(from.size(), to.size());
            for (int i = 0; i < n; i++) {
                Decision f = i < from.size() ? from.get(i) : null;
                Decision t = i < to.size() ? to.get(i) : null;
                if (f == null) {
                    added.add(entry(t));
                } else if (t == null) {
                    removed.add(entry(f));
                } else if (f.outcome() != t.outcome() || !java.util.Objects.equals(f.amountYuan(), t.amountYuan())) {
                    changed.add(new SubjectChange.Change(e.getKey(), new SubjectChange.Side(f.outcome(), f.amountYuan()),
                            new SubjectChange.Side(t.outcome(), t.amountYuan()), benefit(t) - benefit(f)));
                    if (isTarget(f.outcome()) && isTarget(t.outcome())) {
                        flips.add(new Comparison.Flip(s.type(), s.id(), countyId, e.getKey(), f.outcome(), t.outcome()));
                    }
                }
            }
        }
        if (added.isEmpty() && removed.isEmpty() && changed.isEmpty()) {
            return null;
        }
        long base = benefit(b);
        long ref = benefit(r);
        String household = s.type() == SubjectType.VILLAGE || s.type() == SubjectType.COUNTY ? null : householdId;
        return new SubjectChange(s.type(), s.id(), household, villageId, countyId, base, ref, ref - base,
                added, removed, changed);
    }

    private static boolean isTarget(Outcome o) {
        return o == Outcome.TARGET_MET || o == Outcome.TARGET_MISSED;
    }

    private static SubjectChange.Entry entry(Decision d) {
        return new SubjectChange.Entry(d.code(), d.outcome(), d.amountYuan());
    }

    private void total(Decision d, int side) {
        long[] t = totals.computeIfAbsent(d.code(), k -> new EnumMap<>(Outcome.class))
                .computeIfAbsent(d.outcome(), k -> new long[4]);
        t[side]++;
        if (d.amountYuan() != null) {
            t[2 + side] = Math.addExact(t[2 + side], d.amountYuan()); // exact: an overflow stops, never wraps
        }
        long benefit = benefit(d);
        if (side == 0) {
            baselineCost = Math.addExact(baselineCost, benefit);
        } else {
            reformCost = Math.addExact(reformCost, benefit);
        }
    }

    /** The amount a decision counts toward its subject's benefit: a GRANTED amount of a counted code. */
    private long benefit(Decision d) {
        if (d.outcome() != Outcome.GRANTED || d.amountYuan() == null) {
            return 0;
        }
        return benefitCodes == null || benefitCodes.contains(d.code()) ? d.amountYuan() : 0;
    }

    private long benefit(List<Decision> ds) {
        long sum = 0;
        for (Decision d : ds) {
            sum = Math.addExact(sum, benefit(d));
        }
        return sum;
    }

    Comparison.Households households() {
        return new Comparison.Households(compared, changedHouseholds, new Comparison.GainLoss(winners, winnersDelta),
                new Comparison.GainLoss(losers, losersDelta), sameTotal);
    }

    Comparison.Cost cost() {
        return new Comparison.Cost(baselineCost, reformCost, reformCost - baselineCost);
    }

    List<Comparison.CodeTotal> totals() {
        List<Comparison.CodeTotal> out = new ArrayList<>();
        totals.forEach((code, byOutcome) -> byOutcome.forEach((outcome, t) -> out.add(new Comparison.CodeTotal(code,
                outcome, t[0], t[1], t[1] - t[0], t[2], t[3], t[3] - t[2]))));
        return out;
    }

    List<Comparison.Flip> flips() {
        return flips;
    }

    List<Comparison.VillageResult> villages() {
        List<Comparison.VillageResult> out = new ArrayList<>();
        villages.forEach((id, v) -> out.add(new Comparison.VillageResult(id, v.countyId, v.households, v.changed,
                v.winnersGainLoss(), v.losersGainLoss(),
                v.baselineYuan, v.reformYuan, v.reformYuan - v.baselineYuan)));
        return out;
    }

    List<Comparison.IncomeBand> deciles() {
        return bands.deciles();
    }

    long subjectsChanged() {
        return subjectsChanged;
    }

    /** A subject in the canonical order of decisions: type, then id. */
    private record SubjectKey(SubjectType type, String id) implements Comparable<SubjectKey> {
        private static final Comparator<SubjectKey> ORDER = Comparator.comparing(SubjectKey::type)
                .thenComparing(SubjectKey::id);

        static SubjectKey of(Decision d) {
            return new SubjectKey(d.subjectType(), d.subjectId());
        }

        @Override
        public int compareTo(SubjectKey o) {
            return ORDER.compare(this, o);
        }
    }
}
