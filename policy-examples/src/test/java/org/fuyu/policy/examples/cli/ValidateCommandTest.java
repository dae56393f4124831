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
    private static final String DRL = """
            package org.fuyu.policy.rules.stafftest;
            import org.fuyu.policy.evaluation.HouseholdCase;
            import static org.fuyu.policy.evaluation.Criteria.*;

            rule "TOP_UP"
            when
                $c : HouseholdCase()
            then
                $c.decide("TOP_UP", kcontext)
                  .require(below("perCapitaIncome", $c.perCapitaIncome(), $c.param("staff.line")))
                  .grant($c.param("staff.line").times($c.memberCount()).minus($c.totalIncome()));
            end
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
        Files.writeString(dir.resolve("rules.drl"), drl);
        Files.writeString(dir.resolve("parameters.yaml"), params);
        return dir;
    }

    @Test
    void cleanRulesExitZero(@TempDir Path tmp) throws IOException {
        Path dir = pack(tmp.resolve("p"), DRL, PARAMS);
        Run r = run("validate", "--rules", dir.toString());
        assertThat(r.exit).as(r.out).isZero();
        assertThat(r.out).contains("ok staff-test 1.0.0+").endsWith("no problems: 1 pack can go live" + System.lineSeparator());
    }

    @Test
    void eachProblemIsPrintedAsFileLineMessageAndExitsOne(@TempDir Path tmp) throws IOException {
        Path dir = pack(tmp.resolve("p"), DRL.replace("$c.perCapitaIncome()", "$c.perCapitaIncom()")
                .replace("$c.memberCount()", "System.exit(1)"), PARAMS);
        Path county = tmp.resolve("county.yaml");
        Files.writeString(county, "staff.line:\n  values:\n    2025-01-01: 14 000\n");
        Run r = run("validate", "--rules", dir.toString(), "--params", county.toString());
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.out.lines().toList()).containsExactly(
                county + ":3: parameter 'staff.line': value for 2025-01-01 is '14 000', expected a number such as 13000 or 0.5 (no units or thousands separators)",
                dir.resolve("rules.drl") + ":11: 'System' is not allowed in an edited pack: it reaches processes or the JVM",
                "2 problems: the rules were not changed");
    }

    @Test
    void anUnknownFieldIsReportedWithASuggestion(@TempDir Path tmp) throws IOException {
        Path dir = pack(tmp.resolve("p"), DRL.replace("$c.perCapitaIncome()", "$c.perCapitaIncom()"), PARAMS);
        Run r = run("validate", "--rules", dir.toString());
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.out.lines().toList()).containsExactly(dir.resolve("rules.drl")
                + ":10: unknown field or method 'perCapitaIncom()' of HouseholdCase (did you mean 'perCapitaIncome'?)",
                "1 problem: the rules were not changed");
    }
}
