package org.fuyu.policy.examples.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.fuyu.policy.HouseholdInput;
import org.fuyu.policy.facts.Business;
import org.fuyu.policy.facts.County;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.facts.HouseholdStatus;
import org.fuyu.policy.facts.SizeClass;
import org.fuyu.policy.facts.Village;
import org.fuyu.policy.io.FactReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PopulationGeneratorTest {
    private static final PopulationGenerator.Config CONFIG = new PopulationGenerator.Config(25_000, 90, 3, 42);

    @TempDir
    static Path dir;
    static Path one;

    @BeforeAll
    static void writeOnce() throws IOException {
        one = dir.resolve("one-thread");
        new PopulationGenerator(CONFIG).write(one, 1, n -> { });
    }

    @Test
    void sameSeedSameFilesWhateverTheThreads() throws IOException {
        Path three = dir.resolve("three-threads");
        new PopulationGenerator(CONFIG).write(three, 3, n -> { });
        for (String f : List.of("households.jsonl", "businesses.jsonl", "villages.jsonl", "counties.jsonl")) {
            assertThat(Files.readAllBytes(three.resolve(f))).as(f).isEqualTo(Files.readAllBytes(one.resolve(f)));
        }
        Path other = dir.resolve("other-seed");
        new PopulationGenerator(new PopulationGenerator.Config(25_000, 90, 3, 43)).write(other, 2, n -> { });
        assertThat(Files.readAllBytes(other.resolve("households.jsonl")))
                .isNotEqualTo(Files.readAllBytes(one.resolve("households.jsonl")));
    }

    @Test
    void filesReadBackStrictlyAsTheRecordsGenerated() throws IOException {
        FactReader.Result<Household> read = new FactReader<>(Household.class).readAll(one.resolve("households.jsonl"));
        assertThat(read.errors()).isEmpty();
        PopulationGenerator g = new PopulationGenerator(CONFIG);
        List<HouseholdInput> inMemory = g.households(25_000);
        assertThat(read.values()).containsExactlyElementsOf(inMemory.stream().map(HouseholdInput::household).toList());
        FactReader.Result<Business> businesses = new FactReader<>(Business.class).readAll(one.resolve("businesses.jsonl"));
        assertThat(businesses.errors()).isEmpty();
        assertThat(businesses.values())
                .containsExactlyElementsOf(inMemory.stream().flatMap(h -> h.businesses().stream()).toList());
    }

    @Test
    void everyFactTypeIsThereAndHangsTogether() throws IOException {
        List<Household> hs = new FactReader<>(Household.class).readAll(one.resolve("households.jsonl")).values();
        List<Business> bs = new FactReader<>(Business.class).readAll(one.resolve("businesses.jsonl")).values();
        List<Village> vs = new FactReader<>(Village.class).readAll(one.resolve("villages.jsonl")).values();
        List<County> cs = new FactReader<>(County.class).readAll(one.resolve("counties.jsonl")).values();
        assertThat(hs).hasSize(25_000);
        assertThat(vs).hasSize(90);
        assertThat(cs).extracting(County::id).containsExactly("C01", "C02", "C03");
        assertThat(cs).allSatisfy(c -> {
            assertThat(c.ruralPerCapitaIncome()).isGreaterThan(c.previousRuralPerCapitaIncome());
            assertThat(c.urbanPerCapitaIncome()).isGreaterThan(c.ruralPerCapitaIncome());
            assertThat(c.creditLoanBalanceYuan()).isPositive();
        });
        assertThat(vs).extracting(Village::sizeClass).containsAll(EnumSet.allOf(SizeClass.class));
        assertThat(vs).anyMatch(v -> v.collectiveIncome().operating() == 0);
        assertThat(vs).anyMatch(v -> v.collectiveIncome().operating() >= 500_000);
        Set<String> villageIds = new TreeSet<>(vs.stream().map(Village::id).toList());
        assertThat(hs).allSatisfy(h -> assertThat(villageIds).contains(h.villageId()));
        // people in households add up to the villages' populations
        assertThat(vs.stream().mapToLong(Village::population).sum())
                .isEqualTo(hs.stream().mapToLong(Household::memberCount).sum());
        assertThat(hs).extracting(Household::memberCount).containsOnly(1, 2, 3, 4, 5, 6, 7)
                .contains(1, 2, 3, 4, 5, 6, 7);
        // businesses for a few percent of households, each owned by a member of its household
        assertThat(bs.size()).isBetween(25_000 * 2 / 100, 25_000 * 5 / 100);
        var byId = new java.util.HashMap<String, Household>();
        hs.forEach(h -> byId.put(h.id(), h));
        assertThat(bs).allSatisfy(b -> assertThat(byId.get(b.householdId()).members())
                .anyMatch(p -> p.id().equals(b.ownerId())));
        // a low-income tail below the line of 13,000 per person, and the other fields in use
        long below = hs.stream().filter(h -> h.totalIncome() < 13_000L * h.memberCount()).count();
        assertThat(below).isBetween(25_000L * 15 / 1000, 25_000L * 60 / 1000);
        assertThat(hs).anyMatch(h -> h.hasStatus(HouseholdStatus.MINIMUM_LIVING));
        assertThat(hs).anyMatch(h -> h.hasStatus(HouseholdStatus.POVERTY_ALLEVIATED));
        assertThat(hs).anyMatch(h -> !h.housingSafe());
        assertThat(hs).anyMatch(h -> h.assets().commercialProperty());
        assertThat(hs).anyMatch(h -> h.credit().overdue());
        assertThat(hs).anyMatch(h -> h.income().operating() < 0);
        assertThat(hs).anyMatch(h -> h.medicalExpenseYuan() > h.totalIncome() / 2);
    }
}
