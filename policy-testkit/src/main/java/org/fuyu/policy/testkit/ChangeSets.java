package org.fuyu.policy.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.fuyu.policy.HouseholdInput;
import org.fuyu.policy.WhatWouldChange;
import org.fuyu.policy.facts.Business;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.io.FactMapper;

/**
 * Applies reported change sets to a copy of a case through its JSON form, as a person would edit
 * the input file — independently of how the engine found them, so the suite checks the finder
 * rather than trusting it.
 */
public final class ChangeSets {
    private ChangeSets() {
    }

    /** The declared name of a change's field: {@code members[P2].employed} is {@code members.employed}. */
    public static String declared(String field) {
        return field.replaceAll("\\[[^\\]]*\\]", "");
    }

    /** A copy of the case with every change of {@code changes} made, or null if the input could not hold it. */
    public static HouseholdInput apply(HouseholdInput in, List<WhatWouldChange.Change> changes) {
        ObjectMapper m = FactMapper.get();
        ObjectNode h = m.valueToTree(in.household());
        List<ObjectNode> bs = new ArrayList<>();
        for (Business b : in.businesses()) {
            bs.add(m.valueToTree(b));
        }
        for (WhatWouldChange.Change c : changes) {
            String f = c.field();
            JsonNode value = m.valueToTree(c.needed());
            if (f.startsWith("members[") || f.startsWith("businesses[")) {
                String id = f.substring(f.indexOf('[') + 1, f.indexOf(']'));
                String leaf = f.substring(f.indexOf("].") + 2);
                List<ObjectNode> items = new ArrayList<>();
                if (f.startsWith("members[")) {
                    h.get("members").forEach(x -> items.add((ObjectNode) x));
                } else {
                    items.addAll(bs);
                }
                for (ObjectNode x : items) {
                    if (x.path("id").asText().equals(id)) {
                        set(x, leaf, value, c.change());
                    }
                }
            } else {
                ObjectNode at = h;
                String[] parts = f.split("\\.");
                for (int i = 0; i < parts.length - 1; i++) {
                    JsonNode next = at.get(parts[i]);
                    at = next instanceof ObjectNode o ? o : at.putObject(parts[i]);
                }
                set(at, parts[parts.length - 1], value, c.change());
            }
        }
        try {
            List<Business> businesses = new ArrayList<>();
            for (ObjectNode b : bs) {
                businesses.add(m.treeToValue(b, Business.class));
            }
            return new HouseholdInput(m.treeToValue(h, Household.class), businesses);
        } catch (Exception e) {
            return null;
        }
    }

    private static void set(ObjectNode at, String name, JsonNode value, WhatWouldChange.Kind kind) {
        switch (kind) {
            case ADD -> {
                ArrayNode a = at.get(name) instanceof ArrayNode x ? x : at.putArray(name);
                a.add(value);
            }
            case REMOVE -> {
                ArrayNode a = at.get(name) instanceof ArrayNode x ? x : at.putArray(name);
                for (int i = a.size() - 1; i >= 0; i--) {
                    if (a.get(i).equals(value)) {
                        a.remove(i);
                    }
                }
            }
            default -> at.set(name, value);
        }
    }
}
