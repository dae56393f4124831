package org.fuyu.policy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import org.fuyu.policy.WhatWouldChange.Change;
import org.fuyu.policy.WhatWouldChange.ChangeSet;
import org.fuyu.policy.WhatWouldChange.Kind;
import org.fuyu.policy.WhatWouldChange.Margin;

/**
 * Finds what would change the decisions of household cases (docs/what-would-change.md). Every
 * value it reports comes from evaluating a changed copy of the case with the engine, never from
 * arithmetic beside the rules: the criteria's recorded actual and required values only guide where
 * the next copy is tried (an exact guess for a criterion linear in the fact, such as
 * {@code perCapitaIncome < line} in {@code income.wage}; halving the interval otherwise).
 * <ol>
 * <li>the case again, with every criterion of every decision recorded (denials keep the passed ones);</li>
 * <li>each mutable fact of the case at each end of its plausible range, and each other value of a yes/no,
 *     rating or set fact: which failed criteria it meets, which grants it loses;</li>
 * <li>for each failed criterion and numeric fact that meets it at an end, the value nearest the case's
 *     that meets it (the next value toward the case's does not); for each grant, the value nearest the
 *     case's that loses it (the margin);</li>
 * <li>change sets, one fix per failed criterion, fewest facts first: each is evaluated, and kept only if it
 *     grants the code and no strict subset of it does (each subset evaluated too).</li>
 * </ol>
 * All copies of a batch of cases that can be tried at once are evaluated in one engine batch.
 */
final class ChangeFinder {
    /** Most copies one case may cost; past it, what is not found yet is not reported (never a guess). */
    static final int MAX_PROBES_PER_CASE = 4_000;
    /** Most change sets tried per denial. */
    private static final int MAX_COMBINATIONS = 24;
    private static final int CHUNK = 512;

    interface Evaluator {
        /** The decisions of each copy (every criterion recorded), or null for a copy whose evaluation failed. */
        List<List<Decision>> evaluate(List<HouseholdInput> inputs, List<String> counties);
    }

    private final Evaluator evaluator;
    private final Map<String, List<String>> mutableByPack;
    private final int sets;
    private final ArrayDeque<Probe> queue = new ArrayDeque<>();

    ChangeFinder(Evaluator evaluator, Map<String, List<String>> mutableByPack, int sets) {
        this.evaluator = evaluator;
        this.mutableByPack = mutableByPack;
        this.sets = sets;
    }

    private record Probe(Case owner, HouseholdInput input, Consumer<Outcomes> then) {
    }

    /** What would change each case's decisions; cases that failed, or whose search failed, get none. */
    List<List<WhatWouldChange>> find(List<HouseholdInput> inputs, List<String> counties, List<CaseResult> results) {
        // a slice of cases at a time: each holds its evaluated copies until it is done
        List<List<WhatWouldChange>> out = new ArrayList<>(inputs.size());
        for (int from = 0; from < inputs.size(); from += SLICE) {
            int to = Math.min(inputs.size(), from + SLICE);
            out.addAll(slice(inputs.subList(from, to), counties.subList(from, to), results.subList(from, to)));
        }
        return out;
    }

    /** Cases searched together: their copies are evaluated in shared engine batches. */
    private static final int SLICE = 128;

    private List<List<WhatWouldChange>> slice(List<HouseholdInput> inputs, List<String> counties, List<CaseResult> results) {
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Case c = new Case(inputs.get(i), counties.get(i));
            cases.add(c);
            if (!results.get(i).failed()) {
                c.start();
            }
        }
        drive();
        List<List<WhatWouldChange>> out = new ArrayList<>(cases.size());
        for (Case c : cases) {
            out.add(c.failed ? List.of() : c.finished != null ? c.finished : c.result());
        }
        return out;
    }

    private void drive() {
        while (!queue.isEmpty()) {
            List<Probe> round = new ArrayList<>(queue);
            queue.clear();
            for (int from = 0; from < round.size(); from += CHUNK) {
                List<Probe> chunk = round.subList(from, Math.min(round.size(), from + CHUNK));
                List<HouseholdInput> ins = new ArrayList<>(chunk.size());
                List<String> cs = new ArrayList<>(chunk.size());
                for (Probe p : chunk) {
                    ins.add(p.input);
                    cs.add(p.owner.county);
                }
                List<List<Decision>> ds = evaluator.evaluate(ins, cs);
                for (int i = 0; i < chunk.size(); i++) {
                    Probe p = chunk.get(i);
                    if (p.owner.failed) {
                        continue;
                    }
                    try {
                        p.owner.pending--;
                        p.then.accept(new Outcomes(ds.get(i)));
                        if (p.owner.pending == 0 && !p.owner.failed) {
                            p.owner.next();
                        }
                    } catch (RuntimeException e) { // a bad record costs only itself
                        p.owner.failed = true;
                    }
                }
            }
        }
    }

    /** The decisions of one evaluated copy, by code and subject. */
    static final class Outcomes {
        private final Map<String, Decision> byKey = new HashMap<>();
        final boolean failed;

        Outcomes(List<Decision> ds) {
            failed = ds == null;
            if (ds != null) {
                for (Decision d : ds) {
                    byKey.merge(key(d), d, (x, y) -> success(x) ? x : y);
                }
            }
        }

        Decision get(String key) {
            return byKey.get(key);
        }

        Iterable<Decision> all() {
            return byKey.values();
        }
    }

    static String key(Decision d) {
        return d.code() + '\u0000' + d.subjectType() + '\u0000' + d.subjectId();
    }

    static boolean success(Decision d) {
        return d != null && (d.outcome() == Outcome.GRANTED || d.outcome() == Outcome.FLAG
                || d.outcome() == Outcome.TARGET_MET);
    }

    /** The criterion of {@code d} with this label, or null. */
    static Criterion criterion(Decision d, String label) {
        if (d == null) {
            return null;
        }
        for (Criterion c : d.reasons()) {
            if (c.criterion().equals(label)) {
                return c;
            }
        }
        return null;
    }

    /** How far a criterion is from failing (≥ 0 where it passes): guides the search; null where it cannot. */
    static BigDecimal slack(Criterion c) {
        if (c == null) {
            return null;
        }
        if (c.anyOf() != null) {
            BigDecimal best = null;
            boolean any = c.operator() != null && c.operator().contains("any");
            for (Criterion part : c.anyOf()) {
                BigDecimal s = slack(part);
                if (s != null) {
                    best = best == null ? s : any ? best.max(s) : best.min(s);
                }
            }
            return best;
        }
        BigDecimal a = number(c.actual());
        BigDecimal r = number(c.required());
        if (a == null || r == null || c.operator() == null) {
            return null;
        }
        return switch (c.operator()) {
            case "<", "<=" -> r.subtract(a);
            case ">", ">=" -> a.subtract(r);
            default -> null;
        };
    }

    private static BigDecimal number(Object o) {
        if (o instanceof BigDecimal b) {
            return b;
        }
        if (o instanceof Long || o instanceof Integer) {
            return BigDecimal.valueOf(((Number) o).longValue());
        }
        return null;
    }

    /** A value of one fact that meets one failed criterion (the others unchanged). */
    private record Fix(FactField field, Object value, Kind kind) {
    }

    /** The search and its results for one household case. */
    private final class Case {
        final HouseholdInput input;
        final String county;
        int pending;
        int probes;
        boolean failed;
        /** The probe budget ran out: what was not found is not reported, and no denial is said to be unreachable. */
        boolean exhausted;
        int phase;
        List<WhatWouldChange> finished;
        Outcomes base;
        List<FactField> fields = List.of();
        final Map<String, Outcomes> ends = new HashMap<>();
        final Map<String, Denial> denials = new LinkedHashMap<>();
        final Map<String, Grant> grants = new LinkedHashMap<>();

        Case(HouseholdInput input, String county) {
            this.input = input;
            this.county = county;
        }

        void start() {
            probe(input, o -> base = o);
        }

        /** Copies with one fact changed, evaluated once each: searches for several criteria try the same values. */
        final Map<String, Outcomes> oneChange = new HashMap<>();
        final Map<String, List<Consumer<Outcomes>>> inFlight = new HashMap<>();
        /** Searches for one criterion of one pack about one subject, shared by the decisions that have it. */
        final Map<String, List<LongConsumer>> searches = new HashMap<>();
        final Map<String, Long> searched = new HashMap<>();

        /** The case with one fact set to {@code value}, evaluated (once per fact and value); false if the input cannot hold it. */
        boolean probe(FactField f, Object value, Consumer<Outcomes> then) {
            String k = f.path + '=' + value;
            Outcomes done = oneChange.get(k);
            if (done != null) {
                then.accept(done);
                return true;
            }
            List<Consumer<Outcomes>> waiting = inFlight.get(k);
            if (waiting != null) {
                pending++;
                waiting.add(then);
                return true;
            }
            HouseholdInput copy = f.with(input, value);
            if (copy == null) {
                return false;
            }
            List<Consumer<Outcomes>> mine = new ArrayList<>();
            mine.add(then);
            inFlight.put(k, mine);
            boolean asked = probe(copy, o -> {
                oneChange.put(k, o);
                inFlight.remove(k);
                pending -= mine.size() - 1;
                for (Consumer<Outcomes> c : mine) {
                    c.accept(o);
                }
            });
            if (!asked) {
                inFlight.remove(k);
            }
            return asked;
        }

        /** Runs a search once for {@code key}; every caller hears its result. */
        void shared(String key, LongConsumer done, Runnable start) {
            Long result = searched.get(key);
            if (result != null) {
                done.accept(result);
                return;
            }
            List<LongConsumer> listeners = searches.get(key);
            if (listeners != null) {
                listeners.add(done);
                return;
            }
            List<LongConsumer> mine = new ArrayList<>();
            mine.add(done);
            searches.put(key, mine);
            start.run();
        }

        LongConsumer deliver(String key) {
            return v -> {
                searched.put(key, v);
                for (LongConsumer c : searches.remove(key)) {
                    c.accept(v);
                }
            };
        }

        boolean probe(HouseholdInput in, Consumer<Outcomes> then) {
            if (in == null) {
                return false;
            }
            if (++probes > MAX_PROBES_PER_CASE) {
                exhausted = true;
                return false;
            }
            pending++;
            queue.add(new Probe(this, in, then));
            return true;
        }

        /** Called when every copy asked for so far is evaluated. */
        void next() {
            phase++;
            switch (phase) {
                case 1 -> ends();
                case 2 -> searches();
                case 3 -> combinations();
                case 4 -> subsets();
                default -> {
                }
            }
            if (pending == 0 && phase < 4) {
                next();
            } else if (pending == 0 && finished == null && !failed) {
                finished = result(); // done: what it evaluated is not needed any more
                oneChange.clear();
                ends.clear();
                base = null;
            }
        }

        /** Phase 1: each mutable fact at each end of its range, each other value of the others. */
        void ends() {
            if (base.failed) {
                failed = true;
                return;
            }
            java.util.Set<String> declared = new java.util.LinkedHashSet<>();
            for (Decision d : base.all()) {
                if (d.subjectType() == SubjectType.COUNTY || d.subjectType() == SubjectType.VILLAGE) {
                    continue;
                }
                List<String> m = mutableByPack.getOrDefault(d.pack(), List.of());
                if (m.isEmpty()) {
                    continue;
                }
                if (d.outcome() == Outcome.DENIED) {
                    denials.put(key(d), new Denial(d, m));
                    declared.addAll(m);
                } else if (d.outcome() == Outcome.GRANTED) { // margins are a grant's (flags have none)
                    grants.put(key(d), new Grant(d, m));
                    declared.addAll(m);
                }
            }
            fields = FactField.of(List.copyOf(declared), input);
            for (FactField f : fields) {
                if (f.type == FactField.Type.NUMBER) {
                    for (long end : new long[] {f.min, f.max}) {
                        String k = f.path + '=' + end;
                        probe(f, end, o -> ends.put(k, o));
                    }
                } else {
                    for (Object v : f.alternatives(input)) {
                        String k = f.path + '=' + v;
                        probe(f, v, o -> ends.put(k, o));
                    }
                }
            }
        }

        /** Phase 2: for each failed criterion the nearest value of each fact that meets it; for each grant its margins. */
        void searches() {
            for (Denial d : denials.values()) {
                d.searches();
            }
            for (Grant g : grants.values()) {
                g.searches();
            }
        }

        void combinations() {
            for (Denial d : denials.values()) {
                d.combinations();
            }
        }

        void subsets() {
            for (Denial d : denials.values()) {
                d.subsets();
            }
        }

        List<WhatWouldChange> result() {
            List<WhatWouldChange> out = new ArrayList<>();
            for (Denial d : denials.values()) {
                WhatWouldChange w = d.result();
                if (w != null) {
                    out.add(w);
                }
            }
            for (Grant g : grants.values()) {
                WhatWouldChange w = g.result();
                if (w != null) {
                    out.add(w);
                }
            }
            return out;
        }

        /** An integer search between a value that fails the predicate and one that meets it, for the boundary nearest the fail. */
        final class Search {
            final FactField field;
            long fail;
            long meet;
            BigDecimal gFail;
            BigDecimal gMeet;
            final Predicate<Outcomes> meets;
            final Function<Outcomes, BigDecimal> guide;
            final LongConsumer done;
            int sameSide;
            int lastSide;

            Search(FactField field, long fail, BigDecimal gFail, long meet, BigDecimal gMeet, Predicate<Outcomes> meets,
                   Function<Outcomes, BigDecimal> guide, LongConsumer done) {
                this.field = field;
                this.fail = fail;
                this.meet = meet;
                this.gFail = gFail;
                this.gMeet = gMeet;
                this.meets = meets;
                this.guide = guide;
                this.done = done;
            }

            void step() {
                if (Math.abs(meet - fail) <= 1) {
                    done.accept(meet);
                    return;
                }
                long x = next();
                if (field.with(input, x) == null || probes > MAX_PROBES_PER_CASE) {
                    if (probes > MAX_PROBES_PER_CASE) {
                        exhausted = true;
                        return; // never finishes: not reported
                    }
                    moved(-1); // the input cannot hold it: treat as not meeting
                    fail = x;
                    gFail = null;
                    step();
                    return;
                }
                probe(field, x, o -> {
                    if (meets.test(o)) {
                        moved(1);
                        meet = x;
                        gMeet = guide.apply(o);
                    } else {
                        moved(-1);
                        fail = x;
                        gFail = guide.apply(o);
                    }
                    step();
                });
            }

            private void moved(int side) {
                sameSide = side == lastSide ? sameSide + 1 : 0;
                lastSide = side;
            }

            private long next() {
                long lo = Math.min(fail, meet) + 1;
                long hi = Math.max(fail, meet) - 1;
                long mid = fail + (meet - fail) / 2;
                if (gFail == null || gMeet == null || gFail.compareTo(gMeet) == 0 || sameSide >= 1) {
                    sameSide = 0;
                    return Math.max(lo, Math.min(hi, mid));
                }
                // where the criterion's distance from its requirement reaches 0, if it is linear in this fact
                BigDecimal span = BigDecimal.valueOf(meet).subtract(BigDecimal.valueOf(fail));
                BigDecimal at = BigDecimal.valueOf(fail).add(gFail.negate().multiply(span)
                        .divide(gMeet.subtract(gFail), 6, RoundingMode.HALF_EVEN));
                long x = at.setScale(0, meet > fail ? RoundingMode.CEILING : RoundingMode.FLOOR).longValue();
                return Math.max(lo, Math.min(hi, x));
            }
        }

        final class Denial {
            final Decision decision;
            final String key;
            final List<FactField> mine = new ArrayList<>();
            final List<Criterion> failedCriteria = new ArrayList<>();
            final Map<String, List<Fix>> fixes = new LinkedHashMap<>();
            final List<Map<FactField, Fix>> verified = new ArrayList<>();
            final List<Map<FactField, Fix>> minimal = new ArrayList<>();
            String cannot;

            Denial(Decision d, List<String> mutable) {
                this.decision = d;
                this.key = key(d);
                for (Criterion c : d.reasons()) {
                    if (!c.passed()) {
                        failedCriteria.add(c);
                        fixes.put(c.criterion(), new ArrayList<>());
                    }
                }
                this.mutable = mutable;
            }

            final List<String> mutable;

            boolean meets(Outcomes o, String label) {
                Decision d = o.get(key);
                if (success(d)) {
                    return true;
                }
                Criterion c = criterion(d, label);
                return c != null && c.passed();
            }

            void searches() {
                for (FactField f : fields) {
                    if (!mutable.contains(f.declared) || !f.bearsOn(decision.subjectType(), decision.subjectId())) {
                        continue;
                    }
                    mine.add(f);
                }
                for (Criterion c : failedCriteria) {
                    String label = c.criterion();
                    for (FactField f : mine) {
                        if (f.type == FactField.Type.NUMBER) {
                            for (boolean up : new boolean[] {false, true}) {
                                long end = up ? f.max : f.min;
                                Outcomes o = ends.get(f.path + '=' + end);
                                long now = f.nowLong(input, up);
                                if (o == null || !meets(o, label) || (up ? now >= end : now <= end)) {
                                    continue;
                                }
                                String sk = decision.pack() + '\u0000' + decision.subjectType() + '\u0000'
                                        + decision.subjectId() + '\u0000' + label + '\u0000' + f.path + '\u0000' + up;
                                shared(sk, v -> fixes.get(label).add(new Fix(f, v, up ? Kind.AT_LEAST : Kind.AT_MOST)),
                                        () -> new Search(f, now, slack(c), end, slack(criterion(o.get(key), label)),
                                                x -> meets(x, label), x -> slack(criterion(x.get(key), label)),
                                                deliver(sk)).step());
                            }
                        } else {
                            for (Object v : f.alternatives(input)) {
                                Outcomes o = ends.get(f.path + '=' + v);
                                if (o != null && meets(o, label)) {
                                    Kind k = f.type == FactField.Type.SET
                                            ? (((java.util.Set<?>) f.now(input)).contains(v) ? Kind.REMOVE : Kind.ADD) : Kind.SET;
                                    fixes.get(label).add(new Fix(f, v, k));
                                }
                            }
                        }
                    }
                }
            }

            void combinations() {
                for (List<Fix> fs : fixes.values()) {
                    if (fs.isEmpty()) {
                        cannot = WhatWouldChange.CANNOT_QUALIFY;
                        return;
                    }
                }
                if (fixes.isEmpty()) {
                    cannot = WhatWouldChange.CANNOT_QUALIFY;
                    return;
                }
                List<Map<FactField, Fix>> combos = new ArrayList<>();
                combos.add(new LinkedHashMap<>());
                for (List<Fix> options : fixes.values()) {
                    List<Map<FactField, Fix>> more = new ArrayList<>();
                    for (Map<FactField, Fix> partial : combos) {
                        for (Fix fix : options) {
                            Map<FactField, Fix> m = merge(partial, fix);
                            if (m != null && !more.contains(m)) {
                                more.add(m);
                            }
                            if (more.size() > 4 * MAX_COMBINATIONS) {
                                break;
                            }
                        }
                    }
                    combos = more;
                }
                combos.sort(Comparator.<Map<FactField, Fix>>comparingInt(Map::size).thenComparingDouble(this::distance));
                untried.addAll(combos.subList(0, Math.min(combos.size(), MAX_COMBINATIONS)));
                tryCombinations();
            }

            /** Evaluates the next few change sets, smallest first, until enough grant the code or none is left. */
            private void tryCombinations() {
                int n = Math.min(untried.size(), sets + 1 - Math.min(sets, verified.size()));
                List<Map<FactField, Fix>> now = new ArrayList<>(untried.subList(0, n));
                untried.subList(0, n).clear();
                int[] left = {0};
                for (Map<FactField, Fix> combo : now) {
                    boolean asked = probe(apply(combo), o -> {
                        if (success(o.get(key))) {
                            verified.add(combo);
                        }
                        if (--left[0] == 0 && verified.size() < sets && !untried.isEmpty()) {
                            tryCombinations();
                        }
                    });
                    if (asked) {
                        left[0]++;
                    }
                }
                if (left[0] == 0 && verified.size() < sets && !untried.isEmpty() && !exhausted) {
                    tryCombinations();
                }
            }

            final List<Map<FactField, Fix>> untried = new ArrayList<>();

            /** The relative size of a change set: how far each numeric fact moves, as a share of its value now. */
            private double distance(Map<FactField, Fix> combo) {
                double sum = 0;
                for (Fix f : combo.values()) {
                    if (f.value instanceof Long v) {
                        double now = f.field.nowLong(input, f.kind == Kind.AT_LEAST);
                        sum += Math.abs(v - now) / Math.max(1, Math.abs(now));
                    } else {
                        sum += 1;
                    }
                }
                return sum;
            }

            private Map<FactField, Fix> merge(Map<FactField, Fix> partial, Fix fix) {
                Map<FactField, Fix> m = new LinkedHashMap<>(partial);
                Fix prev = m.get(fix.field);
                if (prev == null) {
                    m.put(fix.field, fix);
                    return m;
                }
                if (prev.equals(fix)) {
                    return m;
                }
                if (prev.kind == fix.kind && prev.value instanceof Long a && fix.value instanceof Long b) {
                    m.put(fix.field, fix.kind == Kind.AT_MOST ? (a <= b ? prev : fix) : (a >= b ? prev : fix));
                    return m;
                }
                return null; // two different values of one fact
            }

            HouseholdInput apply(Map<FactField, Fix> combo) {
                HouseholdInput in = input;
                for (Fix f : combo.values()) {
                    in = in == null ? null : f.field.with(in, f.value);
                }
                return in;
            }

            void subsets() {
                verified.sort(Comparator.<Map<FactField, Fix>>comparingInt(Map::size).thenComparingDouble(this::distance));
                for (Map<FactField, Fix> s : verified) {
                    if (minimal.size() >= 2 * sets) {
                        break;
                    }
                    boolean covered = false;
                    for (Map<FactField, Fix> m : minimal) {
                        if (s.keySet().containsAll(m.keySet()) && s.values().containsAll(m.values())) {
                            covered = true;
                        }
                    }
                    if (covered) {
                        continue;
                    }
                    minimal.add(s);
                    if (s.size() > 1) {
                        // every strict subset: none may grant the code (sets are small, at most a few facts)
                        List<FactField> keys = new ArrayList<>(s.keySet());
                        int n = keys.size();
                        if (n > 6) {
                            minimal.remove(s);
                            continue;
                        }
                        for (int mask = 1; mask < (1 << n) - 1; mask++) {
                            Map<FactField, Fix> sub = new LinkedHashMap<>();
                            for (int i = 0; i < n; i++) {
                                if ((mask & (1 << i)) != 0) {
                                    sub.put(keys.get(i), s.get(keys.get(i)));
                                }
                            }
                            if (!probe(apply(sub), o -> {
                                if (success(o.get(key))) {
                                    minimal.remove(s);
                                }
                            })) {
                                minimal.remove(s); // not checked: not reported
                            }
                        }
                    }
                }
            }

            WhatWouldChange result() {
                List<ChangeSet> out = new ArrayList<>();
                for (Map<FactField, Fix> s : minimal) {
                    List<Change> cs = new ArrayList<>();
                    for (Fix f : s.values()) {
                        Object now = f.field.now(input);
                        if (f.kind == Kind.ADD || f.kind == Kind.REMOVE) {
                            cs.add(new Change(f.field.path, null, f.kind, f.value));
                        } else {
                            Object needed = f.value instanceof Long v && now instanceof BigDecimal ? BigDecimal.valueOf(v) : f.value;
                            cs.add(new Change(f.field.path, now, f.kind, needed));
                        }
                    }
                    cs.sort(Comparator.comparing(Change::field));
                    out.add(new ChangeSet(cs));
                    if (out.size() >= sets) {
                        break;
                    }
                }
                if (out.isEmpty() && exhausted) {
                    return null;
                }
                String why = out.isEmpty() ? (cannot != null ? cannot : WhatWouldChange.NONE_VERIFIED) : null;
                return new WhatWouldChange(decision.subjectType(), decision.subjectId(), decision.code(), out, why, List.of());
            }
        }

        final class Grant {
            final Decision decision;
            final String key;
            final List<String> mutable;
            final Map<FactField, Long[]> margins = new LinkedHashMap<>();

            Grant(Decision d, List<String> mutable) {
                this.decision = d;
                this.key = key(d);
                this.mutable = mutable;
            }

            void searches() {
                for (FactField f : fields) {
                    if (f.type != FactField.Type.NUMBER || !mutable.contains(f.declared)
                            || !f.bearsOn(decision.subjectType(), decision.subjectId())) {
                        continue;
                    }
                    for (boolean up : new boolean[] {false, true}) {
                        long end = up ? f.max : f.min;
                        Outcomes o = ends.get(f.path + '=' + end);
                        long now = f.nowLong(input, !up);
                        if (o == null || o.failed || success(o.get(key)) || (up ? now >= end : now <= end)) {
                            continue;
                        }
                        String label = firstFailed(o.get(key));
                        Search s = new Search(f, now, slack(criterion(decision, label)), end,
                                slack(criterion(o.get(key), label)), x -> !success(x.get(key)),
                                x -> slack(criterion(x.get(key), label)), v -> {
                                    Long[] m = margins.computeIfAbsent(f, k -> new Long[2]);
                                    m[up ? 0 : 1] = Math.abs(v - now) - 1;
                                });
                        // a copy whose decision is lost must not be taken for the value 'now': the search starts from it
                        s.step();
                    }
                }
            }

            private String firstFailed(Decision lost) {
                if (lost != null) {
                    for (Criterion c : lost.reasons()) {
                        if (!c.passed()) {
                            return c.criterion();
                        }
                    }
                }
                return "";
            }

            WhatWouldChange result() {
                List<Margin> ms = new ArrayList<>();
                margins.forEach((f, m) -> ms.add(new Margin(f.path, f.now(input), m[0], m[1])));
                ms.sort(Comparator.comparing(Margin::field));
                return ms.isEmpty() ? null
                        : new WhatWouldChange(decision.subjectType(), decision.subjectId(), decision.code(), List.of(), null, ms);
            }
        }
    }
}
