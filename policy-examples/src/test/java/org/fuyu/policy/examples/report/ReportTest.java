package org.fuyu.policy.examples.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.fuyu.policy.Criterion;
import org.fuyu.policy.examples.cli.FuyuCli;
import org.fuyu.policy.examples.generate.PopulationGenerator;
import org.fuyu.policy.io.FactMapper;
import org.fuyu.policy.io.RunSummary;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report shows the figures of summary.json, and needs nothing but itself. */
class ReportTest {
    @TempDir
    static Path dir;
    static Path input;
    static Path run;
    static RunSummary summary;
    static Document page;
    static String html;

    @BeforeAll
    static void evaluateAndReport() throws IOException {
        input = dir.resolve("input");
        new PopulationGenerator(new PopulationGenerator.Config(6_000, 40, 2, 7)).write(input, 2, n -> { });
        run = dir.resolve("run");
        assertThat(FuyuCli.run("evaluate", "-q", "--input", input.toString(), "--out", run.toString(),
                "--as-of", "2024-06-30")).isZero();
        Path out = dir.resolve("report.html");
        assertThat(FuyuCli.run("report", "--input", run.toString(), "--out", out.toString())).isZero();
        summary = FactMapper.get().readValue(run.resolve("summary.json").toFile(), RunSummary.class);
        html = Files.readString(out, StandardCharsets.UTF_8);
        page = Jsoup.parse(html);
    }

    private static long number(Element e) {
        return Long.parseLong(e.text().replace(",", "").trim());
    }

    @Test
    void overviewMatchesTheSummary() {
        assertThat(page.selectFirst("header [data-field=asOf]").text()).isEqualTo("2024-06-30");
        assertThat(summary.counties).hasSize(2);
        for (Map.Entry<String, RunSummary.CountyResults> e : summary.counties.entrySet()) {
            RunSummary.CountyResults c = e.getValue();
            Element row = page.selectFirst("#counties tr[data-county=" + e.getKey() + "]");
            assertThat(number(row.selectFirst("[data-field=households]"))).isEqualTo(c.households);
            assertThat(number(row.selectFirst("[data-field=benefitsGranted]")))
                    .isEqualTo(c.benefits.values().stream().mapToLong(t -> t.count).sum());
            assertThat(number(row.selectFirst("[data-field=benefitsAmount]")))
                    .isEqualTo(c.benefits.values().stream().mapToLong(t -> t.amountYuan).sum());
            assertThat(number(row.selectFirst("[data-field=monitored]")))
                    .isEqualTo(c.flags.getOrDefault("RETURN_TO_POVERTY_MONITORING", 0L)).isPositive();
        }
        summary.files.forEach((name, f) -> {
            Element row = page.selectFirst("#files tr[data-file=" + name + "]");
            assertThat(number(row.selectFirst("[data-field=read]"))).isEqualTo(f.read);
            assertThat(number(row.selectFirst("[data-field=rejected]"))).isEqualTo(f.rejected);
        });
    }

    @Test
    void eachCountyShowsItsBenefitsFlagsAndCharts() {
        for (Map.Entry<String, RunSummary.CountyResults> e : summary.counties.entrySet()) {
            RunSummary.CountyResults c = e.getValue();
            Element section = page.selectFirst("section.county[data-county=" + e.getKey() + "]");
            assertThat(c.benefits).containsKeys("LOW_INCOME_TOP_UP", "MEDICAL_SUPPLEMENTARY_INSURANCE");
            c.benefits.forEach((code, t) -> {
                Element row = section.selectFirst("table.benefits tr[data-code=" + code + "]");
                assertThat(number(row.selectFirst("[data-field=count]"))).isEqualTo(t.count);
                assertThat(number(row.selectFirst("[data-field=amountYuan]"))).isEqualTo(t.amountYuan);
            });
            // loans and credit lines stand apart from the benefits paid
            c.credit.forEach((code, t) -> {
                assertThat(section.selectFirst("table.benefits tr[data-code=" + code + "]")).isNull();
                Element row = section.selectFirst("table.credit tr[data-code=" + code + "]");
                assertThat(number(row.selectFirst("[data-field=count]"))).isEqualTo(t.count);
                assertThat(number(row.selectFirst("[data-field=amountYuan]"))).isEqualTo(t.amountYuan);
            });
            c.flags.forEach((code, n) ->
                    assertThat(number(section.selectFirst("table.flags tr[data-code=" + code + "] [data-field=count]")))
                            .isEqualTo(n));

            // the income chart: its bars hold every household of the county; the line is the parameter
            long bars = section.select("svg.income-chart rect[data-count]").stream()
                    .mapToLong(r -> Long.parseLong(r.attr("data-count"))).sum();
            assertThat(bars).isEqualTo(c.households).isEqualTo(c.perCapitaIncome.total());
            assertThat(section.selectFirst("svg.income-chart line.low-income-line").attr("data-value")).isEqualTo("13000");
            assertThat(number(section.selectFirst("[data-field=belowLineCount]"))).isEqualTo(c.perCapitaIncome.belowLine)
                    .isPositive();
            // bars wholly below the line hold the households below it, give or take a bar across the line
            long belowBars = section.select("svg.income-chart rect[data-to]").stream()
                    .filter(r -> !r.attr("data-to").isEmpty() && Long.parseLong(r.attr("data-to")) <= 13_000)
                    .mapToLong(r -> Long.parseLong(r.attr("data-count"))).sum();
            long across = section.select("svg.income-chart rect[data-from]").stream()
                    .filter(r -> !r.attr("data-from").isEmpty() && !r.attr("data-to").isEmpty()
                            && Long.parseLong(r.attr("data-from")) < 13_000 && Long.parseLong(r.attr("data-to")) > 13_000)
                    .mapToLong(r -> Long.parseLong(r.attr("data-count"))).sum();
            assertThat(c.perCapitaIncome.belowLine).isBetween(belowBars, belowBars + across);
            if (section.select("svg.income-chart rect[data-from=12000][data-to=13000]").size() == 1) {
                assertThat(belowBars).isEqualTo(c.perCapitaIncome.belowLine);
            }

            // villages by band
            c.villages.byOperatingIncome.forEach((band, n) -> assertThat(
                    section.selectFirst("svg.village-chart rect[data-band=" + band + "]").attr("data-count"))
                    .isEqualTo(Long.toString(n)));

            // the households flagged for monitoring, first in input order, each with its reasons
            List<String> sample = c.flaggedSample.get("RETURN_TO_POVERTY_MONITORING");
            assertThat(section.select("table.monitored tr[data-household]").eachAttr("data-household"))
                    .containsExactlyElementsOf(sample).isNotEmpty();
            assertThat(section.select("table.monitored td.reason")).allSatisfy(td ->
                    assertThat(td.text()).startsWith("not identifiedLowIncome; "));
        }
    }

    @Test
    void thePageIsSelfContained() {
        assertThat(page.select("script[src], link[href], img[src], iframe, object, embed")).isEmpty();
        assertThat(page.select("[src]")).isEmpty();
        assertThat(page.select("style")).hasSize(1);
        assertThat(page.select("svg")).hasSize(4);
        assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).doesNotContain("http:").doesNotContain("https:");
    }

    @Test
    void reportingAnInputDirectoryEvaluatesItFirstToTheSamePage() throws IOException {
        Path out = dir.resolve("direct.html");
        assertThat(FuyuCli.run("report", "-q", "--input", input.toString(), "--out", out.toString(),
                "--as-of", "2024-06-30", "--threads", "3")).isZero();
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(html);
    }

    @Test
    void targetsShowOutcomeActualAndRequired() {
        RunSummary s = new RunSummary();
        s.asOf = LocalDate.of(2024, 6, 30);
        RunSummary.CountyResults c = s.county("C09");
        c.households = 0;
        c.targets.put("COUNTY_SHARE_200K", new RunSummary.CountyTarget("TARGET_MET", List.of(new Criterion(
                "share of villages with operating income >= 200000", new BigDecimal("0.5"), ">", new BigDecimal("0.43"),
                "collective.share_200k", LocalDate.of(2021, 1, 1), null, true, null))));
        c.targets.put("RURAL_INCOME_LEVEL", new RunSummary.CountyTarget("TARGET_MISSED", List.of(new Criterion(
                "ruralPerCapitaIncome", 31_250L, ">=", 34_700L, "prosperity.rural_income_level", LocalDate.of(2021, 1, 1),
                new BigDecimal("3450"), false, null))));
        c.villageTargets.put("VILLAGE_MINIMUM_INCOME", Map.of("TARGET_MET", 4L, "TARGET_MISSED", 2L));
        Document d = Jsoup.parse(HtmlReport.render(s));
        Element met = d.selectFirst("table.targets tr[data-code=COUNTY_SHARE_200K]");
        assertThat(met.attr("data-outcome")).isEqualTo("TARGET_MET");
        assertThat(met.selectFirst("[data-field=outcome]").text()).isEqualTo("✓ met");
        assertThat(met.selectFirst("[data-field=actual]").text()).isEqualTo("0.5");
        assertThat(met.selectFirst("[data-field=required]").text()).isEqualTo("0.43");
        Element missed = d.selectFirst("table.targets tr[data-code=RURAL_INCOME_LEVEL]");
        assertThat(missed.selectFirst("[data-field=outcome]").text()).isEqualTo("✗ missed");
        assertThat(missed.selectFirst("[data-field=actual]").text()).isEqualTo("31,250");
        assertThat(missed.selectFirst("[data-field=required]").text()).isEqualTo("34,700");
        assertThat(missed.selectFirst("[data-field=gap]").text()).isEqualTo("3,450");
        assertThat(d.selectFirst("#counties tr[data-county=C09] [data-field=targetsMet]").text()).isEqualTo("1");
        assertThat(d.selectFirst("#counties tr[data-county=C09] [data-field=targetsMissed]").text()).isEqualTo("1");
        assertThat(d.selectFirst("table.village-decisions tr[data-code=VILLAGE_MINIMUM_INCOME] [data-field=missed]").text())
                .isEqualTo("2");
        assertThat(d.selectFirst("table.village-decisions tr[data-code=VILLAGE_MINIMUM_INCOME] [data-field=met]").text())
                .isEqualTo("4");
    }
}
