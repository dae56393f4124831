package org.fuyu.policy.testkit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.fuyu.policy.EvaluationOptions;
import org.fuyu.policy.HouseholdInput;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.RunResult;
import org.fuyu.policy.SubjectType;
import org.fuyu.policy.facts.Business;
import org.fuyu.policy.facts.County;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.facts.Person;
import org.fuyu.policy.facts.Village;
import org.fuyu.policy.io.FactReader;
import org.fuyu.policy.io.RecordError;

/**
 * One generated input: households (each with its members and businesses), villages and County
 * facts, decided on one date. What a county would put in its input directory, small enough to
 * read in a counterexample.
 *
 * @param explainDenials whether DENIED decisions are produced
 */
public record Scenario(LocalDate asOf, boolean explainDenials, List<HouseholdInput> households,
                      List<Village> villages, List<County> counties) {

    /** The input file each kind of fact goes to, in this order. */
    public static final List<String> FILES = List.of("households.jsonl", "businesses.jsonl", "villages.jsonl",
            "counties.jsonl");

    public Scenario {
        households = List.copyOf(households);
        villages = List.copyOf(villages);
        counties = List.copyOf(counties);
    }

    /** Decides the whole input in one run (households, then villages and counties). */
    public Evaluation evaluate(PolicyEngine engine) {
        RunResult r = engine.evaluateAll(households, villages, counties, new EvaluationOptions(asOf, explainDenials));
        return Evaluation.of(this, r);
    }

    /** The household with this id. */
    public java.util.Optional<Household> household(String id) {
        return households.stream().map(HouseholdInput::household).filter(h -> h.id().equals(id)).findFirst();
    }

    /** The ids of the input facts a decision about {@code type} can be about, in input order. */
    public List<String> ids(SubjectType type) {
        return switch (type) {
            case HOUSEHOLD -> households.stream().map(h -> h.household().id()).toList();
            case PERSON -> households.stream().flatMap(h -> h.household().members().stream()).map(Person::id).toList();
            case BUSINESS -> businesses().stream().map(Business::id).toList();
            case VILLAGE -> villages.stream().map(Village::id).toList();
            case COUNTY -> {
                java.util.TreeSet<String> ids = new java.util.TreeSet<>();
                villages.forEach(v -> ids.add(v.countyId()));
                counties.forEach(c -> ids.add(c.id()));
                households.forEach(h -> {
                    if (h.household().countyId() != null) {
                        ids.add(h.household().countyId());
                    }
                });
                yield List.copyOf(ids);
            }
        };
    }

    public Scenario withDenials(boolean explain) {
        return new Scenario(asOf, explain, households, villages, counties);
    }

    /** Every business of every household, in household order. */
    public List<Business> businesses() {
        return households.stream().flatMap(h -> h.businesses().stream()).toList();
    }

    /** The same facts in another order: households, members, businesses, villages and counties shuffled. */
    public Scenario shuffled(long seed) {
        Random random = new Random(seed);
        List<HouseholdInput> hs = new ArrayList<>();
        for (HouseholdInput in : households) {
            Household h = in.household();
            List<Person> members = new ArrayList<>(h.members());
            Collections.shuffle(members, random);
            List<Business> bs = new ArrayList<>(in.businesses());
            Collections.shuffle(bs, random);
            hs.add(new HouseholdInput(FactCopies.withMembers(h, members), bs));
        }
        Collections.shuffle(hs, random);
        List<Village> vs = new ArrayList<>(villages);
        Collections.shuffle(vs, random);
        List<County> cs = new ArrayList<>(counties);
        Collections.shuffle(cs, random);
        return new Scenario(asOf, explainDenials, hs, vs, cs);
    }

    public Scenario withHousehold(int index, Function<Household, Household> change) {
        List<HouseholdInput> hs = new ArrayList<>(households);
        HouseholdInput in = hs.get(index);
        hs.set(index, new HouseholdInput(change.apply(in.household()), in.businesses()));
        return new Scenario(asOf, explainDenials, hs, villages, counties);
    }

    /** Replaces the n-th business (in {@link #businesses()} order). */
    public Scenario withBusiness(int index, Function<Business, Business> change) {
        List<HouseholdInput> hs = new ArrayList<>();
        int i = 0;
        for (HouseholdInput in : households) {
            List<Business> bs = new ArrayList<>();
            for (Business b : in.businesses()) {
                bs.add(i++ == index ? change.apply(b) : b);
            }
            hs.add(new HouseholdInput(in.household(), bs));
        }
        return new Scenario(asOf, explainDenials, hs, villages, counties);
    }

    public Scenario withVillage(int index, Function<Village, Village> change) {
        List<Village> vs = new ArrayList<>(villages);
        vs.set(index, change.apply(vs.get(index)));
        return new Scenario(asOf, explainDenials, households, vs, counties);
    }

    public Scenario withCounty(int index, Function<County, County> change) {
        List<County> cs = new ArrayList<>(counties);
        cs.set(index, change.apply(cs.get(index)));
        return new Scenario(asOf, explainDenials, households, villages, cs);
    }

    /**
     * The facts as input files: file name to JSON Lines records, every field written
     * ({@code minimal} false) or only the fields that differ from their defaults.
     */
    public Map<String, List<String>> jsonLines(boolean minimal) {
        Function<Object, String> json = minimal ? FactJson::minimalLine : FactJson::full;
        Map<String, List<String>> out = new LinkedHashMap<>();
        out.put(FILES.get(0), households.stream().map(h -> json.apply(h.household())).toList());
        out.put(FILES.get(1), businesses().stream().map(json).toList());
        out.put(FILES.get(2), villages.stream().map(json).toList());
        out.put(FILES.get(3), counties.stream().map(json).toList());
        return out;
    }

    /**
     * The scenario as a county's reader sees it: every fact written to JSON Lines and read back
     * through {@link FactReader}.
     *
     * @throws AssertionError naming the record when the reader rejects a fact the model accepted
     */
    public Scenario readBack() {
        Map<String, List<String>> files = jsonLines(false);
        List<Household> hs = read(Household.class, FILES.get(0), files.get(FILES.get(0)));
        List<Business> bs = read(Business.class, FILES.get(1), files.get(FILES.get(1)));
        Map<String, List<Business>> byHousehold = new LinkedHashMap<>();
        for (Business b : bs) {
            byHousehold.computeIfAbsent(b.householdId(), k -> new ArrayList<>()).add(b);
        }
        List<HouseholdInput> inputs = hs.stream()
                .map(h -> new HouseholdInput(h, byHousehold.getOrDefault(h.id(), List.of()))).toList();
        return new Scenario(asOf, explainDenials, inputs, read(Village.class, FILES.get(2), files.get(FILES.get(2))),
                read(County.class, FILES.get(3), files.get(FILES.get(3))));
    }

    private static <T> List<T> read(Class<T> type, String file, List<String> lines) {
        byte[] bytes = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        List<T> out = new ArrayList<>();
        List<RecordError> errors = new ArrayList<>();
        try {
            new FactReader<>(type).read(file, new ByteArrayInputStream(bytes), r -> out.add(r.value()), errors::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!errors.isEmpty()) {
            throw new AssertionError("the reader rejected facts the model accepted: " + errors + " in " + lines);
        }
        return out;
    }

    /** The facts as minimal JSON Lines, file by file. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("asOf ").append(asOf);
        if (explainDenials) {
            sb.append(", with denials");
        }
        jsonLines(true).forEach((file, lines) -> lines.forEach(l -> sb.append("\n  ").append(file).append(": ").append(l)));
        return sb.toString();
    }
}
