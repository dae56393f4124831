package org.fuyu.policy.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code fuyu} command line under hostile input (issue 12): bad records fail alone, bad
 * options get one line, output is UTF-8 under {@code LANG=C}, a failed county case is located,
 * and {@code fuyu replay} refuses changed inputs and otherwise repeats the run byte for byte.
 */
class HostileCliTest {
    @TempDir
    Path tmp;

    private final ObjectMapper json = new ObjectMapper();

    /** Runs the CLI in process (one helper for the CLI tests: {@link CompareCommandTest#fuyu}). */
    private static CompareCommandTest.Result fuyu(String... args) {
        return CompareCommandTest.fuyu(args);
    }

    private Path demo() throws IOException {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        DemoCommand.copyDemoData(in);
        return in;
    }

    @Test
    void replayRepeatsTheRunByteForByteAndRefusesWhatChanged() throws IOException {
        Path in = demo();
        Path params = tmp.resolve("county.yaml");
        Files.writeString(params, "low_income.line:\n  values:\n    2022-01-01: 14000\n");
        Path first = tmp.resolve("first");
        CompareCommandTest.Result r = fuyu("evaluate", "--input", in.toString(), "--out", first.toString(), "--as-of", "2024-06-30",
                "--params", params.toString(), "--explain-denials", "-q");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode manifest = json.readTree(first.resolve("summary.json").toFile()).get("manifest");
        assertThat(manifest.at("/parameterFiles/0/file").asText()).isEqualTo(params.toString());
        assertThat(manifest.get("packs")).hasSize(5);
        assertThat(manifest.get("inputs")).hasSize(4);
        assertThat(manifest.at("/options/explainDenials").asBoolean()).isTrue();

        Path second = tmp.resolve("second");
        CompareCommandTest.Result replay = fuyu("replay", "--manifest", first.resolve("summary.json").toString(), "--input", in.toString(),
                "--out", second.toString(), "-q");
        assertThat(replay.exit()).as(replay.err()).isZero();
        assertThat(Files.readAllBytes(second.resolve("decisions.jsonl"))).isEqualTo(Files.readAllBytes(first.resolve("decisions.jsonl")));
        assertThat(Files.readAllBytes(second.resolve("errors.jsonl"))).isEqualTo(Files.readAllBytes(first.resolve("errors.jsonl")));
        assertThat(Files.size(second.resolve("decisions.jsonl"))).isGreaterThan(10_000);

        // one byte of one input changed: refused, naming the file
        byte[] villages = Files.readAllBytes(in.resolve("villages.jsonl"));
        byte[] changed = villages.clone();
        int digit = new String(changed, StandardCharsets.UTF_8).indexOf("\"population\":") + "\"population\":".length();
        changed[digit] = (byte) (changed[digit] == '9' ? '8' : changed[digit] + 1);
        Files.write(in.resolve("villages.jsonl"), changed);
        CompareCommandTest.Result refused = fuyu("replay", "--manifest", first.resolve("summary.json").toString(), "--input", in.toString(),
                "--out", tmp.resolve("third").toString(), "-q");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("replay refused").contains("input villages.jsonl: SHA-256 differs")
                .doesNotContain("households.jsonl");
        assertThat(tmp.resolve("third")).doesNotExist();
        Files.write(in.resolve("villages.jsonl"), villages);

        // the parameter file changed: refused, naming it
        Files.writeString(params, "low_income.line:\n  values:\n    2022-01-01: 14001\n");
        CompareCommandTest.Result paramsChanged = fuyu("replay", "--manifest", first.resolve("summary.json").toString(), "--input", in.toString(),
                "--out", tmp.resolve("fourth").toString(), "-q");
        assertThat(paramsChanged.exit()).isEqualTo(1);
        assertThat(paramsChanged.err()).contains("parameter file " + params + ": SHA-256 differs");

        // an input file added
        Files.writeString(params, "low_income.line:\n  values:\n    2022-01-01: 14000\n");
        Files.delete(in.resolve("counties.jsonl"));
        CompareCommandTest.Result missing = fuyu("replay", "--manifest", first.resolve("summary.json").toString(), "--input", in.toString(),
                "--out", tmp.resolve("fifth").toString(), "-q");
        assertThat(missing.err()).contains("input counties.jsonl: missing");
    }

    @Test
    void replayOfASummaryWithoutManifestSaysWhy() throws IOException {
        Path summary = tmp.resolve("summary.json");
        Files.writeString(summary, "{\"asOf\":\"2024-06-30\"}");
        CompareCommandTest.Result r = fuyu("replay", "--manifest", summary.toString(), "--input", demo().toString(), "--out", tmp.resolve("o").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("holds no manifest");
    }

    @Test
    void threadAndBatchOptionsOutOfBoundsGetOneLine() throws IOException {
        Path in = demo();
        for (String[] bad : List.of(new String[] {"--threads", "100000"}, new String[] {"--threads", "0"},
                new String[] {"--batch-size", "2147483647"}, new String[] {"--batch-size", "0"})) {
            CompareCommandTest.Result r = fuyu("evaluate", "--input", in.toString(), "--out", tmp.resolve("o").toString(), bad[0], bad[1]);
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err().strip()).startsWith("fuyu: " + bad[0] + " " + bad[1] + ": ").doesNotContain("\n")
                    .doesNotContain("Exception");
        }
        CompareCommandTest.Result c = fuyu("compare", "--input", in.toString(), "--reform", tmp.toString(), "--out", tmp.resolve("c").toString(),
                "--threads", "100000");
        assertThat(c.err().strip()).startsWith("fuyu: --threads 100000: ").doesNotContain("\n");
    }

    @Test
    void hostileRecordsFailAloneAndTheRunCompletes() throws IOException {
        Path in = demo();
        String good = Files.readAllLines(in.resolve("households.jsonl")).get(0);
        Files.writeString(in.resolve("households.jsonl"), String.join("\n", good, "null",
                "{\"id\":\"HOVF2\",\"villageId\":\"V01\",\"members\":[{\"id\":\"P1\",\"age\":45}],\"income\":"
                        + "{\"wage\":5000000000000000000,\"property\":5000000000000000000}}",
                "{\"id\":\"S\\ud83d\",\"villageId\":\"V01\",\"members\":[{\"id\":\"P1\",\"age\":45}]}",
                "{\"id\":1,\"villageId\":\"V01\",\"members\":[{\"id\":\"P1\",\"age\":45}]}",
                "{\"id\":\"R1\",\"villageId\":\"V01\",\"members\":[{\"id\":\"P1\",\"age\":45}],\"credit\":{\"rating\":\"AAA \"}}",
                "{\"id\":\"U1\",\"villageId\":\"V01\",\"members\":[{\"id\":\"P1\",\"age\":45}],\"medicalExpenseYuan\":1e999999}",
                "\u00a0") + "\n");
        Path out = tmp.resolve("out");
        CompareCommandTest.Result r = fuyu("evaluate", "--input", in.toString(), "--out", out.toString(), "--as-of", "2024-06-30", "-q");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode summary = json.readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("completed").asBoolean()).isTrue();
        JsonNode h = summary.at("/files/households.jsonl");
        assertThat(h.get("read").asLong()).isEqualTo(8);
        assertThat(h.get("rejected").asLong()).isEqualTo(7);
        List<String> errors = Files.readAllLines(out.resolve("errors.jsonl"));
        assertThat(errors.stream().filter(e -> e.contains("households.jsonl"))).hasSize(7);
        assertThat(Files.readString(out.resolve("decisions.jsonl"))).doesNotContain("HOVF2").doesNotContain("\"S?\"");
    }

    @Test
    void aCountyWithNoParameterInForceIsEvaluatedAndEachUndecidedCodeIsLocated() throws IOException {
        Path in = demo();
        Path out = tmp.resolve("out");
        // no parameter is in force in 2000: no case fails; every decision that reads a parameter is not made,
        // and errors.jsonl names the code and the parameter at the record's file and line
        CompareCommandTest.Result r = fuyu("evaluate", "--input", in.toString(), "--out", out.toString(), "--as-of", "2000-01-01", "-q");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode counties = json.readTree(out.resolve("summary.json").toFile()).at("/files/counties.jsonl");
        assertThat(counties.get("evaluated").asLong()).isEqualTo(1);
        assertThat(counties.get("rejected").asLong()).isZero();
        assertThat(Files.readAllLines(out.resolve("errors.jsonl"))).anySatisfy(e -> assertThat(e)
                .contains("\"file\":\"households.jsonl\"").contains("\"code\":\"").contains("\"parameter\":\""));
        assertThat(Files.readString(out.resolve("errors.jsonl"))).doesNotContain("\"file\":\"county ")
                .doesNotContain("evaluation failed");
    }

    @Test
    void validateRefusesOctalNegativeSecondDocumentAndDuplicateKeysWithFileAndLine() throws IOException {
        Path pack = Path.of("../policy-rules/src/main/resources/packs/low-income-relief");
        assertThat(pack.resolve("pack.yaml")).exists();
        Path params = tmp.resolve("county.yaml");
        for (String[] probe : List.of(
                new String[] {"low_income.line:\n  values:\n    2022-01-01: 014000\n", ":3:", "octal"},
                new String[] {"low_income.line:\n  values:\n    2022-01-01: -14000\n", ":3:", "never negative"},
                new String[] {"low_income.line:\n  values:\n    2022-01-01: 14000\n---\nlow_income.line:\n  values:\n"
                        + "    2022-01-01: 1\n", ":5:", "second YAML document"},
                new String[] {"low_income.line:\n  values:\n    2022-01-01: 14000\n  values:\n    2022-01-01: 1\n", ":4:",
                        "key 'values' appears twice"})) {
            Files.writeString(params, probe[0]);
            CompareCommandTest.Result r = fuyu("validate", "--rules", pack.toString(), "--params", params.toString());
            assertThat(r.exit()).as(probe[2]).isEqualTo(1);
            assertThat(r.out() + r.err()).as(probe[2]).contains("county.yaml" + probe[1]).contains(probe[2]);
        }
        Path copy = tmp.resolve("pack");
        Files.createDirectories(copy);
        try (var files = Files.list(pack)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName().toString()));
            }
        }
        Files.writeString(copy.resolve("pack.yaml"), Files.readString(copy.resolve("pack.yaml")) + "version: 9.9.9\n");
        CompareCommandTest.Result dup = fuyu("validate", "--rules", copy.toString());
        assertThat(dup.exit()).isEqualTo(1);
        assertThat(dup.out() + dup.err()).contains("pack.yaml:").contains("key 'version' appears twice");
    }

    @Test
    void anInputFileThatIsADirectoryIsRefused() throws IOException {
        Path in = demo();
        Files.delete(in.resolve("businesses.jsonl"));
        Files.createDirectories(in.resolve("businesses.jsonl"));
        CompareCommandTest.Result r = fuyu("evaluate", "--input", in.toString(), "--out", tmp.resolve("o").toString(), "-q");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("businesses.jsonl").contains("is a directory");
    }

    @Test
    void outputIsUtf8UnderTheCLocale() throws Exception {
        Path out = tmp.resolve("demo");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                FuyuCli.class.getName(), "demo", "--out", out.toString());
        pb.environment().put("LANG", "C");
        pb.environment().put("LC_ALL", "C");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.redirectErrorStream(true).redirectOutput(tmp.resolve("log.txt").toFile());
        Process p = pb.start();
        assertThat(p.waitFor(240, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(tmp.resolve("log.txt"), StandardCharsets.ISO_8859_1)).isZero();
        String decisions = Files.readString(out.resolve("decisions.jsonl"), StandardCharsets.UTF_8);
        assertThat(decisions).doesNotContain("\uFFFD").contains("\"citation\":\"002 §三.12\"");
        // the same bytes as in a UTF-8 locale (this JVM)
        Path here = tmp.resolve("here");
        assertThat(fuyu("demo", "--out", here.toString()).exit()).isZero();
        assertThat(Files.readAllBytes(out.resolve("decisions.jsonl"))).isEqualTo(Files.readAllBytes(here.resolve("decisions.jsonl")));
    }
}
