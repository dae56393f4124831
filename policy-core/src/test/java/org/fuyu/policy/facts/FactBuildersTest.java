package org.fuyu.policy.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Builders give the same facts as the canonical constructors, and {@link Facts} reads JSON as strictly as the files. */
class FactBuildersTest {

    @Test
    void householdBuilderEqualsTheConstructorWithDefaults() {
        Household built = Household.builder().id("H001").villageId("V01").countyId("C01")
                .member(Person.builder().id("P1").age(45).laborCapable(true).employed(true).build())
                .member(Person.builder().id("P2").age(12).inSchool(true).build())
                .income(20000, 4000, 0, 3000)
                .status(HouseholdStatus.MONITORED)
                .medicalExpenseYuan(500)
                .assets(Assets.builder().vehicleValueYuan(30000).build())
                .credit(Credit.builder().rating(CreditRating.A).inclusiveCreditLineYuan(30000).build())
                .build();
        Household byConstructor = new Household("H001", "V01", "C01", null,
                List.of(new Person("P1", 45, true, true, false, false, Set.of()),
                        new Person("P2", 12, false, false, false, true, Set.of())),
                new Income(20000, 4000, 0, 3000), Set.of(HouseholdStatus.MONITORED), null, 500, 0,
                new Assets(30000, false, 0), new Credit(CreditRating.A, false, false, 30000, 0));
        assertThat(built).isEqualTo(byConstructor);
        assertThat(built.farming()).isTrue();
        assertThat(built.housingSafe()).isTrue();
        assertThat(built.totalIncome()).isEqualTo(27000);
    }

    @Test
    void otherBuildersApplyTheSpecDefaults() {
        assertThat(Income.builder().wage(100).operating(-50).build()).isEqualTo(new Income(100, -50, 0, 0));
        assertThat(CollectiveIncome.builder().operating(120000).total(150000).build())
                .isEqualTo(new CollectiveIncome(120000, 150000));
        assertThat(Credit.builder().build()).isEqualTo(Credit.UNRATED);
        assertThat(Assets.builder().build()).isEqualTo(Assets.NONE);
        Village v = Village.builder().id("V01").countyId("C01").name("东村").population(800)
                .collectiveIncome(120000, 150000).newAgriculturalEntities(2).build();
        assertThat(v).isEqualTo(new Village("V01", "C01", "东村", SizeClass.MEDIUM, 800,
                new CollectiveIncome(120000, 150000), 2));
        County c = County.builder().id("C01").ruralPerCapitaIncome(24000).build();
        assertThat(c).isEqualTo(new County("C01", 24000L, null, null, null, null, null, null));
        Business b = Business.builder().id("B1").ownerId("P1").householdId("H001").villageId("V01")
                .sector(Sector.HOMESTAY).registeredOn(LocalDate.of(2024, 3, 1)).monthsOperating(6)
                .landAreaMu(new BigDecimal("2.5")).build();
        assertThat(b).isEqualTo(new Business("B1", "P1", "H001", "V01", Sector.HOMESTAY, BusinessKind.INDIVIDUAL,
                LocalDate.of(2024, 3, 1), 6, 0, 0, new BigDecimal("2.5"), false));
    }

    @Test
    void buildersRejectWhatTheReaderRejects() {
        assertThatThrownBy(() -> Household.builder().id("H1").villageId("V1").build())
                .isInstanceOf(FactException.class).hasMessageContaining("members");
        assertThatThrownBy(() -> Person.builder().id("P1").age(121).build())
                .isInstanceOf(FactException.class).hasMessageContaining("age");
        assertThatThrownBy(() -> Person.builder().id("P1").build())
                .isInstanceOf(FactException.class).hasMessageContaining("age");
        assertThatThrownBy(() -> Business.builder().id("B1").ownerId("P1").householdId("H1").build())
                .isInstanceOf(FactException.class).hasMessageContaining("villageId");
    }

    @Test
    void factsReadsOneObjectStrictly() {
        Household h = Facts.household("""
                {"id":"H001","villageId":"V01","countyId":"C01",
                 "members":[{"id":"P1","age":45,"laborCapable":true,"employed":true},{"id":"P2","age":12,"inSchool":true}],
                 "income":{"wage":20000,"operating":4000,"property":0,"transfer":3000},
                 "statuses":["MONITORED"],"medicalExpenseYuan":500,
                 "assets":{"vehicleValueYuan":30000},"credit":{"rating":"A","inclusiveCreditLineYuan":30000}}
                """);
        assertThat(h).isEqualTo(Household.builder().id("H001").villageId("V01").countyId("C01")
                .member(Person.builder().id("P1").age(45).laborCapable(true).employed(true).build())
                .member(Person.builder().id("P2").age(12).inSchool(true).build())
                .income(20000, 4000, 0, 3000).status(HouseholdStatus.MONITORED).medicalExpenseYuan(500)
                .assets(Assets.builder().vehicleValueYuan(30000).build())
                .credit(Credit.builder().rating(CreditRating.A).inclusiveCreditLineYuan(30000).build()).build());
        assertThat(Facts.village("{\"id\":\"V01\",\"countyId\":\"C01\",\"collectiveIncome\":{\"operating\":120000}}")
                .collectiveIncome().operating()).isEqualTo(120000);
        assertThat(Facts.county("{\"id\":\"C01\"}").ruralPerCapitaIncome()).isNull();
        assertThat(Facts.business("{\"id\":\"B1\",\"ownerId\":\"P1\",\"householdId\":\"H1\",\"villageId\":\"V1\"}")
                .sector()).isEqualTo(Sector.OTHER);
        assertThat(Facts.person("{\"id\":\"P1\",\"age\":0}").age()).isZero();
    }

    @Test
    void factsNamesTheFieldAndNeverQuotesJackson() {
        assertThatThrownBy(() -> Facts.household(
                "{\"id\":\"H1\",\"villageId\":\"V1\",\"members\":[{\"id\":\"P1\",\"age\":\"45\"}]}"))
                .isInstanceOfSatisfying(FactException.class, e -> {
                    assertThat(e.field()).isEqualTo("members[0].age");
                    assertThat(e.expected()).isEqualTo("expected a whole number, got the text \"45\""
                            + " (write numbers and true/false without quotes)");
                });
        assertThatThrownBy(() -> Facts.household("{\"id\":\"H1\",\"villageId\":\"V1\",\"members\":[{\"id\":\"P1\",\"age\":45}],\"x\":1}"))
                .isInstanceOf(FactException.class).hasMessageContaining("unknown field 'x'");
        assertThatThrownBy(() -> Facts.county("{\"id\":\"C1\"} {\"id\":\"C2\"}"))
                .isInstanceOf(FactException.class);
        assertThatThrownBy(() -> Facts.county("{\"id\":\"C1\"},{\"id\":\"C2\"}"))
                .isInstanceOf(FactException.class).hasMessageContaining("expected one JSON object {…} and nothing after it");
        assertThatThrownBy(() -> Facts.county("{\"id\":\"C1\"}] x"))
                .isInstanceOf(FactException.class).hasMessageContaining("expected one JSON object {…} and nothing after it");
        assertThatThrownBy(() -> Facts.county("[{\"id\":\"C1\"}]"))
                .isInstanceOf(FactException.class).hasMessageContaining("expected one JSON object {…}");
        assertThatThrownBy(() -> Facts.county("{\"id\":\"C1\""))
                .isInstanceOf(FactException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> Facts.village("{\"id\":7,\"countyId\":\"C01\"}"))
                .isInstanceOfSatisfying(FactException.class, e -> assertThat(e.field()).isEqualTo("id"));
    }
}
