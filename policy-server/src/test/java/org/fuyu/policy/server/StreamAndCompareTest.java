package org.fuyu.policy.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.fuyu.policy.EvaluationOptions;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.io.FactMapper;
import org.fuyu.policy.packs.RulePacks;
import org.fuyu.policy.reform.Reform;
import org.fuyu.policy.reform.ReformComparison;
import org.fuyu.policy.reform.ReformFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stream gives the same decisions as {@code /v1/evaluate} line by line, with rejected records
 * where they were met and the summary last; {@code /v1/compare} gives what {@code fuyu compare}
 * writes for the same facts and reform.
 */
class StreamAndCompareTest {
    static final Path REFORM = Path.of("../reforms/low-income-line-15000.yaml");
    static PolicyEngine engine;
    static FuyuServer server;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws IOException {
        engine = PolicyEngine.builder().addPacks(RulePacks.fromClasspath()).build();
        server = FuyuServer.builder(EngineSource.fixed(engine)).port(0).streamThreads(2).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theStreamAnswersTheDecisionsOfEvaluateLineByLine() throws IOException {
        // 1,700 households: several batches of 500 on two threads, in input order
        List<Household> hs = new ArrayList<>();
        for (int r = 0; r < 85; r++) {
            hs.addAll(ConcurrentReloadTest.households(r, 20));
        }
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < hs.size(); i++) {
            lines.append(Client.text(hs.get(i))).append('\n');
            if (i == 99) {
                lines.append("{\"id\":\"bad\",\"villageId\":\"v1\",\"members\":[{\"id\":\"q\",\"age\":\"x\"}]}\n"); // line 101
            }
        }
        Client c = new Client(server);
        HttpResponse<String> r = c.post("/v1/evaluate/stream?asOf=2024-06-30&explainDenials=true", lines.toString(),
                "application/x-ndjson");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/x-ndjson"));
        List<JsonNode> decisions = new ArrayList<>();
        List<JsonNode> errors = new ArrayList<>();
        JsonNode summary = null;
        for (String line : r.body().split("\n")) {
            assertThat(summary).as("the summary is the last line").isNull();
            JsonNode n = FactMapper.get().readTree(line);
            if (n.has("error")) {
                errors.add(n.get("error"));
            } else if (n.has("summary")) {
                summary = n.get("summary");
            } else {
                decisions.add(n);
            }
        }
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).get("file").asText()).isEqualTo("households");
        assertThat(errors.get(0).get("line").asInt()).isEqualTo(101);
        assertThat(errors.get(0).get("field").asText()).isEqualTo("members[0].age");
        assertThat(summary.at("/files/households/read").asLong()).isEqualTo(1701);
        assertThat(summary.at("/files/households/evaluated").asLong()).isEqualTo(1700);

        String body = "{\"asOf\":\"2024-06-30\",\"explainDenials\":true,\"households\":" + Client.text(hs) + "}";
        JsonNode evaluated = Client.json(c.post("/v1/evaluate", body));
        assertThat(decisions).hasSize(evaluated.get("decisions").size());
        for (int i = 0; i < decisions.size(); i++) {
            assertThat(decisions.get(i)).isEqualTo(evaluated.get("decisions").get(i));
        }
        ObjectNode s = (ObjectNode) summary.deepCopy();
        ((ObjectNode) s.get("files").get("households")).put("read", 1700).put("rejected", 0);
        // the manifest hashes what each request sent: the stream held one more (bad) record
        s.remove("manifest");
        ObjectNode e = (ObjectNode) evaluated.get("summary").deepCopy();
        e.remove("manifest");
        assertThat(s).isEqualTo(e);
    }

    @Test
    void compareAnswersWhatFuyuCompareWrites() throws IOException {
        String reformText = Files.readString(REFORM);
        List<Household> hs = new ArrayList<>();
        for (int r = 0; r < 5; r++) {
            hs.addAll(ConcurrentReloadTest.households(r, 20));
        }
        ObjectNode body = FactMapper.get().createObjectNode();
        body.put("asOf", "2025-06-30");
        body.put("reform", reformText);
        body.set("households", FactMapper.get().valueToTree(hs));
        HttpResponse<String> r = new Client(server).post("/v1/compare", Client.text(body));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode answer = Client.json(r);

        // the same comparison the way fuyu compare makes it, from files
        Path in = Files.createDirectories(tmp.resolve("in"));
        StringBuilder lines = new StringBuilder();
        hs.forEach(h -> lines.append(Client.text(h)).append('\n'));
        Files.writeString(in.resolve("households.jsonl"), lines);
        Reform reform = ReformFiles.read(REFORM);
        PolicyEngine reformed = reform.engineBuilder(engine.rulePacks(), List.of()).build();
        ReformComparison.builder(engine, reformed, EvaluationOptions.asOf(LocalDate.of(2025, 6, 30))).reform(reform)
                .build().run(in, tmp.resolve("out"));
        ObjectNode want = (ObjectNode) FactMapper.get().readTree(tmp.resolve("out/comparison.json").toFile());
        ((ObjectNode) want.get("reform")).put("source", "reform");
        want.set("files", FactMapper.get().createObjectNode().set("households", want.get("files").get("households.jsonl")));
        // compared as the mapper writes them: comparison.json may hold 5E+3 where the answer holds 5000
        assertThat(Client.text(answer.get("comparison"))).isEqualTo(Client.text(want));
        List<JsonNode> changes = new ArrayList<>();
        for (String line : Files.readAllLines(tmp.resolve("out/changes.jsonl"))) {
            changes.add(FactMapper.get().readTree(line));
        }
        assertThat(answer.get("changes")).hasSize(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            assertThat(answer.get("changes").get(i)).isEqualTo(changes.get(i));
        }
        // the reform raises the line from 13000 to 15000: households between them change
        assertThat(answer.at("/comparison/households/changed").asLong()).isGreaterThan(0);
        assertThat(answer.get("errors")).isEmpty();
    }

    @Test
    void aReformThatNamesServerFilesIsRefused() {
        ObjectNode body = FactMapper.get().createObjectNode();
        body.put("asOf", "2025-06-30");
        body.put("reform", "name: x\ndescription: y\neffective: 2025-01-01\nparameters: /etc/passwd\n");
        HttpResponse<String> r = new Client(server).post("/v1/compare", Client.text(body));
        LimitsTest.plainError(r, 400);
        body.put("reform", "name: x\ndescription: y\neffective: 2025-01-01\nparameters:\n  low_income.lin: 15000\n");
        HttpResponse<String> typo = new Client(server).post("/v1/compare", Client.text(body));
        assertThat(typo.statusCode()).isEqualTo(400);
        assertThat(typo.body()).contains("low_income.lin").contains("reform").doesNotContain("fuyu-compare-");
    }
}
