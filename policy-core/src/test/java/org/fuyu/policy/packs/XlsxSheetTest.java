package org.fuyu.policy.packs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.drools.decisiontable.parser.xls.ExcelParser;
import org.drools.template.parser.DataListener;
import org.fuyu.policy.params.ParameterSet;
import org.fuyu.policy.testing.TestPacks;
import org.junit.jupiter.api.Test;

/**
 * The xlsx reader that spares a fresh JVM Apache POI: for the sheets it reads it reports exactly
 * the cells Drools' ExcelParser (POI) reports, and it leaves every other sheet to POI.
 */
class XlsxSheetTest {

    @Test
    void theTestTableReadsAsWithPoi() throws IOException {
        assertSameAsPoi(Files.readAllBytes(TestPacks.resource("packs/tables/credit-line.drl.xlsx")));
    }

    @Test
    void theShippedTableReadsAsWithPoi() throws IOException {
        Path shipped = Path.of("..", "policy-rules", "src", "main", "resources", "packs", "micro-loan",
                "credit-line-by-rating.drl.xlsx");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(shipped), "policy-rules is beside the module");
        assertSameAsPoi(Files.readAllBytes(shipped));
    }

    @Test
    void theTableItMakesIsTheTablePoiMakes() throws IOException {
        Path p = TestPacks.resource("packs/tables/credit-line.drl.xlsx");
        PackResource r = new PackResource("credit-line.drl.xlsx", p.toString(), Files.readAllBytes(p));
        DecisionTables.Table fast = DecisionTables.read(r);
        DecisionTables.Table poi = DecisionTables.parseWithDrools(r);
        assertThat(fast.drl()).isEqualTo(poi.drl()).contains("rule \"INCLUSIVE_CREDIT_LINE AAA\"");
        int lines = poi.drl().split("\n", -1).length;
        for (int line = 0; line <= lines + 1; line++) {
            assertThat(fast.rowOfDrlLine(line)).as("line %d", line).isEqualTo(poi.rowOfDrlLine(line));
        }
        assertThat(fast.check(ParameterSet.empty())).isEqualTo(poi.check(ParameterSet.empty()));
    }

    @Test
    void textNumbersBooleansBlanksAndMergedCellsReadAsWithPoi() throws IOException {
        byte[] xlsx = workbook(wb -> {
            Sheet s = wb.createSheet("Rules");
            Row r0 = s.createRow(0);
            r0.createCell(0).setCellValue("RuleSet");
            r0.createCell(1).setCellValue("org.example");
            s.createRow(2); // an empty row
            Row r3 = s.createRow(3);
            r3.createCell(0).setCellValue(50000d);
            r3.createCell(1).setCellValue(-7d);
            r3.createCell(2).setCellValue(0d);
            r3.createCell(3).setCellValue(99_999_999_999d);
            r3.createCell(4).setCellValue(true);
            r3.createCell(5).setCellValue(false);
            r3.createCell(7); // a blank cell, after a gap
            r3.createCell(8).setCellValue("");
            r3.createCell(9).setCellValue("  spaced  ");
            r3.createCell(10).setCellValue(java.time.LocalDate.of(2024, 6, 30)); // no date format: a number
            Row r5 = s.createRow(5);
            r5.createCell(0).setCellValue("merged across");
            r5.createCell(1);
            r5.createCell(2);
            s.addMergedRegion(new CellRangeAddress(5, 6, 0, 2));
            Row r6 = s.createRow(6);
            r6.createCell(1).setCellValue("hidden by the merge");
            r6.createCell(4).setCellValue("中文 text");
            wb.createSheet("Second").createRow(0).createCell(0).setCellValue("not read");
        });
        assertSameAsPoi(xlsx);
    }

    @Test
    void cellsOnlyPoiCanShowAreLeftToPoi() throws IOException {
        List<Consumer<Cell>> onlyPoi = List.of(
                c -> c.setCellValue(0.5d),
                c -> c.setCellValue(123_456_789_012d),
                c -> c.setCellFormula("1+1"),
                c -> {
                    var style = c.getSheet().getWorkbook().createCellStyle();
                    style.setDataFormat((short) 14); // a date
                    c.setCellStyle(style);
                    c.setCellValue(java.time.LocalDate.of(2024, 6, 30));
                },
                c -> c.setCellValue(new XSSFRichTextString("_x0041_")),
                c -> {
                    XSSFRichTextString rich = new XSSFRichTextString("bold and plain");
                    rich.applyFont(0, 4, c.getSheet().getWorkbook().createFont());
                    c.setCellValue(rich);
                },
                c -> {
                    var style = c.getSheet().getWorkbook().createCellStyle();
                    style.setDataFormat(c.getSheet().getWorkbook().createDataFormat().getFormat("#,##0"));
                    c.setCellStyle(style);
                    c.setCellValue(120000d);
                });
        for (Consumer<Cell> set : onlyPoi) {
            byte[] xlsx = workbook(wb -> {
                Row r = wb.createSheet("Rules").createRow(0);
                r.createCell(0).setCellValue("RuleSet");
                set.accept(r.createCell(1));
            });
            assertThat(XlsxSheet.read(xlsx)).isNull();
        }
    }

    @Test
    void filesThatAreNoPlainXlsxAreLeftToPoi() throws IOException {
        assertThat(XlsxSheet.read(new byte[0])).isNull();
        assertThat(XlsxSheet.read("RuleSet,org.example\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))).isNull();
        byte[] xls;
        try (Workbook wb = new org.apache.poi.hssf.usermodel.HSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            wb.createSheet("Rules").createRow(0).createCell(0).setCellValue("RuleSet");
            wb.write(out);
            xls = out.toByteArray();
        }
        assertThat(XlsxSheet.read(xls)).isNull(); // an Excel 97 file named .xlsx: POI still reads it
    }

    @Test
    void aSheetWithADoctypeOrExternalEntityIsNotReadHere() throws IOException {
        byte[] plain = Files.readAllBytes(TestPacks.resource("packs/tables/credit-line.drl.xlsx"));
        java.util.Map<String, byte[]> parts = new java.util.LinkedHashMap<>();
        try (var zip = new java.util.zip.ZipInputStream(new ByteArrayInputStream(plain))) {
            for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                parts.put(e.getName(), zip.readAllBytes());
            }
        }
        String strings = parts.keySet().stream().filter(n -> n.endsWith("sharedStrings.xml")).findFirst().orElseThrow();
        String xml = new String(parts.get(strings), java.nio.charset.StandardCharsets.UTF_8);
        // an external entity that would pull a local file into a cell
        String hostile = xml.replaceFirst("\\?>", "?><!DOCTYPE sst [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>")
                .replaceFirst("<t>", "<t>&x;");
        assertThat(hostile).contains("<!ENTITY").contains("&x;");
        parts.put(strings, hostile.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var zip = new java.util.zip.ZipOutputStream(out)) {
            for (var p : parts.entrySet()) {
                zip.putNextEntry(new java.util.zip.ZipEntry(p.getKey()));
                zip.write(p.getValue());
                zip.closeEntry();
            }
        }
        assertThat(XlsxSheet.read(out.toByteArray())).isNull(); // left to POI, which refuses DTDs as well
    }

    @Test
    void aTableLeftToPoiIsStillRead() throws IOException {
        Path p = TestPacks.resource("packs/tables/credit-line.drl.xlsx");
        byte[] xlsx;
        try (Workbook wb = WorkbookFactory.create(Files.newInputStream(p)); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var style = wb.createCellStyle();
            style.setDataFormat(wb.createDataFormat().getFormat("#,##0"));
            Cell cell = wb.getSheetAt(0).getRow(9).getCell(4);
            cell.setCellValue(120000d);
            cell.setCellStyle(style);
            wb.write(out);
            xlsx = out.toByteArray();
        }
        assertThat(XlsxSheet.read(xlsx)).isNull();
        DecisionTables.Table t = DecisionTables.read(new PackResource("credit-line.drl.xlsx", "fallback.xlsx", xlsx));
        assertThat(t.drl()).contains("120,000");
    }

    private static void assertSameAsPoi(byte[] xlsx) {
        List<XlsxSheet.Event> fast = XlsxSheet.read(xlsx);
        assertThat(fast).as("read without POI").isNotNull();
        Recorder fromFast = new Recorder();
        XlsxSheet.replay(fast, List.of(fromFast));
        Recorder fromPoi = new Recorder();
        new ExcelParser(fromPoi).parseFile(new ByteArrayInputStream(xlsx));
        assertThat(fromFast.events).isEqualTo(fromPoi.events).isNotEmpty();
    }

    private static byte[] workbook(Consumer<XSSFWorkbook> fill) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            fill.accept(wb);
            wb.write(out);
            return out.toByteArray();
        }
    }

    /** Every call ExcelParser makes, in order. */
    private static final class Recorder implements DataListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void startSheet(String name) {
            events.add("startSheet " + name);
        }

        @Override
        public void finishSheet() {
            events.add("finishSheet");
        }

        @Override
        public void newRow(int rowNumber, int columns) {
            events.add("row " + rowNumber + " " + columns);
        }

        @Override
        public void newCell(int row, int column, String value, int mergedColStart) {
            events.add("cell " + row + " " + column + " [" + value + "] " + mergedColStart);
        }
    }
}
