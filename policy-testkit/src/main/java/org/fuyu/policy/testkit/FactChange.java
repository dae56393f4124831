package org.fuyu.policy.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.fuyu.policy.HouseholdInput;
import org.fuyu.policy.SubjectType;
import org.fuyu.policy.facts.Business;
import org.fuyu.policy.facts.County;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.facts.Income;
import org.fuyu.policy.facts.Village;

/**
 * A change to one number of one fact, in one direction, as a policy property states it:
 * {@code household.income down}, {@code village.collectiveIncome.operating up}. The first word
 * names the fact (household, business, village, county), the rest the field's JSON path;
 * {@code household.income} changes the total income (down: from wage, property, transfer, then
 * operating; up: to wage).
 */
public final class FactChange {
    /** Which way the number moves. */
    public enum Direction { UP, DOWN }

    private static final String TOTAL_INCOME = "income";

    private final String text;
    private final SubjectType subject;
    private final String path;
    private final Direction direction;

    private FactChange(String text, SubjectType subject, String path, Direction direction) {
        this.text = text;
        this.subject = subject;
        this.path = path;
        this.direction = direction;
    }

    /** @throws IllegalArgumentException listing what can be changed */
    public static FactChange parse(String change, String direction) {
        Direction dir;
        try {
            dir = Direction.valueOf(direction.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("direction '" + direction + "': expected up or down");
        }
        int dot = change == null ? -1 : change.indexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException("change '" + change + "': expected a fact and a field, e.g. household.income; "
                    + "one of " + changeable());
        }
        SubjectType type = switch (change.substring(0, dot)) {
            case "household" -> SubjectType.HOUSEHOLD;
            case "business" -> SubjectType.BUSINESS;
            case "village" -> SubjectType.VILLAGE;
            case "county" -> SubjectType.COUNTY;
            default -> null;
        };
        String path = change.substring(dot + 1);
        if (type == null || !fields(type).contains(path)) {
            throw new IllegalArgumentException("change '" + change + "': not a number a property can change; one of "
                    + changeable());
        }
        return new FactChange(change + " " + dir.name().toLowerCase(java.util.Locale.ROOT), type, path, dir);
    }

    /** Every change {@link #parse} accepts. */
    public static List<String> changeable() {
        List<String> out = new ArrayList<>();
        for (SubjectType t : List.of(SubjectType.HOUSEHOLD, SubjectType.BUSINESS, SubjectType.VILLAGE, SubjectType.COUNTY)) {
            fields(t).forEach(f -> out.add(t.name().toLowerCase(java.util.Locale.ROOT) + "." + f));
        }
        return out;
    }

    private static Set<String> fields(SubjectType type) {
        TreeSet<String> out = new TreeSet<>();
        if (type == SubjectType.HOUSEHOLD) {
            out.add(TOTAL_INCOME);
        }
        Set<String> all = SubjectValues.names(type);
        Set<String> derived = Set.of("members", "totalIncome", "perCapitaIncome", "businesses", "villages");
        Set<String> householdOnly = type == SubjectType.BUSINESS ? SubjectValues.names(SubjectType.HOUSEHOLD) : Set.of();
        for (String n : all) {
            if (!derived.contains(n) && !householdOnly.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }

    public SubjectType subject() {
        return subject;
    }

    public Direction direction() {
        return direction;
    }

    /** How many facts of the changed kind the scenario has. */
    public int candidates(Scenario s) {
        return switch (subject) {
            case HOUSEHOLD, PERSON -> s.households().size();
            case BUSINESS -> s.businesses().size();
            case VILLAGE -> s.villages().size();
            case COUNTY -> s.counties().size();
        };
    }

    /** A change that was made: the changed scenario and what changed, in words. */
    public record Applied(Scenario changed, SubjectType type, String subjectId, String description) {
    }

    /**
     * Changes the ({@code pick} mod n)-th fact of the kind by {@code amount}; null when the
     * scenario has none, the field is missing (a county statistic not given), or the change would
     * make the fact invalid (a count below 0) or leave it as it was.
     */
    public Applied apply(Scenario s, int pick, long amount) {
        int n = candidates(s);
        if (n == 0 || amount <= 0) {
            return null;
        }
        int i = Math.floorMod(pick, n);
        return switch (subject) {
            case HOUSEHOLD, PERSON -> {
                Household h = s.households().get(i).household();
                Household changed = path.equals(TOTAL_INCOME) ? totalIncome(h, amount) : field(h, amount, Household.class);
                yield changed == null ? null : applied(s.withHousehold(i, x -> changed), h.id(), value(h), value(changed));
            }
            case BUSINESS -> {
                Business b = s.businesses().get(i);
                Business changed = field(b, amount, Business.class);
                yield changed == null ? null : applied(s.withBusiness(i, x -> changed), b.id(), value(b), value(changed));
            }
            case VILLAGE -> {
                Village v = s.villages().get(i);
                Village changed = field(v, amount, Village.class);
                yield changed == null ? null : applied(s.withVillage(i, x -> changed), v.id(), value(v), value(changed));
            }
            case COUNTY -> {
                County c = s.counties().get(i);
                County changed = field(c, amount, County.class);
                yield changed == null ? null : applied(s.withCounty(i, x -> changed), c.id(), value(c), value(changed));
            }
        };
    }

    private Applied applied(Scenario s, String id, BigDecimal before, BigDecimal after) {
        return new Applied(s, subject, id, (direction == Direction.UP ? "raised " : "lowered ")
                + subject.name().toLowerCase(java.util.Locale.ROOT) + " " + id + " " + (path.equals(TOTAL_INCOME)
                ? "totalIncome" : path) + " from " + before.toPlainString() + " to " + after.toPlainString());
    }

    /** The current value of the changed number in a fact (total income for household.income), or null. */
    BigDecimal value(Object fact) {
        if (fact instanceof Household h && path.equals(TOTAL_INCOME)) {
            return BigDecimal.valueOf(h.totalIncome());
        }
        JsonNode leaf = leaf(FactJson.tree(fact));
        return leaf != null && leaf.isNumber() ? leaf.decimalValue() : null;
    }

    /** The current value of the changed number for the ({@code pick} mod n)-th fact, or null. */
    BigDecimal value(Scenario s, int pick) {
        int n = candidates(s);
        if (n == 0) {
            return null;
        }
        int i = Math.floorMod(pick, n);
        return switch (subject) {
            case HOUSEHOLD, PERSON -> value(s.households().get(i).household());
            case BUSINESS -> value(s.businesses().get(i));
            case VILLAGE -> value(s.villages().get(i));
            case COUNTY -> value(s.counties().get(i));
        };
    }

    /**
     * Amounts worth trying for a fact: those that move its number onto each threshold and one
     * past it, in this change's direction, and 1.
     */
    List<Long> boundaryAmounts(Scenario s, int pick, Thresholds t) {
        BigDecimal v = value(s, pick);
        TreeSet<Long> out = new TreeSet<>();
        out.add(1L);
        if (v == null) {
            return List.copyOf(out);
        }
        List<Long> targets = new ArrayList<>();
        if (subject == SubjectType.HOUSEHOLD && path.equals(TOTAL_INCOME)) {
            HouseholdInput in = s.households().get(Math.floorMod(pick, s.households().size()));
            targets.addAll(t.householdTotals(in.household().memberCount()));
        } else {
            targets.addAll(t.money());
            t.counts().forEach(c -> targets.add((long) c));
        }
        long cur = v.setScale(0, java.math.RoundingMode.FLOOR).longValue();
        for (long c : targets) {
            long d = direction == Direction.UP ? c - cur : cur - c;
            if (d > 0) {
                out.add(d);
                out.add(d + 1);
            }
        }
        return List.copyOf(out);
    }

    private Household totalIncome(Household h, long amount) {
        Income in = h.income();
        if (direction == Direction.UP) {
            return FactCopies.withIncome(h, new Income(in.wage() + amount, in.operating(), in.property(), in.transfer()));
        }
        long left = amount;
        long wage = in.wage() - Math.min(left, in.wage());
        left -= in.wage() - wage;
        long property = in.property() - Math.min(left, in.property());
        left -= in.property() - property;
        long transfer = in.transfer() - Math.min(left, in.transfer());
        left -= in.transfer() - transfer;
        return FactCopies.withIncome(h, new Income(wage, in.operating() - left, property, transfer));
    }

    private <T> T field(T fact, long amount, Class<T> type) {
        ObjectNode root = FactJson.tree(fact);
        String[] parts = path.split("\\.");
        JsonNode parent = root;
        for (int k = 0; k < parts.length - 1; k++) {
            parent = parent.get(parts[k]);
            if (parent == null || !parent.isObject()) {
                return null;
            }
        }
        JsonNode leaf = parent.get(parts[parts.length - 1]);
        if (leaf == null || !leaf.isNumber()) {
            return null;
        }
        BigDecimal delta = BigDecimal.valueOf(direction == Direction.UP ? amount : -amount);
        BigDecimal next = leaf.decimalValue().add(delta);
        for (BigDecimal candidate : List.of(next, BigDecimal.ZERO)) {
            if (candidate.compareTo(leaf.decimalValue()) == 0) {
                return null;
            }
            if (direction == Direction.UP && candidate.compareTo(leaf.decimalValue()) < 0) {
                return null;
            }
            ObjectNode p = (ObjectNode) parent;
            if (leaf.isIntegralNumber()) {
                p.put(parts[parts.length - 1], candidate.longValueExact());
            } else {
                p.put(parts[parts.length - 1], candidate);
            }
            try {
                return FactJson.read(root, type);
            } catch (IllegalArgumentException invalid) {
                // below the field's floor: try 0 once
            }
        }
        return null;
    }

    private JsonNode leaf(JsonNode root) {
        JsonNode n = root;
        for (String part : path.split("\\.")) {
            if (n == null) {
                return null;
            }
            n = n.get(part);
        }
        return n;
    }

    @Override
    public String toString() {
        return text;
    }
}
