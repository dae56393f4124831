package org.fuyu.policy.io;

import java.nio.charset.StandardCharsets;
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
 * A fast path for reading one household record: the UTF-8 bytes read straight into the record
 * constructors. It takes only the plain shape, in which JSON and the strict mapper have a single
 * reading: known field names, each at most once; strings of printable ASCII without escapes (up
 * to the mapper's string length limit); whole numbers without leading zeros, fraction or
 * exponent; {@code true}/{@code false}; objects and arrays where the model has them. On
 * anything else (an explicit null, an unknown or repeated field, an escape, a non-ASCII
 * character, a number where a string belongs, a value the record rejects, trailing content) it
 * gives up and returns null; the caller then parses the line with the strict mapper, which
 * produces the same record or the precise error. Thread-safe (no state).
 */
final class HouseholdJson {
    private static final byte[][] HOUSEHOLD = names("id", "villageId", "countyId", "farming", "members", "income",
            "statuses", "housingSafe", "medicalExpenseYuan", "disasterLossYuan", "assets", "credit");
    private static final byte[][] PERSON = names("id", "age", "laborCapable", "employed", "disabled", "inSchool",
            "categories");
    private static final byte[][] INCOME = names("wage", "operating", "property", "transfer");
    private static final byte[][] ASSETS = names("vehicleValueYuan", "commercialProperty", "savingsYuan");
    private static final byte[][] CREDIT = names("rating", "overdue", "dishonestDebtor", "inclusiveCreditLineYuan",
            "outstandingLoanYuan");
    private static final HouseholdStatus[] STATUSES = HouseholdStatus.values();
    private static final byte[][] STATUS_NAMES = enumNames(STATUSES);
    private static final PersonCategory[] CATEGORIES = PersonCategory.values();
    private static final byte[][] CATEGORY_NAMES = enumNames(CATEGORIES);
    private static final CreditRating[] RATINGS = CreditRating.values();
    private static final byte[][] RATING_NAMES = enumNames(RATINGS);

    HouseholdJson() {
    }

    /** Thrown (without a stack trace) to leave the record to the strict mapper. */
    private static final class GiveUp extends RuntimeException {
        private static final GiveUp INSTANCE = new GiveUp();

        private GiveUp() {
            super(null, null, false, false);
        }
    }

    /** The household, or null when the line is not in the plain shape (or not valid at all). */
    Household parse(byte[] buf, int off, int len) {
        try {
            Cursor c = new Cursor(buf, off, off + len);
            c.skipWs();
            c.expect('{');
            Household h = household(c);
            c.skipWs();
            return c.pos == c.end ? h : null;
        } catch (RuntimeException e) {
            return null; // not the plain shape, or not valid: the strict path reports it
        }
    }

    private static Household household(Cursor c) {
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
        int seen = 0;
        for (int f = c.firstField(HOUSEHOLD); f >= 0; f = c.nextField(HOUSEHOLD, f + 1)) {
            seen = once(seen, f);
            switch (f) {
                case 0 -> id = c.string();
                case 1 -> villageId = c.string();
                case 2 -> countyId = c.string();
                case 3 -> farming = c.bool();
                case 4 -> members = members(c);
                case 5 -> income = income(c);
                case 6 -> statuses = enums(c, STATUS_NAMES, STATUSES, HouseholdStatus.class);
                case 7 -> housingSafe = c.bool();
                case 8 -> medical = c.whole();
                case 9 -> disaster = c.whole();
                case 10 -> assets = assets(c);
                default -> credit = credit(c);
            }
        }
        if (id == null || villageId == null || members == null) {
            throw GiveUp.INSTANCE;
        }
        return new Household(id, villageId, countyId, farming, members, income, statuses, housingSafe, medical, disaster,
                assets, credit);
    }

    private static List<Person> members(Cursor c) {
        c.expect('[');
        List<Person> out = new ArrayList<>(8);
        c.skipWs();
        if (c.peek() == ']') {
            c.pos++;
            return out;
        }
        while (true) {
            c.skipWs();
            c.expect('{');
            out.add(person(c));
            c.skipWs();
            byte b = c.next();
            if (b == ']') {
                return out;
            }
            if (b != ',') {
                throw GiveUp.INSTANCE;
            }
        }
    }

    private static Person person(Cursor c) {
        String id = null;
        Integer age = null;
        boolean labor = false;
        boolean employed = false;
        boolean disabled = false;
        boolean inSchool = false;
        Set<PersonCategory> categories = null;
        int seen = 0;
        for (int f = c.firstField(PERSON); f >= 0; f = c.nextField(PERSON, f + 1)) {
            seen = once(seen, f);
            switch (f) {
                case 0 -> id = c.string();
                case 1 -> {
                    long a = c.whole();
                    if (a < Integer.MIN_VALUE || a > Integer.MAX_VALUE) {
                        throw GiveUp.INSTANCE;
                    }
                    age = (int) a;
                }
                case 2 -> labor = c.bool();
                case 3 -> employed = c.bool();
                case 4 -> disabled = c.bool();
                case 5 -> inSchool = c.bool();
                default -> categories = enums(c, CATEGORY_NAMES, CATEGORIES, PersonCategory.class);
            }
        }
        if (id == null || age == null) {
            throw GiveUp.INSTANCE;
        }
        return new Person(id, age, labor, employed, disabled, inSchool, categories);
    }

    private static Income income(Cursor c) {
        c.expect('{');
        long wage = 0;
        long operating = 0;
        long property = 0;
        long transfer = 0;
        int seen = 0;
        for (int f = c.firstField(INCOME); f >= 0; f = c.nextField(INCOME, f + 1)) {
            seen = once(seen, f);
            long v = c.whole();
            switch (f) {
                case 0 -> wage = v;
                case 1 -> operating = v;
                case 2 -> property = v;
                default -> transfer = v;
            }
        }
        return new Income(wage, operating, property, transfer);
    }

    private static Assets assets(Cursor c) {
        c.expect('{');
        long vehicle = 0;
        boolean commercial = false;
        long savings = 0;
        int seen = 0;
        for (int f = c.firstField(ASSETS); f >= 0; f = c.nextField(ASSETS, f + 1)) {
            seen = once(seen, f);
            switch (f) {
                case 0 -> vehicle = c.whole();
                case 1 -> commercial = c.bool();
                default -> savings = c.whole();
            }
        }
        return new Assets(vehicle, commercial, savings);
    }

    private static Credit credit(Cursor c) {
        c.expect('{');
        CreditRating rating = null;
        boolean overdue = false;
        boolean dishonest = false;
        long line = 0;
        long outstanding = 0;
        int seen = 0;
        for (int f = c.firstField(CREDIT); f >= 0; f = c.nextField(CREDIT, f + 1)) {
            seen = once(seen, f);
            switch (f) {
                case 0 -> rating = RATINGS[c.constant(RATING_NAMES)];
                case 1 -> overdue = c.bool();
                case 2 -> dishonest = c.bool();
                case 3 -> line = c.whole();
                default -> outstanding = c.whole();
            }
        }
        return new Credit(rating, overdue, dishonest, line, outstanding);
    }

    private static <E extends Enum<E>> Set<E> enums(Cursor c, byte[][] names, E[] values, Class<E> type) {
        c.expect('[');
        Set<E> out = EnumSet.noneOf(type);
        c.skipWs();
        if (c.peek() == ']') {
            c.pos++;
            return out;
        }
        while (true) {
            c.skipWs();
            out.add(values[c.constant(names)]);
            c.skipWs();
            byte b = c.next();
            if (b == ']') {
                return out;
            }
            if (b != ',') {
                throw GiveUp.INSTANCE;
            }
        }
    }

    /** Marks field {@code f} seen; a second time means a repeated key, which the strict path reports. */
    private static int once(int seen, int f) {
        int bit = 1 << f;
        if ((seen & bit) != 0) {
            throw GiveUp.INSTANCE;
        }
        return seen | bit;
    }

    private static byte[][] names(String... names) {
        byte[][] out = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            out[i] = names[i].getBytes(StandardCharsets.US_ASCII);
        }
        return out;
    }

    private static byte[][] enumNames(Enum<?>[] values) {
        byte[][] out = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i].name().getBytes(StandardCharsets.US_ASCII);
        }
        return out;
    }

    /** A position in the bytes of one record. */
    private static final class Cursor {
        final byte[] buf;
        final int end;
        int pos;

        Cursor(byte[] buf, int pos, int end) {
            this.buf = buf;
            this.pos = pos;
            this.end = end;
        }

        byte peek() {
            if (pos >= end) {
                throw GiveUp.INSTANCE;
            }
            return buf[pos];
        }

        byte next() {
            if (pos >= end) {
                throw GiveUp.INSTANCE;
            }
            return buf[pos++];
        }

        void expect(char ch) {
            skipWs();
            if (next() != ch) {
                throw GiveUp.INSTANCE;
            }
        }

        void skipWs() {
            while (pos < end) {
                byte b = buf[pos];
                if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                    return;
                }
                pos++;
            }
        }

        /** After '{': the index of the first field name (then positioned at its value), or -1 for '}'. */
        int firstField(byte[][] names) {
            skipWs();
            if (peek() == '}') {
                pos++;
                return -1;
            }
            return field(names, 0);
        }

        /**
         * After a value: the index of the next field name, or -1 at '}'. Names are tried from
         * {@code likely} on (the one after the last, as files written by one program keep one order).
         */
        int nextField(byte[][] names, int likely) {
            skipWs();
            byte b = next();
            if (b == '}') {
                return -1;
            }
            if (b != ',') {
                throw GiveUp.INSTANCE;
            }
            skipWs();
            return field(names, likely);
        }

        private int field(byte[][] names, int likely) {
            int f = constant(names, likely);
            skipWs();
            if (next() != ':') {
                throw GiveUp.INSTANCE;
            }
            skipWs();
            return f;
        }

        /** A plain string that is one of {@code names}: its index. */
        int constant(byte[][] names) {
            return constant(names, 0);
        }

        /** The same, trying {@code names[from]} first, then the rest in order. */
        private int constant(byte[][] names, int from) {
            int start = plainString();
            int n = pos - 1 - start;
            int count = names.length;
            for (int k = 0, i = from < count ? from : 0; k < count; k++, i = i + 1 < count ? i + 1 : 0) {
                byte[] name = names[i];
                if (name.length == n && sameBytes(name, start, n)) {
                    return i;
                }
            }
            throw GiveUp.INSTANCE;
        }

        private boolean sameBytes(byte[] name, int start, int n) {
            for (int k = 0; k < n; k++) {
                if (buf[start + k] != name[k]) {
                    return false;
                }
            }
            return true;
        }

        String string() {
            int start = plainString();
            return new String(buf, start, pos - 1 - start, StandardCharsets.ISO_8859_1);
        }

        /** Moves past a string of printable ASCII without escapes; returns where its content starts. */
        private int plainString() {
            if (next() != '"') {
                throw GiveUp.INSTANCE;
            }
            int start = pos;
            while (true) {
                byte b = next();
                if (b == '"') {
                    break;
                }
                if (b < 0x20 || b == '\\' || b == 0x7F) {
                    throw GiveUp.INSTANCE; // escapes, control and non-ASCII characters: the strict path
                }
            }
            if (pos - 1 - start > FactMapper.MAX_STRING_LENGTH) {
                throw GiveUp.INSTANCE;
            }
            return start;
        }

        boolean bool() {
            byte b = next();
            if (b == 't' && pos + 3 <= end && buf[pos] == 'r' && buf[pos + 1] == 'u' && buf[pos + 2] == 'e') {
                pos += 3;
                delimiter();
                return true;
            }
            if (b == 'f' && pos + 4 <= end && buf[pos] == 'a' && buf[pos + 1] == 'l' && buf[pos + 2] == 's'
                    && buf[pos + 3] == 'e') {
                pos += 4;
                delimiter();
                return false;
            }
            throw GiveUp.INSTANCE;
        }

        /** A whole number: optional minus, no leading zero, at most 18 digits, no fraction or exponent. */
        long whole() {
            boolean negative = false;
            if (peek() == '-') {
                negative = true;
                pos++;
            }
            int start = pos;
            long v = 0;
            while (pos < end) {
                byte b = buf[pos];
                if (b < '0' || b > '9') {
                    break;
                }
                v = v * 10 + (b - '0');
                pos++;
            }
            int digits = pos - start;
            if (digits == 0 || digits > 18 || (digits > 1 && buf[start] == '0')) {
                throw GiveUp.INSTANCE;
            }
            delimiter();
            return negative ? -v : v;
        }

        /** What may follow a number or literal: white space, ',', '}' or ']' (or the end). */
        private void delimiter() {
            if (pos < end) {
                byte b = buf[pos];
                if (b != ',' && b != '}' && b != ']' && b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                    throw GiveUp.INSTANCE;
                }
            }
        }
    }
}
