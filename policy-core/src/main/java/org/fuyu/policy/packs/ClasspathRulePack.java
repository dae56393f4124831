package org.fuyu.policy.packs;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.fuyu.policy.PolicyException;
import org.fuyu.policy.Problem;
import org.fuyu.policy.params.ParameterFiles;
import org.fuyu.policy.params.ParameterSet;

/**
 * A trusted pack shipped in a jar: a class path folder with {@code pack.yaml} (whose
 * {@code files:} lists the rule files) and {@code parameters.yaml}. Subclass it with a public
 * no-argument constructor and list the subclass in
 * {@code META-INF/services/org.fuyu.policy.packs.RulePack}.
 */
public abstract class ClasspathRulePack implements RulePack {
    private final String base;
    private final PackManifest manifest;
    private final List<PackResource> resources;
    private final ParameterSet parameters;
    private final List<PackResource> files;

    /** @param folder class path folder, e.g. {@code org/fuyu/policy/rules/lowincome} */
    protected ClasspathRulePack(String folder) {
        this.base = folder.endsWith("/") ? folder : folder + "/";
        ClassLoader cl = getClass().getClassLoader();
        this.manifest = Manifests.read(location("pack.yaml"), open(cl, "pack.yaml"));
        if (manifest.files().isEmpty()) {
            throw new PolicyException(Problem.of(location("pack.yaml"), 0,
                    "files: a class path pack must list its rule files"));
        }
        List<PackResource> rs = new ArrayList<>();
        for (String f : manifest.files()) {
            try (InputStream in = open(cl, f)) {
                rs.add(new PackResource(f, location(f), in.readAllBytes()));
            } catch (IOException e) {
                throw new PolicyException(Problem.of(location(f), 0, "cannot read: " + e.getMessage()));
            }
        }
        this.resources = List.copyOf(rs);
        InputStream params = cl.getResourceAsStream(base + "parameters.yaml");
        this.parameters = params == null ? ParameterSet.empty() : ParameterFiles.read(location("parameters.yaml"), params);
        List<PackResource> all = new ArrayList<>(rs);
        for (String f : List.of("pack.yaml", "parameters.yaml", "properties.yaml")) {
            try (InputStream in = cl.getResourceAsStream(base + f)) {
                if (in != null) {
                    all.add(new PackResource(f, location(f), in.readAllBytes()));
                }
            } catch (IOException e) {
                throw new PolicyException(Problem.of(location(f), 0, "cannot read: " + e.getMessage()));
            }
        }
        this.files = List.copyOf(all);
    }

    private InputStream open(ClassLoader cl, String name) {
        InputStream in = cl.getResourceAsStream(base + name);
        if (in == null) {
            throw new PolicyException(Problem.of(location(name), 0, "not found on the class path"));
        }
        return in;
    }

    /** The class path folder, ending in {@code /}. */
    String base() {
        return base;
    }

    private String location(String name) {
        return "classpath:" + base + name;
    }

    @Override
    public PackManifest manifest() {
        return manifest;
    }

    @Override
    public List<PackResource> resources() {
        return resources;
    }

    /** pack.yaml, parameters.yaml, properties.yaml and the rule files listed under {@code files:}. */
    @Override
    public List<PackResource> files() {
        return files;
    }

    @Override
    public ParameterSet parameters() {
        return parameters;
    }

    @Override
    public boolean trusted() {
        return true;
    }

    @Override
    public String origin() {
        return "classpath:" + base;
    }

    @Override
    public String toString() {
        return manifest.id() + " (" + origin() + ")";
    }
}
