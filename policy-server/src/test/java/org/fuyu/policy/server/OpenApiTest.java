package org.fuyu.policy.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.io.FactMapper;
import org.fuyu.policy.packs.RulePacks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document and the server agree: every route is documented with its method and
 * every documented path is a route; every request example in the document is accepted (200)
 * and answered with the properties its 200 schema requires; the served document is the one in
 * the repository.
 */
class OpenApiTest {
    static final Path DOC = Path.of("src/main/resources/org/fuyu/policy/server/openapi.json");
    static FuyuServer server;
    static JsonNode doc;

    @BeforeAll
    static void start() throws IOException {
        server = FuyuServer.builder(EngineSource.fixed(PolicyEngine.builder().addPacks(RulePacks.fromClasspath()).build()))
                .port(0).start();
        doc = FactMapper.get().readTree(Files.readAllBytes(DOC));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theDocumentIsOpenApi31AndServedAsKeptInTheRepository() throws IOException {
        assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
        HttpResponse<String> r = new Client(server).get("/v1/openapi.json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Client.json(r)).isEqualTo(doc);
        try (InputStream in = FuyuServer.class.getResourceAsStream(InfoApi.OPENAPI)) {
            assertThat(FactMapper.get().readTree(in)).isEqualTo(doc);
        }
    }

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedPathIsARoute() {
        Set<String> documented = new TreeSet<>();
        doc.get("paths").fieldNames().forEachRemaining(documented::add);
        assertThat(documented).isEqualTo(new TreeSet<>(server.routes().keySet()));
        for (Map.Entry<String, FuyuServer.Route> e : server.routes().entrySet()) {
            JsonNode path = doc.get("paths").get(e.getKey());
            List<String> methods = new ArrayList<>();
            path.fieldNames().forEachRemaining(methods::add);
            assertThat(methods).as(e.getKey()).containsExactly(e.getValue().method().toLowerCase());
            JsonNode op = path.get(e.getValue().method().toLowerCase());
            assertThat(op.at("/responses/200")).as(e.getKey() + " documents 200").isNotNull();
            assertThat(op.has("operationId")).isTrue();
        }
    }

    @Test
    void everyExampleIsAcceptedAndAnsweredWithTheRequiredProperties() {
        Client c = new Client(server);
        int examples = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            String method = p.getValue().fieldNames().next();
            JsonNode op = p.getValue().get(method);
            String query = queryFromExamples(op);
            if (method.equals("get")) {
                HttpResponse<String> r = c.get(p.getKey() + query);
                assertThat(r.statusCode()).as(p.getKey() + query + ": " + r.body()).isEqualTo(200);
                checkRequired(p.getKey(), op, r);
                examples++;
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> ct = op.at("/requestBody/content").fields(); ct.hasNext(); ) {
                Map.Entry<String, JsonNode> content = ct.next();
                List<String> bodies = new ArrayList<>();
                if (content.getValue().has("example")) {
                    JsonNode ex = content.getValue().get("example");
                    bodies.add(ex.isTextual() ? ex.asText() : Client.text(ex));
                }
                content.getValue().path("examples").forEach(ex -> bodies.add(Client.text(ex.get("value"))));
                assertThat(bodies).as(p.getKey() + " has request examples").isNotEmpty();
                for (String body : bodies) {
                    HttpResponse<String> r = c.post(p.getKey() + query, body, content.getKey());
                    assertThat(r.statusCode()).as(p.getKey() + ": " + r.body()).isEqualTo(200);
                    assertThat(r.headers().firstValue("Fuyu-Packs")).isPresent();
                    checkRequired(p.getKey(), op, r);
                    examples++;
                }
            }
        }
        assertThat(examples).isGreaterThanOrEqualTo(10);
    }

    @Test
    void examplesNamedMalformedAreTheOnlyOnesWithErrors() {
        JsonNode examples = doc.at("/paths/~1v1~1evaluate/post/requestBody/content/application~1json/examples");
        for (Iterator<Map.Entry<String, JsonNode>> it = examples.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode answer = Client.json(new Client(server).post("/v1/evaluate", Client.text(e.getValue().get("value"))));
            if (e.getKey().startsWith("malformed")) {
                assertThat(answer.get("errors")).as(e.getKey()).hasSize(1);
                assertThat(answer.at("/errors/0/line").asInt()).isEqualTo(1);
            } else {
                assertThat(answer.get("errors")).as(e.getKey()).isEmpty();
            }
            assertThat(answer.get("decisions")).as(e.getKey()).isNotEmpty();
        }
    }

    private static String queryFromExamples(JsonNode op) {
        StringBuilder q = new StringBuilder();
        for (JsonNode param : op.path("parameters")) {
            if (param.get("in").asText().equals("query") && param.has("example")) {
                q.append(q.length() == 0 ? '?' : '&').append(param.get("name").asText()).append('=')
                        .append(param.get("example").asText());
            }
        }
        return q.toString();
    }

    /** The properties the 200 schema requires (following one $ref) are in a JSON answer. */
    private static void checkRequired(String route, JsonNode op, HttpResponse<String> r) {
        JsonNode content = op.at("/responses/200/content");
        if (!content.has("application/json")) {
            assertThat(r.body()).as(route).isNotEmpty();
            return;
        }
        JsonNode schema = content.get("application/json").get("schema");
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            schema = doc.at(ref.substring(1));
        }
        JsonNode answer = Client.json(r);
        for (JsonNode required : schema.path("required")) {
            assertThat(answer.has(required.asText())).as(route + " answers " + required.asText()).isTrue();
        }
    }
}
