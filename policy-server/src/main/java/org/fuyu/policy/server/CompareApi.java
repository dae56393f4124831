package org.fuyu.policy.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.common.hash.Hashing;
import com.sun.net.httpserver.HttpExchange;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.fuyu.policy.EvaluationOptions;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.PolicyException;
import org.fuyu.policy.Problem;
import org.fuyu.policy.io.FactMapper;
import org.fuyu.policy.reform.Reform;
import org.fuyu.policy.reform.ReformComparison;
import org.fuyu.policy.reform.ReformFiles;

/**
 * {@code POST /v1/compare}: a reform file's content and facts in; the comparison
 * {@code fuyu compare} writes ({@code comparison.json}, {@code changes.jsonl} and
 * {@code errors.jsonl}) out, made by {@link ReformComparison} itself. The reform must carry its
 * parameters inline: over HTTP it may not name files or rule directories on the server.
 * The reform's engine is kept for the next request with the same reform and baseline.
 */
final class CompareApi {
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final int CACHED_REFORMS = 4;

    private final long maxBodyBytes;
    private final Map<String, PolicyEngine> reformEngines = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PolicyEngine> eldest) {
            return size() > CACHED_REFORMS;
        }
    };

    CompareApi(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    void compare(HttpExchange ex, PolicyEngine engine, long deadline) throws IOException {
        Http.rejectQuery(Http.query(ex), Set.of());
        RequestFacts facts = RequestFacts.parse(Http.body(ex, maxBodyBytes), true);
        if (facts.reform == null) {
            throw ApiException.badRequest("缺少 reform：请把改革文件（YAML）的内容作为字符串放在 \"reform\" 字段。",
                    "Missing reform: put the reform file's content (YAML) as a string in the \"reform\" field.");
        }
        checkInline(facts.reform);
        EvaluationOptions options = new EvaluationOptions(facts.asOf != null ? facts.asOf : LocalDate.now(),
                facts.explainDenials);
        Path dir = Files.createTempDirectory("fuyu-compare-");
        try {
            Path reformFile = dir.resolve("reform.yaml");
            Files.writeString(reformFile, facts.reform);
            Reform reform = read(reformFile);
            PolicyEngine reformed = reformEngine(engine, reform, facts.reform);
            Api.checkBudget(deadline);
            Path in = Files.createDirectories(dir.resolve("in"));
            for (Map.Entry<String, byte[]> e : facts.records.entrySet()) {
                Files.write(in.resolve(e.getKey() + ".jsonl"), e.getValue());
            }
            if (facts.records.isEmpty()) {
                Files.write(in.resolve("households.jsonl"), new byte[0]);
            }
            Path out = dir.resolve("out");
            ReformComparison.Builder b = ReformComparison.builder(engine, reformed, options).reform(reform).threads(1)
                    .progress(n -> Api.checkBudget(deadline));
            if (facts.benefitCodes != null) {
                b.benefitCodes(facts.benefitCodes);
            }
            b.build().run(in, out);
            Api.checkBudget(deadline);
            ObjectNode answer = FactMapper.get().createObjectNode();
            ObjectNode comparison = (ObjectNode) FactMapper.get().readTree(out.resolve("comparison.json").toFile());
            renameFiles(comparison);
            comparison.with("reform").put("source", "reform");
            answer.set("comparison", comparison);
            answer.set("changes", lines(out.resolve("changes.jsonl"), false));
            answer.set("errors", lines(out.resolve("errors.jsonl"), true));
            Http.send(ex, 200, Http.JSON, Http.bytes(answer));
        } finally {
            delete(dir);
        }
    }

    /** Refuses reforms that would read files of the server: {@code rules:} or {@code parameters: FILE}. */
    private static void checkInline(String reform) {
        JsonNode tree;
        try {
            tree = YAML.readTree(reform);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiException.badRequest("reform 不是有效的 YAML：" + e.getOriginalMessage() + "。",
                    "The reform is not valid YAML: " + e.getOriginalMessage() + ".");
        }
        if (tree != null && (tree.has("rules") || tree.path("parameters").isTextual())) {
            throw ApiException.badRequest("通过 HTTP 提交的改革只能内联参数（parameters: {名称: 值}），不能引用服务器上的文件或规则目录。",
                    "A reform sent over HTTP must give its parameters inline (parameters: {name: value}); it cannot name "
                            + "files or rule directories on the server.");
        }
    }

    private static Reform read(Path file) {
        try {
            return ReformFiles.read(file);
        } catch (PolicyException e) {
            throw rejected(e, file);
        }
    }

    private PolicyEngine reformEngine(PolicyEngine baseline, Reform reform, String content) {
        String key = System.identityHashCode(baseline) + ":" + Hashing.sha256().hashString(content, StandardCharsets.UTF_8);
        synchronized (reformEngines) {
            PolicyEngine e = reformEngines.get(key);
            if (e != null) {
                return e;
            }
        }
        PolicyEngine built;
        try {
            built = reform.engineBuilder(baseline.rulePacks(), List.of(baseline.parameters())).build();
        } catch (PolicyException e) {
            throw rejected(e, Path.of(reform.source() == null ? "reform" : reform.source()));
        }
        synchronized (reformEngines) {
            reformEngines.put(key, built);
        }
        return built;
    }

    private static ApiException rejected(PolicyException e, Path file) {
        List<String> problems = new ArrayList<>();
        for (Problem p : e.problems().isEmpty() ? List.of(Problem.of("reform", 0, e.getMessage())) : e.problems()) {
            problems.add(p.toString().replace(file.toString(), "reform"));
        }
        String list = String.join("\n  ", problems);
        return ApiException.badRequest("改革无法使用，请修正：\n  " + list, "The reform cannot be used; fix:\n  " + list);
    }

    /** The summary's file names as the request named its arrays ("households", not "households.jsonl"). */
    private static void renameFiles(ObjectNode comparison) {
        JsonNode files = comparison.get("files");
        if (files instanceof ObjectNode f) {
            ObjectNode renamed = FactMapper.get().createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = f.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                renamed.set(e.getKey().replace(".jsonl", ""), e.getValue());
            }
            comparison.set("files", renamed);
        }
    }

    private static ArrayNode lines(Path file, boolean errors) throws IOException {
        ArrayNode out = FactMapper.get().createArrayNode();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = FactMapper.get().readTree(line);
                if (errors && n instanceof ObjectNode o && o.has("file")) {
                    String kind = o.get("file").asText().replace(".jsonl", "");
                    o.put("file", kind);
                    o.put("line", RequestFacts.index(kind, o.path("line").asInt()));
                }
                out.add(n);
            }
        }
        return out;
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind; nothing the client can act on
        }
    }
}
