package org.fuyu.policy.examples.generate;

import java.util.Set;
import org.fuyu.policy.facts.Assets;
import org.fuyu.policy.facts.Business;
import org.fuyu.policy.facts.County;
import org.fuyu.policy.facts.Credit;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.facts.Income;
import org.fuyu.policy.facts.Person;
import org.fuyu.policy.facts.Village;

/**
 * Writes facts as one-line JSON in the input format of spec §1, leaving out fields that hold
 * their default. Hand-written because the generator writes millions of records; a test reads
 * the output back with the strict fact mapper and compares it with the records written.
 */
final class FactJson {
    private FactJson() {
    }

    static void household(StringBuilder sb, Household h) {
        sb.append("{\"id\":");
        string(sb, h.id());
        sb.append(",\"villageId\":");
        string(sb, h.villageId());
        if (h.countyId() != null) {
            sb.append(",\"countyId\":");
            string(sb, h.countyId());
        }
        if (!h.farming()) {
            sb.append(",\"farming\":false");
        }
        sb.append(",\"members\":[");
        for (int i = 0; i < h.members().size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            person(sb, h.members().get(i));
        }
        sb.append(']');
        Income in = h.income();
        sb.append(",\"income\":{\"wage\":").append(in.wage()).append(",\"operating\":").append(in.operating())
                .append(",\"property\":").append(in.property()).append(",\"transfer\":").append(in.transfer()).append('}');
        if (!h.statuses().isEmpty()) {
            sb.append(",\"statuses\":");
            enums(sb, h.statuses());
        }
        if (!h.housingSafe()) {
            sb.append(",\"housingSafe\":false");
        }
        if (h.medicalExpenseYuan() != 0) {
            sb.append(",\"medicalExpenseYuan\":").append(h.medicalExpenseYuan());
        }
        if (h.disasterLossYuan() != 0) {
            sb.append(",\"disasterLossYuan\":").append(h.disasterLossYuan());
        }
        Assets a = h.assets();
        if (!a.equals(Assets.NONE)) {
            sb.append(",\"assets\":{\"vehicleValueYuan\":").append(a.vehicleValueYuan());
            if (a.commercialProperty()) {
                sb.append(",\"commercialProperty\":true");
            }
            sb.append(",\"savingsYuan\":").append(a.savingsYuan()).append('}');
        }
        Credit c = h.credit();
        if (!c.equals(Credit.UNRATED)) {
            sb.append(",\"credit\":{\"rating\":\"").append(c.rating().name()).append('"');
            if (c.overdue()) {
                sb.append(",\"overdue\":true");
            }
            if (c.dishonestDebtor()) {
                sb.append(",\"dishonestDebtor\":true");
            }
            sb.append(",\"inclusiveCreditLineYuan\":").append(c.inclusiveCreditLineYuan())
                    .append(",\"outstandingLoanYuan\":").append(c.outstandingLoanYuan()).append('}');
        }
        sb.append('}');
    }

    private static void person(StringBuilder sb, Person p) {
        sb.append("{\"id\":");
        string(sb, p.id());
        sb.append(",\"age\":").append(p.age());
        if (p.laborCapable()) {
            sb.append(",\"laborCapable\":true");
        }
        if (p.employed()) {
            sb.append(",\"employed\":true");
        }
        if (p.disabled()) {
            sb.append(",\"disabled\":true");
        }
        if (p.inSchool()) {
            sb.append(",\"inSchool\":true");
        }
        if (!p.categories().isEmpty()) {
            sb.append(",\"categories\":");
            enums(sb, p.categories());
        }
        sb.append('}');
    }

    static void business(StringBuilder sb, Business b) {
        sb.append("{\"id\":");
        string(sb, b.id());
        sb.append(",\"ownerId\":");
        string(sb, b.ownerId());
        sb.append(",\"householdId\":");
        string(sb, b.householdId());
        sb.append(",\"villageId\":");
        string(sb, b.villageId());
        sb.append(",\"sector\":\"").append(b.sector().name()).append("\",\"kind\":\"").append(b.kind().name()).append('"');
        if (b.registeredOn() != null) {
            sb.append(",\"registeredOn\":\"").append(b.registeredOn()).append('"');
        }
        sb.append(",\"monthsOperating\":").append(b.monthsOperating())
                .append(",\"localJobsCreated\":").append(b.localJobsCreated())
                .append(",\"lowIncomeJobsCreated\":").append(b.lowIncomeJobsCreated())
                .append(",\"landAreaMu\":").append(b.landAreaMu().toPlainString());
        if (b.receivedStartupSubsidy()) {
            sb.append(",\"receivedStartupSubsidy\":true");
        }
        sb.append('}');
    }

    static void village(StringBuilder sb, Village v) {
        sb.append("{\"id\":");
        string(sb, v.id());
        sb.append(",\"countyId\":");
        string(sb, v.countyId());
        if (v.name() != null) {
            sb.append(",\"name\":");
            string(sb, v.name());
        }
        sb.append(",\"sizeClass\":\"").append(v.sizeClass().name()).append('"')
                .append(",\"population\":").append(v.population())
                .append(",\"collectiveIncome\":{\"operating\":").append(v.collectiveIncome().operating())
                .append(",\"total\":").append(v.collectiveIncome().total()).append('}')
                .append(",\"newAgriculturalEntities\":").append(v.newAgriculturalEntities())
                .append('}');
    }

    static void county(StringBuilder sb, County c) {
        sb.append("{\"id\":");
        string(sb, c.id());
        number(sb, "ruralPerCapitaIncome", c.ruralPerCapitaIncome());
        number(sb, "previousRuralPerCapitaIncome", c.previousRuralPerCapitaIncome());
        number(sb, "urbanPerCapitaIncome", c.urbanPerCapitaIncome());
        number(sb, "lowIncomePerCapitaIncome", c.lowIncomePerCapitaIncome());
        number(sb, "previousLowIncomePerCapitaIncome", c.previousLowIncomePerCapitaIncome());
        number(sb, "creditLoanBalanceYuan", c.creditLoanBalanceYuan());
        number(sb, "previousCreditLoanBalanceYuan", c.previousCreditLoanBalanceYuan());
        sb.append('}');
    }

    private static void number(StringBuilder sb, String name, Long v) {
        if (v != null) {
            sb.append(",\"").append(name).append("\":").append(v.longValue());
        }
    }

    private static void enums(StringBuilder sb, Set<? extends Enum<?>> values) {
        sb.append('[');
        boolean first = true;
        for (Enum<?> e : values) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append('"').append(e.name()).append('"');
        }
        sb.append(']');
    }

    static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"' || ch == '\\') {
                sb.append('\\').append(ch);
            } else if (ch < 0x20) {
                sb.append(String.format("\\u%04x", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        sb.append('"');
    }
}
