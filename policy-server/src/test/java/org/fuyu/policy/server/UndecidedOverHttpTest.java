package org.fuyu.policy.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.packs.RulePacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A county pack whose bonus amount starts in 2025, asked about 2023 over HTTP: the answer carries
 * every other decision (the shipped packs' and the pack's own visit flag) and, among its errors,
 * the one code not decided with the code and the parameter that has no value (issue 13, item 6).
 */
class UndecidedOverHttpTest {

    @Test
    void aParameterWithoutAValueOnTheDateCostsOnlyTheCodeThatReadsIt(@TempDir Path dir) throws IOException {
        Path pack = dir.resolve("county-bonus");
        Files.createDirectories(pack);
        Files.writeString(pack.resolve("pack.yaml"), "id: county-bonus\nversion: 1.0.0\ntitle: County bonus\ncodes:\n"
                + "  - {code: COUNTY_BONUS, subject: HOUSEHOLD}\n  - {code: COUNTY_VISIT, subject: HOUSEHOLD}\n",
                StandardCharsets.UTF_8);
        Files.writeString(pack.resolve("parameters.yaml"), "county.bonus:\n  description: bonus\n  unit: yuan\n"
                + "  reference: county notice\n  values:\n    2025-01-01: 600\n", StandardCharsets.UTF_8);
        Files.writeString(pack.resolve("bonus.rules.yaml"), """
                decisions:
                  COUNTY_BONUS:
                    subject: household
                    citation: "county notice §1"
                    require: memberCount >= 1
                    grant: county.bonus
                  COUNTY_VISIT:
                    subject: household
                    citation: "county notice §2"
                    require: memberCount >= 1
                    flag: yes
                """, StandardCharsets.UTF_8);
        PolicyEngine engine = PolicyEngine.builder().addPacks(RulePacks.fromClasspath())
                .addPacks(RulePacks.fromDirectory(pack)).build();
        try (FuyuServer server = FuyuServer.builder(EngineSource.fixed(engine)).port(0).start()) {
            // worked example 1 of the spec: one member, wage 8000, identified low-income, top-up 13000 − 8000 = 5000
            JsonNode r = Client.json(new Client(server).post("/v1/evaluate", "{\"asOf\":\"2023-06-30\",\"households\":["
                    + "{\"id\":\"H1\",\"villageId\":\"V1\",\"countyId\":\"C1\",\"members\":[{\"id\":\"p1\",\"age\":50}],"
                    + "\"income\":{\"wage\":8000}}]}"));
            List<String> codes = new ArrayList<>();
            r.get("decisions").forEach(d -> codes.add(d.get("code").asText() + " " + d.get("outcome").asText()
                    + (d.hasNonNull("amountYuan") ? " " + d.get("amountYuan").asLong() : "")));
            assertThat(codes).contains("COUNTY_VISIT FLAG", "LOW_INCOME_TOP_UP GRANTED 5000")
                    .noneMatch(c -> c.startsWith("COUNTY_BONUS"));
            assertThat(r.get("errors")).singleElement().satisfies(e -> {
                assertThat(e.get("id").asText()).isEqualTo("H1");
                assertThat(e.get("code").asText()).isEqualTo("COUNTY_BONUS");
                assertThat(e.get("parameter").asText()).isEqualTo("county.bonus");
                assertThat(e.get("message").asText()).contains("2025-01-01");
            });
        }
    }
}
