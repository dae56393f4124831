package org.fuyu.policy.spark;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.packs.RulePack;
import org.fuyu.policy.params.ParameterSet;

/**
 * What an engine is built from, as data that can be broadcast: the packs' contents and the
 * parameter overrides, in order. {@link #engine()} builds the engine once per JVM and content
 * hash ({@link #key()}) and hands the same engine to every partition and task after that; the
 * engine itself (a Drools KieBase) is never serialized.
 */
final class EngineSpec implements Serializable {
    private static final long serialVersionUID = 1L;
    /** One engine per content hash in each JVM (driver or executor); engines are immutable and thread-safe. */
    private static final Map<String, PolicyEngine> ENGINES = new ConcurrentHashMap<>();

    private final List<ShippedPack> packs;
    private final List<List<ShippedPack.ParameterData>> overrides;
    private final String key;

    EngineSpec(List<? extends RulePack> packs, List<ParameterSet> overrides) {
        this.packs = new ArrayList<>(packs.stream().map(ShippedPack::of).toList());
        this.overrides = new ArrayList<>(overrides.stream().map(ShippedPack::parameters).toList());
        this.key = hash();
    }

    /** SHA-256 of everything the engine is built from. */
    String key() {
        return key;
    }

    /** The engine for this spec, built on first use in this JVM. */
    PolicyEngine engine() {
        return ENGINES.computeIfAbsent(key, k -> build());
    }

    /** How many engines this JVM has built (one per content hash), for tests. */
    static int enginesBuilt() {
        return ENGINES.size();
    }

    private PolicyEngine build() {
        PolicyEngine.Builder b = PolicyEngine.builder();
        packs.forEach(p -> b.addPack(p.pack()));
        overrides.forEach(o -> b.overrideParameters(ShippedPack.parameterSet(o)));
        return b.build();
    }

    private String hash() {
        MessageDigest h;
        try {
            h = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
        for (ShippedPack p : packs) {
            p.digest(h);
            h.update((byte) 0);
        }
        for (List<ShippedPack.ParameterData> o : overrides) {
            for (ShippedPack.ParameterData p : o) {
                h.update((p.name() + "|" + p.values() + "|" + p.source()).getBytes(StandardCharsets.UTF_8));
            }
            h.update((byte) 1);
        }
        return HexFormat.of().formatHex(h.digest());
    }
}
