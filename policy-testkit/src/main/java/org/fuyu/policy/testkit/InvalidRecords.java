package org.fuyu.policy.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Valid facts broken in one way each: the defects spec §1 says a reader must reject. */
final class InvalidRecords {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private InvalidRecords() {
    }

    /** One breakage: which file, what it does to a valid record's JSON, which field it breaks. */
    private record Defect(String file, String field, String defect, Function<ObjectNode, String> breaks) {
    }

    static Arbitrary<InvalidRecord> of(FactArbitraries facts) {
        List<Arbitrary<InvalidRecord>> all = new ArrayList<>();
        for (Defect d : defects()) {
            Arbitrary<?> valid = switch (d.file()) {
                case "households.jsonl" -> facts.households();
                case "businesses.jsonl" -> facts.businesses();
                case "villages.jsonl" -> facts.villages();
                default -> facts.counties();
            };
            all.add(valid.map(f -> {
                ObjectNode node = FactJson.tree(f);
                return new InvalidRecord(d.file(), d.breaks().apply(node), d.field(), d.defect());
            }));
        }
        return Arbitraries.oneOf(all);
    }

    private static List<Defect> defects() {
        String h = "households.jsonl";
        String b = "businesses.jsonl";
        String v = "villages.jsonl";
        String c = "counties.jsonl";
        List<Defect> ds = new ArrayList<>();
        // required fields missing
        for (String f : List.of("id", "villageId", "members")) {
            ds.add(new Defect(h, f, "required " + f + " missing", n -> without(n, f)));
        }
        ds.add(new Defect(h, "members[0].age", "a member without age", n -> {
            ((ObjectNode) n.get("members").get(0)).remove("age");
            return n.toString();
        }));
        for (String f : List.of("id", "ownerId", "householdId", "villageId")) {
            ds.add(new Defect(b, f, "required " + f + " missing", n -> without(n, f)));
        }
        ds.add(new Defect(v, "countyId", "required countyId missing", n -> without(n, "countyId")));
        ds.add(new Defect(c, "id", "required id missing", n -> without(n, "id")));
        // unknown fields
        ds.add(new Defect(h, "colour", "unknown field", n -> n.put("colour", "red").toString()));
        ds.add(new Defect(h, "members[0].nickname", "unknown field in a member", n -> {
            ((ObjectNode) n.get("members").get(0)).put("nickname", "x");
            return n.toString();
        }));
        ds.add(new Defect(v, "mayor", "unknown field", n -> n.put("mayor", "x").toString()));
        // values outside spec §1
        for (String f : List.of("wage", "property", "transfer")) {
            ds.add(new Defect(h, "income." + f, "negative " + f, n -> {
                ((ObjectNode) n.get("income")).put(f, -1);
                return n.toString();
            }));
        }
        ds.add(new Defect(h, "members[0].age", "age 121", n -> {
            ((ObjectNode) n.get("members").get(0)).put("age", 121);
            return n.toString();
        }));
        ds.add(new Defect(h, "members[0].age", "age −1", n -> {
            ((ObjectNode) n.get("members").get(0)).put("age", -1);
            return n.toString();
        }));
        ds.add(new Defect(h, "members", "no members", n -> {
            n.set("members", NODES.arrayNode());
            return n.toString();
        }));
        ds.add(new Defect(h, "members[1].id", "two members with one id", n -> {
            ArrayNode ms = (ArrayNode) n.get("members");
            ObjectNode twin = ms.get(0).deepCopy();
            ms.insert(1, twin);
            return n.toString();
        }));
        ds.add(new Defect(h, "medicalExpenseYuan", "negative medical expense", n -> n.put("medicalExpenseYuan", -5).toString()));
        ds.add(new Defect(h, "assets.savingsYuan", "negative savings", n -> {
            ((ObjectNode) n.get("assets")).put("savingsYuan", -1);
            return n.toString();
        }));
        ds.add(new Defect(b, "monthsOperating", "negative months", n -> n.put("monthsOperating", -1).toString()));
        ds.add(new Defect(b, "landAreaMu", "negative area", n -> n.put("landAreaMu", -0.5).toString()));
        ds.add(new Defect(v, "collectiveIncome.operating", "negative collective income", n -> {
            ((ObjectNode) n.get("collectiveIncome")).put("operating", -1);
            return n.toString();
        }));
        ds.add(new Defect(v, "population", "negative population", n -> n.put("population", -1).toString()));
        ds.add(new Defect(c, "ruralPerCapitaIncome", "negative income", n -> n.put("ruralPerCapitaIncome", -1).toString()));
        // wrong types and shapes
        ds.add(new Defect(h, "income.wage", "a fraction of a yuan", n -> {
            ((ObjectNode) n.get("income")).put("wage", 100.5);
            return n.toString();
        }));
        ds.add(new Defect(h, "income.wage", "a number as a string", n -> {
            ((ObjectNode) n.get("income")).put("wage", "100");
            return n.toString();
        }));
        ds.add(new Defect(h, "statuses", "an unknown status", n -> {
            n.set("statuses", NODES.arrayNode().add("RICH"));
            return n.toString();
        }));
        ds.add(new Defect(h, "members", "members not an array", n -> n.put("members", "p1").toString()));
        ds.add(new Defect(b, "sector", "an unknown sector", n -> n.put("sector", "MINING").toString()));
        ds.add(new Defect(b, "registeredOn", "not a date", n -> n.put("registeredOn", "last year").toString()));
        ds.add(new Defect(v, "sizeClass", "an unknown size class", n -> n.put("sizeClass", "HUGE").toString()));
        // unreadable records
        ds.add(new Defect(h, "", "a duplicate key", n -> {
            String json = n.toString();
            return "{\"id\":\"dup\"," + json.substring(1);
        }));
        ds.add(new Defect(v, "", "cut off", n -> {
            String json = n.toString();
            return json.substring(0, json.length() / 2);
        }));
        return ds;
    }

    private static String without(JsonNode n, String field) {
        ((ObjectNode) n).remove(field);
        return n.toString();
    }
}
