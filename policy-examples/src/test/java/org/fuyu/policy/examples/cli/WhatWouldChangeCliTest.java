package org.fuyu.policy.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fuyu evaluate --what-would-change}: the spec's worked example 2 and byte-identical decisions. */
class WhatWouldChangeCliTest {
    @TempDir
    Path tmp;

    private final ObjectMapper json = new ObjectMapper();

    private Path input() throws IOException {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        // spec example 2: 3 members, 27000 income, vehicle 150000; and a household whose line is a bad record
        Files.writeString(in.resolve("households.jsonl"), """
                {"id":"H2","villageId":"V1","members":[{"id":"p1","age":40,"employed":true},{"id":"p2","age":38},{"id":"p3","age":10,"inSchool":true}],"income":{"wage":20000,"operating":4000,"transfer":3000},"assets":{"vehicleValueYuan":150000}}
                {"id":"BAD","villageId":"V1","members":[{"id":"p1","age":400}]}
                {"id":"H3","villageId":"V1","members":[{"id":"p1","age":40,"employed":true},{"id":"p2","age":40,"employed":true}],"income":{"wage":30000}}
                """);
        return in;
    }

    @Test
    void aDenialCarriesItsVerifiedChangeSetsAndTheDecisionBytesAreUnchanged() throws IOException {
        Path in = input();
        Path plain = tmp.resolve("plain");
        Path with = tmp.resolve("with");
        assertThat(CompareCommandTest.fuyu("evaluate", "--input", in.toString(), "--out", plain.toString(), "--as-of",
                "2024-06-30", "--explain-denials", "-q").exit()).isZero();
        CompareCommandTest.Result r = CompareCommandTest.fuyu("evaluate", "--input", in.toString(), "--out", with.toString(),
                "--as-of", "2024-06-30", "--what-would-change", "-q");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> a = Files.readAllLines(plain.resolve("decisions.jsonl"));
        List<String> b = Files.readAllLines(with.resolve("decisions.jsonl"));
        assertThat(b).hasSameSizeAs(a);
        for (int i = 0; i < a.size(); i++) {
            // the option only appends fields: the decision's own bytes are those of a run without it
            String line = b.get(i);
            int cut = line.indexOf(",\"whatWouldChange\":");
            if (cut < 0) {
                cut = line.indexOf(",\"margins\":");
            }
            assertThat(cut < 0 ? line : line.substring(0, cut) + "}").isEqualTo(a.get(i));
        }
        JsonNode topUp = b.stream().map(this::parse).filter(d -> d.get("subjectId").asText().equals("H2")
                && d.get("code").asText().equals("LOW_INCOME_TOP_UP")).findFirst().orElseThrow();
        assertThat(topUp.get("outcome").asText()).isEqualTo("DENIED");
        assertThat(topUp.get("whatWouldChange").get("changeSets").toString()).isEqualTo(
                "[{\"changes\":[{\"field\":\"assets.vehicleValueYuan\",\"now\":150000,\"change\":\"AT_MOST\",\"needed\":100000}]}]");
        JsonNode h3 = b.stream().map(this::parse).filter(d -> d.get("subjectId").asText().equals("H3")
                && d.get("code").asText().equals("LOW_INCOME_TOP_UP")).findFirst().orElseThrow();
        assertThat(h3.get("whatWouldChange").get("changeSets").get(0).get("changes").get(0).get("needed").asLong())
                .isEqualTo(25999);
        // the bad record costs only itself
        assertThat(Files.readString(with.resolve("errors.jsonl"))).contains("\"line\":2");
        assertThat(Files.readString(plain.resolve("errors.jsonl"))).isEqualTo(Files.readString(with.resolve("errors.jsonl")));
    }

    @Test
    void compareGivesWhatWouldChangeEachChangedSubjectUnderTheReform() throws IOException {
        // 1 member, wage 14000: above the line of 13000, below the reform's 15000
        Path in = tmp.resolve("cmp-in");
        Files.createDirectories(in);
        Files.writeString(in.resolve("households.jsonl"),
                "{\"id\":\"R1\",\"villageId\":\"V1\",\"members\":[{\"id\":\"p1\",\"age\":40,\"employed\":true}],\"income\":{\"wage\":14000}}\n");
        Path out = tmp.resolve("cmp");
        CompareCommandTest.Result r = CompareCommandTest.fuyu("compare", "--input", in.toString(), "--reform",
                "../reforms/low-income-line-15000.yaml", "--out", out.toString(), "--as-of", "2025-06-30",
                "--what-would-change", "-q");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode change = parse(Files.readAllLines(out.resolve("changes.jsonl")).get(0));
        JsonNode topUp = null;
        JsonNode monitoring = null;
        for (JsonNode w : change.get("whatWouldChange")) {
            if (w.get("code").asText().equals("LOW_INCOME_TOP_UP")) {
                topUp = w;
            }
            if (w.get("code").asText().equals("RETURN_TO_POVERTY_MONITORING")) {
                monitoring = w;
            }
        }
        // granted under the reform while wage ≤ 14999
        assertThat(topUp.get("margins").toString()).contains("{\"field\":\"income.wage\",\"now\":14000,\"mayRiseBy\":999}");
        // identified under the reform, so no longer monitored; at 15000 it is not identified and still below 22500
        assertThat(monitoring.at("/changeSets/0/changes").toString())
                .isEqualTo("[{\"field\":\"income.wage\",\"now\":14000,\"change\":\"AT_LEAST\",\"needed\":15000}]");
    }

    @Test
    void aCountOutsideOneToTwentyIsAUsageError() throws IOException {
        CompareCommandTest.Result r = CompareCommandTest.fuyu("evaluate", "--input", input().toString(), "--out",
                tmp.resolve("o").toString(), "--what-would-change=0");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("--what-would-change");
    }

    private JsonNode parse(String line) {
        try {
            return json.readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
