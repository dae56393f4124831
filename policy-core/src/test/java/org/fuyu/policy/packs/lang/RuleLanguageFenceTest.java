package org.fuyu.policy.packs.lang;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.fuyu.policy.Lang;
import org.fuyu.policy.Problem;
import org.fuyu.policy.packs.PackValidator;
import org.fuyu.policy.testing.TestPacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fence is the grammar: what a hostile editor tried against the DRL packs (reset another
 * pack's decisions, read the clock, a catastrophic regular expression, shell commands, Java
 * escapes) cannot be written in a rule file. Each attempt is a located error and the pack does
 * not go live.
 */
class RuleLanguageFenceTest {

    @BeforeAll
    static void english() {
        Lang.set(Lang.EN);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "reset the case              | $c.reset()                                         | found 'c'",
        "reset as a function         | reset()                                            | there is no function 'reset'",
        "the clock                   | LocalDate.now().getDayOfWeek() == 1                | 'now(' is not a function",
        "a regular expression        | 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'.matches('(.*a){20}') | a rule expression has no quoted text",
        "a shell command             | Runtime.getRuntime().exec('rm') == 0               | 'getRuntime(' is not a function",
        "System.exit                 | System.exit(1) == 0                                | 'exit(' is not a function",
        "a Java unicode escape       | perCapitaIncome < 1 \\u002b 1                      | the character '\\'",
        "a file                      | new java.io.File('x') == 1                         | found 'java'",
        "a missing bracket           | min(perCapitaIncome, 1 < 2                         | found the end of the expression where",
        "an unknown field            | househld.size > 1                                  | unknown name 'househld.size'",
        "an unknown parameter        | perCapitaIncome < low_income.lin                   | did you mean 'low_income.line'",
        "money against yes/no        | perCapitaIncome < farming                          | cannot compare a number (perCapitaIncome) with yes/no (farming)",
        "a value that is not allowed | credit.rating in [AAAA]                            | 'AAAA' is not an allowed value; allowed: AAA, AA, A, B, C, UNRATED (did you mean AAA?)",
        "a number as a condition     | totalIncome                                        | a condition must be yes/no",
    })
    void cannotBeWritten(String what, String expression, String message, @TempDir Path tmp) {
        Path dir = tmp.resolve("hostile");
        TestPacks.write(dir.resolve("pack.yaml"), "id: hostile\nversion: 1.0.0\ntitle: Hostile edit\ncodes:\n"
                + "  - {code: PROBE, subject: HOUSEHOLD}\n");
        TestPacks.write(dir.resolve("parameters.yaml"), "low_income.line:\n  values: {2022-01-01: 13000}\n");
        TestPacks.write(dir.resolve("probe.rules.yaml"), "decisions:\n  PROBE:\n    subject: household\n"
                + "    require: \"" + expression.replace("\\", "\\\\").replace("\"", "\\\"") .replace("'", "\\\"") + "\"\n"
                + "    flag: yes\n");
        List<Problem> problems = PackValidator.validate(List.of(dir), List.of());
        assertThat(problems).as(what).isNotEmpty();
        assertThat(problems.get(0).file()).endsWith("probe.rules.yaml");
        assertThat(problems.get(0).line()).isEqualTo(4);
        assertThat(problems.get(0).column()).isPositive();
        assertThat(problems).extracting(Problem::message).anySatisfy(m -> assertThat(m).contains(message));
    }

    @org.junit.jupiter.api.Test
    void aCodeGivenTwiceAnUnknownKeyAndBrokenYamlAreReportedWhereTheyAre(@TempDir Path tmp) {
        Path dir = tmp.resolve("p");
        TestPacks.write(dir.resolve("pack.yaml"), "id: p\nversion: 1.0.0\ntitle: P\ncodes:\n  - {code: A, subject: HOUSEHOLD}\n");
        TestPacks.write(dir.resolve("a.rules.yaml"), "decisions:\n  A:\n    subject: household\n    require: farming\n"
                + "    flag: yes\n  A:\n    subject: household\n    requires: farming\n    flag: yes\n");
        assertThat(PackValidator.validate(List.of(dir), List.of())).extracting(Problem::toString)
                .anySatisfy(m -> assertThat(m).contains("a.rules.yaml:6:3: the decision code A appears twice"));
        TestPacks.write(dir.resolve("a.rules.yaml"), "decisions:\n  A:\n    subject: household\n    requires: farming\n"
                + "    flag: yes\n");
        assertThat(PackValidator.validate(List.of(dir), List.of())).extracting(Problem::toString)
                .anySatisfy(m -> assertThat(m).contains("a.rules.yaml:4:5: unknown key 'requires'; did you mean 'require'?"));
        TestPacks.write(dir.resolve("a.rules.yaml"), "decisions:\n  A:\n    subject:household\n   flag: yes\n");
        assertThat(PackValidator.validate(List.of(dir), List.of())).extracting(Problem::toString)
                .anySatisfy(m -> assertThat(m).contains("a.rules.yaml:4:", "YAML syntax"));
    }

    @org.junit.jupiter.api.Test
    void theCodesPackYamlDeclaresAreTheCodesTheRulesDecide(@TempDir Path tmp) {
        Path dir = tmp.resolve("p");
        TestPacks.write(dir.resolve("pack.yaml"), "id: elderly\nversion: 1.0.0\ntitle: Elderly\ncodes:\n"
                + "  - {code: ELDERLY_ALLOWANCE, subject: PERSON}\n");
        TestPacks.write(dir.resolve("a.rules.yaml"), "decisions:\n  ELDERLY_CARE_ALLOWANCE:\n    subject: person\n"
                + "    require: age >= 80\n    flag: yes\n");
        assertThat(PackValidator.validate(List.of(dir), List.of())).extracting(Problem::message).containsExactly(
                "pack.yaml declares the code ELDERLY_ALLOWANCE but no rule decides it (the rules decide ELDERLY_CARE_ALLOWANCE)",
                "the rules decide the code ELDERLY_CARE_ALLOWANCE, which pack.yaml does not declare under codes:");
    }
}
