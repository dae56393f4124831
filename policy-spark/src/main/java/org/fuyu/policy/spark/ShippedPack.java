package org.fuyu.policy.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.fuyu.policy.io.FactMapper;
import org.fuyu.policy.packs.PackHashes;
import org.fuyu.policy.packs.PackManifest;
import org.fuyu.policy.packs.PackResource;
import org.fuyu.policy.packs.RulePack;
import org.fuyu.policy.packs.RulePacks;
import org.fuyu.policy.params.Parameter;
import org.fuyu.policy.params.ParameterSet;

/**
 * A rule pack as data: its manifest, its rule files' bytes and its parameters, as the driver
 * loaded them (from the class path, a directory or a plug-in). A Drools KieBase cannot be
 * serialized, so this is what travels to the executors, each of which builds its own engine from
 * it ({@link EngineSpec}). The pack rebuilt there has the same id, version (content hash), origin
 * and trust as on the driver, so its decisions carry the same pack version.
 */
final class ShippedPack implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One parameter with its dated values. */
    record ParameterData(String name, String description, String unit, String reference,
                         TreeMap<LocalDate, BigDecimal> values, String source) implements Serializable {
    }

    /** One rule file. */
    record ResourceData(String name, String location, byte[] content) implements Serializable {
    }

    private final String manifestJson;
    private final List<ResourceData> resources;
    /** Every file of the pack ({@link RulePack#files()}), which its version hash covers. */
    private final List<ResourceData> files;
    /** {@link PackHashes#sha256} on the driver: the same pack found on an executor's class path is used as is. */
    private final String sha256;
    private final List<ParameterData> parameters;
    private final boolean trusted;
    private final String origin;

    private ShippedPack(String manifestJson, List<ResourceData> resources, List<ResourceData> files,
                        String sha256, List<ParameterData> parameters, boolean trusted, String origin) {
        this.manifestJson = manifestJson;
        this.resources = resources;
        this.files = files;
        this.sha256 = sha256;
        this.parameters = parameters;
        this.trusted = trusted;
        this.origin = origin;
    }

    static ShippedPack of(RulePack pack) {
        return new ShippedPack(json(pack.manifest()), data(pack.resources()), data(pack.files()), PackHashes.sha256(pack),
                parameters(pack.parameters()), pack.trusted(), pack.origin());
    }

    private static List<ResourceData> data(List<PackResource> resources) {
        List<ResourceData> rs = new ArrayList<>();
        for (PackResource r : resources) {
            rs.add(new ResourceData(r.name(), r.location(), r.content().clone()));
        }
        return rs;
    }

    static List<ParameterData> parameters(ParameterSet set) {
        List<ParameterData> ps = new ArrayList<>();
        for (Parameter p : set.all()) {
            ps.add(new ParameterData(p.name(), p.description(), p.unit(), p.reference(), new TreeMap<>(p.values()),
                    p.source()));
        }
        return ps;
    }

    static ParameterSet parameterSet(List<ParameterData> data) {
        List<Parameter> ps = new ArrayList<>();
        for (ParameterData p : data) {
            ps.add(new Parameter(p.name(), p.description(), p.unit(), p.reference(), p.values(), p.source()));
        }
        return ParameterSet.of(ps);
    }

    private static String json(PackManifest m) {
        try {
            return FactMapper.get().writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the manifest of pack " + m.id(), e);
        }
    }

    /**
     * The pack on an executor: the class path pack itself when this JVM has the very same one (same id and
     * content hash; its build-time compiled rules are then used), else the pack rebuilt from the shipped data,
     * which hashes to the same version because it carries every file.
     */
    RulePack pack() {
        if (trusted) {
            for (RulePack p : RulePacks.fromClasspath()) {
                if (p.id().equals(id()) && PackHashes.sha256(p).equals(sha256)) {
                    return p;
                }
            }
        }
        return rebuilt();
    }

    private String id() {
        try {
            return FactMapper.get().readTree(manifestJson).path("id").asText();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a shipped pack manifest", e);
        }
    }

    /** The pack rebuilt from the shipped data. */
    RulePack rebuilt() {
        PackManifest manifest;
        try {
            manifest = FactMapper.get().readValue(manifestJson, PackManifest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a shipped pack manifest", e);
        }
        List<PackResource> rs = resources.stream().map(r -> new PackResource(r.name(), r.location(), r.content())).toList();
        List<PackResource> fs = files.stream().map(r -> new PackResource(r.name(), r.location(), r.content())).toList();
        ParameterSet params = parameterSet(parameters);
        return new RulePack() {
            @Override
            public PackManifest manifest() {
                return manifest;
            }

            @Override
            public List<PackResource> resources() {
                return rs;
            }

            @Override
            public List<PackResource> files() {
                return fs;
            }

            @Override
            public ParameterSet parameters() {
                return params;
            }

            @Override
            public boolean trusted() {
                return trusted;
            }

            @Override
            public String origin() {
                return origin;
            }

            @Override
            public String toString() {
                return manifest.id() + " (" + origin + ")";
            }
        };
    }

    /** Bytes that change whenever anything of the pack changes, for {@link EngineSpec#key()}. */
    void digest(java.security.MessageDigest h) {
        h.update(manifestJson.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        h.update((trusted + "|" + origin).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        h.update(sha256.getBytes(java.nio.charset.StandardCharsets.UTF_8)); // every file of the pack
        for (ResourceData r : resources) {
            h.update(r.name().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            h.update(r.content());
        }
        for (ParameterData p : parameters) {
            h.update((p.name() + "|" + p.values() + "|" + p.source()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

}
