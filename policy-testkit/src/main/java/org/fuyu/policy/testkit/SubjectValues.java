package org.fuyu.policy.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.fuyu.policy.Decision;
import org.fuyu.policy.HouseholdInput;
import org.fuyu.policy.SubjectType;
import org.fuyu.policy.facts.Assets;
import org.fuyu.policy.facts.Business;
import org.fuyu.policy.facts.CollectiveIncome;
import org.fuyu.policy.facts.County;
import org.fuyu.policy.facts.Credit;
import org.fuyu.policy.facts.CreditRating;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.facts.Income;
import org.fuyu.policy.facts.Person;
import org.fuyu.policy.facts.Village;
import org.fuyu.policy.io.FactMapper;

/**
 * The numbers an amount declaration may read about a decision's subject: every numeric field of
 * its fact by JSON path ({@code income.wage}, {@code collectiveIncome.operating}) and the derived
 * values of spec §1 ({@code members}, {@code totalIncome}, {@code perCapitaIncome}). A person and
 * a business also see their household's values; a county sees {@code villages}.
 */
final class SubjectValues {
    private final Map<String, HouseholdInput> households = new HashMap<>();
    private final Map<String, HouseholdInput> householdOfPerson = new HashMap<>();
    private final Map<String, Person> persons = new HashMap<>();
    private final Map<String, Business> businesses = new HashMap<>();
    private final Map<String, HouseholdInput> householdOfBusiness = new HashMap<>();
    private final Map<String, Village> villages = new HashMap<>();
    private final Map<String, County> counties = new HashMap<>();
    private final Scenario scenario;

    SubjectValues(Scenario scenario) {
        this.scenario = scenario;
        for (HouseholdInput in : scenario.households()) {
            households.put(in.household().id(), in);
            for (Person p : in.household().members()) {
                persons.put(p.id(), p);
                householdOfPerson.put(p.id(), in);
            }
            for (Business b : in.businesses()) {
                businesses.put(b.id(), b);
                householdOfBusiness.put(b.id(), in);
            }
        }
        scenario.villages().forEach(v -> villages.put(v.id(), v));
        scenario.counties().forEach(c -> counties.put(c.id(), c));
    }

    /** The values about a decision's subject, or null when the subject is not a fact of the scenario. */
    Map<String, BigDecimal> of(Decision d) {
        return of(d.subjectType(), d.subjectId());
    }

    Map<String, BigDecimal> of(SubjectType type, String id) {
        Map<String, BigDecimal> out = new TreeMap<>();
        switch (type) {
            case HOUSEHOLD -> {
                HouseholdInput in = households.get(id);
                if (in == null) {
                    return null;
                }
                household(in, out);
            }
            case PERSON -> {
                Person p = persons.get(id);
                if (p == null) {
                    return null;
                }
                household(householdOfPerson.get(id), out);
                numbers(p, out);
            }
            case BUSINESS -> {
                Business b = businesses.get(id);
                if (b == null) {
                    return null;
                }
                household(householdOfBusiness.get(id), out);
                numbers(b, out);
            }
            case VILLAGE -> {
                Village v = villages.get(id);
                if (v == null) {
                    return null;
                }
                numbers(v, out);
            }
            case COUNTY -> {
                County c = counties.get(id);
                if (c != null) {
                    numbers(c, out);
                }
                out.put("villages", BigDecimal.valueOf(scenario.villages().stream()
                        .filter(v -> v.countyId().equals(id)).count()));
            }
        }
        return out;
    }

    /** The names {@link #of} can give for a subject type (for checking declarations when they are loaded). */
    static Set<String> names(SubjectType type) {
        Map<String, BigDecimal> out = new TreeMap<>();
        Household h = sampleHousehold();
        switch (type) {
            case HOUSEHOLD -> household(new HouseholdInput(h, java.util.List.of()), out);
            case PERSON -> {
                household(new HouseholdInput(h, java.util.List.of()), out);
                numbers(h.members().get(0), out);
            }
            case BUSINESS -> {
                household(new HouseholdInput(h, java.util.List.of()), out);
                numbers(new Business("b", "p", "h", "v", null, null, LocalDate.of(2024, 1, 1), 1, 1, 1, BigDecimal.ONE,
                        false), out);
            }
            case VILLAGE -> numbers(new Village("v", "C", "n", null, 1, new CollectiveIncome(1, 1), 1), out);
            case COUNTY -> {
                numbers(new County("C", 1L, 1L, 1L, 1L, 1L, 1L, 1L), out);
                out.put("villages", BigDecimal.ONE);
            }
        }
        return new TreeSet<>(out.keySet());
    }

    private static Household sampleHousehold() {
        Person p = new Person("p", 30, true, true, false, false, Set.of());
        return new Household("h", "v", "C", true, java.util.List.of(p), new Income(1, 1, 1, 1), Set.of(), true, 1, 1,
                new Assets(1, false, 1), new Credit(CreditRating.A, false, false, 1, 1));
    }

    private static void household(HouseholdInput in, Map<String, BigDecimal> out) {
        Household h = in.household();
        numbers(h, out);
        out.put("members", BigDecimal.valueOf(h.memberCount()));
        out.put("totalIncome", BigDecimal.valueOf(h.totalIncome()));
        out.put("perCapitaIncome", BigDecimal.valueOf(h.totalIncome())
                .divide(BigDecimal.valueOf(h.memberCount()), MathContext.DECIMAL128));
        out.put("businesses", BigDecimal.valueOf(in.businesses().size()));
    }

    /** Every numeric field of the fact's JSON, by dotted path (arrays are skipped). */
    private static void numbers(Object fact, Map<String, BigDecimal> out) {
        JsonNode node = FactMapper.get().valueToTree(fact);
        walk("", node, out);
    }

    private static void walk(String prefix, JsonNode node, Map<String, BigDecimal> out) {
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = prefix + e.getKey();
            if (e.getValue().isNumber()) {
                out.put(path, e.getValue().decimalValue());
            } else if (e.getValue().isObject()) {
                walk(path + ".", e.getValue(), out);
            }
        }
    }
}
