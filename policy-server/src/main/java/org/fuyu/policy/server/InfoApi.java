package org.fuyu.policy.server;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fuyu.policy.PackInfo;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.packs.PackManifest;
import org.fuyu.policy.params.Parameter;

/** The read-only routes: packs, parameters, health, metrics and the OpenAPI document. */
final class InfoApi {
    static final String OPENAPI = "/org/fuyu/policy/server/openapi.json";

    private final FuyuServer server;
    private final byte[] openapi;

    InfoApi(FuyuServer server) {
        this.server = server;
        try (InputStream in = InfoApi.class.getResourceAsStream(OPENAPI)) {
            if (in == null) {
                throw new IllegalStateException("openapi.json missing from the server jar");
            }
            this.openapi = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read openapi.json", e);
        }
    }

    /** Ids, versions, titles and codes of the packs serving now, and the last reload with its outcome. */
    void packs(HttpExchange ex, PolicyEngine engine, long deadline) throws IOException {
        Http.rejectQuery(Http.query(ex), Set.of());
        List<Map<String, Object>> packs = new ArrayList<>();
        for (PackInfo p : engine.packs()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", p.id());
            m.put("version", p.version());
            m.put("title", p.title());
            m.put("trusted", p.trusted());
            List<Map<String, Object>> codes = new ArrayList<>();
            for (PackManifest.CodeInfo c : p.codes()) {
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("code", c.code());
                cm.put("subject", c.subject());
                cm.put("title", c.title());
                cm.put("amount", c.amount());
                codes.add(cm);
            }
            m.put("codes", codes);
            packs.add(m);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("packs", packs);
        answer.put("reloading", server.engines().reloading() != null);
        answer.put("lastReload", server.engines().lastReload());
        Http.json(ex, answer);
    }

    /** The parameter values in force on {@code asOf} (default today), with units and references. */
    void parameters(HttpExchange ex, PolicyEngine engine, long deadline) throws IOException {
        Map<String, String> query = Http.query(ex);
        Http.rejectQuery(query, Set.of("asOf"));
        LocalDate asOf = Http.asOf(query);
        List<Map<String, Object>> inForce = new ArrayList<>();
        List<String> notYet = new ArrayList<>();
        List<Parameter> all = new ArrayList<>(engine.parameters().all());
        all.sort(Comparator.comparing(Parameter::name));
        for (Parameter p : all) {
            Map.Entry<LocalDate, BigDecimal> v = p.inForceOn(asOf);
            if (v == null) {
                notYet.add(p.name());
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name());
            m.put("value", v.getValue());
            m.put("since", v.getKey());
            m.put("unit", p.unit());
            m.put("description", p.description());
            m.put("reference", p.reference());
            inForce.add(m);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("asOf", asOf);
        answer.put("parameters", inForce);
        answer.put("notInForce", notYet);
        Http.json(ex, answer);
    }

    void health(HttpExchange ex, PolicyEngine engine, long deadline) throws IOException {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", "UP");
        answer.put("packs", engine.packs().size());
        Http.json(ex, answer);
    }

    void metrics(HttpExchange ex, PolicyEngine engine, long deadline) throws IOException {
        Http.send(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
                server.metrics.text().getBytes(StandardCharsets.UTF_8));
    }

    void openapi(HttpExchange ex, PolicyEngine engine, long deadline) throws IOException {
        Http.send(ex, 200, Http.JSON, openapi);
    }
}
