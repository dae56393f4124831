package org.fuyu.policy.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.fuyu.policy.PolicyException;
import org.fuyu.policy.Problem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Parameter files are what they seem (issue 12, items 1 and 6): each trick is refused with file and line. */
class HostileParameterFilesTest {
    private static List<Problem> problems(String yaml) {
        List<Problem> problems = new ArrayList<>();
        ParameterFiles.parse("county.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), problems);
        return problems;
    }

    private static String line(String value) {
        return "low_income.line:\n  unit: yuan/person/year\n  values:\n    2022-01-01: " + value + "\n";
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "014000|octal", "0014000|octal", "0x36B0|plain decimal", "0o33260|expected a number", "14_000|plain decimal",
        "+14000|plain decimal", "1.0e+999999|plain decimal", "-13000|never negative", "-0.5|never negative",
        "1.5e13|outside the range", "0.00000000001|outside the range", "99999999999999|outside the range",
    })
    void numbersThatAreNotPlainAreRefusedWithTheirLine(String value, String says) {
        List<Problem> p = problems(line(value));
        assertThat(p).singleElement().satisfies(x -> {
            assertThat(x.line()).isEqualTo(4);
            assertThat(x.toString()).contains("county.yaml").contains(says);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"14000", "0", "0.5", "13000.00", "1.5e3", "10000000000000", "0.0000000001"})
    void plainNumbersAreRead(String value) {
        assertThat(problems(line(value))).isEmpty();
        ParameterSet set = ParameterFiles.read("county.yaml", new ByteArrayInputStream(line(value).getBytes(StandardCharsets.UTF_8)));
        assertThat(set.get("low_income.line").values().firstEntry().getValue()).isEqualByComparingTo(value);
    }

    @Test
    void aSecondDocumentIsRefusedNotIgnored() {
        List<Problem> p = problems(line("14000") + "---\n" + line("99999").replace("low_income.line", "other.line"));
        assertThat(p).singleElement().satisfies(x -> {
            assertThat(x.line()).isEqualTo(6); // the first line of the second document
            assertThat(x.message()).contains("second YAML document");
        });
    }

    @Test
    void duplicateKeysAreRefusedWithTheirLine() {
        assertThat(problems("low_income.line:\n  unit: yuan\n  unit: fen\n  values: {2022-01-01: 1}\n"))
                .singleElement().satisfies(x -> {
                    assertThat(x.line()).isEqualTo(3);
                    assertThat(x.message()).contains("key 'unit' appears twice");
                });
        assertThat(problems("low_income.line:\n  values:\n    2022-01-01: 1\n    2022-01-01: 2\n"))
                .singleElement().satisfies(x -> assertThat(x.message()).contains("'2022-01-01' appears twice"));
        assertThat(problems(line("1") + line("2"))).singleElement().satisfies(x -> {
            assertThat(x.line()).isEqualTo(5);
            assertThat(x.message()).contains("'low_income.line' appears twice");
        });
    }

    @Test
    void aBadFileIsRejectedWhole() {
        assertThatThrownBy(() -> ParameterFiles.read("county.yaml",
                new ByteArrayInputStream((line("014000")).getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(PolicyException.class).hasMessageContaining("county.yaml");
    }
}
