package org.fuyu.policy.packs.lang;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.fuyu.policy.Lang;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.Problem;
import org.fuyu.policy.packs.PackValidator;
import org.fuyu.policy.packs.RulePack;
import org.fuyu.policy.packs.RulePacks;
import org.fuyu.policy.testing.TestPacks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One definition per band (a field a table divides may be divided elsewhere only where the table
 * divides it) and the pack consistency checks: declared subjects, parameters no rule reads,
 * numbers written where parameters of the same unit exist.
 */
class PackChecksTest {
    @TempDir
    Path tmp;
    private Path dir;

    @BeforeEach
    void pack() {
        Lang.set(Lang.EN);
        dir = tmp.resolve("bands");
        TestPacks.write(dir.resolve("pack.yaml"), """
                id: bands
                version: 1.0.0
                title: Bands
                codes:
                  - {code: CLASS_LOW, subject: VILLAGE}
                  - {code: CLASS_HIGH, subject: VILLAGE}
                  - {code: LOAN, subject: VILLAGE, amount: CREDIT}
                """);
        TestPacks.write(dir.resolve("parameters.yaml"), """
                bands.line:
                  description: the line between the two classes
                  unit: yuan/year
                  reference: test
                  values:
                    2022-01-01: 50000
                bands.loan_line:
                  description: below this a village gets the loan
                  unit: yuan/year
                  reference: test
                  values:
                    2022-01-01: 50000
                bands.loan:
                  description: the loan
                  unit: yuan/village
                  reference: test
                  values:
                    2022-01-01: 1000
                """);
        TestPacks.write(dir.resolve("classes.table.csv"), """
                Table,Bands
                Subject,village
                Kind,code,candidate,candidate,result,citation
                Expression,,collectiveIncome.operating >= $,collectiveIncome.operating < $,,
                Rule,Code,At least,Below,Outcome,Citation
                CLASS_LOW,CLASS_LOW,,bands.line,flag,t
                CLASS_HIGH,CLASS_HIGH,bands.line,,flag,t
                """);
        rules("collectiveIncome.operating < bands.line", "bands.loan");
    }

    private void rules(String loanRequires, String grant) {
        TestPacks.write(dir.resolve("loan.rules.yaml"), """
                decisions:
                  LOAN:
                    subject: village
                    citation: t
                    require: %s
                    grant: %s
                """.formatted(loanRequires, grant));
    }

    private List<String> problems() {
        return PackValidator.validate(List.of(dir), List.of()).stream()
                .map(p -> Path.of(p.file()).getFileName() + ":" + p.line() + ":" + p.column() + ": " + p.message()).toList();
    }

    private List<String> warnings() {
        List<RulePack> packs = RulePacks.fromDirectory(dir);
        return RuleLanguage.warnings(packs, packs, PolicyEngine.builder().addPacks(packs).parameters()).stream()
                .map(p -> Path.of(p.file()).getFileName() + ":" + p.line() + ": " + p.message()).toList();
    }

    @Test
    void aRuleThatCutsWhereTheTableCutsIsOneDefinition() {
        assertThat(problems()).isEmpty();
        // "at most 49999" of a whole-yuan field cuts where "below 50000" does
        rules("collectiveIncome.operating <= 49999", "bands.loan");
        assertThat(problems()).isEmpty();
        // reading the table's result is one definition whatever the table says
        rules("granted(CLASS_LOW)", "bands.loan");
        assertThat(problems()).isEmpty();
    }

    @Test
    void aTableBandEditedWhileAnotherRuleKeepsTheOldLineIsAnError() {
        // the officer moves the line in the table to 60000; the loan still reads bands.line (50000)
        TestPacks.edit(dir.resolve("classes.table.csv"), "CLASS_LOW,CLASS_LOW,,bands.line,", "CLASS_LOW,CLASS_LOW,,60000,");
        TestPacks.edit(dir.resolve("classes.table.csv"), "CLASS_HIGH,CLASS_HIGH,bands.line,", "CLASS_HIGH,CLASS_HIGH,60000,");
        assertThat(problems()).containsExactly("loan.rules.yaml:5:14: 'collectiveIncome.operating < bands.line' divides"
                + " collectiveIncome.operating at 50000, where the decision table classes.table.csv does not (its bands start"
                + " at 0, 60000, with the values in force from 2022-01-01): two definitions of one band, so an edit of the"
                + " table would not move this rule. In a decision about the same subject read the table's result"
                + " (granted(CLASS_LOW), granted(CLASS_HIGH)); elsewhere use the parameter the table's row uses");
        // the engine refuses it too (a running host keeps its last good rules)
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(org.fuyu.policy.PolicyException.class,
                () -> PolicyEngine.builder().addPacks(RulePacks.fromDirectory(dir)).build()).problems())
                .extracting(Problem::line).contains(5);
        // once the loan reads the class, the table alone says where the line is
        rules("granted(CLASS_LOW)", "bands.loan");
        assertThat(problems()).isEmpty();
    }

    @Test
    void twoParametersThatAgreeTodayButDivergeLaterAreFoundAtTheDateTheyDiverge() {
        rules("collectiveIncome.operating < bands.loan_line", "bands.loan");
        assertThat(problems()).isEmpty();
        TestPacks.edit(dir.resolve("parameters.yaml"), "    2022-01-01: 50000\nbands.loan_line:",
                "    2022-01-01: 50000\n    2025-01-01: 40000\nbands.loan_line:");
        assertThat(problems()).singleElement().asString().contains("loan.rules.yaml:5:14:", "at 50000",
                "its bands start at 0, 40000, with the values in force from 2025-01-01");
    }

    @Test
    void theSubjectPackYamlDeclaresMustBeTheOneTheRulesDecideAbout() {
        TestPacks.edit(dir.resolve("pack.yaml"), "{code: LOAN, subject: VILLAGE", "{code: LOAN, subject: HOUSEHOLD");
        assertThat(problems()).containsExactly("pack.yaml:0:0: pack.yaml declares LOAN about a HOUSEHOLD, but its rules decide"
                + " it about a VILLAGE; set subject: VILLAGE in pack.yaml, or correct the rule's subject:");
    }

    @Test
    void aParameterNoRuleReadsIsAWarning() {
        rules("collectiveIncome.operating < bands.line", "bands.loan");
        assertThat(warnings()).containsExactly("parameters.yaml:7: warning: the parameter bands.loan_line is defined but no rule of"
                + " pack bands reads it, so an override of it changes nothing; remove it or use it in a rule");
    }

    @Test
    void aNumberWhereParametersOfTheSameUnitExistIsAWarning() {
        // 50000 where the table compares the same field with bands.line (yuan/year); 1000 where amounts are parameters
        rules("collectiveIncome.operating < 50000", "1000");
        TestPacks.write(dir.resolve("other.rules.yaml"), """
                decisions:
                  CLASS_HIGH_AID:
                    subject: village
                    citation: t
                    require: granted(CLASS_HIGH)
                    grant: bands.loan
                """);
        TestPacks.edit(dir.resolve("pack.yaml"), "  - {code: LOAN,", "  - {code: CLASS_HIGH_AID, subject: VILLAGE}\n  - {code: LOAN,");
        assertThat(warnings()).contains(
                "loan.rules.yaml:5: warning: the number 50000 is written into the rule, where collectiveIncome.operating is"
                        + " compared with parameters of the same unit (yuan/year) elsewhere (bands.line); make it a parameter"
                        + " in parameters.yaml (with a description and reference) so a county can change it by date",
                "loan.rules.yaml:6: warning: the amount 1000 is a number written into the rule, where the pack's amounts are"
                        + " parameters (such as bands.loan); make it a parameter so a county can change it by date");
        // a number in a table cell is found the same way, at its row and column
        TestPacks.edit(dir.resolve("classes.table.csv"), "CLASS_HIGH,CLASS_HIGH,bands.line,", "CLASS_HIGH,CLASS_HIGH,50000,");
        rules("collectiveIncome.operating < bands.line", "bands.loan");
        assertThat(warnings()).anySatisfy(w -> assertThat(w).startsWith("classes.table.csv:7: (At least) warning: the number 50000"));
    }
}
