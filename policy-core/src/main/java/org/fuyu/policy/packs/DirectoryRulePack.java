package org.fuyu.policy.packs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.fuyu.policy.PolicyException;
import org.fuyu.policy.Problem;
import org.fuyu.policy.params.ParameterFiles;
import org.fuyu.policy.params.ParameterSet;

/**
 * A pack in a directory edited by policy staff: {@code pack.yaml}, every {@code *.drl},
 * {@code *.drl.csv} and {@code *.drl.xlsx} file (in name order) and {@code parameters.yaml}.
 * Not trusted: the engine checks its rules against the sandbox.
 */
final class DirectoryRulePack implements RulePack {
    private final Path dir;
    private final PackManifest manifest;
    private final List<PackResource> resources;
    private final ParameterSet parameters;

    DirectoryRulePack(Path dir) {
        this.dir = dir;
        Path manifestFile = dir.resolve("pack.yaml");
        if (!Files.isRegularFile(manifestFile)) {
            throw new PolicyException(Problem.of(manifestFile.toString(), 0,
                    "missing: a pack directory needs pack.yaml (id, version, title, codes)"));
        }
        try (InputStream in = Files.newInputStream(manifestFile)) {
            this.manifest = Manifests.read(manifestFile.toString(), in);
        } catch (IOException e) {
            throw new PolicyException(Problem.of(manifestFile.toString(), 0, "cannot read: " + e.getMessage()));
        }
        List<PackResource> rs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (Files.isRegularFile(f) && PackResource.Kind.of(name) != PackResource.Kind.OTHER) {
                    rs.add(new PackResource(name, f.toString(), Files.readAllBytes(f)));
                }
            }
        } catch (IOException e) {
            throw new PolicyException(Problem.of(dir.toString(), 0, "cannot read pack directory: " + e.getMessage()));
        }
        if (rs.isEmpty()) {
            throw new PolicyException(Problem.of(dir.toString(), 0, "no rule files (*.drl, *.drl.csv, *.drl.xlsx) in the pack"));
        }
        this.resources = List.copyOf(rs);
        Path params = dir.resolve("parameters.yaml");
        this.parameters = Files.isRegularFile(params) ? ParameterFiles.read(params) : ParameterSet.empty();
    }

    @Override
    public PackManifest manifest() {
        return manifest;
    }

    @Override
    public List<PackResource> resources() {
        return resources;
    }

    @Override
    public ParameterSet parameters() {
        return parameters;
    }

    @Override
    public boolean trusted() {
        return false;
    }

    @Override
    public String origin() {
        return dir.toString();
    }

    @Override
    public String toString() {
        return manifest.id() + " (" + dir + ")";
    }
}
