package org.fuyu.policy.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fuyu.policy.io.FactMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fuyu compare} on the bundled demo county with the shipped reform raising the line to 15000. */
class CompareCommandTest {
    static final Path DEMO = Path.of("src/main/resources/demo");
    static final Path LINE_REFORM = Path.of("../reforms/low-income-line-15000.yaml");

    @TempDir
    Path tmp;

    record Result(int exit, String out, String err) {
    }

    static Result fuyu(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int exit = FuyuCli.run(args);
            return new Result(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(file)) {
            out.add(FactMapper.get().readTree(l));
        }
        return out;
    }

    @Test
    void comparesTheDemoCountyUnderTheRaisedLine() throws IOException {
        Path out = tmp.resolve("out");
        Result r = fuyu("compare", "--input", DEMO.toString(), "--reform", LINE_REFORM.toString(), "--out", out.toString(),
                "--as-of", "2025-06-30", "--threads", "2", "--batch-size", "5");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Reform low-income-line-15000 (effective 2025-01-01)", "winners", "LOW_INCOME_TOP_UP",
                "targets flipped");

        JsonNode c = FactMapper.get().readTree(out.resolve("comparison.json").toFile());
        assertThat(c.path("reform").path("name").asText()).isEqualTo("low-income-line-15000");
        assertThat(c.path("reformInForce").asBoolean()).isTrue();
        // the demo holds deliberately invalid records: they go to errors.jsonl as evaluate writes them, and
        // every record read is compared or rejected
        long rejected = 0;
        for (JsonNode f : c.path("files")) {
            assertThat(f.path("read").asLong()).isEqualTo(f.path("evaluated").asLong() + f.path("rejected").asLong());
            rejected += f.path("rejected").asLong();
        }
        assertThat(rejected).isPositive();
        assertThat(lines(out.resolve("errors.jsonl"))).hasSize((int) rejected);
        assertThat(c.at("/households/compared").asLong()).isEqualTo(c.at("/files/households.jsonl/evaluated").asLong())
                .isPositive();
        assertThat(c.at("/households/losers/count").asLong()).isZero();

        List<JsonNode> changes = lines(out.resolve("changes.jsonl"));
        // H001 is worked example 1 (3 members, 27000): top-up 13000 × 3 − 27000 = 12000 → 15000 × 3 − 27000 = 18000
        JsonNode h001 = changes.get(0);
        assertThat(h001.path("subjectId").asText()).isEqualTo("H001");
        assertThat(h001.at("/changed/0/code").asText()).isEqualTo("LOW_INCOME_TOP_UP");
        assertThat(h001.at("/changed/0/from/amountYuan").asLong()).isEqualTo(12000);
        assertThat(h001.at("/changed/0/to/amountYuan").asLong()).isEqualTo(18000);
        assertThat(h001.path("deltaYuan").asLong()).isEqualTo(6000);

        // every total tells the same story: cost delta = winners' gains = sum of subject deltas = per-code deltas
        long cost = c.at("/cost/deltaYuan").asLong();
        assertThat(cost).isPositive();
        assertThat(c.at("/households/winners/deltaYuan").asLong()).isEqualTo(cost);
        assertThat(changes.stream().mapToLong(n -> n.path("deltaYuan").asLong()).sum()).isEqualTo(cost);
        // per-code deltas over the codes paid out (credit lines and loans are lending capacity, not cost)
        java.util.Set<String> paid = new java.util.HashSet<>();
        c.path("benefitCodes").forEach(n -> paid.add(n.asText()));
        assertThat(paid).contains("LOW_INCOME_TOP_UP").doesNotContain("INCLUSIVE_CREDIT_LINE", "POVERTY_MICRO_CREDIT");
        long perCode = 0;
        for (JsonNode t : c.path("totals")) {
            if (paid.contains(t.path("code").asText())) {
                perCode += t.path("deltaYuan").asLong();
            }
        }
        assertThat(perCode).isEqualTo(cost);
        assertThat(c.path("subjectsChanged").asLong()).isEqualTo(changes.size());
        assertThat(c.path("byIncomeDecile")).hasSize(10);

        // bands of 1,000 yuan from 4 below the lower line (13000 - 4000) to 4 above the higher (15000 + 4000),
        // with an open band at each end: 9000 … 19000 is 10 edges, 11 bands
        JsonNode bands = c.path("byLowIncomeLine");
        assertThat(bands.path("baselineLine").asInt()).isEqualTo(13000);
        assertThat(bands.path("reformLine").asInt()).isEqualTo(15000);
        assertThat(bands.path("widthYuan").asInt()).isEqualTo(1000);
        assertThat(bands.path("bands")).hasSize(12);
        assertThat(bands.at("/bands/0/toYuan").asInt()).isEqualTo(9000);
        assertThat(bands.at("/bands/0/fromYuan").isMissingNode()).isTrue();
        assertThat(bands.at("/bands/11/fromYuan").asInt()).isEqualTo(19000);
        long inBands = 0;
        long winnersInBands = 0;
        for (JsonNode b : bands.path("bands")) {
            inBands += b.path("households").asLong();
            winnersInBands += b.at("/winners/count").asLong();
            // nobody at or above 15000 per head gains from a line of 15000 (the top-up and the identification stop there)
            if (b.path("fromYuan").asLong(0) >= 15000) {
                assertThat(b.at("/winners/count").asLong()).as("winners from %s", b.path("fromYuan")).isZero();
            }
        }
        assertThat(inBands).isEqualTo(c.at("/households/compared").asLong());
        assertThat(winnersInBands).isEqualTo(c.at("/households/winners/count").asLong());
        // H001 (9000 per head) is in [9000, 10000) and gains 6000
        assertThat(bands.at("/bands/1/fromYuan").asInt()).isEqualTo(9000);
        assertThat(bands.at("/bands/1/winners/count").asLong()).isPositive();
    }

    /**
     * The samples in docs/reforms.md are this command's output on the demo county, in English and in
     * Chinese: a change of the output or of the demo shows here, with the new text to paste.
     */
    @Test
    void theSamplesInTheReformGuideAreWhatCompareprints() throws IOException {
        Path doc = Path.of("../docs/reforms.md");
        String text = Files.readString(doc);
        java.util.Map<String, String> samples = new java.util.LinkedHashMap<>();
        java.util.Map<String, String> printedAll = new java.util.LinkedHashMap<>();
        for (String lang : List.of("en", "zh")) {
            Path out = tmp.resolve("sample-" + lang);
            Result r = fuyu("compare", "--lang", lang, "--input", DEMO.toString(), "--reform", LINE_REFORM.toString(),
                    "--out", out.toString(), "--as-of", "2025-06-30");
            assertThat(r.exit()).as(r.err()).isZero();
            String printed = r.out().replace(out.toString(), "cmp").stripTrailing();
            String marker = "<!-- compare sample " + lang + ": written by CompareCommandTest -->";
            int at = text.indexOf(marker);
            assertThat(at).as("docs/reforms.md has the marker %s", marker).isPositive();
            int start = text.indexOf("```\n", at) + 4;
            // the command line, continued with '\' at line ends
            int eol;
            do {
                eol = text.indexOf('\n', start);
                start = eol + 1;
            } while (text.charAt(eol - 1) == '\\');
            int end = text.indexOf("\n```", start);
            String sample = text.substring(start, end).stripTrailing();
            Path fresh = Path.of("target/reforms-sample-" + lang + ".txt");
            Files.writeString(fresh, printed + "\n");
            samples.put(lang, sample);
            printedAll.put(lang, printed);
        }
        for (String lang : samples.keySet()) {
            assertThat(samples.get(lang)).as("the %s sample of docs/reforms.md is stale; the output now (also in "
                    + "policy-examples/target/reforms-sample-%s.txt):%n%s", lang, lang, printedAll.get(lang))
                    .isEqualTo(printedAll.get(lang));
        }
    }

    @Test
    void quietSilencesStderrAndABandWidthBelowOneIsRefused() {
        Path out = tmp.resolve("p");
        Result q = fuyu("compare", "-q", "--input", DEMO.toString(), "--reform", LINE_REFORM.toString(), "--out",
                out.toString(), "--as-of", "2025-06-30");
        assertThat(q.err()).isEmpty();
        assertThat(fuyu("compare", "--input", DEMO.toString(), "--reform", LINE_REFORM.toString(), "--out",
                out.toString(), "--band-width", "0").err()).contains("--band-width 0", "e.g. 1000");
    }

    @Test
    void theOutputIsTheSameForAnyThreadsAndBatchSize() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertThat(fuyu("compare", "--input", DEMO.toString(), "--reform", LINE_REFORM.toString(), "--out", a.toString(),
                "--as-of", "2025-06-30", "--threads", "1", "--batch-size", "1000").exit()).isZero();
        assertThat(fuyu("compare", "--input", DEMO.toString(), "--reform", LINE_REFORM.toString(), "--out", b.toString(),
                "--as-of", "2025-06-30", "--threads", "2", "--batch-size", "3").exit()).isZero();
        for (String f : List.of("changes.jsonl", "comparison.json", "errors.jsonl")) {
            assertThat(Files.readString(b.resolve(f))).as(f).isEqualTo(Files.readString(a.resolve(f)));
        }
    }

    @Test
    void beforeTheEffectiveDateNothingChanges() throws IOException {
        Path out = tmp.resolve("early");
        Result r = fuyu("compare", "--input", DEMO.toString(), "--reform", LINE_REFORM.toString(), "--out", out.toString(),
                "--as-of", "2024-06-30");
        assertThat(r.exit()).isZero();
        assertThat(Files.readString(out.resolve("changes.jsonl"))).isEmpty();
        JsonNode c = FactMapper.get().readTree(out.resolve("comparison.json").toFile());
        assertThat(c.path("reformInForce").asBoolean()).isFalse();
        assertThat(c.at("/cost/deltaYuan").asLong()).isZero();
        assertThat(r.out()).contains("takes effect 2025-01-01, after the evaluation date 2024-06-30");
    }

    @Test
    void aReformWithAnUnknownParameterFailsWithItsLineAndADidYouMean() throws IOException {
        Path reform = tmp.resolve("typo.yaml");
        Files.writeString(reform, """
                name: typo
                description: Misspells the line.
                effective: 2025-01-01
                parameters:
                  low_income.lien: 15000
                """);
        Result r = fuyu("compare", "--input", DEMO.toString(), "--reform", reform.toString(), "--out",
                tmp.resolve("x").toString(), "--as-of", "2025-06-30");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("the reform cannot be used", reform + ":5:", "'low_income.lien'",
                "did you mean 'low_income.line'", "packs loaded:", "low-income-relief");
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    @Test
    void unusableArgumentsGiveTheExitCodesOfEvaluate() {
        assertThat(fuyu("compare", "--input", DEMO.toString(), "--out", tmp.toString()).exit()).isEqualTo(2);
        Result missing = fuyu("compare", "--input", DEMO.toString(), "--reform", tmp.resolve("none.yaml").toString(),
                "--out", tmp.toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("--reform", "none.yaml");
        Result badCode = fuyu("compare", "--input", DEMO.toString(), "--reform", LINE_REFORM.toString(),
                "--out", tmp.toString(), "--benefit-codes", "NO_SUCH_CODE");
        assertThat(badCode.exit()).isEqualTo(1);
        assertThat(badCode.err()).contains("NO_SUCH_CODE");
    }
}
