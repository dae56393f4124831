package org.fuyu.policy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.fuyu.policy.facts.Assets;
import org.fuyu.policy.facts.Business;
import org.fuyu.policy.facts.Credit;
import org.fuyu.policy.facts.CreditRating;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.facts.HouseholdStatus;
import org.fuyu.policy.facts.Income;
import org.fuyu.policy.facts.Limits;
import org.fuyu.policy.facts.Person;
import org.fuyu.policy.facts.PersonCategory;

/**
 * One mutable fact of one household case, by its path ({@code income.wage},
 * {@code members[P2].employed}, {@code businesses[B1].localJobsCreated}): what it is now, its
 * plausible range, and a copy of the case with another value. A copy is built through the fact
 * records' constructors, so a value the input could not hold is refused as the input would be.
 */
final class FactField {
    enum Type { NUMBER, BOOLEAN, RATING, SET }

    final String path;
    /** The declared name ({@code members.employed}) the path is an instance of. */
    final String declared;
    final Type type;
    final long min;
    final long max;
    private final String member;
    private final String business;

    private FactField(String declared, String path, Type type, long min, long max, String member, String business) {
        this.declared = declared;
        this.path = path;
        this.type = type;
        this.min = min;
        this.max = max;
        this.member = member;
        this.business = business;
    }

    /** The instances of the declared mutable facts in this case (a member field once per member, a business field once per business). */
    static List<FactField> of(List<String> declared, HouseholdInput in) {
        List<FactField> out = new ArrayList<>();
        for (String d : declared) {
            if (d.startsWith("members.")) {
                String f = d.substring("members.".length());
                for (Person p : in.household().members()) {
                    out.add(new FactField(d, "members[" + p.id() + "]." + f, f.equals("categories") ? Type.SET : Type.BOOLEAN,
                            0, 1, p.id(), null));
                }
            } else if (d.startsWith("businesses.")) {
                String f = d.substring("businesses.".length());
                for (Business b : in.businesses()) {
                    Type t = f.equals("receivedStartupSubsidy") ? Type.BOOLEAN : Type.NUMBER;
                    long max = switch (f) {
                        case "monthsOperating" -> Limits.MAX_MONTHS;
                        case "landAreaMu" -> Limits.MAX_AREA_MU;
                        default -> Limits.MAX_COUNT;
                    };
                    out.add(new FactField(d, "businesses[" + b.id() + "]." + f, t, 0, max, null, b.id()));
                }
            } else {
                Type t = switch (d) {
                    case "assets.commercialProperty", "credit.overdue", "credit.dishonestDebtor", "housingSafe", "farming" -> Type.BOOLEAN;
                    case "credit.rating" -> Type.RATING;
                    case "statuses" -> Type.SET;
                    default -> Type.NUMBER;
                };
                // operating income may be a loss, but a loss is not a change anybody is advised to make:
                // it is searched down to 0, or to the loss the household already has
                long min = d.equals("income.operating") ? Math.min(0, in.household().income().operating()) : 0;
                out.add(new FactField(d, d, t, min, Limits.MAX_YUAN, null, null));
            }
        }
        return out;
    }

    /** Whether this fact can bear on a decision about {@code subjectType}/{@code subjectId}: another business's facts cannot. */
    boolean bearsOn(SubjectType subjectType, String subjectId) {
        return business == null || subjectType != SubjectType.BUSINESS || business.equals(subjectId);
    }

    private String leaf() {
        return declared.substring(declared.indexOf('.') + 1);
    }

    /** The value now: a Long (a BigDecimal for a land area), a Boolean, a rating, or a set. */
    Object now(HouseholdInput in) {
        Household h = in.household();
        if (member != null) {
            Person p = person(h);
            return switch (leaf()) {
                case "employed" -> p.employed();
                case "laborCapable" -> p.laborCapable();
                case "inSchool" -> p.inSchool();
                default -> p.categories();
            };
        }
        if (business != null) {
            Business b = business(in);
            return switch (leaf()) {
                case "monthsOperating" -> (long) b.monthsOperating();
                case "localJobsCreated" -> (long) b.localJobsCreated();
                case "lowIncomeJobsCreated" -> (long) b.lowIncomeJobsCreated();
                case "landAreaMu" -> b.landAreaMu();
                default -> b.receivedStartupSubsidy();
            };
        }
        return switch (declared) {
            case "income.wage" -> h.income().wage();
            case "income.operating" -> h.income().operating();
            case "income.property" -> h.income().property();
            case "income.transfer" -> h.income().transfer();
            case "assets.vehicleValueYuan" -> h.assets().vehicleValueYuan();
            case "assets.savingsYuan" -> h.assets().savingsYuan();
            case "assets.commercialProperty" -> h.assets().commercialProperty();
            case "credit.rating" -> h.credit().rating();
            case "credit.overdue" -> h.credit().overdue();
            case "credit.dishonestDebtor" -> h.credit().dishonestDebtor();
            case "credit.inclusiveCreditLineYuan" -> h.credit().inclusiveCreditLineYuan();
            case "credit.outstandingLoanYuan" -> h.credit().outstandingLoanYuan();
            case "medicalExpenseYuan" -> h.medicalExpenseYuan();
            case "disasterLossYuan" -> h.disasterLossYuan();
            case "housingSafe" -> h.housingSafe();
            case "farming" -> h.farming();
            case "statuses" -> h.statuses();
            default -> throw new IllegalStateException(declared);
        };
    }

    /** The value now as a whole number, for a numeric fact (a land area rounded toward {@code up}'s other side). */
    long nowLong(HouseholdInput in, boolean up) {
        Object v = now(in);
        if (v instanceof BigDecimal b) {
            return b.setScale(0, up ? RoundingMode.FLOOR : RoundingMode.CEILING).longValueExact();
        }
        return (Long) v;
    }

    /** The values a non-numeric fact can take other than the one it has now. */
    List<Object> alternatives(HouseholdInput in) {
        Object now = now(in);
        List<Object> out = new ArrayList<>();
        switch (type) {
            case BOOLEAN -> out.add(!(Boolean) now);
            case RATING -> {
                for (CreditRating r : CreditRating.values()) {
                    if (r != now) {
                        out.add(r);
                    }
                }
            }
            case SET -> {
                Enum<?>[] all = member != null ? PersonCategory.values() : HouseholdStatus.values();
                for (Enum<?> e : all) {
                    out.add(e); // toggled: added when absent, removed when present
                }
            }
            default -> {
            }
        }
        return out;
    }

    /** A copy of the case with this fact set to {@code value} (a set fact: {@code value} toggled), or null if the input could not hold it. */
    HouseholdInput with(HouseholdInput in, Object value) {
        try {
            return apply(in, value);
        } catch (RuntimeException e) { // FactException, ArithmeticException: not valid input
            return null;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private HouseholdInput apply(HouseholdInput in, Object value) {
        Household h = in.household();
        if (member != null) {
            List<Person> ms = new ArrayList<>(h.members());
            for (int i = 0; i < ms.size(); i++) {
                Person p = ms.get(i);
                if (p.id().equals(member)) {
                    boolean b = value instanceof Boolean x && x;
                    Set<PersonCategory> cats = p.categories();
                    if (leaf().equals("categories")) {
                        cats = toggled(cats, (PersonCategory) value, PersonCategory.class);
                    }
                    ms.set(i, new Person(p.id(), p.age(), leaf().equals("laborCapable") ? b : p.laborCapable(),
                            leaf().equals("employed") ? b : p.employed(), p.disabled(),
                            leaf().equals("inSchool") ? b : p.inSchool(), cats));
                }
            }
            return new HouseholdInput(household(h, ms, h.income(), h.statuses(), h.housingSafe(), h.farming(),
                    h.medicalExpenseYuan(), h.disasterLossYuan(), h.assets(), h.credit()), in.businesses());
        }
        if (business != null) {
            List<Business> bs = new ArrayList<>(in.businesses());
            for (int i = 0; i < bs.size(); i++) {
                Business b = bs.get(i);
                if (b.id().equals(business)) {
                    String f = leaf();
                    int n = f.equals("landAreaMu") || f.equals("receivedStartupSubsidy") ? 0 : Math.toIntExact((Long) value);
                    bs.set(i, new Business(b.id(), b.ownerId(), b.householdId(), b.villageId(), b.sector(), b.kind(),
                            b.registeredOn(), f.equals("monthsOperating") ? n : b.monthsOperating(),
                            f.equals("localJobsCreated") ? n : b.localJobsCreated(),
                            f.equals("lowIncomeJobsCreated") ? n : b.lowIncomeJobsCreated(),
                            f.equals("landAreaMu") ? BigDecimal.valueOf((Long) value) : b.landAreaMu(),
                            f.equals("receivedStartupSubsidy") ? (Boolean) value : b.receivedStartupSubsidy()));
                }
            }
            return new HouseholdInput(h, bs);
        }
        Income inc = h.income();
        Assets a = h.assets();
        Credit c = h.credit();
        Set<HouseholdStatus> statuses = h.statuses();
        boolean housingSafe = h.housingSafe();
        boolean farming = h.farming();
        long medical = h.medicalExpenseYuan();
        long disaster = h.disasterLossYuan();
        switch (declared) {
            case "income.wage" -> inc = new Income((Long) value, inc.operating(), inc.property(), inc.transfer());
            case "income.operating" -> inc = new Income(inc.wage(), (Long) value, inc.property(), inc.transfer());
            case "income.property" -> inc = new Income(inc.wage(), inc.operating(), (Long) value, inc.transfer());
            case "income.transfer" -> inc = new Income(inc.wage(), inc.operating(), inc.property(), (Long) value);
            case "assets.vehicleValueYuan" -> a = new Assets((Long) value, a.commercialProperty(), a.savingsYuan());
            case "assets.savingsYuan" -> a = new Assets(a.vehicleValueYuan(), a.commercialProperty(), (Long) value);
            case "assets.commercialProperty" -> a = new Assets(a.vehicleValueYuan(), (Boolean) value, a.savingsYuan());
            case "credit.rating" -> c = new Credit((CreditRating) value, c.overdue(), c.dishonestDebtor(),
                    c.inclusiveCreditLineYuan(), c.outstandingLoanYuan());
            case "credit.overdue" -> c = new Credit(c.rating(), (Boolean) value, c.dishonestDebtor(),
                    c.inclusiveCreditLineYuan(), c.outstandingLoanYuan());
            case "credit.dishonestDebtor" -> c = new Credit(c.rating(), c.overdue(), (Boolean) value,
                    c.inclusiveCreditLineYuan(), c.outstandingLoanYuan());
            case "credit.inclusiveCreditLineYuan" -> c = new Credit(c.rating(), c.overdue(), c.dishonestDebtor(),
                    (Long) value, c.outstandingLoanYuan());
            case "credit.outstandingLoanYuan" -> c = new Credit(c.rating(), c.overdue(), c.dishonestDebtor(),
                    c.inclusiveCreditLineYuan(), (Long) value);
            case "medicalExpenseYuan" -> medical = (Long) value;
            case "disasterLossYuan" -> disaster = (Long) value;
            case "housingSafe" -> housingSafe = (Boolean) value;
            case "farming" -> farming = (Boolean) value;
            case "statuses" -> statuses = toggled(statuses, (HouseholdStatus) value, HouseholdStatus.class);
            default -> throw new IllegalStateException(declared);
        }
        return new HouseholdInput(household(h, h.members(), inc, statuses, housingSafe, farming, medical, disaster, a, c),
                in.businesses());
    }

    private static <E extends Enum<E>> Set<E> toggled(Set<E> now, E value, Class<E> type) {
        EnumSet<E> s = now.isEmpty() ? EnumSet.noneOf(type) : EnumSet.copyOf(now);
        if (!s.remove(value)) {
            s.add(value);
        }
        return s;
    }

    private static Household household(Household h, List<Person> members, Income income, Set<HouseholdStatus> statuses,
                                       boolean housingSafe, boolean farming, long medical, long disaster, Assets a, Credit c) {
        return new Household(h.id(), h.villageId(), h.countyId(), farming, members, income, statuses, housingSafe,
                medical, disaster, a, c);
    }

    private Person person(Household h) {
        for (Person p : h.members()) {
            if (p.id().equals(member)) {
                return p;
            }
        }
        throw new IllegalStateException(member);
    }

    private Business business(HouseholdInput in) {
        for (Business b : in.businesses()) {
            if (b.id().equals(business)) {
                return b;
            }
        }
        throw new IllegalStateException(business);
    }
}
