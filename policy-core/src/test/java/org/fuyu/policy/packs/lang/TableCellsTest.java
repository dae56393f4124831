package org.fuyu.policy.packs.lang;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fuyu.policy.EvaluationOptions;
import org.fuyu.policy.HouseholdInput;
import org.fuyu.policy.Lang;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.Problem;
import org.fuyu.policy.facts.Credit;
import org.fuyu.policy.facts.CreditRating;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.facts.Person;
import org.fuyu.policy.packs.PackValidator;
import org.fuyu.policy.packs.RulePack;
import org.fuyu.policy.packs.RulePacks;
import org.fuyu.policy.testing.TestPacks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every slip a policy officer makes in a decision table is reported as
 * {@code file:row:column (column title): message}, in plain words that name what the column takes:
 * a blank row, a shifted row, a value that is not allowed ({@code aa}, {@code AAAA}, {@code AA+}),
 * full-width punctuation, a cleared {@code x}, an empty result or amount. Full-width characters that
 * mean the same as their ASCII twin (digits, the comma) are read as ASCII with a warning.
 */
class TableCellsTest {
    private static final String[] TITLES = {"Rule 规则", "Decision code 决定代码", "Credit rating 信用等级",
        "Farming household 农业户 (x)", "Not overdue 无逾期 (x)", "Credit line 授信额度", "Citation 依据"};

    @TempDir
    Path tmp;
    private Path bands;
    private Path credit;

    @BeforeEach
    void packs() throws Exception {
        Lang.set(Lang.EN);
        bands = tmp.resolve("bands");
        TestPacks.write(bands.resolve("pack.yaml"), "id: bands\nversion: 1.0.0\ntitle: Bands\ncodes:\n"
                + "  - {code: BAND_NONE, subject: VILLAGE}\n  - {code: BAND_LOW, subject: VILLAGE}\n  - {code: BAND_HIGH, subject: VILLAGE}\n");
        TestPacks.write(bands.resolve("parameters.yaml"), "bands.line:\n  description: line\n  unit: yuan/year\n"
                + "  reference: test\n  values:\n    2022-01-01: 50000\n");
        TestPacks.write(bands.resolve("bands.table.csv"), """
                Table,Bands
                Subject,village
                Kind,code,candidate,candidate,candidate,candidate,result,citation
                Expression,,collectiveIncome.operating >= $,collectiveIncome.operating > $,collectiveIncome.operating < $,collectiveIncome.operating <= $,,
                Rule,Code,At least,Above,Below,At most,Outcome,Citation
                BAND_NONE,BAND_NONE,,,,0,flag,t
                BAND_LOW,BAND_LOW,,0,bands.line,,flag,t
                BAND_HIGH,BAND_HIGH,bands.line,,,,flag,t
                """);
        credit = tmp.resolve("credit");
        TestPacks.write(credit.resolve("pack.yaml"), "id: credit\nversion: 1.0.0\ntitle: Credit\ncodes:\n"
                + "  - {code: CREDIT_LINE, subject: HOUSEHOLD, amount: CREDIT}\n");
        TestPacks.write(credit.resolve("parameters.yaml"), "credit.line_aaa:\n  description: AAA\n  unit: yuan\n"
                + "  reference: test\n  values:\n    2022-01-01: 100000\ncredit.line_aa:\n  description: AA\n  unit: yuan\n"
                + "  reference: test\n  values:\n    2022-01-01: 60000\ncredit.line_min:\n  description: others\n  unit: yuan\n"
                + "  reference: test\n  values:\n    2022-01-01: 30000\n");
        writeCredit(new String[][] {
            {"CREDIT_LINE AAA", "CREDIT_LINE", "AAA", "x", "x", "credit.line_aaa", "t"},
            {"CREDIT_LINE AA", "CREDIT_LINE", "AA", "x", "x", "credit.line_aa", "t"},
            {"CREDIT_LINE other", "CREDIT_LINE", "A, B, C, UNRATED", "x", "x", "credit.line_min", "t"}});
    }

    private void writeCredit(String[][] rows) throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet s = wb.createSheet("credit");
            String[][] head = {{"Table", "Credit line by rating"}, {"Subject", "household"},
                {"Kind", "code", "candidate", "require", "require", "grant", "citation"},
                {"Expression", "", "credit.rating in [$]", "farming", "not credit.overdue", "$", ""}, TITLES};
            int r = 0;
            for (String[][] block : new String[][][] {head, rows}) {
                for (String[] cells : block) {
                    Row row = s.createRow(r++);
                    for (int c = 0; c < cells.length; c++) {
                        if (cells[c] != null && !cells[c].isEmpty()) {
                            row.createCell(c).setCellValue(cells[c]);
                        }
                    }
                }
            }
            try (OutputStream out = Files.newOutputStream(credit.resolve("credit.table.xlsx"))) {
                wb.write(out);
            }
        }
    }

    /** The third data row (sheet row 8) with one cell changed. */
    private void creditRow(int column, String value) throws Exception {
        String[] other = {"CREDIT_LINE other", "CREDIT_LINE", "A, B, C, UNRATED", "x", "x", "credit.line_min", "t"};
        other[column] = value;
        writeCredit(new String[][] {
            {"CREDIT_LINE AAA", "CREDIT_LINE", "AAA", "x", "x", "credit.line_aaa", "t"},
            {"CREDIT_LINE AA", "CREDIT_LINE", "AA", "x", "x", "credit.line_aa", "t"}, other});
    }

    private static List<String> problems(Path dir) {
        return PackValidator.validate(List.of(dir), List.of()).stream().map(TableCellsTest::shown).toList();
    }

    private static List<String> warnings(Path dir) {
        List<RulePack> packs = RulePacks.fromDirectory(dir);
        return RuleLanguage.warnings(packs, packs, PolicyEngine.builder().addPacks(packs).parameters()).stream()
                .map(TableCellsTest::shown).toList();
    }

    /** As validate prints it, without the directory. */
    private static String shown(Problem p) {
        return p.toString().substring(p.file().length() - Path.of(p.file()).getFileName().toString().length());
    }

    private void edit(String from, String to) {
        TestPacks.edit(bands.resolve("bands.table.csv"), from, to);
    }

    @Test
    void theTablesAreClean() {
        assertThat(problems(bands)).isEmpty();
        assertThat(problems(credit)).isEmpty();
        assertThat(warnings(credit)).isEmpty();
    }

    @Test
    void aBlankRowIsAnErrorButBlankLinesAfterTheLastRowAreNot() {
        edit("BAND_LOW,", "\nBAND_LOW,");
        assertThat(problems(bands)).containsExactly("bands.table.csv:7: a blank row inside the table: delete the row or fill"
                + " it in (a blank row never ends a table; the rows below it are rules too)");
        edit("\nBAND_LOW,", "BAND_LOW,");
        edit("BAND_HIGH,bands.line,,,,flag,t\n", "BAND_HIGH,bands.line,,,,flag,t\n\n,,,,\n");
        assertThat(problems(bands)).isEmpty();
    }

    @Test
    void aRowShiftedOneCellIsReportedAsShiftedAtTheColumnWhereItStarts() {
        edit("BAND_LOW,BAND_LOW,,0,bands.line,,flag,t", "BAND_LOW,BAND_LOW,,0,,bands.line,,flag,t");
        // which empty cell was inserted cannot always be told; the first column from which moving back works is named
        assertThat(problems(bands)).containsExactly("bands.table.csv:7:3 (At least): this row is shifted one cell to the right"
                + " from this column on (an empty cell was inserted): move its cells from here on back one cell to the left");
        edit("BAND_LOW,BAND_LOW,,0,,bands.line,,flag,t", "BAND_LOW,BAND_LOW,,0,bands.line,flag,t");
        assertThat(problems(bands)).singleElement().asString().startsWith("bands.table.csv:7:")
                .endsWith("this row is shifted one cell to the left from this column on (a cell was deleted): move its cells"
                        + " from here on back one cell to the right");
    }

    @Test
    void aFullWidthCommaThatJoinsTwoCsvCellsIsNamed() {
        edit("BAND_LOW,BAND_LOW,,0,bands.line,", "BAND_LOW,BAND_LOW,,0，bands.line,");
        assertThat(problems(bands)).containsExactly("bands.table.csv:7:4 (Above): the full-width comma '，' in"
                + " '0，bands.line' does not separate the cells of a CSV file, so this row has one cell too few: type an"
                + " ASCII ',' between '0' and 'bands.line'");
    }

    @Test
    void fullWidthDigitsAreReadAsAsciiWithAWarningAndOtherPunctuationIsRefused() {
        edit(",,,,0,flag", ",,,,０,flag");
        assertThat(problems(bands)).isEmpty();
        assertThat(warnings(bands)).containsExactly("bands.table.csv:6:6 (At most): warning: the full-width ０ in '０' read as"
                + " ASCII: '0'");
        for (String cell : List.of("（0）", "＜0", "＝0", "0；", "0：")) {
            TestPacks.write(bands.resolve("bands.table.csv"), text(bands.resolve("bands.table.csv"))
                    .replaceFirst("BAND_NONE,BAND_NONE,,,,[^,]*,", "BAND_NONE,BAND_NONE,,,," + cell + ","));
            assertThat(problems(bands)).as(cell).containsExactly("bands.table.csv:6:6 (At most): '" + cell + "' holds '"
                    + cell.replaceAll("[0０]", "").charAt(0) + "': a cell holds only the bound (a number such as 50000, or a"
                    + " parameter name such as collective.weak_below); the comparison is already in the expression row"
                    + " (collectiveIncome.operating <= $)");
        }
    }

    @Test
    void aWordWhereANumberBelongsAndAnEmptyResultSayWhatTheColumnTakes() {
        edit("BAND_LOW,BAND_LOW,,0,bands.line,", "BAND_LOW,BAND_LOW,,0,5万,");
        assertThat(problems(bands)).containsExactly("bands.table.csv:7:5 (Below): '5万' is neither a number nor a parameter"
                + " name: write a number such as 50000 (no units) or a parameter name such as collective.weak_below");
        edit("BAND_LOW,BAND_LOW,,0,5万,,flag", "BAND_LOW,BAND_LOW,,0,bands.line,,");
        assertThat(problems(bands)).containsExactly("bands.table.csv:7:7 (Outcome): the result is empty: write flag, grant"
                + " (with the amount in its column) or target");
    }

    @Test
    void aRatingThatIsNotAllowedNamesTheAllowedValues() throws Exception {
        String allowed = "the values are AAA, AA, A, B, C, UNRATED";
        creditRow(2, "aa");
        assertThat(problems(credit)).containsExactly("credit.table.xlsx:8:3 (Credit rating 信用等级): 'aa' is not a value of"
                + " credit.rating; " + allowed + " (did you mean AA? values are written in capitals)");
        creditRow(2, "AAAA");
        assertThat(problems(credit)).containsExactly("credit.table.xlsx:8:3 (Credit rating 信用等级): 'AAAA' is not a value of"
                + " credit.rating; " + allowed + " (did you mean AAA? values are written in capitals)");
        creditRow(2, "AA+");
        assertThat(problems(credit)).singleElement().asString().startsWith("credit.table.xlsx:8:3 (Credit rating 信用等级):"
                + " 'AA+' holds '+': separate several values with a comma, such as A, B; " + allowed);
        creditRow(2, "A；B, C, UNRATED");
        assertThat(problems(credit)).containsExactly("credit.table.xlsx:8:3 (Credit rating 信用等级): 'A；B, C, UNRATED' holds"
                + " '；': separate several values with a comma, such as A, B; " + allowed);
    }

    @Test
    void aFullWidthCommaInAListIsReadAsAComma() throws Exception {
        creditRow(2, "A，B，C，UNRATED");
        assertThat(problems(credit)).isEmpty();
        assertThat(warnings(credit)).containsExactly("credit.table.xlsx:8:3 (Credit rating 信用等级): warning: the full-width"
                + " ， in 'A，B，C，UNRATED' read as ASCII: 'A,B,C,UNRATED'");
    }

    @Test
    void aClearedMarkerIsAnErrorAndADashMeansTheConditionDoesNotApply() throws Exception {
        creditRow(4, "");
        assertThat(problems(credit)).containsExactly("credit.table.xlsx:8:5 (Not overdue 无逾期 (x)): the cell is empty: write x"
                + " if the condition 'not credit.overdue' applies to this row, or - if it does not (an empty cell is not read as either)");
        creditRow(4, "-");
        assertThat(problems(credit)).isEmpty();
        creditRow(4, "yes");
        assertThat(problems(credit)).containsExactly("credit.table.xlsx:8:5 (Not overdue 无逾期 (x)): this column takes x (the"
                + " condition 'not credit.overdue' applies) or - (it does not), not 'yes'");
    }

    @Test
    void anEmptyAmountIsNamedAndAFullWidthAmountIsPaid() throws Exception {
        creditRow(5, "");
        assertThat(problems(credit)).containsExactly("credit.table.xlsx:8:6 (Credit line 授信额度): the amount is empty: write a"
                + " number (such as 80000) or a parameter name (such as micro_loan.line_aa)");
        creditRow(5, "３００００");
        assertThat(problems(credit)).isEmpty();
        PolicyEngine engine = PolicyEngine.builder().addPacks(RulePacks.fromDirectory(credit)).build();
        HouseholdInput h = new HouseholdInput(Household.builder().id("h").villageId("v")
                .member(Person.builder().id("p").age(40).build()).credit(new Credit(CreditRating.B, false, false, 0, 0)).build(),
                List.of());
        assertThat(engine.evaluate(h, new EvaluationOptions(LocalDate.of(2024, 6, 30), false)).decisions())
                .singleElement().satisfies(d -> assertThat(d.amountYuan()).isEqualTo(30000L));
    }

    private static String text(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
