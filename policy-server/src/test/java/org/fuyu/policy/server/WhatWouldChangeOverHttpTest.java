package org.fuyu.policy.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.packs.RulePacks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code "whatWouldChange": N} in a /v1/evaluate body: the spec's worked example 2 gets its one change. */
class WhatWouldChangeOverHttpTest {
    static FuyuServer server;

    @BeforeAll
    static void start() throws IOException {
        PolicyEngine engine = PolicyEngine.builder().addPacks(RulePacks.fromClasspath()).build();
        server = FuyuServer.builder(EngineSource.fixed(engine)).port(0).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static final String HOUSEHOLD = "{\"id\":\"H2\",\"villageId\":\"V1\",\"members\":[{\"id\":\"p1\",\"age\":40},"
            + "{\"id\":\"p2\",\"age\":38},{\"id\":\"p3\",\"age\":10}],\"income\":{\"wage\":20000,\"operating\":4000,"
            + "\"transfer\":3000},\"assets\":{\"vehicleValueYuan\":150000}}";

    @Test
    void aDenialCarriesItsChangeSet() {
        Client c = new Client(server);
        JsonNode r = Client.json(c.post("/v1/evaluate", "{\"asOf\":\"2024-06-30\",\"whatWouldChange\":2,\"households\":["
                + HOUSEHOLD + "]}"));
        JsonNode topUp = null;
        for (JsonNode d : r.get("decisions")) {
            if (d.get("code").asText().equals("LOW_INCOME_TOP_UP")) {
                topUp = d;
            }
        }
        assertThat(topUp).isNotNull();
        assertThat(topUp.get("outcome").asText()).isEqualTo("DENIED");
        assertThat(topUp.at("/whatWouldChange/changeSets/0/changes/0/field").asText()).isEqualTo("assets.vehicleValueYuan");
        assertThat(topUp.at("/whatWouldChange/changeSets/0/changes/0/needed").asLong()).isEqualTo(100000);
    }

    @Test
    void aCountOutOfRangeIsABadRequest() {
        Client c = new Client(server);
        HttpResponse<String> r = c.post("/v1/evaluate", "{\"asOf\":\"2024-06-30\",\"whatWouldChange\":0,\"households\":["
                + HOUSEHOLD + "]}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("whatWouldChange");
    }
}
