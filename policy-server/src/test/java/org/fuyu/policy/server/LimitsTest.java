package org.fuyu.policy.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.packs.RulePacks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad input and limits: 200 with errors, 400, 401, 404, 405, 413, 503, 504 — plain messages, never a stack trace. */
class LimitsTest {
    static final String H1 = "{\"id\":\"h1\",\"villageId\":\"v1\",\"members\":[{\"id\":\"p1\",\"age\":40}],\"income\":{\"wage\":9000}}";
    static final String H3 = "{\"id\":\"h3\",\"villageId\":\"v1\",\"members\":[{\"id\":\"p3\",\"age\":40}],\"income\":{\"wage\":30000}}";
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

    static PolicyEngine engine;
    static FuyuServer server;

    @BeforeAll
    static void start() throws IOException {
        engine = PolicyEngine.builder().addPacks(RulePacks.fromClasspath(java.util.List.of("low-income-relief"))).build();
        server = FuyuServer.builder(EngineSource.fixed(engine)).port(0).maxBodyBytes(4096).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static void plainError(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(r.headers().firstValue("Fuyu-Packs")).hasValueSatisfying(v -> assertThat(v).contains("low-income-relief@"));
        String[] lines = r.body().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(HAN.matcher(lines[0]).find()).as("Chinese first: %s", lines[0]).isTrue();
        assertThat(HAN.matcher(lines[1]).find()).as("English second: %s", lines[1]).isFalse();
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("org.fuyu");
    }

    @Test
    void aMalformedRecordIsAnsweredInErrorsWithItsIndexAndTheOthersAreEvaluated() {
        String body = "{\"asOf\":\"2024-06-30\",\"households\":[" + H1 + ",{\"id\":\"h2\",\"villageId\":\"v1\",\"members\":"
                + "[{\"id\":\"p2\",\"age\":-3}]}," + H3 + "," + H1 + "],\"businesses\":[{\"id\":\"b0\",\"ownerId\":\"p1\",\"householdId\":\"h1\","
                + "\"villageId\":\"v1\"},{\"id\":\"b1\",\"ownerId\":\"p9\",\"householdId\":\"nobody\",\"villageId\":\"v1\"}]}";
        HttpResponse<String> r = new Client(server).post("/v1/evaluate", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode a = Client.json(r);
        JsonNode errors = a.get("errors");
        assertThat(errors).hasSize(3);
        assertThat(errors.get(0).get("file").asText()).isEqualTo("households");
        assertThat(errors.get(0).get("line").asInt()).isEqualTo(1);
        assertThat(errors.get(0).get("field").asText()).isEqualTo("members[0].age");
        assertThat(errors.get(1).get("line").asInt()).isEqualTo(3);
        assertThat(errors.get(1).get("message").asText()).startsWith("duplicate household id 'h1'");
        assertThat(errors.get(2).get("file").asText()).isEqualTo("businesses");
        assertThat(errors.get(2).get("line").asInt()).isEqualTo(1);
        assertThat(errors.get(2).get("message").asText()).contains("'nobody' is not among the evaluated households");
        assertThat(a.at("/summary/files/businesses/evaluated").asLong()).isEqualTo(1);
        assertThat(a.at("/summary/files/businesses/rejected").asLong()).isEqualTo(1);
        assertThat(a.at("/summary/files/households/read").asLong()).isEqualTo(4);
        assertThat(a.at("/summary/files/households/evaluated").asLong()).isEqualTo(2);
        assertThat(a.at("/summary/files/households/rejected").asLong()).isEqualTo(2);
        // h1: 9000 per capita, topped up to the 13000 line; h3 at 30000 gets nothing
        assertThat(a.at("/summary/decisions/LOW_INCOME_TOP_UP/GRANTED/count").asLong()).isEqualTo(1);
        assertThat(a.at("/summary/decisions/LOW_INCOME_TOP_UP/GRANTED/amountYuan").asLong()).isEqualTo(4000);
    }

    @Test
    void malformedJsonAndUnknownTopLevelFieldsAre400() {
        Client c = new Client(server);
        plainError(c.post("/v1/evaluate", "{\"asOf\":\"2024-06-30\",\"households\":[" + H1), 400);
        plainError(c.post("/v1/evaluate", "{\"asOf\":\"2024-06-30\",\"household\":[]}"), 400);
        plainError(c.post("/v1/evaluate", "{\"asOf\":\"2024-06-30\",\"asOf\":\"2024-07-01\"}"), 400);
        plainError(c.post("/v1/evaluate", "{\"asOf\":\"30.06.2024\"}"), 400);
        plainError(c.post("/v1/evaluate", "{\"households\":{}}"), 400);
        plainError(c.post("/v1/evaluate", "[]"), 400);
        plainError(c.post("/v1/evaluate", "{} {}"), 400);
        plainError(c.post("/v1/evaluate/stream?asOf=yesterday", H1 + "\n"), 400);
        plainError(c.post("/v1/evaluate/stream?asof=2024-06-30", H1 + "\n"), 400);
        plainError(c.post("/v1/compare", "{\"asOf\":\"2024-06-30\",\"households\":[]}"), 400);
        assertThat(c.post("/v1/evaluate", "{\"asOf\":\"2024-06-30\",\"households\":[]}").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownRoutesAndWrongMethods() {
        Client c = new Client(server);
        plainError(c.get("/v1/evaluat"), 404);
        HttpResponse<String> r = c.get("/v1/evaluate");
        plainError(r, 405);
        assertThat(r.headers().firstValue("Allow")).contains("POST");
    }

    @Test
    void aBodyOverTheLimitIs413ByLengthOrWhileReadingAChunkedBody() {
        Client c = new Client(server);
        StringBuilder big = new StringBuilder("{\"asOf\":\"2024-06-30\",\"households\":[");
        for (int i = 0; i < 60; i++) {
            big.append(i == 0 ? "" : ",").append(H1.replace("h1", "h" + i));
        }
        big.append("]}");
        assertThat(big.length()).isGreaterThan(4096);
        plainError(c.post("/v1/evaluate", big.toString()), 413);
        byte[] bytes = big.toString().getBytes(StandardCharsets.UTF_8);
        HttpRequest chunked = c.request("/v1/evaluate").POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(bytes))).build();
        plainError(Client.send(chunked), 413);
        plainError(c.post("/v1/compare", big.toString()), 413);
    }

    @Test
    void withATokenEveryRouteButHealthNeedsIt() throws IOException {
        try (FuyuServer s = FuyuServer.builder(EngineSource.fixed(engine)).port(0).token("s3cret-token").start()) {
            Client none = new Client(s);
            Client wrong = new Client(s, "s3cret-tokem");
            Client right = new Client(s, "s3cret-token");
            for (String route : s.routes().keySet()) {
                boolean post = s.routes().get(route).method().equals("POST");
                String body = route.endsWith("stream") ? H1 + "\n" : route.equals("/v1/compare") ? "{}"
                        : "{\"asOf\":\"2024-06-30\",\"households\":[" + H1 + "]}";
                for (Client c : new Client[] {none, wrong}) {
                    HttpResponse<String> r = post ? c.post(route + (route.endsWith("stream") ? "?asOf=2024-06-30" : ""), body)
                            : c.get(route);
                    if (route.equals("/v1/health")) {
                        assertThat(r.statusCode()).isEqualTo(200);
                    } else {
                        plainError(r, 401);
                        assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"fuyu\"");
                    }
                }
            }
            assertThat(right.post("/v1/evaluate", "{\"asOf\":\"2024-06-30\",\"households\":[" + H1 + "]}").statusCode())
                    .isEqualTo(200);
            assertThat(right.get("/v1/packs").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void pastTheTimeBudgetIs504() throws IOException {
        try (FuyuServer s = FuyuServer.builder(EngineSource.fixed(engine)).port(0).timeBudget(Duration.ofNanos(1)).start()) {
            Client c = new Client(s);
            plainError(c.post("/v1/evaluate", "{\"asOf\":\"2024-06-30\",\"households\":[" + H1 + "]}"), 504);
            // the stream has no time budget
            HttpResponse<String> r = c.post("/v1/evaluate/stream?asOf=2024-06-30", H1 + "\n", "application/x-ndjson");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"LOW_INCOME_TOP_UP\"").contains("{\"summary\":");
        }
    }

    @Test
    void tooManyRequestsAtOnceAre503WithRetryAfter() throws IOException {
        try (FuyuServer s = FuyuServer.builder(EngineSource.fixed(engine)).port(0).maxConcurrent(1).start();
             Socket held = new Socket(s.address().getAddress(), s.address().getPort())) {
            held.setSoTimeout(60_000);
            OutputStream out = held.getOutputStream();
            out.write(("POST /v1/evaluate/stream?asOf=2024-06-30 HTTP/1.1\r\nHost: localhost\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(held.getInputStream(), StandardCharsets.UTF_8));
            // the stream answers its status before reading records: it holds the only permit now
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
            Client c = new Client(s);
            HttpResponse<String> refused = c.post("/v1/evaluate", "{\"asOf\":\"2024-06-30\",\"households\":[" + H1 + "]}");
            plainError(refused, 503);
            assertThat(refused.headers().firstValue("Retry-After")).contains("1");
            assertThat(c.get("/v1/health").statusCode()).isEqualTo(200);
            // the stream and this request; the refused request leaves the gauge just after its answer is sent,
            // so the gauge may still count it for a moment: ask again until it has left (CI once saw 3)
            String metrics = c.get("/v1/metrics").body();
            for (int i = 0; i < 100 && !metrics.contains("fuyu_requests_in_flight 2"); i++) {
                sleep(50);
                metrics = c.get("/v1/metrics").body();
            }
            assertThat(metrics).contains("fuyu_requests_in_flight 2");

            byte[] record = (H1 + "\n").getBytes(StandardCharsets.UTF_8);
            out.write((Integer.toHexString(record.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(record);
            out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            StringBuilder rest = new StringBuilder();
            for (String line = in.readLine(); line != null && !line.equals("0"); line = in.readLine()) {
                rest.append(line).append('\n');
            }
            assertThat(rest).contains("{\"summary\":");
            assertThat(c.post("/v1/evaluate", "{\"asOf\":\"2024-06-30\",\"households\":[" + H1 + "]}").statusCode())
                    .isEqualTo(200);
            assertThat(c.get("/v1/metrics").body()).contains("fuyu_requests_total{route=\"/v1/evaluate\",status=\"503\"} 1");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
