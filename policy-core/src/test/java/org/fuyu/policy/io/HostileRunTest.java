package org.fuyu.policy.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.fuyu.policy.EvaluationOptions;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.PolicyException;
import org.fuyu.policy.packs.RulePacks;
import org.fuyu.policy.testing.TestPacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input through a whole directory run (issue 12, items 2, 4, 5, 6, 8 and 9): the bad
 * records fail alone, the counts reconcile with errors.jsonl, summary.json is written whole
 * with "completed" and the manifest, and unusable input files are refused with a message.
 * The pack is the test pack {@code reload}: TOP_UP grants 1,000 yuan per member.
 */
class HostileRunTest {
    private static final EvaluationOptions OPTIONS = new EvaluationOptions(LocalDate.of(2024, 6, 30), false);
    private static PolicyEngine engine;

    @TempDir
    Path tmp;

    @BeforeAll
    static void engine(@TempDir Path dir) {
        engine = PolicyEngine.builder().addPacks(RulePacks.fromDirectory(TestPacks.copy("reload", dir.resolve("reload"))))
                .build();
    }

    private static String household(String id, String village, int members) {
        StringBuilder m = new StringBuilder();
        for (int i = 0; i < members; i++) {
            m.append(i == 0 ? "" : ",").append("{\"id\":\"p").append(i).append("\",\"age\":40}");
        }
        return "{\"id\":\"" + id + "\",\"villageId\":\"" + village + "\",\"members\":[" + m + "]}";
    }

    private record Out(JsonNode summary, List<String> errors, List<String> decisions, List<String> notes) {
        long count(String file, String what) {
            return summary.get("files").get(file).get(what).asLong();
        }
    }

    private Out run(Path in, DirectoryEvaluation.Builder b) throws IOException {
        Path out = tmp.resolve("out");
        b.build().run(in, out);
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(f -> !f.equals(DirectoryEvaluation.NOTES_FILE)))
                    .as("no temporary file is left").containsExactlyInAnyOrder("decisions.jsonl", "errors.jsonl", "summary.json");
        }
        Path notes = out.resolve(DirectoryEvaluation.NOTES_FILE);
        return new Out(FactMapper.get().readTree(out.resolve("summary.json").toFile()),
                Files.readAllLines(out.resolve("errors.jsonl")), Files.readAllLines(out.resolve("decisions.jsonl")),
                Files.exists(notes) ? Files.readAllLines(notes) : List.of());
    }

    private Path input(String households) throws IOException {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        Files.writeString(in.resolve("villages.jsonl"), "{\"id\":\"v1\",\"countyId\":\"c1\"}\n");
        Files.write(in.resolve("households.jsonl"), households.getBytes(StandardCharsets.UTF_8));
        return in;
    }

    @Test
    void badRecordsFailAloneAndTheCountsReconcile() throws IOException {
        String text = String.join("\n",
                household("h1", "v1", 2),
                "null",
                household("S\\ud83d", "v1", 1),
                household("HfIItN_-anD3", "v1", 1), // these two shared the unkeyed 64-bit hash of issue 12
                household("HHf-r8YdpTj9", "v1", 3),
                household("h1", "v1", 1), // a real duplicate
                household("h9", "unknown-village", 4), // no village record, no countyId: evaluated, noted
                "\u00a0",
                "{\"id\":\"h5\",\"villageId\":\"v1\",\"members\":[{\"id\":\"p1\",\"age\":40}],\"income\":{\"wage\":5000000000000000000}}",
                household("h6", "v1", 1)) + "\n";
        for (int threads : new int[] {1, 2}) {
            Out o = run(input(text), DirectoryEvaluation.builder(engine, OPTIONS).threads(threads).batchSize(3));
            assertThat(o.summary().get("completed").asBoolean()).isTrue();
            assertThat(o.count("households.jsonl", "read")).isEqualTo(10);
            assertThat(o.count("households.jsonl", "evaluated")).isEqualTo(5);
            assertThat(o.count("households.jsonl", "rejected")).isEqualTo(5).isEqualTo(o.errors().size());
            assertThat(o.errors()).hasSize(5);
            assertThat(o.errors().get(0)).contains("\"line\":2").contains("expected a JSON object");
            assertThat(o.errors().get(1)).contains("\"line\":3").contains("unpaired UTF-16 surrogate");
            assertThat(o.errors().get(2)).contains("\"line\":6").contains("duplicate household id 'h1'");
            assertThat(o.errors().get(3)).contains("\"line\":8").contains("U+00A0");
            assertThat(o.errors().get(4)).contains("\"line\":9").contains("income.wage");
            // 2 + 1 + 3 + 4 + 1 members at 1,000 yuan each
            assertThat(o.decisions()).hasSize(5);
            assertThat(o.summary().at("/decisions/TOP_UP/GRANTED/amountYuan").asLong()).isEqualTo(11_000);
            assertThat(o.summary().get("householdsWithoutCounty").asLong()).isEqualTo(1);
            assertThat(o.summary().at("/counties/c1/households").asLong()).isEqualTo(4);
            assertThat(o.summary().get("notes").toString()).contains("1 households were decided but count towards no county",
                    "listed in notes.jsonl");
            // the household without a county is named in notes.jsonl (never in a log), at its line
            assertThat(o.notes()).singleElement().asString().contains("\"line\":7", "\"field\":\"villageId\"",
                    "\"id\":\"h9\"", "unknown-village");
        }
    }

    @Test
    void theManifestNamesEveryInputWithItsSizeAndSha256() throws IOException {
        Path in = input(household("h1", "v1", 1) + "\n");
        Out o = run(in, DirectoryEvaluation.builder(engine, OPTIONS));
        JsonNode m = o.summary().get("manifest");
        assertThat(m.get("asOf").asText()).isEqualTo("2024-06-30");
        assertThat(m.get("fuyuVersion").asText()).isEqualTo(RunManifest.FUYU_VERSION);
        assertThat(m.at("/packs/0/id").asText()).isEqualTo("reload");
        assertThat(m.get("inputs")).hasSize(2);
        for (JsonNode f : m.get("inputs")) {
            RunManifest.FileHash h = RunManifest.hash(f.get("file").asText(), in.resolve(f.get("file").asText()));
            assertThat(f.get("bytes").asLong()).isEqualTo(h.bytes()).isEqualTo(Files.size(in.resolve(h.file())));
            assertThat(f.get("sha256").asText()).isEqualTo(h.sha256()).hasSize(64);
        }
    }

    @Test
    void aJsonArrayFileIsHashedWholeAndItsNullElementsFailAlone() throws IOException {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        String text = "[" + household("h1", "v1", 2) + ",\nnull,\n" + household("h2", "v1", 1) + "]\n\n";
        Files.writeString(in.resolve("households.json"), text);
        Out o = run(in, DirectoryEvaluation.builder(engine, OPTIONS));
        assertThat(o.summary().get("completed").asBoolean()).isTrue();
        assertThat(o.count("households.json", "read")).isEqualTo(3);
        assertThat(o.count("households.json", "rejected")).isEqualTo(1);
        assertThat(o.errors()).singleElement().satisfies(e -> assertThat(e).contains("\"line\":2").contains("null"));
        JsonNode input = o.summary().at("/manifest/inputs/0");
        assertThat(input.get("bytes").asLong()).isEqualTo(Files.size(in.resolve("households.json")));
        assertThat(input.get("sha256").asText())
                .isEqualTo(RunManifest.hash("households.json", in.resolve("households.json")).sha256());
    }

    @Test
    void aRunThatCannotWriteItsDecisionsSaysSoInAWholeSummary() throws IOException {
        Path in = input(household("h1", "v1", 1) + "\n");
        Path out = tmp.resolve("out");
        Files.createDirectories(out.resolve("decisions.jsonl")); // cannot be opened for writing
        assertThatThrownBy(() -> DirectoryEvaluation.builder(engine, OPTIONS).build().run(in, out)).isInstanceOf(IOException.class);
        JsonNode summary = FactMapper.get().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("completed").asBoolean()).isFalse();
        assertThat(summary.get("notes").toString()).contains("the run did not complete");
    }

    @Test
    void aHouseholdWhoseSecondDecisionCannotBeWrittenLeavesNoLineOfIt() {
        // the render step writes a household's decisions, and on a failure drops all of them (then rejects it)
        org.fuyu.policy.Decision good = new org.fuyu.policy.Decision(org.fuyu.policy.SubjectType.HOUSEHOLD, "h1", "TOP_UP",
                org.fuyu.policy.Outcome.GRANTED, 1000L, "reload", "1.0.0", "TOP_UP", List.of(), "test", LocalDate.of(2024, 6, 30));
        org.fuyu.policy.Decision bad = new org.fuyu.policy.Decision(org.fuyu.policy.SubjectType.HOUSEHOLD, "h2", "TOP_UP",
                org.fuyu.policy.Outcome.GRANTED, 1000L, "reload", "1.0.0", "TOP_UP",
                List.of(new org.fuyu.policy.Criterion("x", new Object(), "=", 1, null, null, null, true, null)), "test",
                LocalDate.of(2024, 6, 30));
        DecisionLines lines = new DecisionLines();
        lines.add(good);
        byte[] before = lines.toByteArray();
        int mark = lines.size();
        lines.add(good);
        assertThatThrownBy(() -> lines.add(bad)).isInstanceOf(IllegalStateException.class);
        lines.truncate(mark);
        assertThat(lines.toByteArray()).isEqualTo(before);
        assertThat(new String(before, StandardCharsets.UTF_8)).startsWith("{\"subjectType\":\"HOUSEHOLD\",\"subjectId\":\"h1\"")
                .endsWith("}\n");
    }

    @Test
    void batchesAreCutByBytesAsWellAsLines() throws IOException {
        // 30 households of ~600 KB (100 members with 6,000-character ids): 4 MiB batches hold 6 of them
        StringBuilder text = new StringBuilder();
        for (int h = 0; h < 30; h++) {
            StringBuilder m = new StringBuilder();
            for (int i = 0; i < 100; i++) {
                m.append(i == 0 ? "" : ",").append("{\"id\":\"p").append(i).append("x".repeat(6_000)).append("\",\"age\":40}");
            }
            text.append("{\"id\":\"h").append(h).append("\",\"villageId\":\"v1\",\"members\":[").append(m).append("]}\n");
        }
        List<Long> progress = new ArrayList<>();
        Out o = run(input(text.toString()), DirectoryEvaluation.builder(engine, OPTIONS).threads(1).batchSize(500)
                .progress((n, bytes, total) -> progress.add(n)));
        assertThat(o.decisions()).hasSize(30);
        assertThat(o.summary().at("/decisions/TOP_UP/GRANTED/amountYuan").asLong()).isEqualTo(30 * 100 * 1_000L);
        long perBatch = DirectoryEvaluation.MAX_BATCH_BYTES / 606_000 + 1;
        assertThat(progress.get(0)).isEqualTo(perBatch);
        assertThat(progress).last().isEqualTo(30L);
        assertThat(progress.size()).isGreaterThan(4);
    }

    @Test
    void threadsAndBatchSizeAreBounded() {
        DirectoryEvaluation.Builder b = DirectoryEvaluation.builder(engine, OPTIONS);
        assertThatThrownBy(() -> b.threads(100_000)).hasMessageContaining("threads must be 1 to 256, got 100000");
        assertThatThrownBy(() -> b.threads(0)).hasMessageContaining("threads must be 1 to 256");
        assertThatThrownBy(() -> b.batchSize(Integer.MAX_VALUE)).hasMessageContaining("batch size must be 1 to 100000");
        assertThatThrownBy(() -> b.batchSize(-1)).hasMessageContaining("batch size must be 1 to 100000");
        b.threads(256).batchSize(100_000);
    }

    @Test
    void anInputThatIsNoFileIsRefusedNotSkipped() throws Exception {
        Path in = tmp.resolve("in");
        Files.createDirectories(in.resolve("households.jsonl"));
        Files.writeString(in.resolve("villages.jsonl"), "{\"id\":\"v1\",\"countyId\":\"c1\"}\n");
        assertThatThrownBy(() -> InputFiles.in(in)).isInstanceOf(PolicyException.class)
                .hasMessageContaining("households.jsonl").hasMessageContaining("is a directory");
        Files.delete(in.resolve("households.jsonl"));

        Files.createSymbolicLink(in.resolve("households.jsonl"), in.resolve("no-such-file"));
        assertThatThrownBy(() -> InputFiles.in(in)).hasMessageContaining("dangling or a loop");
        Files.delete(in.resolve("households.jsonl"));

        Files.createSymbolicLink(in.resolve("households.jsonl"), in.resolve("loop"));
        Files.createSymbolicLink(in.resolve("loop"), in.resolve("households.jsonl"));
        assertThatThrownBy(() -> InputFiles.in(in)).hasMessageContaining("dangling or a loop");
        Files.delete(in.resolve("households.jsonl"));

        Path fifo = in.resolve("businesses.jsonl");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(p.waitFor()).isZero();
        assertThatThrownBy(() -> InputFiles.in(in)).hasMessageContaining("businesses.jsonl")
                .hasMessageContaining("not a regular file");
        Files.delete(fifo);

        // a link to a regular file is read
        Files.writeString(in.resolve("real.jsonl"), household("h1", "v1", 1) + "\n");
        Files.createSymbolicLink(in.resolve("households.jsonl"), in.resolve("real.jsonl"));
        assertThat(InputFiles.in(in).households()).isEqualTo(in.resolve("households.jsonl"));
    }
}
