package org.fuyu.policy.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fuyu validate}: file:line: message for each problem, exit 1; a summary and exit 0 when clean. */
class ValidateCommandTest {
    private static final String PACK = "id: staff-test\nversion: 1.0.0\ntitle: Test\ncodes:\n  - {code: TOP_UP, subject: HOUSEHOLD}\n";
    private static final String RULES = """
            decisions:
              TOP_UP:
                subject: household
                citation: test
                require: perCapitaIncome < staff.line
                grant: staff.line * memberCount - totalIncome
            """;
    private static final String PARAMS = "staff.line:\n  description: line\n  unit: yuan\n  reference: test\n  values:\n    2022-01-01: 13000\n";

    private record Run(int exit, String out) {
    }

    private static Run run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int exit = FuyuCli.run(args);
            return new Run(exit, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
    }

    private static Path pack(Path dir, String drl, String params) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("pack.yaml"), PACK);
        Files.writeString(dir.resolve("rules.rules.yaml"), drl);
        Files.writeString(dir.resolve("parameters.yaml"), params);
        return dir;
    }

    @Test
    void cleanRulesExitZero(@TempDir Path tmp) throws IOException {
        Path dir = pack(tmp.resolve("p"), RULES, PARAMS);
        Run r = run("--lang", "en", "validate", "--rules", dir.toString());
        assertThat(r.exit).as(r.out).isZero();
        assertThat(r.out).contains("ok staff-test 1.0.0+").endsWith("no problems: 1 pack can go live with the 5 shipped packs" + System.lineSeparator());
        Run alone = run("--lang", "en", "validate", "--rules", dir.toString(), "--only-rules");
        assertThat(alone.exit).as(alone.out).isZero();
        assertThat(alone.out).endsWith("no problems: 1 pack can go live" + System.lineSeparator());
    }

    @Test
    void eachProblemIsPrintedAsFileLineColumnMessageAndExitsOne(@TempDir Path tmp) throws IOException {
        Path dir = pack(tmp.resolve("p"), RULES.replace("perCapitaIncome <", "perCapitaIncom <")
                .replace("staff.line * memberCount", "staff.line * System.exit(1)"), PARAMS);
        Path county = tmp.resolve("county.yaml");
        Files.writeString(county, "staff.line:\n  values:\n    2025-01-01: 14 000\n");
        Run r = run("--lang", "en", "validate", "--rules", dir.toString(), "--params", county.toString());
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.out.lines().toList()).containsExactly(
                county + ":3: parameter 'staff.line': value for 2025-01-01 is '14 000', expected a number such as 13000 or 0.5 (no units or thousands separators)",
                dir.resolve("rules.rules.yaml") + ":5:14: unknown name 'perCapitaIncom'; did you mean 'perCapitaIncome'? (a rule"
                        + " may use the fact fields of its subject, derived values and parameters)",
                dir.resolve("rules.rules.yaml") + ":6:36: 'exit(' is not a function of the rule language; the functions"
                        + " are min, max, count, share, growth and granted",
                "3 problems: the rules were not changed; fix them and run validate again");
    }

    @Test
    void anUnknownFieldIsReportedWithASuggestionInChineseOrEnglish(@TempDir Path tmp) throws IOException {
        Path dir = pack(tmp.resolve("p"), RULES.replace("perCapitaIncome <", "perCapitaIncom <"), PARAMS);
        Run r = run("--lang", "en", "validate", "--rules", dir.toString());
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.out.lines().toList()).containsExactly(dir.resolve("rules.rules.yaml")
                + ":5:14: unknown name 'perCapitaIncom'; did you mean 'perCapitaIncome'? (a rule may use the fact fields"
                + " of its subject, derived values and parameters)",
                "1 problem: the rules were not changed; fix them and run validate again");
        Run zh = run("--lang", "zh", "validate", "--rules", dir.toString());
        assertThat(zh.out.lines().toList()).containsExactly(dir.resolve("rules.rules.yaml")
                + ":5:14: 不认识的名字 'perCapitaIncom'，是不是 'perCapitaIncome'？（可用：本主体的事实字段、派生值、参数）",
                "1 个问题：规则没有生效；改正后再运行 validate");
        run("--lang", "en", "validate", "--help");
    }

    @Test
    void theGeneratedDrlIsShownForDevelopers(@TempDir Path tmp) throws IOException {
        Path dir = pack(tmp.resolve("p"), RULES, PARAMS);
        Run r = run("--lang", "en", "validate", "--rules", dir.toString(), "--show-drl");
        assertThat(r.exit).as(r.out).isZero();
        assertThat(r.out).contains("---- DRL generated from the rule files of staff-test", "package fuyu.rules.staff_test;",
                "rule \"TOP_UP\"", "rule \"TOP_UP (denied)\"");
    }

    @Test
    void rawDrlInAStaffDirectoryIsRefusedUnlessTrusted(@TempDir Path tmp) throws IOException {
        Path dir = pack(tmp.resolve("p"), RULES, PARAMS);
        Files.writeString(dir.resolve("extra.drl"), "package org.fuyu.test.extra;\n");
        Run r = run("--lang", "en", "validate", "--rules", dir.toString());
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.out).contains(dir.resolve("extra.drl") + ":1: raw DRL and Drools decision tables (which hold Java) are not allowed");
        assertThat(run("--lang", "en", "validate", "--trusted-rules", dir.toString()).exit).isZero();
    }

    @Test
    void anOverrideFileAloneIsCheckedAgainstTheShippedPacksAndSaysWhatItChanges(@TempDir Path tmp) throws IOException {
        Path county = tmp.resolve("county.yaml");
        Files.writeString(county, "low_income.line:\n  values:\n    2025-01-01: 14000\n"
                + "micro_loan.line_aaa:\n  values:\n    2025-01-01: 300000\n");
        Run r = run("--lang", "en", "validate", "--params", county.toString());
        assertThat(r.exit).as(r.out).isZero();
        assertThat(r.out.lines().toList()).contains(
                "low_income.line: 13000 → 14000 from 2025-01-01 (pack low-income-relief)",
                "micro_loan.line_aaa: 100000 → 300000 from 2025-01-01 (pack micro-loan)  warning: changes by more than"
                        + " a factor of 2; check the unit and the digits",
                "no problems: the parameter files can go live with the 5 shipped packs");
        Files.writeString(county, "low_income.lines:\n  values:\n    2025-01-01: 14000\n");
        Run bad = run("--lang", "en", "validate", "--params", county.toString());
        assertThat(bad.exit).isEqualTo(1);
        assertThat(bad.out).contains("parameter 'low_income.lines' is not defined by any loaded pack (did you mean 'low_income.line'?)");
    }
}
