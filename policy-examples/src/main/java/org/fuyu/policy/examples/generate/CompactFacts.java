package org.fuyu.policy.examples.generate;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
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
 * Writes facts in the input format of spec §1 on a Jackson generator (one record a line through
 * {@link org.fuyu.policy.io.JsonLines}), leaving out fields that hold their default so that
 * generated files stay small; the fields keep the order of the records. A test reads the output
 * back with the strict fact mapper and compares it with the records written.
 */
final class CompactFacts {
    private CompactFacts() {
    }

    static void household(JsonGenerator g, Household h) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", h.id());
        g.writeStringField("villageId", h.villageId());
        if (h.countyId() != null) {
            g.writeStringField("countyId", h.countyId());
        }
        if (!h.farming()) {
            g.writeBooleanField("farming", false);
        }
        g.writeArrayFieldStart("members");
        for (Person p : h.members()) {
            person(g, p);
        }
        g.writeEndArray();
        Income in = h.income();
        g.writeObjectFieldStart("income");
        g.writeNumberField("wage", in.wage());
        g.writeNumberField("operating", in.operating());
        g.writeNumberField("property", in.property());
        g.writeNumberField("transfer", in.transfer());
        g.writeEndObject();
        if (!h.statuses().isEmpty()) {
            enums(g, "statuses", h.statuses());
        }
        if (!h.housingSafe()) {
            g.writeBooleanField("housingSafe", false);
        }
        if (h.medicalExpenseYuan() != 0) {
            g.writeNumberField("medicalExpenseYuan", h.medicalExpenseYuan());
        }
        if (h.disasterLossYuan() != 0) {
            g.writeNumberField("disasterLossYuan", h.disasterLossYuan());
        }
        Assets a = h.assets();
        if (!a.equals(Assets.NONE)) {
            g.writeObjectFieldStart("assets");
            g.writeNumberField("vehicleValueYuan", a.vehicleValueYuan());
            if (a.commercialProperty()) {
                g.writeBooleanField("commercialProperty", true);
            }
            g.writeNumberField("savingsYuan", a.savingsYuan());
            g.writeEndObject();
        }
        Credit c = h.credit();
        if (!c.equals(Credit.UNRATED)) {
            g.writeObjectFieldStart("credit");
            g.writeStringField("rating", c.rating().name());
            if (c.overdue()) {
                g.writeBooleanField("overdue", true);
            }
            if (c.dishonestDebtor()) {
                g.writeBooleanField("dishonestDebtor", true);
            }
            g.writeNumberField("inclusiveCreditLineYuan", c.inclusiveCreditLineYuan());
            g.writeNumberField("outstandingLoanYuan", c.outstandingLoanYuan());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void person(JsonGenerator g, Person p) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", p.id());
        g.writeNumberField("age", p.age());
        if (p.laborCapable()) {
            g.writeBooleanField("laborCapable", true);
        }
        if (p.employed()) {
            g.writeBooleanField("employed", true);
        }
        if (p.disabled()) {
            g.writeBooleanField("disabled", true);
        }
        if (p.inSchool()) {
            g.writeBooleanField("inSchool", true);
        }
        if (!p.categories().isEmpty()) {
            enums(g, "categories", p.categories());
        }
        g.writeEndObject();
    }

    static void business(JsonGenerator g, Business b) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", b.id());
        g.writeStringField("ownerId", b.ownerId());
        g.writeStringField("householdId", b.householdId());
        g.writeStringField("villageId", b.villageId());
        g.writeStringField("sector", b.sector().name());
        g.writeStringField("kind", b.kind().name());
        if (b.registeredOn() != null) {
            g.writeStringField("registeredOn", b.registeredOn().toString());
        }
        g.writeNumberField("monthsOperating", b.monthsOperating());
        g.writeNumberField("localJobsCreated", b.localJobsCreated());
        g.writeNumberField("lowIncomeJobsCreated", b.lowIncomeJobsCreated());
        g.writeNumberField("landAreaMu", b.landAreaMu()); // plain: the fact mapper's WRITE_BIGDECIMAL_AS_PLAIN
        if (b.receivedStartupSubsidy()) {
            g.writeBooleanField("receivedStartupSubsidy", true);
        }
        g.writeEndObject();
    }

    static void village(JsonGenerator g, Village v) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", v.id());
        g.writeStringField("countyId", v.countyId());
        if (v.name() != null) {
            g.writeStringField("name", v.name());
        }
        g.writeStringField("sizeClass", v.sizeClass().name());
        g.writeNumberField("population", v.population());
        g.writeObjectFieldStart("collectiveIncome");
        g.writeNumberField("operating", v.collectiveIncome().operating());
        g.writeNumberField("total", v.collectiveIncome().total());
        g.writeEndObject();
        g.writeNumberField("newAgriculturalEntities", v.newAgriculturalEntities());
        g.writeEndObject();
    }

    static void county(JsonGenerator g, County c) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", c.id());
        number(g, "ruralPerCapitaIncome", c.ruralPerCapitaIncome());
        number(g, "previousRuralPerCapitaIncome", c.previousRuralPerCapitaIncome());
        number(g, "urbanPerCapitaIncome", c.urbanPerCapitaIncome());
        number(g, "lowIncomePerCapitaIncome", c.lowIncomePerCapitaIncome());
        number(g, "previousLowIncomePerCapitaIncome", c.previousLowIncomePerCapitaIncome());
        number(g, "creditLoanBalanceYuan", c.creditLoanBalanceYuan());
        number(g, "previousCreditLoanBalanceYuan", c.previousCreditLoanBalanceYuan());
        g.writeEndObject();
    }

    private static void number(JsonGenerator g, String name, Long v) throws IOException {
        if (v != null) {
            g.writeNumberField(name, v.longValue());
        }
    }

    private static void enums(JsonGenerator g, String name, Set<? extends Enum<?>> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (Enum<?> e : values) {
            g.writeString(e.name());
        }
        g.writeEndArray();
    }
}
