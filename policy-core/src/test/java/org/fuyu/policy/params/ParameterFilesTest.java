package org.fuyu.policy.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.fuyu.policy.PolicyException;
import org.junit.jupiter.api.Test;

class ParameterFilesTest {
    private static ParameterSet read(String yaml) {
        return ParameterFiles.read("params.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private static final String LINE = """
            # comment
            low_income.line:
              description: line
              unit: yuan/person/year
              reference: "002 [seed]"
              values:
                2022-01-01: 13000
                2025-01-01: 14000
            monitoring.shock_share:
              values: {2022-01-01: 0.5}
            """;

    @Test
    void valueInForceIsTheLatestStartedOnOrBeforeAsOf() {
        ParameterSet set = read(LINE);
        assertThat(set.at(LocalDate.of(2024, 12, 31)).get("low_income.line").value()).isEqualByComparingTo("13000");
        Param p = set.at(LocalDate.of(2025, 1, 1)).get("low_income.line");
        assertThat(p.value()).isEqualByComparingTo("14000");
        assertThat(p.effective()).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(set.at(LocalDate.of(2030, 1, 1)).get("monitoring.shock_share").value()).isEqualByComparingTo("0.5");
        assertThat(set.get("low_income.line").reference()).isEqualTo("002 [seed]");
    }

    @Test
    void noValueInForceIsAnErrorNamingTheParameter() {
        ParametersAt at = read(LINE).at(LocalDate.of(2021, 12, 31));
        assertThatThrownBy(() -> at.get("low_income.line"))
                .isInstanceOf(MissingParameterException.class)
                .hasMessageContaining("low_income.line").hasMessageContaining("2021-12-31").hasMessageContaining("2022-01-01");
        assertThatThrownBy(() -> at.get("no.such"))
                .isInstanceOf(MissingParameterException.class).hasMessageContaining("no.such");
    }

    @Test
    void overrideMergesDatedValuesAndWinsPerDate() {
        ParameterSet base = read(LINE);
        ParameterSet county = read("""
                low_income.line:
                  reference: county decision 2024-3
                  values:
                    2024-01-01: 13500
                    2025-01-01: 15000
                """);
        ParameterSet merged = base.overriddenBy(county);
        assertThat(merged.at(LocalDate.of(2023, 6, 1)).get("low_income.line").value()).isEqualByComparingTo("13000");
        assertThat(merged.at(LocalDate.of(2024, 6, 1)).get("low_income.line").value()).isEqualByComparingTo("13500");
        assertThat(merged.at(LocalDate.of(2025, 6, 1)).get("low_income.line").value()).isEqualByComparingTo("15000");
        assertThat(merged.get("low_income.line").description()).isEqualTo("line");
        assertThat(merged.get("low_income.line").reference()).isEqualTo("county decision 2024-3");
    }

    @Test
    void everyProblemIsReportedWithItsLine() {
        assertThatThrownBy(() -> read("""
                low_income.line:
                  values:
                    2022-01-01: 13,000
                    2023-02-30: 5
                  colour: red
                monitoring.factor:
                  description: no values
                """))
                .isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.problems())
                        .extracting(Object::toString)
                        .anySatisfy(m -> assertThat(m).startsWith("params.yaml:3:").contains("13,000").contains("expected a number"))
                        .anySatisfy(m -> assertThat(m).startsWith("params.yaml:4:").contains("2023-02-30").contains("YYYY-MM-DD"))
                        .anySatisfy(m -> assertThat(m).startsWith("params.yaml:5:").contains("unknown field 'colour'"))
                        .anySatisfy(m -> assertThat(m).startsWith("params.yaml:6:").contains("no 'values:'")));
    }

    @Test
    void invalidYamlIsReportedWithLine() {
        assertThatThrownBy(() -> read("a.b:\n  values: {2022-01-01: 1\n"))
                .isInstanceOfSatisfying(PolicyException.class,
                        e -> assertThat(e.problems().get(0).message()).startsWith("not valid YAML"));
    }
}
