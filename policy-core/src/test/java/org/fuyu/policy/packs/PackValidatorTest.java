package org.fuyu.policy.packs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.PolicyException;
import org.fuyu.policy.Problem;
import org.fuyu.policy.testing.TestPacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate} reports every problem of a rule directory as file:line: message, without evaluating. */
class PackValidatorTest {

    private static List<String> located(List<Problem> problems) {
        return problems.stream().map(p -> Path.of(p.file()).getFileName() + ":" + p.line() + ": " + p.message()).toList();
    }

    @Test
    void aParameterValueThatIsNotANumberIsReportedAtItsLine() {
        List<Problem> problems = PackValidator.validate(List.of(TestPacks.resource("validate/broken")), List.of());
        // the parameter file is read first; with it broken the pack cannot load, so nothing else is checked yet
        assertThat(located(problems)).containsExactly("parameters.yaml:7: parameter 'broken.income_limit': value for "
                + "2024-01-01 is '13,500 yuan', expected a number such as 13000 or 0.5 (no units or thousands separators)");
    }

    @Test
    void syntaxErrorsUnknownFieldsAndUnknownParametersAreAllReportedWithTheirColumn(@TempDir Path tmp) {
        Path dir = TestPacks.copy("validate/broken", tmp);
        TestPacks.edit(dir.resolve("parameters.yaml"), "13,500 yuan", "13500");
        org.fuyu.policy.Lang.set(org.fuyu.policy.Lang.EN);
        assertThat(PackValidator.validate(List.of(dir), List.of()).stream()
                .map(p -> Path.of(p.file()).getFileName() + ":" + p.line() + ":" + p.column() + ": " + p.message()).toList())
                .containsExactly(
                "rules.rules.yaml:4:14: unknown name 'househld.farming'; did you mean 'farming'? (a rule may use the fact fields"
                        + " of its subject, derived values and parameters)",
                "rules.rules.yaml:9:29: no parameter file defines 'broken.incom_limit'; did you mean 'broken.income_limit'?"
                        + " (a rule may use the fact fields of its subject, derived values and parameters)",
                "rules.rules.yaml:14:49: found the end of the expression where ')' was expected");
    }

    @Test
    void theEngineLoadingADirectoryPackRunsTheSameChecks(@TempDir Path tmp) {
        Path dir = TestPacks.copy("validate/broken", tmp);
        TestPacks.edit(dir.resolve("parameters.yaml"), "13,500 yuan", "13500");
        PolicyException e = org.assertj.core.api.Assertions.catchThrowableOfType(PolicyException.class,
                () -> PolicyEngine.builder().addPacks(RulePacks.fromDirectory(dir)).build());
        assertThat(located(e.problems().stream().sorted().toList()))
                .isEqualTo(located(PackValidator.validate(List.of(dir), List.of())));
    }

    @Test
    void aPackYamlMissingFieldsNamesThemAll() {
        assertThat(located(PackValidator.validate(List.of(TestPacks.resource("validate/no-manifest-fields")), List.of())))
                .containsExactly("pack.yaml:1: missing required fields id, version, codes (pack.yaml needs id, version, title and codes)");
    }

    @Test
    void overrideFilesAreCheckedToo(@TempDir Path tmp) {
        Path county = tmp.resolve("county.yaml");
        TestPacks.write(county, "reload.amount:\n  values:\n    2025-01-01: ten\nreload.amuont:\n  values:\n    2025-01-01: 10\n");
        List<Problem> problems = PackValidator.validate(List.of(TestPacks.resource("reload")), List.of(county));
        assertThat(located(problems)).containsExactly(
                "county.yaml:3: parameter 'reload.amount': value for 2025-01-01 is 'ten', expected a number such as 13000 "
                + "or 0.5 (no units or thousands separators)",
                "county.yaml:4: parameter 'reload.amuont' is not defined by any loaded pack (did you mean 'reload.amount'?)");
    }

    @Test
    void aCleanDirectoryHasNoProblems() {
        assertThat(PackValidator.validate(List.of(TestPacks.resource("reload")), List.of(TestPacks.resource("packs/tables")),
                List.of())).isEmpty();
    }
}
