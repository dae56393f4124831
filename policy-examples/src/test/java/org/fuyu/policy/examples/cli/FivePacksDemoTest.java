package org.fuyu.policy.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fuyu.policy.io.FactMapper;
import org.fuyu.policy.io.RunSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo and {@code evaluate} with all five shipped packs: county results in the output and in summary.json. */
class FivePacksDemoTest {
    @TempDir
    Path tmp;

    private static String captureOut(Runnable r) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void demoPrintsEachCountysTargetsAndGrantsWithTotals() throws Exception {
        Path out = tmp.resolve("out");
        int[] exit = new int[1];
        String text = captureOut(() -> exit[0] = FuyuCli.run("demo", "--out", out.toString()));
        assertThat(exit[0]).isZero();
        assertThat(text).contains("with packs low-income-relief, entrepreneurship-grants, collective-income, micro-loan,"
                + " prosperity-targets");
        // demo county C01 holds the villages of worked example 5 and a County fact
        assertThat(text).containsPattern("County C01 \\(\\d+ households\\)\\n  county targets: 7 met, 4 missed");
        // codes with their titles, criteria by their labels, shares as percentages (3/6 = 50% > 43%)
        assertThat(text).contains("✓ met  Share of villages with operating income ≥ 200k above 43% (COUNTY_SHARE_200K)\n"
                + "        share of villages with operating income ≥ 200k 50%, needs > 43% (collective.county_share_200k)");
        assertThat(text).contains("✗ missed  No hollow village left (COUNTY_NO_HOLLOW)\n        hollow villages 1, needs ≤ 0");
        // 4 − 1 lines ≥ 30k of 7 granted → 3/7 = 42.9%, not 0.4286
        assertThat(text).contains("share of credit lines of 30k or more 42.9%, needs ≥ 100%");
        assertThat(text).containsPattern("\\d+ +[\\d,]+ yuan  Start-up subsidy \\(STARTUP_SUBSIDY\\)");
        assertThat(text).containsPattern(" 2 +1,000,000 yuan  Common-prosperity loan for a hollow or weak village "
                + "\\(COLLECTIVE_SUPPORT_LOAN\\)");
        assertThat(text).contains("benefits granted (paid):", "loans and credit lines granted (the most that may be lent");
        // village targets as counts, village classes apart from household flags; no Java map text
        assertThat(text).contains("met     4  missed     2  Collective total income at least 100k (VILLAGE_MINIMUM_INCOME)");
        assertThat(text).contains("villages flagged (by class):\n");
        assertThat(text).doesNotContain("{TARGET_MET=", "[low-income-relief");
        assertThat(text).containsPattern("County C02 \\(\\d+ households\\)\\n  county targets: 2 met, 3 missed");
        assertThat(text).contains("county C02: COUNTY_CREDIT_GROWTH not decided (未判定): no County fact");

        String zh = captureOut(() -> exit[0] = FuyuCli.run("demo", "--lang", "zh", "--out", tmp.resolve("zh").toString()));
        assertThat(exit[0]).isZero();
        assertThat(zh).contains("县 C01（32 户）", "县级指标：达标 7 项，未达标 4 项",
                "✓ 达标  经营性收入20万元以上行政村占比超过43% (COUNTY_SHARE_200K)",
                "经营性收入20万元以上村占比 50%，要求 > 43%（collective.county_share_200k）",
                "授信3万元以上的农户占比 42.9%，要求 ≥ 100%", "补助（实际发放）：", "182,665 元  低收入农户收入补差 (LOW_INCOME_TOP_UP)",
                "农户标记（户数）：", "行政村分类和标记（村数）：");

        RunSummary summary = FactMapper.get().readValue(out.resolve("summary.json").toFile(), RunSummary.class);
        RunSummary.CountyResults c01 = summary.counties.get("C01");
        assertThat(c01.targets).containsKeys("COUNTY_SHARE_200K", "COUNTY_SHARE_500K", "COUNTY_NO_HOLLOW",
                "COUNTY_CREDIT_COVERAGE", "COUNTY_CREDIT_GROWTH", "RURAL_INCOME_GROWTH", "RURAL_INCOME_LEVEL",
                "URBAN_RURAL_RATIO", "LOW_INCOME_GROWTH", "LOW_INCOME_LEVEL", "NO_HOUSEHOLD_BELOW_LINE");
        assertThat(c01.targets.get("COUNTY_SHARE_200K").outcome()).isEqualTo("TARGET_MET");
        assertThat(c01.credit.get("COLLECTIVE_SUPPORT_LOAN").amountYuan).isEqualTo(1_000_000);
        assertThat(c01.benefits).containsKey("STARTUP_SUBSIDY").doesNotContainKey("GUARANTEE_LOAN");
        assertThat(c01.flags).containsEntry("VILLAGE_HOLLOW", 1L);
        assertThat(summary.counties.get("C02").targets).doesNotContainKey("COUNTY_CREDIT_GROWTH");
    }

    @Test
    void evaluateRunsAllFivePacksOnOneDirectory() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        DemoCommand.copyDemoData(in);
        Path out = tmp.resolve("eval");
        int[] exit = new int[1];
        captureOut(() -> exit[0] = FuyuCli.run("evaluate", "--input", in.toString(), "--out", out.toString(),
                "--as-of", "2024-06-30", "--threads", "2", "--batch-size", "5"));
        assertThat(exit[0]).isZero();
        RunSummary summary = FactMapper.get().readValue(out.resolve("summary.json").toFile(), RunSummary.class);
        assertThat(summary.packs).hasSize(5);
        assertThat(summary.counties).containsOnlyKeys("C01", "C02");
        assertThat(summary.counties.get("C01").targets).hasSize(11);
        assertThat(summary.counties.get("C02").targets).hasSize(5);
        assertThat(summary.decisions).containsKeys("STARTUP_SUBSIDY", "VILLAGE_HOLLOW", "INCLUSIVE_CREDIT_LINE",
                "NO_HOUSEHOLD_BELOW_LINE", "LOW_INCOME_TOP_UP");
    }
}
