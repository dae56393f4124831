package org.fuyu.policy.reform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.fuyu.policy.PolicyException;
import org.fuyu.policy.Problem;
import org.fuyu.policy.params.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReformFilesTest {
    private static final LocalDate EFFECTIVE = LocalDate.of(2025, 1, 1);

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return f;
    }

    private List<Problem> problems(Path file) {
        try {
            ReformFiles.read(file);
        } catch (PolicyException e) {
            return e.problems();
        }
        throw new AssertionError("expected the reform to be rejected");
    }

    @Test
    void readsInlineParametersInTheParameterFileFormat() throws IOException {
        Path f = write("r.yaml", """
                name: line-15000
                description: >
                  Raise the line.
                effective: 2025-01-01
                parameters:
                  low_income.line:
                    description: raised
                    unit: yuan/person/year
                    values:
                      2025-01-01: 14000
                      2026-01-01: 15000
                """);
        Reform r = ReformFiles.read(f);
        assertThat(r.name()).isEqualTo("line-15000");
        assertThat(r.description()).isEqualTo("Raise the line.");
        assertThat(r.effective()).isEqualTo(EFFECTIVE);
        assertThat(r.rulePacks()).isEmpty();
        Parameter line = r.parameters().get("low_income.line");
        assertThat(line.values()).containsOnlyKeys(EFFECTIVE, LocalDate.of(2026, 1, 1));
        assertThat(line.values().get(LocalDate.of(2026, 1, 1))).isEqualByComparingTo("15000");
        assertThat(line.source()).isEqualTo(f + ":6");
    }

    @Test
    void aBareNumberIsInForceFromTheEffectiveDateWhereverTheDateStands() throws IOException {
        Path f = write("r.yaml", """
                name: floor
                parameters:
                  micro_loan.line_min: 50000
                  monitoring.line_factor: 1.4
                description: Raise the floor.
                effective: 2025-03-01
                """);
        Reform r = ReformFiles.read(f);
        assertThat(r.parameters().get("micro_loan.line_min").values())
                .containsExactlyEntriesOf(new java.util.TreeMap<>(java.util.Map.of(LocalDate.of(2025, 3, 1),
                        new BigDecimal("50000"))));
        assertThat(r.parameters().get("monitoring.line_factor").values().get(LocalDate.of(2025, 3, 1)))
                .isEqualByComparingTo("1.4");
        assertThat(r.inForceOn(LocalDate.of(2025, 2, 28))).isFalse();
        assertThat(r.inForceOn(LocalDate.of(2025, 3, 1))).isTrue();
    }

    @Test
    void parametersMayNameAFileAndADirectoryMayHoldReformYaml() throws IOException {
        write("line/params.yaml", """
                low_income.line:
                  values:
                    2025-01-01: 15000
                """);
        write("line/reform.yaml", """
                name: line
                description: From a file.
                effective: 2025-01-01
                parameters: params.yaml
                """);
        Reform r = ReformFiles.read(dir.resolve("line"));
        assertThat(r.parameters().get("low_income.line").values().get(EFFECTIVE)).isEqualByComparingTo("15000");
        assertThat(r.source()).endsWith("reform.yaml");
    }

    @Test
    void rulesNameAPackDirectoryWhosePacksReplaceBaselinePacksOfTheSameId() throws IOException {
        write("r/rules/p/pack.yaml", """
                id: low-income-relief
                version: 9.0.0
                title: replaced
                codes:
                  - {code: X, subject: HOUSEHOLD}
                """);
        write("r/rules/p/x.rules.yaml", """
                decisions:
                  X: {subject: household, require: memberCount >= 1, flag: yes}
                """);
        write("r/reform.yaml", """
                name: new-rules
                description: Replaces a pack.
                effective: 2025-01-01
                rules: rules
                """);
        Reform r = ReformFiles.read(dir.resolve("r"));
        assertThat(r.rulePacks()).extracting(p -> p.id()).containsExactly("low-income-relief");
        assertThat(r.parameters().size()).isZero();
    }

    @Test
    void everyProblemIsReportedWithFileAndLine() throws IOException {
        Path f = write("bad.yaml", """
                name: Bad Name
                effective: 2025-01-01
                colour: red
                parameters:
                  low_income.line:
                    values:
                      2024-01-01: 15000
                  low_income.medical_premium: lots
                """);
        List<Problem> ps = problems(f);
        assertThat(ps).extracting(Problem::file).containsOnly(f.toString());
        assertThat(ps).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).contains("unknown field 'colour'");
        });
        assertThat(ps).anySatisfy(p -> assertThat(p.message()).contains("name 'Bad Name'"));
        assertThat(ps).anySatisfy(p -> assertThat(p.message()).contains("missing 'description:'"));
        assertThat(ps).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.message()).contains("low_income.line", "dated 2024-01-01", "before the reform's effective date 2025-01-01");
        });
        assertThat(ps).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(8);
            assertThat(p.message()).contains("low_income.medical_premium");
        });
    }

    @Test
    void aReformNeedsADateAndAChange() throws IOException {
        assertThat(problems(write("a.yaml", """
                name: nothing
                description: Changes nothing.
                effective: 2025-01-01
                """))).singleElement().satisfies(p -> assertThat(p.message()).contains("changes nothing"));
        assertThat(problems(write("b.yaml", """
                name: undated
                description: No date.
                parameters:
                  low_income.line: 15000
                """))).singleElement().satisfies(p -> assertThat(p.message()).contains("missing 'effective:'"));
        assertThat(problems(write("c.yaml", """
                name: baddate
                description: Bad date.
                effective: next year
                parameters:
                  low_income.line: 15000
                """))).singleElement().satisfies(p -> {
                    assertThat(p.line()).isEqualTo(3);
                    assertThat(p.message()).contains("'next year' is not a date");
                });
        assertThat(problems(write("d.yaml", """
                name: missing-file
                description: Names a file that is not there.
                effective: 2025-01-01
                parameters: nowhere.yaml
                """))).singleElement().satisfies(p -> {
                    assertThat(p.line()).isEqualTo(4);
                    assertThat(p.message()).contains("no such file");
                });
    }

    @Test
    void aMissingFileOrDirectoryIsNamed() {
        assertThatThrownBy(() -> ReformFiles.read(dir.resolve("none.yaml")))
                .isInstanceOf(PolicyException.class).hasMessageContaining("none.yaml").hasMessageContaining("no such reform file");
        assertThatThrownBy(() -> ReformFiles.read(dir))
                .isInstanceOf(PolicyException.class).hasMessageContaining("needs reform.yaml");
    }
}
