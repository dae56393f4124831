package org.fuyu.policy.examples.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.text.PDFTextStripper;
import org.fuyu.policy.examples.cli.FuyuCli;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report as a browser shows it: headless Chromium (Debian's {@code chromium}; {@code .ci/run}
 * installs it with the Noto CJK fonts) prints the page of the demo county to PDF, and the text laid
 * out there — in Chinese and in English — and the fonts it was laid out with are checked. Skipped,
 * saying why, only outside CI on a machine without Chromium.
 */
class ReportInBrowserTest {
    @TempDir
    static Path dir;
    static Path run;
    static String chromium;

    @BeforeAll
    static void evaluateTheDemo() {
        chromium = find();
        if (chromium == null) {
            boolean ci = System.getenv("CI") != null;
            if (ci) {
                throw new AssertionError("chromium is not installed: .ci/run installs it (apt-get install chromium fonts-noto-cjk)");
            }
            Assumptions.abort("chromium is not installed (apt-get install chromium fonts-noto-cjk); the report is not "
                    + "checked in a browser on this machine");
        }
        run = dir.resolve("run");
        assertThat(FuyuCli.run("demo", "--out", run.toString())).isZero();
    }

    private static String find() {
        for (String c : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (new File(c).canExecute()) {
                return c;
            }
        }
        return null;
    }

    /** Prints the page to PDF with headless Chromium, in a fresh profile, no network, and reads it back. */
    static Printed print(Path html) throws IOException, InterruptedException {
        Path pdf = html.resolveSibling(html.getFileName() + ".pdf");
        Path profile = Files.createTempDirectory(dir, "chromium-profile");
        List<String> cmd = List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--no-pdf-header-footer", "--print-to-pdf=" + pdf, html.toUri().toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile())
                .start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished printing").isTrue();
        assertThat(pdf).as("chromium wrote the PDF (log: %s)", Files.readString(dir.resolve("chromium.log"))).exists();
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            Set<String> fonts = new TreeSet<>();
            for (PDPage page : doc.getPages()) {
                fonts(page.getResources(), fonts, 0);
            }
            return new Printed(new PDFTextStripper().getText(doc), fonts, doc.getNumberOfPages());
        }
    }

    /** The names of the fonts of some resources and of the forms they draw, recursively. */
    private static void fonts(PDResources r, Set<String> out, int depth) throws IOException {
        if (r == null || depth > 8) {
            return;
        }
        for (COSName name : r.getFontNames()) {
            org.apache.pdfbox.pdmodel.font.PDFont font = r.getFont(name);
            if (font.getName() != null) {
                out.add(font.getName());
            }
            if (font.getFontDescriptor() != null && font.getFontDescriptor().getFontName() != null) {
                out.add(font.getFontDescriptor().getFontName()); // a composite (Type 0) font names itself here
            }
        }
        for (COSName name : r.getXObjectNames()) {
            if (r.getXObject(name) instanceof org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject form) {
                fonts(form.getResources(), out, depth + 1);
            }
        }
    }

    record Printed(String text, Set<String> fonts, int pages) {
        /** The text with line breaks and runs of spaces as single spaces (a table cell may wrap). */
        String flat() {
            return text.replaceAll("\\s+", " ");
        }
    }

    @Test
    void theChinesePageShowsItsFiguresInChineseWithACjkFont() throws Exception {
        Path html = dir.resolve("zh.html");
        assertThat(FuyuCli.run("report", "--lang", "zh", "--input", run.toString(), "--out", html.toString())).isZero();
        Printed p = print(html);
        String t = p.flat();
        assertThat(t).contains("共同富裕政策评估报告", "运行概况", "县 C01", "三个低收入数字为什么不同", "县级指标",
                "村级指标（行政村数）", "补助（实际发放）", "空壳村和薄弱村", "各村情况", "农户标记", "完整名单");
        // the demo county C01: benefits paid 398,515 yuan; the top-up to the line (低收入农户收入补差) 182,665 yuan
        assertThat(t).contains("398,515", "低收入农户收入补差", "182,665", "上坪村");
        // the three counts: 13 below the line, 16 identified, 11 top-ups
        assertThat(t).containsPattern("低收入线（13,000 元）的农户： ?13");
        assertThat(t).containsPattern("认定的低收入农户（低收入农户）： ?16");
        assertThat(t).containsPattern("收入补差）的农户： ?11");
        // a share as a percentage, not 0.4286
        assertThat(t).contains("42.9%").doesNotContain("0.4286");
        // the Chinese text was laid out with a CJK font of the stack, not a fallback without 中文 glyphs
        assertThat(p.fonts()).as("fonts in the PDF").anyMatch(f -> f.contains("CJK") || f.contains("WenQuanYi")
                || f.contains("SourceHan") || f.contains("Droid"));
        assertThat(p.text()).doesNotContain("\uFFFD");
    }

    @Test
    void theEnglishPageShowsTheSameFiguresInEnglish() throws Exception {
        Path html = dir.resolve("en.html");
        assertThat(FuyuCli.run("report", "--lang", "en", "--input", run.toString(), "--out", html.toString())).isZero();
        String t = print(html).flat();
        assertThat(t).contains("Common-prosperity policy report", "Run overview", "County C01",
                "Three low-income counts, and why they differ", "County targets", "Village targets (villages)",
                "Benefits granted (paid)", "Hollow and weak villages", "Village by village", "Households flagged",
                "Complete lists");
        assertThat(t).contains("398,515", "Top-up to the low-income line", "182,665", "42.9%");
        assertThat(t).doesNotContain("三个低收入数字为什么不同");
    }
}
