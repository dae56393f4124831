package org.fuyu.policy.packs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.Problem;
import org.fuyu.policy.testing.TestPacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decision tables in a directory pack: the credit line by rating ({@code .drl.xlsx}) and the
 * village classification bands ({@code .drl.csv}) decide as the DRL rules would, pass the
 * sandbox, and every slip in a row is reported with its row.
 */
class DecisionTableTest {
    private static PolicyEngine engine;

    @BeforeAll
    static void build() {
        engine = PolicyEngine.builder().addPacks(RulePacks.fromTrustedDirectory(TestPacks.resource("packs/tables"))).build();
    }

    @Test
    void tablesDecideTheCasesWithCriteriaAndCitations() {
        assertThat(TestPacks.runCases(engine, "tables/cases.yaml")).isEmpty();
        assertThat(engine.packs()).singleElement().satisfies(p -> assertThat(p.trusted()).isTrue());
    }

    @Test
    void aRowKeepsItsCitationAndRuleName() {
        var result = TestPacks.runCasesResult(engine, "tables/cases.yaml", 0);
        var weak = result.decisions().stream().filter(d -> d.subjectId().equals("v30k")).findFirst().orElseThrow();
        assertThat(weak.rule()).isEqualTo("VILLAGE_WEAK");
        assertThat(weak.citation()).isEqualTo("004 (清零消薄); 002 §三.15");
        assertThat(weak.pack()).isEqualTo("decision-tables");
        assertThat(weak.reasons()).extracting(c -> c.operator() + " " + c.required() + " " + c.parameter())
                .containsExactly("> 0 null", "< 50000 collective.weak_below");
    }

    @Test
    void generatedDrlIsShown() {
        PackResource csv = resource("packs/tables/village-classification.drl.csv");
        String drl = DecisionTables.toDrl(csv);
        assertThat(drl).contains("rule \"VILLAGE_WEAK\"", "@citation(\"004 (清零消薄); 002 §三.15\")",
                "$k.value(\"collective.weak_below\")");
        DecisionTables.Table t = DecisionTables.read(csv);
        int line = List.of(drl.split("\n")).indexOf("rule \"VILLAGE_BASIC\"") + 1;
        assertThat(t.rowOfDrlLine(line)).isEqualTo(12);
    }

    @Test
    void theShippedTablesAreClean() {
        assertThat(PackValidator.validateTrusted(List.of(TestPacks.resource("packs/tables")), List.of())).isEmpty();
    }

    @Test
    void overlappingBandsAreReportedAtTheRow(@TempDir Path tmp) {
        Path dir = TestPacks.copy("packs/tables", tmp);
        // WEAK now runs to 60000, into BASIC (which starts at 50000)
        TestPacks.edit(dir.resolve("village-classification.drl.csv"), ",0,collective.weak_below,", ",0,60000,");
        assertThat(messages(dir)).containsExactly("village-classification.drl.csv:12: rows 11 and 12 overlap: "
                + "row 11 (collectiveIncome.operating > 0, collectiveIncome.operating < 60000) and row 12 "
                + "(collectiveIncome.operating >= collective.weak_below (50000), collectiveIncome.operating < "
                + "collective.threshold_200k (200000)) share values, so a case could get both");
    }

    @Test
    void aGapBetweenBandsIsReported(@TempDir Path tmp) {
        Path dir = TestPacks.copy("packs/tables", tmp);
        TestPacks.edit(dir.resolve("village-classification.drl.csv"), "x,VILLAGE_BASIC,collective.weak_below,", "x,VILLAGE_BASIC,60000,");
        assertThat(messages(dir)).containsExactly("village-classification.drl.csv:12: gap before row 12: no row applies to "
                + "collectiveIncome.operating >= collective.weak_below (50000) and < 60000");
    }

    @Test
    void aGapThatOnlyOpensWithALaterParameterValueNamesTheDate(@TempDir Path tmp) {
        Path dir = TestPacks.copy("packs/tables", tmp);
        Path override = tmp.resolve("county.yaml");
        TestPacks.write(override, "collective.threshold_200k:\n  values:\n    2025-01-01: 40000\n");
        List<String> messages = PackValidator.validateTrusted(List.of(dir), List.of(override)).stream()
                .map(p -> Path.of(p.file()).getFileName() + ":" + p.line() + ": " + p.message()).toList();
        assertThat(messages).containsExactly("village-classification.drl.csv:12: row 12: the range row 12 "
                + "(collectiveIncome.operating >= collective.weak_below (50000), collectiveIncome.operating < "
                + "collective.threshold_200k (40000)) is empty, so the row can never apply (with the values in force from 2025-01-01)",
                "village-classification.drl.csv:13: rows 11 and 13 overlap: row 11 (collectiveIncome.operating > 0, "
                + "collectiveIncome.operating < collective.weak_below (50000)) and row 13 (collectiveIncome.operating >= "
                + "collective.threshold_200k (40000), collectiveIncome.operating < collective.threshold_500k (500000)) share "
                + "values, so a case could get both (with the values in force from 2025-01-01)");
    }

    @Test
    void aCellThatIsNotANumberNamesItsColumn(@TempDir Path tmp) {
        Path dir = TestPacks.copy("packs/tables", tmp);
        TestPacks.edit(dir.resolve("village-classification.drl.csv"), ",0,collective.weak_below,", ",0,5万,");
        assertThat(messages(dir)).contains("village-classification.drl.csv:11: 'Operating income below': '5万' is not a "
                + "number or a parameter name; write a number such as 50000 (no units or separators) or a parameter such as collective.weak_below");
    }

    @Test
    void aMistypedParameterIsReportedWithASuggestion(@TempDir Path tmp) {
        Path dir = TestPacks.copy("packs/tables", tmp);
        TestPacks.edit(dir.resolve("village-classification.drl.csv"), ",0,collective.weak_below,", ",0,collective.weak_belo,");
        assertThat(messages(dir)).contains("village-classification.drl.csv:11: rule reads parameter 'collective.weak_belo' "
                + "that no parameter file defines (did you mean 'collective.weak_below'?)");
    }

    @Test
    void aRatingWithoutARowAndARatingInTwoRowsAreReported(@TempDir Path tmp) throws Exception {
        Path dir = TestPacks.copy("packs/tables", tmp);
        Path xlsx = dir.resolve("credit-line.drl.xlsx");
        try (InputStream in = Files.newInputStream(xlsx); Workbook wb = WorkbookFactory.create(in)) {
            Sheet s = wb.getSheetAt(0);
            Row aa = s.getRow(10);       // row 11: AA
            aa.getCell(2).setCellValue("AAA");
            try (OutputStream out = Files.newOutputStream(xlsx)) {
                wb.write(out);
            }
        }
        assertThat(messages(dir)).containsExactly(
                "credit-line.drl.xlsx:10: table 'Inclusive credit line': no row for credit.rating AA (CreditRating has [AAA, AA, A, B, C, UNRATED])",
                "credit-line.drl.xlsx:11: rows 10 and 11 overlap: both apply to credit.rating AAA");
    }

    @Test
    void aNumberTypedIntoExcelWithThousandsSeparatorsIsANumber(@TempDir Path tmp) throws Exception {
        Path dir = TestPacks.copy("packs/tables", tmp);
        Path xlsx = dir.resolve("credit-line.drl.xlsx");
        try (InputStream in = Files.newInputStream(xlsx); Workbook wb = WorkbookFactory.create(in)) {
            var style = wb.createCellStyle();
            style.setDataFormat(wb.createDataFormat().getFormat("#,##0"));
            var cell = wb.getSheetAt(0).getRow(9).getCell(4); // row 10: AAA's credit line
            cell.setCellValue(120000d);
            cell.setCellStyle(style);
            try (OutputStream out = Files.newOutputStream(xlsx)) {
                wb.write(out);
            }
        }
        assertThat(messages(dir)).isEmpty();
        PolicyEngine e = PolicyEngine.builder().addPacks(RulePacks.fromTrustedDirectory(dir)).build();
        var household = new org.fuyu.policy.HouseholdInput(new org.fuyu.policy.facts.Household("h", "v", null, null,
                List.of(new org.fuyu.policy.facts.Person("p", 40, true, true, false, false, null)), null, null, null, 0, 0,
                null, new org.fuyu.policy.facts.Credit(org.fuyu.policy.facts.CreditRating.AAA, false, false, 0, 0)), List.of());
        var d = e.evaluate(household, new org.fuyu.policy.EvaluationOptions(java.time.LocalDate.of(2024, 6, 30), false))
                .decisions().get(0);
        assertThat(d.amountYuan()).isEqualTo(120000L);
    }

    @Test
    void aCompileErrorInACellIsReportedAtItsRow(@TempDir Path tmp) {
        Path dir = TestPacks.copy("packs/tables", tmp);
        TestPacks.edit(dir.resolve("village-classification.drl.csv"), "VILLAGE_500K,x,VILLAGE_500K,collective.threshold_500k,,,,flag,",
                "VILLAGE_500K,x,VILLAGE_500K,collective.threshold_500k,,,,flagg,");
        assertThat(messages(dir)).containsExactly(
                "village-classification.drl.csv:14: unknown field or method 'flagg()' of DecisionBuilder (did you mean 'flag'?)");
    }

    @Test
    void theCopiesInDocsAreTheShippedTables() throws java.io.IOException {
        Path docs = Path.of("..", "docs", "decision-tables");
        Path packs = Path.of("..", "policy-rules", "src", "main", "resources", "packs");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(docs), "docs/decision-tables is beside the module");
        assertThat(Files.readAllBytes(docs.resolve("credit-line-by-rating.table.xlsx")))
                .isEqualTo(Files.readAllBytes(packs.resolve("micro-loan/credit-line-by-rating.table.xlsx")));
        assertThat(Files.readAllBytes(docs.resolve("village-classification.table.csv")))
                .isEqualTo(Files.readAllBytes(packs.resolve("collective-income/village-classification.table.csv")));
    }

    private static List<String> messages(Path dir) {
        List<Problem> problems = PackValidator.validateTrusted(List.of(dir), List.of());
        return problems.stream().map(p -> Path.of(p.file()).getFileName() + ":" + p.line() + ": " + p.message()).toList();
    }

    private static PackResource resource(String name) {
        try {
            Path p = TestPacks.resource(name);
            return new PackResource(p.getFileName().toString(), p.toString(), Files.readAllBytes(p));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
