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
        List<Problem> problems = new ArrayList<>();
        Path manifestFile = dir.resolve("pack.yaml");
        PackManifest m = null;
        if (!Files.isRegularFile(manifestFile)) {
            problems.add(Problem.of(manifestFile.toString(), 0,
                    "missing: a pack directory needs pack.yaml (id, version, title, codes)"));
        } else {
            try (InputStream in = Files.newInputStream(manifestFile)) {
                m = Manifests.read(manifestFile.toString(), in);
            } catch (PolicyException e) {
                problems.addAll(PackValidator.problemsOf(e, manifestFile.toString()));
            } catch (IOException e) {
                problems.add(Problem.of(manifestFile.toString(), 0, "cannot read: " + e.getMessage()));
            }
        }
        List<PackResource> rs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (!Files.isRegularFile(f) || name.startsWith(".") || name.startsWith("~$")) {
                    continue; // hidden files and the lock files spreadsheet programs leave while a table is open
                }
                if (PackResource.Kind.of(name) != PackResource.Kind.OTHER) {
                    rs.add(new PackResource(name, f.toString(), Files.readAllBytes(f)));
                } else if (name.endsWith(".xls")) {
                    problems.add(Problem.of(f.toString(), 0, "old Excel format: save the decision table as .xlsx"
                            + " (" + name.substring(0, name.length() - 4) + ".drl.xlsx)"));
                }
            }
        } catch (IOException e) {
            problems.add(Problem.of(dir.toString(), 0, "cannot read pack directory: " + e.getMessage()));
        }
        if (rs.isEmpty()) {
            problems.add(Problem.of(dir.toString(), 0, "no rule files (*.drl, *.drl.csv, *.drl.xlsx) in the pack"));
        }
        Path params = dir.resolve("parameters.yaml");
        ParameterSet ps = ParameterSet.empty();
        if (Files.isRegularFile(params)) {
            try (InputStream in = Files.newInputStream(params)) {
                ps = ParameterFiles.parse(params.toString(), in, problems);
            } catch (IOException e) {
                problems.add(Problem.of(params.toString(), 0, "cannot read: " + e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new PolicyException(problems);
        }
        this.manifest = m;
        this.resources = List.copyOf(rs);
        this.parameters = ps;
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
