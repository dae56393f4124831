package org.fuyu.policy.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.fuyu.policy.facts.Assets;
import org.fuyu.policy.facts.Credit;
import org.fuyu.policy.facts.CreditRating;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.facts.HouseholdStatus;
import org.fuyu.policy.facts.Income;
import org.fuyu.policy.facts.Person;
import org.fuyu.policy.facts.PersonCategory;

/**
 * A fast path for reading one household record: Jackson's streaming parser (the same factory,
 * so the same size limits and duplicate-key check) feeding the record constructors directly,
 * instead of the data-binding layer. It takes only the plain shape, every value of the
 * expected JSON type, and gives up (returns null) on anything else: an explicit null, an
 * unknown field, a missing required field, a number where a string belongs, a value the record
 * rejects. The caller then parses the line with the strict mapper, which produces the same
 * record or the precise error. Households read either way are equal.
 */
final class HouseholdJson {
    private final JsonFactory factory;

    HouseholdJson(JsonFactory factory) {
        this.factory = factory;
    }

    /** The household, or null when the line is not in the plain shape (or not valid at all). */
    Household parse(byte[] buf, int off, int len) {
        try (JsonParser p = factory.createParser(buf, off, len)) {
            // duplicate keys are caught below with a bit per known field (cheaper than the parser's set of names)
            p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Household h = household(p);
            if (h == null || p.nextToken() != null) {
                return null;
            }
            return h;
        } catch (IOException | RuntimeException e) {
            return null; // not the plain shape, or not valid: the strict path reports it
        }
    }

    private static final class GiveUp extends RuntimeException {
        private static final GiveUp INSTANCE = new GiveUp();

        private GiveUp() {
            super(null, null, false, false);
        }
    }

    private static Household household(JsonParser p) throws IOException {
        String id = null;
        String villageId = null;
        String countyId = null;
        Boolean farming = null;
        List<Person> members = null;
        Income income = null;
        Set<HouseholdStatus> statuses = null;
        Boolean housingSafe = null;
        long medical = 0;
        long disaster = 0;
        Assets assets = null;
        Credit credit = null;
        String name;
        int seen = 0;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "id" -> {
                    seen = once(seen, 1 << 0);
                    id = string(p, t);
                }
                case "villageId" -> {
                    seen = once(seen, 1 << 1);
                    villageId = string(p, t);
                }
                case "countyId" -> {
                    seen = once(seen, 1 << 2);
                    countyId = string(p, t);
                }
                case "farming" -> {
                    seen = once(seen, 1 << 3);
                    farming = bool(t);
                }
                case "members" -> {
                    seen = once(seen, 1 << 4);
                    members = members(p, t);
                }
                case "income" -> {
                    seen = once(seen, 1 << 5);
                    income = income(p, t);
                }
                case "statuses" -> {
                    seen = once(seen, 1 << 6);
                    statuses = enums(p, t, HouseholdStatus.class);
                }
                case "housingSafe" -> {
                    seen = once(seen, 1 << 7);
                    housingSafe = bool(t);
                }
                case "medicalExpenseYuan" -> {
                    seen = once(seen, 1 << 8);
                    medical = whole(p, t);
                }
                case "disasterLossYuan" -> {
                    seen = once(seen, 1 << 9);
                    disaster = whole(p, t);
                }
                case "assets" -> {
                    seen = once(seen, 1 << 10);
                    assets = assets(p, t);
                }
                case "credit" -> {
                    seen = once(seen, 1 << 11);
                    credit = credit(p, t);
                }
                default -> throw GiveUp.INSTANCE;
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT || id == null || villageId == null || members == null) {
            return null;
        }
        return new Household(id, villageId, countyId, farming, members, income, statuses, housingSafe, medical, disaster,
                assets, credit);
    }

    private static List<Person> members(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            throw GiveUp.INSTANCE;
        }
        List<Person> out = new ArrayList<>(8);
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                throw GiveUp.INSTANCE;
            }
            out.add(person(p));
        }
        return out;
    }

    private static Person person(JsonParser p) throws IOException {
        String id = null;
        Integer age = null;
        boolean labor = false;
        boolean employed = false;
        boolean disabled = false;
        boolean inSchool = false;
        Set<PersonCategory> categories = null;
        String name;
        int seen = 0;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "id" -> {
                    seen = once(seen, 1 << 0);
                    id = string(p, t);
                }
                case "age" -> {
                    seen = once(seen, 1 << 1);
                    if (t != JsonToken.VALUE_NUMBER_INT) {
                        throw GiveUp.INSTANCE;
                    }
                    age = p.getIntValue();
                }
                case "laborCapable" -> {
                    seen = once(seen, 1 << 2);
                    labor = bool(t);
                }
                case "employed" -> {
                    seen = once(seen, 1 << 3);
                    employed = bool(t);
                }
                case "disabled" -> {
                    seen = once(seen, 1 << 4);
                    disabled = bool(t);
                }
                case "inSchool" -> {
                    seen = once(seen, 1 << 5);
                    inSchool = bool(t);
                }
                case "categories" -> {
                    seen = once(seen, 1 << 6);
                    categories = enums(p, t, PersonCategory.class);
                }
                default -> throw GiveUp.INSTANCE;
            }
        }
        if (id == null || age == null) {
            throw GiveUp.INSTANCE;
        }
        return new Person(id, age, labor, employed, disabled, inSchool, categories);
    }

    private static Income income(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            throw GiveUp.INSTANCE;
        }
        long wage = 0;
        long operating = 0;
        long property = 0;
        long transfer = 0;
        String name;
        int seen = 0;
        while ((name = p.nextFieldName()) != null) {
            JsonToken v = p.nextToken();
            switch (name) {
                case "wage" -> {
                    seen = once(seen, 1 << 0);
                    wage = whole(p, v);
                }
                case "operating" -> {
                    seen = once(seen, 1 << 1);
                    operating = whole(p, v);
                }
                case "property" -> {
                    seen = once(seen, 1 << 2);
                    property = whole(p, v);
                }
                case "transfer" -> {
                    seen = once(seen, 1 << 3);
                    transfer = whole(p, v);
                }
                default -> throw GiveUp.INSTANCE;
            }
        }
        return new Income(wage, operating, property, transfer);
    }

    private static Assets assets(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            throw GiveUp.INSTANCE;
        }
        long vehicle = 0;
        boolean commercial = false;
        long savings = 0;
        String name;
        int seen = 0;
        while ((name = p.nextFieldName()) != null) {
            JsonToken v = p.nextToken();
            switch (name) {
                case "vehicleValueYuan" -> {
                    seen = once(seen, 1 << 0);
                    vehicle = whole(p, v);
                }
                case "commercialProperty" -> {
                    seen = once(seen, 1 << 1);
                    commercial = bool(v);
                }
                case "savingsYuan" -> {
                    seen = once(seen, 1 << 2);
                    savings = whole(p, v);
                }
                default -> throw GiveUp.INSTANCE;
            }
        }
        return new Assets(vehicle, commercial, savings);
    }

    private static Credit credit(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            throw GiveUp.INSTANCE;
        }
        CreditRating rating = null;
        boolean overdue = false;
        boolean dishonest = false;
        long line = 0;
        long outstanding = 0;
        String name;
        int seen = 0;
        while ((name = p.nextFieldName()) != null) {
            JsonToken v = p.nextToken();
            switch (name) {
                case "rating" -> {
                    seen = once(seen, 1 << 0);
                    rating = CreditRating.valueOf(string(p, v));
                }
                case "overdue" -> {
                    seen = once(seen, 1 << 1);
                    overdue = bool(v);
                }
                case "dishonestDebtor" -> {
                    seen = once(seen, 1 << 2);
                    dishonest = bool(v);
                }
                case "inclusiveCreditLineYuan" -> {
                    seen = once(seen, 1 << 3);
                    line = whole(p, v);
                }
                case "outstandingLoanYuan" -> {
                    seen = once(seen, 1 << 4);
                    outstanding = whole(p, v);
                }
                default -> throw GiveUp.INSTANCE;
            }
        }
        return new Credit(rating, overdue, dishonest, line, outstanding);
    }

    private static <E extends Enum<E>> Set<E> enums(JsonParser p, JsonToken t, Class<E> type) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            throw GiveUp.INSTANCE;
        }
        Set<E> out = EnumSet.noneOf(type);
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            out.add(Enum.valueOf(type, string(p, t)));
        }
        return out;
    }

    private static String string(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            throw GiveUp.INSTANCE;
        }
        return p.getText();
    }

    /** Marks field {@code bit} seen; a second time means a duplicate key, which the strict path reports. */
    private static int once(int seen, int bit) {
        if ((seen & bit) != 0) {
            throw GiveUp.INSTANCE;
        }
        return seen | bit;
    }

    private static boolean bool(JsonToken t) {
        if (t == JsonToken.VALUE_TRUE) {
            return true;
        }
        if (t == JsonToken.VALUE_FALSE) {
            return false;
        }
        throw GiveUp.INSTANCE;
    }

    private static long whole(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw GiveUp.INSTANCE;
        }
        return p.getLongValue();
    }
}
