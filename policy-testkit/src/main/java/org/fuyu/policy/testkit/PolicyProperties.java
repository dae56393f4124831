package org.fuyu.policy.testkit;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fuyu.policy.Decision;
import org.fuyu.policy.Outcome;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.PolicyException;
import org.fuyu.policy.Problem;
import org.fuyu.policy.SubjectType;
import org.fuyu.policy.packs.PackManifest;
import org.fuyu.policy.packs.RulePack;
import org.fuyu.policy.packs.RulePacks;
import org.fuyu.policy.params.ParametersAt;

/**
 * Policy properties declared next to each pack, in its {@code properties.yaml}:
 * <pre>
 * properties:
 *   - name: lowering a household's income never removes a benefit nor lowers its amount
 *     citation: "002 §三.13"
 *     monotone: {change: household.income, direction: down, codes: [LOW_INCOME_TOP_UP, ...]}
 *   - name: the top-up brings per-capita income exactly to the line
 *     amount: {code: LOW_INCOME_TOP_UP, equals: "low_income.line × members − totalIncome"}
 *   - amount: {code: HOUSING_RENOVATION, atMost: low_income.housing_grant}      # a cap
 *   - implies: {code: RETURN_TO_POVERTY_MONITORING, excludes: [LOW_INCOME_HOUSEHOLD]}
 *   - bands: {change: village.collectiveIncome.operating, direction: up,
 *             order: [VILLAGE_HOLLOW, VILLAGE_WEAK, VILLAGE_BASIC, VILLAGE_200K, VILLAGE_500K]}
 * </pre>
 * A pack from a directory without its own file gets the declarations of the class path pack
 * with the same id (a policy office's edited copy is checked against the shipped policy).
 * Declarations are checked when loaded: codes must be produced by a loaded pack, names in
 * amounts must be parameters or values of the code's subject.
 */
public final class PolicyProperties {
    /** The file next to a pack's {@code pack.yaml}. */
    public static final String FILE = "properties.yaml";

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final Map<PolicyEngine, PolicyProperties> CACHE =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /** One declared property. */
    public sealed interface Declared permits Monotone, Bands, Amount, Implies {
        /** The pack that declares it. */
        String pack();

        String name();

        /** The clause it follows from, or null. */
        String citation();

        /** Where it is declared: file and entry. */
        String source();
    }

    /** Changing a number in one direction never removes a positive decision of these codes nor lowers its amount. */
    public record Monotone(String pack, String name, String citation, String source, FactChange change,
                           Set<String> codes) implements Declared {

        /** Problems, in the policy's words; empty when the property holds for this pair. */
        public List<String> check(Evaluation before, Evaluation after) {
            List<String> out = new ArrayList<>();
            for (Decision d : before.decisions()) {
                if (!codes.contains(d.code()) || !Evaluation.isPositive(d.outcome())) {
                    continue;
                }
                Decision a = after.positive(d.subjectType(), d.subjectId(), d.code()).orElse(null);
                String who = d.subjectType().name().toLowerCase() + " " + d.subjectId();
                if (a == null) {
                    out.add(who + " lost " + d.code() + " (" + d.outcome()
                            + (d.amountYuan() != null ? " " + d.amountYuan() : "") + " before the change)");
                } else if (d.amountYuan() != null && a.amountYuan() != null && a.amountYuan() < d.amountYuan()) {
                    out.add(who + " " + d.code() + " fell from " + d.amountYuan() + " to " + a.amountYuan());
                }
            }
            return out;
        }
    }

    /**
     * Every subject of the changed kind gets exactly one of the ordered band codes, and the change
     * never moves it against its direction (raising never gives a lower band).
     */
    public record Bands(String pack, String name, String citation, String source, FactChange change,
                        List<String> order) implements Declared {

        public List<String> check(Evaluation before, Evaluation after, String changedId) {
            List<String> out = new ArrayList<>(exactlyOne(before, "before"));
            out.addAll(exactlyOne(after, "after"));
            if (!out.isEmpty() || after == null) {
                return out;
            }
            for (String id : before.scenario().ids(change.subject())) {
                int b = band(before, id);
                int a = band(after, id);
                boolean wrong = change.direction() == FactChange.Direction.UP ? a < b : a > b;
                if (wrong) {
                    out.add(change.subject().name().toLowerCase() + " " + id + " moved from " + order.get(b) + " to "
                            + order.get(a) + (id.equals(changedId) ? "" : " although only " + changedId + " changed"));
                }
            }
            return out;
        }

        List<String> exactlyOne(Evaluation e, String when) {
            if (e == null) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (String id : e.scenario().ids(change.subject())) {
                List<String> got = order.stream().filter(code -> e.positive(change.subject(), id, code).isPresent()).toList();
                if (got.size() != 1) {
                    out.add(change.subject().name().toLowerCase() + " " + id + " got " + (got.isEmpty() ? "no band"
                            : got.size() + " bands " + got) + " of " + order + (after(when)));
                }
            }
            return out;
        }

        private static String after(String when) {
            return when.equals("after") ? " after the change" : "";
        }

        private int band(Evaluation e, String id) {
            for (int i = 0; i < order.size(); i++) {
                if (e.positive(change.subject(), id, order.get(i)).isPresent()) {
                    return i;
                }
            }
            return -1;
        }
    }

    /**
     * A granted amount equals, is at least, or is at most a value computed from parameters and
     * the subject's facts (rounded half up to whole yuan, as decisions are).
     */
    public record Amount(String pack, String name, String citation, String source, String code, SubjectType subject,
                         Expression equals, Expression atLeast, Expression atMost) implements Declared {

        /** Checks {@code equals} and {@code atLeast}. */
        public List<String> checkExact(Evaluation e, Function<String, BigDecimal> params) {
            return check(e, params, false);
        }

        /** Checks {@code atMost} (a cap). */
        public List<String> checkCap(Evaluation e, Function<String, BigDecimal> params) {
            return check(e, params, true);
        }

        /** Whether this is a cap only (no exact or lower bound). */
        public boolean capOnly() {
            return equals == null && atLeast == null;
        }

        private List<String> check(Evaluation e, Function<String, BigDecimal> params, boolean caps) {
            List<String> out = new ArrayList<>();
            SubjectValues values = new SubjectValues(e.scenario());
            for (Decision d : e.withCode(code)) {
                if (d.outcome() != Outcome.GRANTED || d.amountYuan() == null) {
                    continue;
                }
                Map<String, BigDecimal> v = values.of(d);
                if (v == null) {
                    continue;
                }
                Function<String, BigDecimal> lookup = n -> v.containsKey(n) ? v.get(n) : params.apply(n);
                String who = d.subjectType().name().toLowerCase() + " " + d.subjectId() + " " + code + " "
                        + d.amountYuan();
                if (caps) {
                    if (atMost != null) {
                        long max = whole(atMost.evaluate(lookup));
                        if (d.amountYuan() > max) {
                            out.add(who + " is above " + atMost + " = " + max + explain(atMost, lookup));
                        }
                    }
                    continue;
                }
                if (equals != null) {
                    long want = whole(equals.evaluate(lookup));
                    if (d.amountYuan() != want) {
                        out.add(who + " is not " + equals + " = " + want + explain(equals, lookup));
                    }
                }
                if (atLeast != null) {
                    long min = whole(atLeast.evaluate(lookup));
                    if (d.amountYuan() < min) {
                        out.add(who + " is below " + atLeast + " = " + min + explain(atLeast, lookup));
                    }
                }
            }
            return out;
        }

        private static String explain(Expression x, Function<String, BigDecimal> lookup) {
            return " (" + x.names().stream().map(n -> n + " = " + lookup.apply(n).stripTrailingZeros().toPlainString())
                    .collect(Collectors.joining(", ")) + ")";
        }

        private static long whole(BigDecimal v) {
            return v.setScale(0, RoundingMode.HALF_UP).longValueExact();
        }
    }

    /** A positive decision of {@code code} needs a positive decision of one of {@code requires} and none of {@code excludes}, about the same subject. */
    public record Implies(String pack, String name, String citation, String source, String code, List<String> requires,
                          List<String> excludes) implements Declared {

        public List<String> check(Evaluation e) {
            List<String> out = new ArrayList<>();
            for (Decision d : e.withCode(code)) {
                if (!Evaluation.isPositive(d.outcome())) {
                    continue;
                }
                String who = d.subjectType().name().toLowerCase() + " " + d.subjectId();
                if (!requires.isEmpty() && requires.stream()
                        .noneMatch(r -> e.positive(d.subjectType(), d.subjectId(), r).isPresent())) {
                    out.add(who + " got " + code + " without " + String.join(" or ", requires));
                }
                for (String x : excludes) {
                    if (e.positive(d.subjectType(), d.subjectId(), x).isPresent()) {
                        out.add(who + " got both " + code + " and " + x);
                    }
                }
            }
            return out;
        }
    }

    private final List<Declared> all;

    private PolicyProperties(List<Declared> all) {
        this.all = List.copyOf(all);
    }

    /** Nothing declared. */
    public static PolicyProperties none() {
        return new PolicyProperties(List.of());
    }

    /**
     * The declarations of every pack the engine loaded (cached per engine).
     *
     * @throws PolicyException listing every declaration that cannot be used, with its file
     */
    public static PolicyProperties of(PolicyEngine engine) {
        synchronized (CACHE) {
            PolicyProperties p = CACHE.get(engine);
            if (p == null) {
                p = load(engine);
                CACHE.put(engine, p);
            }
            return p;
        }
    }

    public List<Declared> all() {
        return all;
    }

    public List<Monotone> monotone() {
        return all.stream().filter(d -> d instanceof Monotone).map(d -> (Monotone) d).toList();
    }

    public List<Bands> bands() {
        return all.stream().filter(d -> d instanceof Bands).map(d -> (Bands) d).toList();
    }

    public List<Amount> amounts() {
        return all.stream().filter(d -> d instanceof Amount).map(d -> (Amount) d).toList();
    }

    public List<Implies> implies() {
        return all.stream().filter(d -> d instanceof Implies).map(d -> (Implies) d).toList();
    }

    /** Parameter values in force on a date, as the amounts read them. */
    static Function<String, BigDecimal> params(ParametersAt at) {
        return name -> at.get(name).value();
    }

    // ---- loading ----

    private record PropertyFile(@JsonProperty(required = true) List<Entry> properties) {
    }

    private record Entry(String name, String citation, MonotoneEntry monotone, AmountEntry amount,
                         ImpliesEntry implies, BandsEntry bands) {
    }

    private record MonotoneEntry(@JsonProperty(required = true) String change,
                                 @JsonProperty(required = true) String direction,
                                 @JsonProperty(required = true) List<String> codes) {
    }

    private record AmountEntry(@JsonProperty(required = true) String code, String equals, String atLeast,
                               String atMost) {
    }

    private record ImpliesEntry(@JsonProperty(required = true) String code, List<String> requires,
                                List<String> excludes) {
    }

    private record BandsEntry(@JsonProperty(required = true) String change,
                              @JsonProperty(required = true) String direction,
                              @JsonProperty(required = true) List<String> order) {
    }

    private record Located(String pack, String location, String text) {
    }

    private static PolicyProperties load(PolicyEngine engine) {
        Map<String, SubjectType> codes = new HashMap<>();
        for (RulePack p : engine.rulePacks()) {
            for (PackManifest.CodeInfo c : p.manifest().codes()) {
                codes.put(c.code(), c.subject());
            }
        }
        List<Declared> out = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (RulePack pack : engine.rulePacks()) {
            Located file = find(pack);
            if (file == null) {
                continue;
            }
            PropertyFile pf;
            try {
                pf = YAML.readValue(file.text(), PropertyFile.class);
            } catch (JsonMappingException e) {
                problems.add(Problem.of(file.location(), e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                        e.getOriginalMessage()));
                continue;
            } catch (IOException e) {
                problems.add(Problem.of(file.location(), 0, "not valid YAML: " + e.getMessage()));
                continue;
            }
            if (pf == null || pf.properties() == null) {
                continue;
            }
            for (int i = 0; i < pf.properties().size(); i++) {
                String where = file.location() + " properties[" + i + "]";
                try {
                    out.add(declared(pack.id(), where, pf.properties().get(i), codes, engine));
                } catch (IllegalArgumentException e) {
                    problems.add(Problem.of(file.location(), 0, "properties[" + i + "]"
                            + (pf.properties().get(i).name() != null ? " (" + pf.properties().get(i).name() + ")" : "")
                            + ": " + e.getMessage()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new PolicyException(problems);
        }
        return new PolicyProperties(out);
    }

    private static Declared declared(String pack, String where, Entry e, Map<String, SubjectType> codes,
                                     PolicyEngine engine) {
        int kinds = (e.monotone() != null ? 1 : 0) + (e.amount() != null ? 1 : 0) + (e.implies() != null ? 1 : 0)
                + (e.bands() != null ? 1 : 0);
        if (kinds != 1) {
            throw new IllegalArgumentException("give exactly one of monotone, amount, implies, bands");
        }
        if (e.monotone() != null) {
            MonotoneEntry m = e.monotone();
            FactChange change = FactChange.parse(m.change(), m.direction());
            checkCodes(m.codes(), codes);
            String name = e.name() != null ? e.name() : "changing " + change + " never removes nor lowers " + m.codes();
            return new Monotone(pack, name, e.citation(), where, change, new LinkedHashSet<>(m.codes()));
        }
        if (e.bands() != null) {
            BandsEntry b = e.bands();
            FactChange change = FactChange.parse(b.change(), b.direction());
            checkCodes(b.order(), codes);
            for (String c : b.order()) {
                if (codes.get(c) != change.subject()) {
                    throw new IllegalArgumentException("band " + c + " is about " + codes.get(c) + ", the change about "
                            + change.subject());
                }
            }
            String name = e.name() != null ? e.name() : "exactly one of " + b.order() + ", never lower after " + change;
            return new Bands(pack, name, e.citation(), where, change, List.copyOf(b.order()));
        }
        if (e.amount() != null) {
            AmountEntry a = e.amount();
            checkCodes(List.of(a.code()), codes);
            if (a.equals() == null && a.atLeast() == null && a.atMost() == null) {
                throw new IllegalArgumentException("amount: give equals, atLeast or atMost");
            }
            SubjectType subject = codes.get(a.code());
            Expression eq = expression(a.equals(), subject, engine);
            Expression min = expression(a.atLeast(), subject, engine);
            Expression max = expression(a.atMost(), subject, engine);
            String name = e.name() != null ? e.name() : a.code() + " amount " + (eq != null ? "= " + eq
                    : min != null ? "≥ " + min : "≤ " + max);
            return new Amount(pack, name, e.citation(), where, a.code(), subject, eq, min, max);
        }
        ImpliesEntry im = e.implies();
        List<String> requires = im.requires() == null ? List.of() : im.requires();
        List<String> excludes = im.excludes() == null ? List.of() : im.excludes();
        if (requires.isEmpty() && excludes.isEmpty()) {
            throw new IllegalArgumentException("implies: give requires or excludes");
        }
        checkCodes(List.of(im.code()), codes);
        checkCodes(requires, codes);
        checkCodes(excludes, codes);
        String name = e.name() != null ? e.name() : im.code() + (requires.isEmpty() ? "" : " needs " + String.join(" or ", requires))
                + (excludes.isEmpty() ? "" : " excludes " + excludes);
        return new Implies(pack, name, e.citation(), where, im.code(), List.copyOf(requires), List.copyOf(excludes));
    }

    private static void checkCodes(List<String> wanted, Map<String, SubjectType> codes) {
        for (String c : wanted) {
            if (!codes.containsKey(c)) {
                throw new IllegalArgumentException("code " + c + " is not produced by any loaded pack");
            }
        }
    }

    private static Expression expression(String text, SubjectType subject, PolicyEngine engine) {
        if (text == null) {
            return null;
        }
        Expression x = Expression.parse(text);
        Set<String> values = SubjectValues.names(subject);
        for (String n : x.names()) {
            if (!values.contains(n) && !engine.parameters().contains(n)) {
                throw new IllegalArgumentException("'" + n + "' in '" + text + "' is neither a parameter nor a value of the "
                        + subject.name().toLowerCase() + " (" + String.join(", ", values) + ")");
            }
        }
        return x;
    }

    /** The pack's own properties.yaml, else the class path pack's of the same id. */
    private static Located find(RulePack pack) {
        Located own = read(pack);
        if (own != null || pack.trusted()) {
            return own;
        }
        try {
            for (RulePack shipped : RulePacks.fromClasspath()) {
                if (shipped.id().equals(pack.id())) {
                    return read(shipped);
                }
            }
        } catch (PolicyException noneOnClasspath) {
            return null;
        }
        return null;
    }

    private static Located read(RulePack pack) {
        String origin = pack.origin();
        try {
            if (origin.startsWith("classpath:")) {
                String base = origin.substring("classpath:".length());
                String resource = (base.endsWith("/") ? base : base + "/") + FILE;
                try (InputStream in = pack.getClass().getClassLoader().getResourceAsStream(resource)) {
                    return in == null ? null : new Located(pack.id(), "classpath:" + resource,
                            new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            Path file = Path.of(origin).resolve(FILE);
            return Files.isRegularFile(file) ? new Located(pack.id(), file.toString(), Files.readString(file)) : null;
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new PolicyException(Problem.of(origin, 0, "cannot read " + FILE + ": " + e.getMessage()));
        }
    }
}
