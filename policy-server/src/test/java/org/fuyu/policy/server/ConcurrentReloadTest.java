package org.fuyu.policy.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.fuyu.policy.EvaluationOptions;
import org.fuyu.policy.HouseholdInput;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.ReloadingPolicyEngine;
import org.fuyu.policy.RunResult;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.facts.Person;
import org.fuyu.policy.io.FactMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many clients at once while the rules are edited and reloaded in the middle: every answer is
 * whole (every household read and evaluated, no decision lost or added) and made by one
 * engine: it equals, byte for byte after parsing, what the engine named in its Fuyu-Packs
 * header decides in process — the old rules or the new, never a mix.
 */
class ConcurrentReloadTest {
    static final Path PACK = Path.of("../policy-rules/src/main/resources/packs/low-income-relief");
    static final LocalDate AS_OF = LocalDate.of(2024, 6, 30);

    @TempDir
    Path tmp;

    @Test
    void manyClientsAndAReloadLoseAndCorruptNothing() throws Exception {
        Path rules = tmp.resolve("rules/low-income-relief");
        copy(PACK, rules);
        ReloadingPolicyEngine.Builder b = ReloadingPolicyEngine.builder().watchRules(tmp.resolve("rules"))
                .pollInterval(Duration.ZERO);
        try (EngineSource engines = EngineSource.reloading(b);
             FuyuServer server = FuyuServer.builder(engines).port(0).maxConcurrent(64).start()) {
            PolicyEngine before = engines.current();
            Client client = new Client(server);
            int clients = 12;
            int requestsEach = 15;
            List<List<Household>> bodies = new ArrayList<>();
            for (int i = 0; i < clients * requestsEach; i++) {
                bodies.add(households(i, 20));
            }
            Map<String, PolicyEngine> byHeader = new ConcurrentHashMap<>();
            byHeader.put(EngineSource.packsHeader(before), before);
            AtomicInteger done = new AtomicInteger();
            CountDownLatch halfway = new CountDownLatch(clients * requestsEach / 2);
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<Future<List<Answer>>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int first = c * requestsEach;
                futures.add(pool.submit(() -> {
                    List<Answer> answers = new ArrayList<>();
                    for (int r = first; r < first + requestsEach; r++) {
                        String body = "{\"asOf\":\"" + AS_OF + "\",\"households\":" + Client.text(bodies.get(r)) + "}";
                        HttpResponse<String> resp = client.post("/v1/evaluate", body);
                        answers.add(new Answer(r, resp.statusCode(), resp.headers().firstValue("Fuyu-Packs").orElse(""),
                                resp.body()));
                        done.incrementAndGet();
                        halfway.countDown();
                    }
                    return answers;
                }));
            }
            // the edit, in the middle of the load: a higher low-income line
            halfway.await();
            Path params = rules.resolve("parameters.yaml");
            String text = Files.readString(params);
            assertThat(text).contains("    2022-01-01: 13000\n");
            Files.writeString(params, text.replaceFirst("    2022-01-01: 13000\n", "    2022-01-01: 15000\n"));
            Optional<ReloadingPolicyEngine.ReloadEvent> reload = engines.reloading().reloadNow();
            assertThat(reload).isPresent();
            assertThat(reload.get().loaded()).as(reload.get().toString()).isTrue();
            PolicyEngine after = engines.current();
            assertThat(after).isNotSameAs(before);
            byHeader.put(EngineSource.packsHeader(after), after);
            assertThat(byHeader).hasSize(2);

            List<Answer> all = new ArrayList<>();
            for (Future<List<Answer>> f : futures) {
                all.addAll(f.get());
            }
            pool.shutdown();
            assertThat(all).hasSize(clients * requestsEach);
            int[] made = new int[2];
            for (Answer a : all) {
                assertThat(a.status()).as(a.body()).isEqualTo(200);
                PolicyEngine engine = byHeader.get(a.packs());
                assertThat(engine).as("Fuyu-Packs %s", a.packs()).isNotNull();
                made[engine == before ? 0 : 1]++;
                JsonNode answer = FactMapper.get().readTree(a.body());
                List<HouseholdInput> in = bodies.get(a.request()).stream().map(h -> new HouseholdInput(h, List.of())).toList();
                RunResult want = engine.evaluateAll(in, List.of(), List.of(), new EvaluationOptions(AS_OF, false));
                assertThat(answer.get("decisions")).isEqualTo(FactMapper.get().readTree(Client.text(want.decisions())));
                assertThat(answer.get("errors")).isEmpty();
                assertThat(answer.at("/summary/files/households/read").asLong()).isEqualTo(20);
                assertThat(answer.at("/summary/files/households/evaluated").asLong()).isEqualTo(20);
            }
            // the first requests ran before the edit; after the reload the new rules serve
            assertThat(made[0]).isGreaterThanOrEqualTo(clients * requestsEach / 2);
            HttpResponse<String> packs = client.get("/v1/packs");
            assertThat(packs.headers().firstValue("Fuyu-Packs")).contains(EngineSource.packsHeader(after));
            assertThat(Client.json(packs).at("/lastReload/outcome").asText()).isEqualTo("LOADED");
            assertThat(Client.json(packs).at("/lastReload/sequence").asLong()).isEqualTo(2);
            // the metrics counted every request, both loads and every decision answered
            long decisions = 0;
            for (Answer a : all) {
                decisions += FactMapper.get().readTree(a.body()).get("decisions").size();
            }
            String metrics = client.get("/v1/metrics").body();
            assertThat(metrics).contains("fuyu_requests_total{route=\"/v1/evaluate\",status=\"200\"} " + all.size() + "\n")
                    .contains("fuyu_request_duration_seconds_count{route=\"/v1/evaluate\"} " + all.size() + "\n")
                    .contains("fuyu_request_duration_seconds_bucket{route=\"/v1/evaluate\",le=\"+Inf\"} " + all.size() + "\n")
                    .contains("fuyu_reloads_total{outcome=\"LOADED\"} 2\n")
                    .contains("fuyu_decisions_total " + decisions + "\n")
                    .contains("fuyu_record_errors_total 0\n");
            // a household with 14000 per capita: monitored under the old line, identified low-income under the new
            String h = "{\"asOf\":\"" + AS_OF + "\",\"households\":[{\"id\":\"x\",\"villageId\":\"v\",\"members\":"
                    + "[{\"id\":\"p\",\"age\":40}],\"income\":{\"wage\":14000}}]}";
            JsonNode now = Client.json(client.post("/v1/evaluate", h));
            assertThat(now.findValuesAsText("code")).contains("LOW_INCOME_TOP_UP");
            assertThat(now.at("/summary/decisions/LOW_INCOME_TOP_UP/GRANTED/amountYuan").asLong()).isEqualTo(1000);
        }
    }

    /** A broken edit is refused: the last good rules keep serving and /v1/packs says why. */
    @Test
    void aBrokenEditIsRefusedAndTheLastGoodRulesServe() throws Exception {
        Path rules = tmp.resolve("rules/low-income-relief");
        copy(PACK, rules);
        ReloadingPolicyEngine.Builder b = ReloadingPolicyEngine.builder().watchRules(tmp.resolve("rules"))
                .pollInterval(Duration.ZERO);
        try (EngineSource engines = EngineSource.reloading(b);
             FuyuServer server = FuyuServer.builder(engines).port(0).start()) {
            String header = EngineSource.packsHeader(engines.current());
            Path file = rules.resolve("low-income-relief.rules.yaml");
            Files.writeString(file, Files.readString(file).replace("grant: low_income.line * memberCount - totalIncome",
                    "grant: low_income.line * (memberCount - totalIncome"));
            assertThat(engines.reloading().reloadNow().orElseThrow().loaded()).isFalse();
            Client client = new Client(server);
            HttpResponse<String> packs = client.get("/v1/packs");
            assertThat(packs.headers().firstValue("Fuyu-Packs")).contains(header);
            JsonNode reload = Client.json(packs).get("lastReload");
            assertThat(reload.get("outcome").asText()).isEqualTo("REJECTED");
            assertThat(reload.get("problems")).isNotEmpty();
            assertThat(reload.get("problems").get(0).asText()).contains("low-income-relief.rules.yaml");
            HttpResponse<String> r = client.post("/v1/evaluate", "{\"asOf\":\"2024-06-30\",\"households\":[{\"id\":\"x\","
                    + "\"villageId\":\"v\",\"members\":[{\"id\":\"p\",\"age\":40}],\"income\":{\"wage\":9000}}]}");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Fuyu-Packs")).contains(header);
            assertThat(Client.json(r).at("/summary/decisions/LOW_INCOME_TOP_UP/GRANTED/amountYuan").asLong()).isEqualTo(4000);
        }
    }

    record Answer(int request, int status, String packs, String body) {
    }

    /** Households with per-capita incomes spread over 5000–24000 (around both lines), unique ids per request. */
    static List<Household> households(int request, int n) {
        List<Household> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long wage = 5_000 + ((request * 7L + i * 13L) % 20) * 1_000;
            Person p = FactMapper.get().convertValue(Map.of("id", "p" + i, "age", 30 + i), Person.class);
            Household h = FactMapper.get().convertValue(Map.of("id", "r" + request + "h" + i, "villageId", "v1",
                    "members", List.of(p), "income", Map.of("wage", wage)), Household.class);
            out.add(h);
        }
        return out;
    }

    static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path f : s.toList()) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
