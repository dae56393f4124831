package org.fuyu.policy.testkit;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.fuyu.policy.HouseholdInput;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.facts.Assets;
import org.fuyu.policy.facts.Business;
import org.fuyu.policy.facts.BusinessKind;
import org.fuyu.policy.facts.CollectiveIncome;
import org.fuyu.policy.facts.County;
import org.fuyu.policy.facts.Credit;
import org.fuyu.policy.facts.CreditRating;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.facts.HouseholdStatus;
import org.fuyu.policy.facts.Income;
import org.fuyu.policy.facts.Person;
import org.fuyu.policy.facts.PersonCategory;
import org.fuyu.policy.facts.Sector;
import org.fuyu.policy.facts.SizeClass;
import org.fuyu.policy.facts.Village;
import org.fuyu.policy.params.Parameter;
import org.fuyu.policy.params.ParameterSet;

/**
 * jqwik arbitraries for every fact type of spec §1, built from the parameters an engine has
 * loaded. Every fact they produce is valid; numbers concentrate on the boundaries the parameters
 * in force on the case's date create (see {@link Thresholds}): a good share of values is a
 * threshold, one below it or one above it (per-capita income exactly at {@code low_income.line}
 * is a total of line × members), the rest spread over a plausible range. Values shrink towards
 * the defaults (0, false, no statuses), so a shrunk counterexample shows only what matters.
 * <pre>
 * FactArbitraries facts = FactArbitraries.of(engine, LocalDate.of(2024, 6, 30));
 * &#64;Provide Arbitrary&lt;Household&gt; households() { return facts.households(); }
 * </pre>
 * {@link #invalidRecords()} gives records a reader must reject, with the field it must name.
 * <p>
 * How: each fact is generated as a draft of independent choices ("a boundary, the 3rd one";
 * "anything in range") and resolved against the thresholds of the case's date and the values it
 * depends on (the number of members, the total income). No {@code flatMap}: generation stays
 * fast and shrinking works on every choice.
 */
public final class FactArbitraries {
    /** Most members a generated household has. */
    public static final int MAX_MEMBERS = 6;
    /** Most households, villages and counties in a generated scenario. */
    public static final int MAX_HOUSEHOLDS = 4;
    public static final int MAX_VILLAGES = 4;
    public static final int MAX_COUNTIES = 2;

    private final ParameterSet parameters;
    private final LocalDate asOf;
    private final Map<LocalDate, Thresholds> thresholds = new ConcurrentHashMap<>();

    private FactArbitraries(ParameterSet parameters, LocalDate asOf) {
        this.parameters = parameters;
        this.asOf = asOf;
    }

    /** Arbitraries at the engine's parameters (pack defaults with every override). */
    public static FactArbitraries of(PolicyEngine engine, LocalDate asOf) {
        return new FactArbitraries(engine.parameters(), asOf);
    }

    public static FactArbitraries of(ParameterSet parameters, LocalDate asOf) {
        return new FactArbitraries(parameters, asOf);
    }

    /** The date cases are decided on unless {@link #asOfs()} picks a parameter's effective date. */
    public LocalDate asOf() {
        return asOf;
    }

    public Thresholds thresholds() {
        return thresholds(asOf);
    }

    public Thresholds thresholds(LocalDate date) {
        return thresholds.computeIfAbsent(date, d -> new Thresholds(parameters, d));
    }

    /**
     * Case dates: mostly {@link #asOf()}; otherwise a date a parameter value takes effect, or the
     * day before, as long as every parameter has a value in force on it.
     */
    public Arbitrary<LocalDate> asOfs() {
        List<LocalDate> dates = otherDates();
        if (dates.isEmpty()) {
            return Arbitraries.just(asOf);
        }
        return Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(asOf)), Tuple.of(1, Arbitraries.of(dates)));
    }

    private List<LocalDate> otherDates() {
        LocalDate firstComplete = LocalDate.MIN;
        for (Parameter p : parameters.all()) {
            if (!p.values().isEmpty() && p.values().firstKey().isAfter(firstComplete)) {
                firstComplete = p.values().firstKey();
            }
        }
        TreeSet<LocalDate> dates = new TreeSet<>();
        for (Parameter p : parameters.all()) {
            for (LocalDate d : p.values().keySet()) {
                for (LocalDate x : List.of(d, d.minusDays(1))) {
                    if (!x.isBefore(firstComplete) && !x.equals(asOf)) {
                        dates.add(x);
                    }
                }
            }
        }
        return List.copyOf(dates);
    }

    // ---- single facts at asOf(), with fixed ids (h1, v1, C1, ...) ----

    /** Household members aged at each age boundary (± 1) or anywhere in 0–120. */
    public Arbitrary<Person> persons() {
        return personDrafts().map(d -> d.resolve(thresholds(), "p1"));
    }

    /** Households of 1–6 members in village v1, per-capita incomes and means-test assets at the thresholds. */
    public Arbitrary<Household> households() {
        return householdDrafts().map(d -> FactCopies.withIds(d.resolve(thresholds()), "h1", "v1", null));
    }

    /** Businesses of household h1 in village v1 owned by h1-p1, at the month, job and area boundaries. */
    public Arbitrary<Business> businesses() {
        return businessDrafts().map(d -> FactCopies.withIds(d.resolve(thresholds()), "h1-b1", "h1-p1", "h1", "v1"));
    }

    /** Villages of county C1 with collective incomes at the band thresholds. */
    public Arbitrary<Village> villages() {
        return villageDrafts().map(d -> FactCopies.withIds(d.resolve(thresholds()), "v1", "C1"));
    }

    /** County facts with growth and ratios at the target rates. */
    public Arbitrary<County> counties() {
        return countyDrafts().map(d -> FactCopies.withId(d.resolve(thresholds()), "C1"));
    }

    /** A household with its businesses (owned by its members). */
    public Arbitrary<HouseholdInput> householdInputs() {
        return scenarios().map(s -> s.households().get(0));
    }

    /**
     * Whole inputs: 1–4 households (with 0–2 businesses each) in 1–4 villages of 1–2 counties,
     * some with County facts, decided on a date from {@link #asOfs()}, with or without denials.
     */
    public Arbitrary<Scenario> scenarios() {
        List<LocalDate> dates = otherDates();
        Arbitrary<Integer> date = dates.isEmpty() ? Arbitraries.just(-1)
                : Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(-1)),
                Tuple.of(1, Arbitraries.integers().between(0, dates.size() - 1)));
        return Combinators.combine(date, flag(1, 1),
                        villageDrafts().list().ofMinSize(1).ofMaxSize(MAX_VILLAGES),
                        householdDrafts().list().ofMinSize(1).ofMaxSize(MAX_HOUSEHOLDS),
                        countyDrafts().injectNull(0.3).list().ofSize(MAX_COUNTIES),
                        Arbitraries.integers().between(1, MAX_COUNTIES))
                .as((d, deny, vs, hs, cs, nc) -> assemble(thresholds(d < 0 ? asOf : dates.get(d)), deny, vs, hs, cs, nc));
    }

    /** Records a reader must reject, each with the field its error must name (see {@link InvalidRecord}). */
    public Arbitrary<InvalidRecord> invalidRecords() {
        return InvalidRecords.of(this);
    }

    // ---- choices: what a generated number is, before the thresholds it depends on are known ----

    /**
     * A number to be resolved later: the default (kind 0), the {@code index}-th boundary of a list
     * (kind 1) or {@code any} (kind 2). Shrinks to the default, then to the first boundary.
     */
    record Choice(int kind, int index, long any) {
        long from(List<Long> boundaries, long whenDefault) {
            if (kind == 0) {
                return whenDefault;
            }
            if (kind == 1 && !boundaries.isEmpty()) {
                return boundaries.get(index % boundaries.size());
            }
            return any;
        }

        int fromInts(List<Integer> boundaries, int whenDefault) {
            if (kind == 0) {
                return whenDefault;
            }
            if (kind == 1 && !boundaries.isEmpty()) {
                return boundaries.get(index % boundaries.size());
            }
            return (int) any;
        }
    }

    /** Weights of default, boundary and anything; anything lies in [min, max]. */
    static Arbitrary<Choice> choice(int zero, int boundary, int anything, long min, long max) {
        List<net.jqwik.api.Tuple.Tuple2<Integer, Arbitrary<Integer>>> kinds = new ArrayList<>();
        if (zero > 0) {
            kinds.add(Tuple.of(zero, Arbitraries.just(0)));
        }
        if (boundary > 0) {
            kinds.add(Tuple.of(boundary, Arbitraries.just(1)));
        }
        if (anything > 0) {
            kinds.add(Tuple.of(anything, Arbitraries.just(2)));
        }
        return Combinators.combine(Arbitraries.frequencyOf(kinds), Arbitraries.integers().between(0, 9_999),
                Arbitraries.longs().between(min, max)).as(Choice::new);
    }

    private static List<Long> within(List<Long> values, long min, long max) {
        return values.stream().filter(v -> v >= min && v <= max).toList();
    }

    private static List<Integer> withinInts(List<Integer> values, int min, int max) {
        return values.stream().filter(v -> v >= min && v <= max).toList();
    }

    /** false with weight {@code no}, true with weight {@code yes}; shrinks to false. */
    static Arbitrary<Boolean> flag(int no, int yes) {
        return Arbitraries.frequencyOf(Tuple.of(no, Arbitraries.just(false)), Tuple.of(yes, Arbitraries.just(true)));
    }

    // ---- drafts ----

    record PersonDraft(Choice age, boolean laborCapable, boolean employed, boolean disabled, boolean inSchool,
                       Set<PersonCategory> categories) {
        Person resolve(Thresholds t, String id) {
            int a = Math.max(0, Math.min(Person.MAX_AGE, age.fromInts(t.ages(), 30)));
            return new Person(id, a, laborCapable, employed, disabled, inSchool, categories);
        }
    }

    Arbitrary<PersonDraft> personDrafts() {
        return Combinators.combine(choice(1, 2, 2, 0, 120), flag(1, 1), flag(2, 1), flag(4, 1), flag(2, 1),
                        Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(Set.<PersonCategory>of())),
                                Tuple.of(1, Arbitraries.subsetOf(PersonCategory.values()))))
                .as(PersonDraft::new);
    }

    /** Total income at the per-capita boundaries (which depend on the members), split over the sources. */
    record IncomeDraft(Choice total, long wage, long property, long transfer) {
        Income resolve(Thresholds t, int members) {
            long sum = total.from(t.householdTotals(members), 0);
            return new Income(wage, sum - wage - property - transfer, property, transfer);
        }
    }

    record AssetsDraft(Choice vehicle, boolean commercialProperty, Choice savings) {
        Assets resolve(Thresholds t, int members) {
            return new Assets(vehicle.from(within(t.money(), 0, 500_000), 0), commercialProperty,
                    savings.from(t.savings(members), 0));
        }
    }

    record CreditDraft(CreditRating rating, boolean overdue, boolean dishonestDebtor, Choice line, Choice outstanding) {
        Credit resolve(Thresholds t) {
            return new Credit(rating, overdue, dishonestDebtor, line.from(within(t.money(), 0, 500_000), 0),
                    outstanding.from(within(t.money(), 0, 500_000), 0));
        }
    }

    record HouseholdDraft(List<PersonDraft> members, IncomeDraft income, Set<HouseholdStatus> statuses,
                          boolean notFarming, boolean dangerousHouse, Choice medical, Choice disaster,
                          AssetsDraft assets, CreditDraft credit, int villagePick, boolean ownCountyId,
                          List<BusinessDraft> businesses) {
        /** The household with placeholder ids h, v; members p1, p2, ... */
        Household resolve(Thresholds t) {
            List<Person> ms = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                ms.add(members.get(i).resolve(t, "p" + (i + 1)));
            }
            Income in = income.resolve(t, ms.size());
            List<Long> shocks = t.sharesOf(Math.max(0, in.total()));
            return new Household("h", "v", null, !notFarming, ms, in, statuses, !dangerousHouse,
                    medical.from(shocks, 0), disaster.from(shocks, 0), assets.resolve(t, ms.size()), credit.resolve(t));
        }
    }

    Arbitrary<HouseholdDraft> householdDrafts() {
        Arbitrary<Long> part = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(0L)),
                Tuple.of(1, Arbitraries.longs().between(0, 60_000)));
        Arbitrary<IncomeDraft> income = Combinators.combine(choice(1, 6, 3, -20_000, 200_000), part, part, part)
                .as(IncomeDraft::new);
        Arbitrary<AssetsDraft> assets = Combinators.combine(choice(2, 2, 1, 0, 500_000), flag(5, 1),
                choice(2, 2, 1, 0, 500_000)).as(AssetsDraft::new);
        Arbitrary<CreditDraft> credit = Combinators.combine(
                Arbitraries.of(CreditRating.UNRATED, CreditRating.AAA, CreditRating.AA, CreditRating.A, CreditRating.B,
                        CreditRating.C),
                flag(4, 1), flag(6, 1), choice(1, 2, 1, 0, 500_000), choice(2, 2, 1, 0, 500_000)).as(CreditDraft::new);
        Arbitrary<Set<HouseholdStatus>> statuses = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(Set.<HouseholdStatus>of())),
                Tuple.of(2, Arbitraries.subsetOf(HouseholdStatus.values())));
        Arbitrary<BusinessPick> business = Combinators.combine(businessCores(),
                Arbitraries.integers().between(0, MAX_MEMBERS - 1)).as(BusinessPick::new);
        return Combinators.combine(
                        Combinators.combine(personDrafts().list().ofMinSize(1).ofMaxSize(MAX_MEMBERS), income, statuses,
                                flag(4, 1), flag(3, 1)).as(HouseholdCore::new),
                        choice(3, 2, 1, 0, 200_000), choice(3, 2, 1, 0, 200_000), assets, credit,
                        Arbitraries.integers().between(0, MAX_VILLAGES - 1), flag(1, 3), business.list().ofMaxSize(2))
                .as((core, medical, disaster, a, c, village, own, bs) -> new HouseholdDraft(core.members(),
                        core.income(), core.statuses(), core.notFarming(), core.dangerousHouse(), medical, disaster, a, c,
                        village, own, bs.stream().map(b -> new BusinessDraft(b.draft(), b.ownerPick())).toList()));
    }

    private record HouseholdCore(List<PersonDraft> members, IncomeDraft income, Set<HouseholdStatus> statuses,
                                 boolean notFarming, boolean dangerousHouse) {
    }

    private record BusinessPick(BusinessCore draft, int ownerPick) {
    }

    record BusinessCore(Sector sector, BusinessKind kind, Choice monthsBack, int dayShift, Choice monthsOperating,
                        Choice jobs, Choice lowIncomeJobs, Choice land, boolean receivedStartupSubsidy) {
    }

    record BusinessDraft(BusinessCore core, int ownerPick) {
        /** The business with placeholder ids. */
        Business resolve(Thresholds t) {
            List<Integer> small = withinInts(t.counts(), 0, 30);
            LocalDate on = t.asOf().minusMonths(core.monthsBack().fromInts(withinInts(t.counts(), 0, 150), 0))
                    .plusDays(core.dayShift());
            BigDecimal mu;
            Choice land = core.land();
            if (land.kind() == 0) {
                mu = BigDecimal.ZERO;
            } else if (land.kind() == 1) {
                int c = t.counts().get(land.index() % t.counts().size());
                mu = land.index() % 7 == 3 ? BigDecimal.valueOf(c).add(new BigDecimal("0.5")) : BigDecimal.valueOf(c);
            } else {
                mu = BigDecimal.valueOf(land.any(), 1);
            }
            return new Business("b", "p", "h", "v", core.sector(), core.kind(), on,
                    core.monthsOperating().fromInts(withinInts(t.counts(), 0, 150), 0),
                    core.jobs().fromInts(small, 0), core.lowIncomeJobs().fromInts(small, 0), mu,
                    core.receivedStartupSubsidy());
        }
    }

    Arbitrary<BusinessDraft> businessDrafts() {
        return Combinators.combine(businessCores(), Arbitraries.just(0)).as(BusinessDraft::new);
    }

    private Arbitrary<BusinessCore> businessCores() {
        return Combinators.combine(
                        Combinators.combine(Arbitraries.of(Sector.class), Arbitraries.of(BusinessKind.class),
                                choice(1, 3, 1, 0, 150), Arbitraries.of(0, -1, 1)).as(List::<Object>of),
                        choice(1, 2, 1, 0, 150), choice(1, 2, 1, 0, 30), choice(2, 2, 1, 0, 30),
                        choice(2, 3, 2, 0, 6_000), flag(3, 1))
                .as((head, months, jobs, low, land, received) -> new BusinessCore((Sector) head.get(0),
                        (BusinessKind) head.get(1), (Choice) head.get(2), (Integer) head.get(3), months, jobs, low, land,
                        received));
    }

    record VillageDraft(SizeClass sizeClass, int population, Choice operating, Choice total, Choice entities,
                        int countyPick) {
        /** The village with placeholder ids. */
        Village resolve(Thresholds t) {
            List<Long> operatingBoundaries = new ArrayList<>(within(t.money(), 0, 2_000_000));
            operatingBoundaries.add(1, 1L);
            return new Village("v", "C", null, sizeClass, population,
                    new CollectiveIncome(operating.from(operatingBoundaries, 0),
                            total.from(within(t.money(), 0, 3_000_000), 0)),
                    entities.fromInts(withinInts(t.counts(), 0, 12), 0));
        }
    }

    Arbitrary<VillageDraft> villageDrafts() {
        return Combinators.combine(Arbitraries.of(SizeClass.MEDIUM, SizeClass.SMALL, SizeClass.LARGE),
                        Arbitraries.integers().between(0, 5_000), choice(1, 4, 2, 0, 2_000_000),
                        choice(1, 3, 2, 0, 3_000_000), choice(1, 2, 1, 0, 12),
                        Arbitraries.integers().between(0, MAX_COUNTIES - 1))
                .as(VillageDraft::new);
    }

    /**
     * County statistics: previous values anywhere (or at a threshold), current values at
     * previous × (1 + each rate) ± 1, urban income at rural × each factor ± 1; a few missing.
     */
    record CountyDraft(Choice previousRural, Choice rural, Choice urban, Choice previousLow, Choice low,
                       Choice previousLoans, Choice loans, int missing) {
        County resolve(Thresholds t) {
            long pr = previousRural.from(within(t.money(), 1, 100_000), 20_000);
            long r = rural.from(t.grownFrom(pr), pr);
            long u = urban.from(t.timesFactors(r), r);
            long pl = previousLow.from(within(t.money(), 1, 60_000), 15_000);
            long l = low.from(t.grownFrom(pl), pl);
            long pc = previousLoans.from(within(t.money(), 1, 50_000_000), 1_000_000);
            long c = loans.from(t.grownFrom(pc), pc);
            Long[] v = {r, pr, u, l, pl, c, pc};
            for (int i = 0; i < v.length; i++) {
                if ((missing & (1 << i)) != 0) {
                    v[i] = null;
                }
            }
            return new County("C", v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
        }
    }

    Arbitrary<CountyDraft> countyDrafts() {
        return Combinators.combine(choice(1, 2, 1, 1, 100_000), choice(1, 3, 1, 0, 200_000), choice(1, 3, 1, 0, 400_000),
                        choice(1, 2, 1, 1, 60_000), choice(1, 3, 1, 0, 120_000), choice(1, 2, 1, 1, 50_000_000),
                        choice(1, 3, 1, 0, 100_000_000),
                        Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just(0)),
                                Tuple.of(1, Arbitraries.integers().between(1, 127))))
                .as(CountyDraft::new);
    }

    /** Gives every fact its id (h1, h1-p1, h1-b1, v1, C1) and ties households to villages and villages to counties. */
    static Scenario assemble(Thresholds t, boolean explainDenials, List<VillageDraft> vds, List<HouseholdDraft> hds,
                             List<CountyDraft> countyFacts, int countyCount) {
        List<Village> villages = new ArrayList<>();
        for (int i = 0; i < vds.size(); i++) {
            villages.add(FactCopies.withIds(vds.get(i).resolve(t), "v" + (i + 1), "C" + (vds.get(i).countyPick() % countyCount + 1)));
        }
        List<HouseholdInput> households = new ArrayList<>();
        for (int i = 0; i < hds.size(); i++) {
            HouseholdDraft d = hds.get(i);
            String id = "h" + (i + 1);
            Village v = villages.get(d.villagePick() % villages.size());
            Household resolved = d.resolve(t);
            List<Person> members = new ArrayList<>();
            for (Person p : resolved.members()) {
                members.add(FactCopies.withId(p, id + "-" + p.id()));
            }
            Household h = FactCopies.withIds(FactCopies.withMembers(resolved, members), id, v.id(),
                    d.ownCountyId() ? v.countyId() : null);
            List<Business> bs = new ArrayList<>();
            for (int j = 0; j < d.businesses().size(); j++) {
                BusinessDraft b = d.businesses().get(j);
                bs.add(FactCopies.withIds(b.resolve(t), id + "-b" + (j + 1),
                        members.get(b.ownerPick() % members.size()).id(), id, v.id()));
            }
            households.add(new HouseholdInput(h, bs));
        }
        List<County> counties = new ArrayList<>();
        for (int k = 0; k < countyCount; k++) {
            if (countyFacts.get(k) != null) {
                counties.add(FactCopies.withId(countyFacts.get(k).resolve(t), "C" + (k + 1)));
            }
        }
        return new Scenario(t.asOf(), explainDenials, households, villages, counties);
    }
}
