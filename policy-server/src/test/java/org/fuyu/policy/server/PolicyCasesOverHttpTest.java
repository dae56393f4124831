package org.fuyu.policy.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.fuyu.policy.CaseResult;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.RunResult;
import org.fuyu.policy.cases.CaseRunner;
import org.fuyu.policy.cases.PolicyCase;
import org.fuyu.policy.cases.PolicyCaseFile;
import org.fuyu.policy.io.FactMapper;
import org.fuyu.policy.packs.RulePacks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every YAML policy case of policy-rules, sent to {@code POST /v1/evaluate} of a server with the
 * case file's packs, gets exactly the decisions the engine gives in process (same JSON, same
 * order), and a case that fails in the engine is answered in {@code errors}.
 */
class PolicyCasesOverHttpTest {
    /** The case files, read where policy-rules keeps them (the module's directory is the working directory). */
    static final Path CASES = Path.of("../policy-rules/src/test/resources/cases");

    private static final Map<List<String>, FuyuServer> SERVERS = new HashMap<>();

    @AfterAll
    static void stop() {
        SERVERS.values().forEach(FuyuServer::close);
    }

    @TestFactory
    Stream<DynamicNode> everyPolicyCaseThroughEvaluate() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(CASES)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(5);
        List<DynamicNode> tests = new ArrayList<>();
        for (Path file : files) {
            PolicyCaseFile cases;
            try (InputStream in = Files.newInputStream(file)) {
                cases = PolicyCaseFile.read(file.getFileName().toString(), in);
            }
            for (PolicyCase c : cases.cases()) {
                tests.add(DynamicTest.dynamicTest(file.getFileName() + ": " + c.name(), () -> check(cases.packs(), c)));
            }
        }
        return tests.stream();
    }

    private static void check(List<String> packs, PolicyCase c) throws IOException {
        FuyuServer server = SERVERS.computeIfAbsent(packs, ids -> {
            try {
                return FuyuServer.builder(EngineSource.fixed(PolicyEngine.builder()
                        .addPacks(RulePacks.fromClasspath(ids)).build())).port(0).start();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        PolicyEngine engine = server.engines().current();
        RunResult expected = CaseRunner.run(engine, c).result();

        ObjectNode body = FactMapper.get().createObjectNode();
        body.put("asOf", c.asOf().toString());
        body.put("explainDenials", c.explainDenials());
        putIfPresent(body, "households", c.input().households());
        putIfPresent(body, "businesses", c.input().businesses());
        putIfPresent(body, "villages", c.input().villages());
        putIfPresent(body, "counties", c.input().counties());
        HttpResponse<String> r = new Client(server).post("/v1/evaluate", Client.text(body));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Fuyu-Packs")).contains(EngineSource.packsHeader(engine));
        JsonNode answer = Client.json(r);

        // the engine's decisions as fuyu evaluate writes them (the fact mapper), read back like the answer
        JsonNode want = FactMapper.get().readTree(Client.text(expected.decisions()));
        assertThat(answer.get("decisions").size()).isEqualTo(want.size());
        for (int i = 0; i < want.size(); i++) {
            assertThat(answer.get("decisions").get(i)).as("decision %d", i).isEqualTo(want.get(i));
        }
        List<String> failedInEngine = expected.cases().stream().filter(CaseResult::failed)
                .map(CaseResult::subjectId).sorted().toList();
        List<String> failedOverHttp = new ArrayList<>();
        answer.get("errors").forEach(e -> {
            if (e.get("message").asText().contains(" not decided: parameter '")) {
                // a decision not made (a parameter without a value on the date); the case's other decisions were made
                assertThat(e.get("message").asText()).contains("the other decisions were made");
                return;
            }
            assertThat(e.get("message").asText()).startsWith("evaluation failed: ");
            failedOverHttp.add(e.get("id").asText());
        });
        assertThat(failedOverHttp.stream().sorted().toList()).isEqualTo(failedInEngine);
        assertThat(answer.at("/summary/asOf").asText()).isEqualTo(c.asOf().toString());
        long households = c.input().households() == null ? 0 : c.input().households().size();
        assertThat(answer.at("/summary/files/households/read").asLong(0)).isEqualTo(households);
    }

    private static void putIfPresent(ObjectNode body, String field, JsonNode value) {
        if (value != null && !value.isNull()) {
            body.set(field, value);
        }
    }
}
