package org.fuyu.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.facts.Person;
import org.fuyu.policy.io.DirectoryEvaluation;
import org.fuyu.policy.io.FactMapper;
import org.fuyu.policy.packs.PackValidator;
import org.fuyu.policy.packs.RulePacks;
import org.fuyu.policy.testing.TestPacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benefits that start or end on a date (pack.yaml {@code effective} / {@code until}, on the pack
 * or a code), and parameters without a value on a case's date: outside its dates a code is not
 * decided and the run notes it; a parameter that starts later fails only the decisions that read
 * it — never another code of the household, never another pack's.
 */
class EffectiveDatesTest {
    @TempDir
    Path tmp;

    /** A pack with a bonus of 600 (parameter from {@code bonusFrom}) and a flag for everyone. */
    private Path bonusPack(String codeDates, String packDates, String bonusFrom) {
        return bonusPack(codeDates, packDates, bonusFrom, "2022-01-01");
    }

    /** The same, with the visit's member threshold (read in a criterion, not in the grant) from {@code visitFrom}. */
    private Path bonusPack(String codeDates, String packDates, String bonusFrom, String visitFrom) {
        Path dir = tmp.resolve("bonus");
        TestPacks.write(dir.resolve("pack.yaml"), "id: county-bonus\nversion: 1.0.0\ntitle: County bonus\n" + packDates
                + "codes:\n  - {code: COUNTY_BONUS, subject: HOUSEHOLD" + codeDates + "}\n  - {code: COUNTY_VISIT, subject: HOUSEHOLD}\n");
        TestPacks.write(dir.resolve("parameters.yaml"), "county.bonus:\n  description: bonus\n  unit: yuan\n  reference: test\n"
                + "  values:\n    " + bonusFrom + ": 600\ncounty.visit_min_members:\n  description: members\n  unit: people\n"
                + "  reference: test\n  values:\n    " + visitFrom + ": 1\n");
        TestPacks.write(dir.resolve("bonus.rules.yaml"), """
                decisions:
                  COUNTY_BONUS:
                    subject: household
                    citation: "county notice §1"
                    require: memberCount >= 1
                    grant: county.bonus
                  COUNTY_VISIT:
                    subject: household
                    citation: "county notice §2"
                    require: memberCount >= county.visit_min_members
                    flag: yes
                """);
        return dir;
    }

    /** A second pack, which must decide as usual whatever the first one lacks. */
    private Path otherPack() {
        Path dir = tmp.resolve("other");
        TestPacks.write(dir.resolve("pack.yaml"), "id: other\nversion: 1.0.0\ntitle: Other\ncodes:\n  - {code: OTHER_GRANT, subject: HOUSEHOLD}\n");
        TestPacks.write(dir.resolve("parameters.yaml"), "other.amount:\n  description: a\n  unit: yuan\n  reference: test\n"
                + "  values:\n    2022-01-01: 100\n");
        TestPacks.write(dir.resolve("other.rules.yaml"), """
                decisions:
                  OTHER_GRANT:
                    subject: household
                    citation: test
                    require: memberCount >= 1
                    grant: other.amount
                """);
        return dir;
    }

    private static HouseholdInput household(String id) {
        return new HouseholdInput(Household.builder().id(id).villageId("v1").countyId("c1")
                .member(Person.builder().id("p-" + id).age(40).build()).income(1000, 0, 0, 0).build(), List.of());
    }

    private static PolicyEngine engine(Path... dirs) {
        PolicyEngine.Builder b = PolicyEngine.builder();
        for (Path d : dirs) {
            b.addPacks(RulePacks.fromDirectory(d));
        }
        return b.build();
    }

    private static RunResult run(PolicyEngine engine, String asOf) {
        return engine.evaluateAll(List.of(household("h1")), List.of(), List.of(),
                new EvaluationOptions(LocalDate.parse(asOf), false));
    }

    @Test
    void aCodeOutsideItsDatesIsNotDecidedAndTheRunSaysSo() {
        PolicyEngine engine = engine(bonusPack(", effective: 2025-01-01, until: 2026-12-31", "", "2022-01-01"));
        RunResult before = run(engine, "2024-12-31");
        assertThat(before.decisions()).extracting(Decision::code).containsExactly("COUNTY_VISIT");
        assertThat(before.notes()).anySatisfy(n -> assertThat(n).contains("COUNTY_BONUS (pack county-bonus) is not in force on"
                + " 2024-12-31 (in force from 2025-01-01 until 2026-12-31): not decided", "不在有效期内"));
        // both ends are days in force
        assertThat(run(engine, "2025-01-01").decisions()).extracting(Decision::code).containsExactly("COUNTY_BONUS", "COUNTY_VISIT");
        assertThat(run(engine, "2026-12-31").decisions()).extracting(Decision::code).containsExactly("COUNTY_BONUS", "COUNTY_VISIT");
        assertThat(run(engine, "2026-12-31").notes()).noneSatisfy(n -> assertThat(n).contains("not in force"));
        assertThat(run(engine, "2027-01-01").decisions()).extracting(Decision::code).containsExactly("COUNTY_VISIT");
    }

    @Test
    void aPacksDatesApplyToEachOfItsCodes() {
        PolicyEngine engine = engine(bonusPack("", "until: 2023-12-31\n", "2022-01-01"), otherPack());
        assertThat(run(engine, "2023-12-31").decisions()).extracting(Decision::code)
                .containsExactly("COUNTY_BONUS", "COUNTY_VISIT", "OTHER_GRANT");
        RunResult after = run(engine, "2024-01-01");
        assertThat(after.decisions()).extracting(Decision::code).containsExactly("OTHER_GRANT");
        assertThat(after.notes()).filteredOn(n -> n.contains("not in force")).hasSize(2);
    }

    @Test
    void aParameterWithoutAValueOnTheDateFailsOnlyTheDecisionsThatReadIt() {
        // the bonus amount starts in 2025; a case of 2023 keeps its visit flag and the other pack's grant
        PolicyEngine engine = engine(bonusPack("", "", "2025-01-01"), otherPack());
        CaseResult r = engine.newRun(new EvaluationOptions(LocalDate.of(2023, 6, 30), false)).evaluate(List.of(household("h1"))).get(0);
        assertThat(r.failed()).isFalse();
        assertThat(r.decisions()).extracting(Decision::code).containsExactly("COUNTY_VISIT", "OTHER_GRANT");
        assertThat(r.undecided()).singleElement().satisfies(u -> {
            assertThat(u.pack()).isEqualTo("county-bonus");
            assertThat(u.code()).isEqualTo("COUNTY_BONUS");
            assertThat(u.parameter()).isEqualTo("county.bonus");
            assertThat(u.message()).contains("its first value starts 2025-01-01", "未判定");
        });
        assertThat(r.packErrors()).isEmpty();
    }

    @Test
    void aParameterReadInACriterionWithoutAValueFailsOnlyThatDecisionWithDenialsExplainedOrNot() {
        // the visit's threshold starts in 2025: in 2023 the visit is undecided (not denied), the bonus and the other
        // pack's grant are made, whether denials are explained (no guard) or not (guarded rules)
        PolicyEngine engine = engine(bonusPack("", "", "2022-01-01", "2025-01-01"), otherPack());
        for (boolean explain : new boolean[] {false, true}) {
            CaseResult r = engine.newRun(new EvaluationOptions(LocalDate.of(2023, 6, 30), explain))
                    .evaluate(List.of(household("h1"))).get(0);
            assertThat(r.failed()).as("explain %s", explain).isFalse();
            assertThat(r.decisions()).as("explain %s", explain).extracting(d -> d.code() + " " + d.outcome())
                    .containsExactly("COUNTY_BONUS GRANTED", "OTHER_GRANT GRANTED");
            assertThat(r.undecided()).as("explain %s", explain).singleElement().satisfies(u -> {
                assertThat(u.code()).isEqualTo("COUNTY_VISIT");
                assertThat(u.parameter()).isEqualTo("county.visit_min_members");
            });
        }
    }

    @Test
    void aDirectoryRunListsEachUndecidedCodeInErrorsJsonlAndCountsThem() throws Exception {
        PolicyEngine engine = engine(bonusPack("", "", "2025-01-01"), otherPack());
        Path in = tmp.resolve("in");
        TestPacks.write(in.resolve("households.jsonl"), """
                {"id":"h1","villageId":"v1","countyId":"c1","members":[{"id":"p1","age":40}]}
                {"id":"h2","villageId":"v1","countyId":"c1","members":[{"id":"p2","age":30}]}
                """);
        Path out = tmp.resolve("out");
        DirectoryEvaluation.builder(engine, new EvaluationOptions(LocalDate.of(2023, 6, 30), false)).build().run(in, out);
        List<JsonNode> errors = Files.readAllLines(out.resolve("errors.jsonl")).stream().map(EffectiveDatesTest::json).toList();
        assertThat(errors).hasSize(2).allSatisfy(e -> {
            assertThat(e.get("code").asText()).isEqualTo("COUNTY_BONUS");
            assertThat(e.get("parameter").asText()).isEqualTo("county.bonus");
        });
        assertThat(errors).extracting(e -> e.get("id").asText() + ":" + e.get("line").asInt()).containsExactly("h1:1", "h2:2");
        JsonNode summary = json(Files.readString(out.resolve("summary.json")));
        // nothing was rejected: both households are evaluated, with 2 × (visit + other grant) decisions
        assertThat(summary.at("/files/households.jsonl/evaluated").asLong()).isEqualTo(2);
        assertThat(summary.at("/files/households.jsonl/rejected").asLong()).isZero();
        assertThat(summary.at("/decisions/OTHER_GRANT/GRANTED/count").asLong()).isEqualTo(2);
        assertThat(summary.at("/decisions/COUNTY_VISIT/FLAG/count").asLong()).isEqualTo(2);
        assertThat(summary.get("notes").toString()).contains("2 households did not get COUNTY_BONUS");
    }

    @Test
    void datesThatCannotBeInForceOrAreNotDatesAreProblemsOfPackYaml() {
        Path dir = bonusPack(", effective: 2025-01-01, until: 2024-12-31", "", "2022-01-01");
        Lang.set(Lang.EN);
        assertThat(PackValidator.validate(List.of(dir), List.of())).extracting(Problem::message).containsExactly(
                "COUNTY_BONUS: until (2024-12-31) is before effective (2025-01-01), so it would never be in force;"
                        + " until is the last day in force");
        Path bad = bonusPack("", "effective: 2025-13-01\n", "2022-01-01");
        assertThat(PackValidator.validate(List.of(bad), List.of())).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).isEqualTo("effective: '2025-13-01' is not a date; write it as YYYY-MM-DD, e.g. 2025-01-01");
        });
    }

    private static JsonNode json(String s) {
        try {
            return FactMapper.get().readTree(s);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
