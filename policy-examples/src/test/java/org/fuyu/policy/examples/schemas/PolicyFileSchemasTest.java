package org.fuyu.policy.examples.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fuyu.policy.PolicyException;
import org.fuyu.policy.packs.RulePacks;
import org.fuyu.policy.params.ParameterFiles;
import org.fuyu.policy.reform.ReformFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The readers of parameter files, pack.yaml and reform files reject what their schemas reject. */
class PolicyFileSchemasTest {
    private static final String PARAM = "staff.line:\n  description: line\n  unit: yuan\n  reference: test\n  values:\n    2022-01-01: 13000\n";
    private static final String PACK = "id: staff-test\nversion: 1.0.0\ntitle: Test\ncodes:\n  - {code: TOP_UP, subject: HOUSEHOLD}\n";
    private static final String RULES = """
            decisions:
              TOP_UP:
                subject: household
                require: perCapitaIncome < staff.line
                grant: staff.line * memberCount - totalIncome
            """;
    private static final String REFORM = "name: line-15000\ndescription: Raise the line.\neffective: 2025-01-01\n"
            + "parameters:\n  staff.line: 15000\n";

    @TempDir
    Path tmp;

    @Test
    void parameterFiles() throws IOException {
        read(PARAM); // the valid one passes both
        assertThat(Schemas.errors("parameters", Schemas.YAML.readTree(PARAM))).isEmpty();
        for (String bad : List.of(
                PARAM.replace("13000", "14 000"),                       // a value with a thousands separator
                PARAM.replace("13000", "\"13000\""),                    // a value written as text
                PARAM.replace("2022-01-01", "2022-1-1"),                // not a date
                PARAM.replace("2022-01-01", "2022-02-30"),              // not a day of the calendar
                PARAM.replace("staff.line", "Staff Line"),              // not a parameter name
                PARAM.replace("  unit: yuan\n", "  units: yuan\n"),     // unknown field
                PARAM.replace("  values:\n    2022-01-01: 13000\n", ""), // no values
                PARAM.replace("    2022-01-01: 13000\n", "    2022-01-01: [1, 2]\n"),
                "staff.line: 13000\n")) {                               // a bare number outside a reform
            assertThatThrownBy(() -> read(bad)).as(bad).isInstanceOf(PolicyException.class);
            assertThat(Schemas.errors("parameters", Schemas.YAML.readTree(bad))).as(bad).isNotEmpty();
        }
    }

    private static void read(String yaml) {
        ParameterFiles.read("parameters.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void packManifests() throws IOException {
        pack(PACK);
        assertThat(Schemas.errors("pack", Schemas.YAML.readTree(PACK))).isEmpty();
        for (String bad : List.of(
                PACK.replace("title: Test\n", ""),                                  // a required field missing
                PACK.replace("id: staff-test", "id: Staff Test"),                   // not a pack id
                PACK.replace("version: 1.0.0\n", "version: 1.0.0\nauthor: me\n"),   // unknown field
                PACK.replace("subject: HOUSEHOLD", "subject: FAMILY"),              // not a subject
                PACK.replace("{code: TOP_UP, subject: HOUSEHOLD}", "{code: TOP_UP, subject: HOUSEHOLD, amount: GIFT}"),
                PACK.replace("codes:\n  - {code: TOP_UP, subject: HOUSEHOLD}\n", "codes: []\n"))) {
            assertThatThrownBy(() -> pack(bad)).as(bad).isInstanceOf(PolicyException.class);
            assertThat(Schemas.errors("pack", Schemas.YAML.readTree(bad))).as(bad).isNotEmpty();
        }
    }

    private int packs;

    private void pack(String manifest) throws IOException {
        Path dir = tmp.resolve("p" + packs++);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("pack.yaml"), manifest);
        Files.writeString(dir.resolve("parameters.yaml"), PARAM);
        Files.writeString(dir.resolve("rules.rules.yaml"), RULES);
        RulePacks.fromDirectory(dir);
    }

    @Test
    void reforms() throws IOException {
        reform(REFORM);
        assertThat(Schemas.errors("reform", Schemas.YAML.readTree(REFORM))).isEmpty();
        for (String bad : List.of(
                REFORM.replace("description: Raise the line.\n", ""),           // no description
                REFORM.replace("name: line-15000", "name: Line 15000"),          // not a reform name
                REFORM.replace("effective: 2025-01-01", "effective: next year"), // not a date
                REFORM.replace("effective: 2025-01-01\n", ""),                   // no effective date
                REFORM + "owner: county office\n",                               // unknown field
                REFORM.replace("parameters:\n  staff.line: 15000\n", ""),        // changes nothing
                REFORM.replace("staff.line: 15000", "staff.line: fifteen thousand"))) {
            assertThatThrownBy(() -> reform(bad)).as(bad).isInstanceOf(PolicyException.class);
            assertThat(Schemas.errors("reform", Schemas.YAML.readTree(bad))).as(bad).isNotEmpty();
        }
    }

    private int reforms;

    private void reform(String yaml) throws IOException {
        Path f = tmp.resolve("reform" + reforms++ + ".yaml");
        Files.writeString(f, yaml);
        ReformFiles.read(f);
    }
}
