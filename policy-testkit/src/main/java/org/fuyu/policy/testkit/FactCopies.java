package org.fuyu.policy.testkit;

import java.util.List;
import org.fuyu.policy.facts.Business;
import org.fuyu.policy.facts.County;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.facts.Income;
import org.fuyu.policy.facts.Person;
import org.fuyu.policy.facts.Village;

/** Copies of immutable facts with one part changed. */
final class FactCopies {
    private FactCopies() {
    }

    static Household withMembers(Household h, List<Person> members) {
        return new Household(h.id(), h.villageId(), h.countyId(), h.farming(), members, h.income(), h.statuses(),
                h.housingSafe(), h.medicalExpenseYuan(), h.disasterLossYuan(), h.assets(), h.credit());
    }

    static Household withIds(Household h, String id, String villageId, String countyId) {
        return new Household(id, villageId, countyId, h.farming(), h.members(), h.income(), h.statuses(),
                h.housingSafe(), h.medicalExpenseYuan(), h.disasterLossYuan(), h.assets(), h.credit());
    }

    static Household withIncome(Household h, Income income) {
        return new Household(h.id(), h.villageId(), h.countyId(), h.farming(), h.members(), income, h.statuses(),
                h.housingSafe(), h.medicalExpenseYuan(), h.disasterLossYuan(), h.assets(), h.credit());
    }

    static Person withId(Person p, String id) {
        return new Person(id, p.age(), p.laborCapable(), p.employed(), p.disabled(), p.inSchool(), p.categories());
    }

    static Business withIds(Business b, String id, String ownerId, String householdId, String villageId) {
        return new Business(id, ownerId, householdId, villageId, b.sector(), b.kind(), b.registeredOn(),
                b.monthsOperating(), b.localJobsCreated(), b.lowIncomeJobsCreated(), b.landAreaMu(),
                b.receivedStartupSubsidy());
    }

    static Village withIds(Village v, String id, String countyId) {
        return new Village(id, countyId, v.name(), v.sizeClass(), v.population(), v.collectiveIncome(),
                v.newAgriculturalEntities());
    }

    static County withId(County c, String id) {
        return new County(id, c.ruralPerCapitaIncome(), c.previousRuralPerCapitaIncome(), c.urbanPerCapitaIncome(),
                c.lowIncomePerCapitaIncome(), c.previousLowIncomePerCapitaIncome(), c.creditLoanBalanceYuan(),
                c.previousCreditLoanBalanceYuan());
    }
}
