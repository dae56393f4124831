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
            // household flags in their table, village classes in theirs
            java.util.Set<String> villageCodes = new java.util.TreeSet<>();
            c.byVillage.values().forEach(v -> villageCodes.addAll(v.villageFlags));
            assertThat(villageCodes).contains("VILLAGE_BASIC");
            c.flags.forEach((code, n) -> {
                String table = villageCodes.contains(code) ? "table.village-flags" : "table.flags";
                assertThat(number(section.selectFirst(table + " tr[data-code=" + code + "] [data-field=count]")))
                        .as(code).isEqualTo(n);
                assertThat(section.selectFirst((villageCodes.contains(code) ? "table.flags" : "table.village-flags")
                        + " tr[data-code=" + code + "]")).isNull();
            });
            // a code is shown with its title from pack.yaml
            assertThat(section.selectFirst("table.benefits tr[data-code=LOW_INCOME_TOP_UP] td").text())
                    .isEqualTo("Top-up to the low-income line LOW_INCOME_TOP_UP");

            // one row per village; their households add up to the county's
            assertThat(section.select("table.per-village tr[data-village]")).hasSize(c.byVillage.size());
            assertThat(section.select("table.per-village [data-field=households]").stream().mapToLong(ReportTest::number)
                    .sum()).isEqualTo(c.households);
            assertThat(section.select("table.per-village [data-field=benefitsYuan]").stream().mapToLong(ReportTest::number)
                    .sum()).isEqualTo(c.byVillage.values().stream().mapToLong(v -> v.benefitsYuan).sum());
            // every hollow and weak village is listed
            assertThat(section.select("table.hollow-weak tr[data-village]")).hasSize((int) (c.flags.getOrDefault(
                    "VILLAGE_HOLLOW", 0L) + c.flags.getOrDefault("VILLAGE_WEAK", 0L)));

            // the three low-income counts, each from its own figure
            Element three = section.selectFirst("[data-section=low-income-counts]");
            assertThat(number(three.selectFirst("[data-field=countBelowLine]"))).isEqualTo(c.perCapitaIncome.belowLine);
            assertThat(number(three.selectFirst("[data-field=countIdentified]")))
                    .isEqualTo(c.flags.get("LOW_INCOME_HOUSEHOLD"));
            assertThat(number(three.selectFirst("[data-field=countTopUp]")))
                    .isEqualTo(c.benefits.get("LOW_INCOME_TOP_UP").count);
            assertThat(three.text()).contains("minimum-living", "means test");

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

        }
    }

    @Test
    void hollowAndWeakVillagesAreListedByName() {
        assertThat(page.select("table.hollow-weak tr[data-village]")).isNotEmpty();
        for (Element row : page.select("table.hollow-weak tr[data-village]")) {
            assertThat(row.select("td").get(2).text()).isIn("Hollow village: no operating income",
                    "Weak village: operating income below the weak line");
        }
    }

    @Test
    void theIncomeBarsAreOneThousandYuanWideUpToTwiceTheLine() {
        for (Element chart : page.select("svg.income-chart")) {
            for (Element r : chart.select("rect[data-from][data-to]")) {
                if (r.attr("data-from").isEmpty() || r.attr("data-to").isEmpty()) {
                    continue;
                }
                long from = Long.parseLong(r.attr("data-from"));
                long to = Long.parseLong(r.attr("data-to"));
                if (to <= 26_000) {
                    assertThat(to - from).as("bar from %d", from).isEqualTo(1_000);
                }
            }
            assertThat(chart.select("rect[data-from=12000][data-to=13000]")).hasSize(1);
            assertThat(chart.select("rect[data-from=13000][data-to=14000]")).hasSize(1);
        }
    }

    @Test
    void theCompleteListsAreCsvFilesBesideThePage() throws IOException {
        Path flagged = dir.resolve("report-flagged-households.csv");
        byte[] bytes = Files.readAllBytes(flagged);
        assertThat(bytes).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF); // UTF-8 byte order mark
        List<String> lines = Files.readAllLines(flagged, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("\uFEFFhousehold,village,county,code,flag,why");
        // every household flag of the run is a row: the flags of household codes over all counties
        long householdFlags = 0;
        long monitoring = 0;
        for (RunSummary.CountyResults c : summary.counties.values()) {
            java.util.Set<String> villageCodes = new java.util.TreeSet<>();
            c.byVillage.values().forEach(v -> villageCodes.addAll(v.villageFlags));
            householdFlags += c.flags.entrySet().stream().filter(e -> !villageCodes.contains(e.getKey()))
                    .mapToLong(Map.Entry::getValue).sum();
            monitoring += c.flags.getOrDefault("RETURN_TO_POVERTY_MONITORING", 0L);
        }
        assertThat(lines).hasSize((int) householdFlags + 1);
        assertThat(lines.stream().filter(l -> l.contains(",RETURN_TO_POVERTY_MONITORING,")
                || l.contains(",\"RETURN_TO_POVERTY_MONITORING\",")).count()).isEqualTo(monitoring).isGreaterThan(25);
        // the page links every list and says how many rows it has
        for (String name : List.of("report-flagged-households.csv", "report-villages.csv",
                "report-hollow-weak-villages.csv", "report-rejected-records.csv")) {
            assertThat(dir.resolve(name)).exists();
            Element item = page.selectFirst("ul.lists li[data-list=" + name + "]");
            assertThat(item.selectFirst("a").attr("href")).isEqualTo(name);
            assertThat(number(item.selectFirst("[data-field=rows]")))
                    .isEqualTo(Files.readAllLines(dir.resolve(name), StandardCharsets.UTF_8).size() - 1);
        }
        long villages = summary.counties.values().stream().mapToLong(c -> c.byVillage.size()).sum();
        assertThat(Files.readAllLines(dir.resolve("report-villages.csv"))).hasSize((int) villages + 1);
        long rejected = summary.totalRejected();
        // reported from the run directory alone, the village of a flagged household is not known …
        assertThat(lines.get(1)).matches("[^,]+,,,[A-Z_\"]+,.*");
        // … with --facts (the run's input) it is, and its county: the first flagged household of the input
        Path withFacts = dir.resolve("facts/report.html");
        assertThat(FuyuCli.run("report", "--input", run.toString(), "--facts", input.toString(), "--out",
                withFacts.toString())).isZero();
        List<String> named = Files.readAllLines(withFacts.resolveSibling("report-flagged-households.csv"));
        assertThat(named).hasSameSizeAs(lines);
        String first = named.get(1);
        String household = first.substring(0, first.indexOf(','));
        String village = first.split(",")[1];
        String countyOf = first.split(",")[2];
        String record = Files.readAllLines(input.resolve("households.jsonl")).stream()
                .filter(l -> l.contains("\"id\":\"" + household + "\"")).findFirst().orElseThrow();
        assertThat(record).contains("\"villageId\":\"" + village + "\"");
        assertThat(summary.counties.get(countyOf).byVillage).containsKey(village);
        assertThat(named).allMatch(l -> !l.contains(",,,"));
        assertThat(Files.readAllLines(dir.resolve("report-rejected-records.csv"))).hasSize((int) rejected + 1);
    }

    @Test
    void aCellThatLooksLikeAFormulaIsNeutralised() throws IOException {
        for (String bad : List.of("=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\tx", "\rx")) {
            assertThat(CsvList.cell(bad)).isEqualTo("'" + bad);
        }
        assertThat(CsvList.cell("V01")).isEqualTo("V01");
        assertThat(CsvList.cell(-450L)).isEqualTo(-450L); // a number stays a number
        // through the whole list: a village named like a formula
        RunSummary s = new RunSummary();
        s.asOf = LocalDate.of(2024, 6, 30);
        RunSummary.VillageResults v = new RunSummary.VillageResults();
        v.name = "=cmd|' /C calc'!A0";
        v.villageFlags.add("VILLAGE_HOLLOW");
        s.county("C01").byVillage.put("-V1", v);
        Path page = dir.resolve("formula/report.html");
        Files.createDirectories(page.getParent());
        ReportLists.write(page, s, dir.resolve("no-run"));
        List<String> lines = Files.readAllLines(page.resolveSibling("report-hollow-weak-villages.csv"));
        assertThat(lines.get(1)).startsWith("C01,\"'-V1\",\"'=cmd|' /C calc'!A0\",");
    }

    @Test
    void aChinesePageSpeaksChinese() throws IOException {
        Path out = dir.resolve("zh/report.html");
        assertThat(FuyuCli.run("report", "--lang", "zh", "--input", run.toString(), "--out", out.toString())).isZero();
        Document zh = Jsoup.parse(Files.readString(out, StandardCharsets.UTF_8));
        assertThat(zh.selectFirst("html").attr("lang")).isEqualTo("zh-CN");
        assertThat(zh.selectFirst("header h1").text()).isEqualTo("共同富裕政策评估报告");
        assertThat(zh.selectFirst("table.benefits tr[data-code=LOW_INCOME_TOP_UP] td").text())
                .isEqualTo("低收入农户收入补差 LOW_INCOME_TOP_UP");
        assertThat(zh.select("table.targets [data-field=outcome]").eachText()).allMatch(t -> t.equals("✓ 达标")
                || t.equals("✗ 未达标"));
        assertThat(Files.readAllLines(out.resolveSibling("report-villages.csv")).get(0)).startsWith("\uFEFF县,村,名称,分类");
    }

    @Test
    void thePageIsSelfContained() {
        assertThat(page.select("script[src], link[href], img[src], iframe, object, embed")).isEmpty();
        assertThat(page.select("[src]")).isEmpty();
        assertThat(page.select("style")).hasSize(1);
        assertThat(page.select("svg")).hasSize(4);
        assertThat(page.select("a[href]").eachAttr("href")).allMatch(h -> h.startsWith("#") || h.endsWith(".csv"));
        assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).doesNotContain("http:").doesNotContain("https:");
    }

    @Test
    void reportingAnInputDirectoryEvaluatesItFirstToTheSamePage() throws IOException {
        Path out = dir.resolve("direct.html");
        assertThat(FuyuCli.run("report", "-q", "--input", input.toString(), "--out", out.toString(),
                "--as-of", "2024-06-30", "--threads", "3")).isZero();
        assertThat(Files.readString(out, StandardCharsets.UTF_8).replace("direct-", "report-")).isEqualTo(html);
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
