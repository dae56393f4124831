package org.fuyu.policy.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.fuyu.policy.io.FactMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --rules DIR} adds the directory's packs to the shipped ones and never drops a shipped
 * pack silently: a directory pack with a shipped pack's id replaces it and the run says so, in
 * {@code summary.json} and on the screen; {@code --only-rules} loads the directory packs alone;
 * {@code replay} makes the same choice again.
 */
class PackSelectionTest {
    private static final Path PACKS = Path.of("../policy-rules/src/main/resources/packs");

    @TempDir
    Path tmp;

    @Test
    void aDirectoryPackReplacesTheShippedPackOfItsIdAndTheOtherFourStillDecide() throws IOException {
        Path lir = copy("low-income-relief");
        // the county pays one yuan more than the shipped top-up: its decisions come from the directory
        String rules = Files.readString(lir.resolve("low-income-relief.rules.yaml"));
        Files.writeString(lir.resolve("low-income-relief.rules.yaml"),
                rules.replace("grant: low_income.line * memberCount - totalIncome", "grant: low_income.line * memberCount - totalIncome + 1"));
        Path out = tmp.resolve("out");
        CompareCommandTest.Result r = CompareCommandTest.fuyu("--lang", "en", "evaluate", "--input", CompareCommandTest.DEMO.toString(),
                "--out", out.toString(), "--as-of", "2024-06-30", "--rules", lir.toString(), "--quiet");
        assertThat(r.exit()).as(r.err()).isZero();

        JsonNode summary = FactMapper.get().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("packs")).hasSize(5);
        Set<String> sources = new TreeSet<>();
        summary.get("packs").forEach(p -> sources.add(p.get("id").asText() + " " + p.get("source").asText()));
        assertThat(sources).contains("low-income-relief " + lir, "micro-loan classpath:packs/micro-loan/",
                "collective-income classpath:packs/collective-income/");
        assertThat(summary.get("notes").toString()).contains("pack low-income-relief: the directory " + lir)
                .contains("replaces the shipped pack");
        assertThat(r.out()).contains("packs used (5):", "  low-income-relief 1.0.0+", "(" + lir + ")",
                "replaces the shipped pack");
        // worked example 1 (H001) from the edited pack: 13000 × 3 − 27000 + 1; the shipped packs decide as usual
        List<JsonNode> decisions = CompareCommandTest.lines(out.resolve("decisions.jsonl"));
        assertThat(decisions).anySatisfy(d -> {
            assertThat(d.get("subjectId").asText() + " " + d.get("code").asText()).isEqualTo("H001 LOW_INCOME_TOP_UP");
            assertThat(d.get("amountYuan").asLong()).isEqualTo(12001);
        });
        Set<String> packsDeciding = new TreeSet<>();
        decisions.forEach(d -> packsDeciding.add(d.get("pack").asText()));
        assertThat(packsDeciding).containsExactly("collective-income", "entrepreneurship-grants", "low-income-relief",
                "micro-loan", "prosperity-targets");

        // replay makes the same choice of packs (and checks their hashes)
        Path again = tmp.resolve("again");
        CompareCommandTest.Result replay = CompareCommandTest.fuyu("replay", "--manifest", out.resolve("summary.json").toString(),
                "--input", CompareCommandTest.DEMO.toString(), "--out", again.toString(), "--quiet");
        assertThat(replay.exit()).as(replay.err()).isZero();
        assertThat(Files.readString(again.resolve("decisions.jsonl"))).isEqualTo(Files.readString(out.resolve("decisions.jsonl")));
    }

    @Test
    void onlyRulesLoadsTheDirectoryPacksAlone() throws IOException {
        Path lir = copy("low-income-relief");
        Path out = tmp.resolve("out");
        CompareCommandTest.Result r = CompareCommandTest.fuyu("--lang", "en", "evaluate", "--input", CompareCommandTest.DEMO.toString(),
                "--out", out.toString(), "--as-of", "2024-06-30", "--rules", lir.toString(), "--only-rules", "--quiet");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode summary = FactMapper.get().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("packs")).singleElement().satisfies(p -> assertThat(p.get("source").asText()).isEqualTo(lir.toString()));
        assertThat(summary.get("manifest").get("options").get("onlyRules").asBoolean()).isTrue();
        assertThat(summary.get("notes").toString()).doesNotContain("replaces");
        assertThat(CompareCommandTest.lines(out.resolve("decisions.jsonl")))
                .allSatisfy(d -> assertThat(d.get("pack").asText()).isEqualTo("low-income-relief"));

        CompareCommandTest.Result alone = CompareCommandTest.fuyu("evaluate", "--input", CompareCommandTest.DEMO.toString(),
                "--out", out.toString(), "--only-rules");
        assertThat(alone.exit()).as("--only-rules without --rules").isEqualTo(CliErrors.FAILED);
        assertThat(alone.err()).contains("--only-rules needs --rules DIR");
    }

    private Path copy(String pack) throws IOException {
        Path to = tmp.resolve("rules").resolve(pack);
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(PACKS.resolve(pack))) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }
}
