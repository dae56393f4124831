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
 * A pack in a directory edited by policy staff: {@code pack.yaml}, every rule-language file
 * ({@code *.rules.yaml}, {@code *.table.csv}, {@code *.table.xlsx}, in name order) and
 * {@code parameters.yaml}. DRL and Drools decision tables ({@code *.drl}, {@code *.drl.csv},
 * {@code *.drl.xlsx}) are refused unless the host marked the directory trusted.
 */
final class DirectoryRulePack implements RulePack {
    private final Path dir;
    private final boolean trusted;
    private final PackManifest manifest;
    private final List<PackResource> resources;
    private final ParameterSet parameters;
    private final List<PackResource> files;

    DirectoryRulePack(Path dir) {
        this(dir, false);
    }

    DirectoryRulePack(Path dir, boolean trusted) {
        this.dir = dir;
        this.trusted = trusted;
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
                PackResource.Kind kind = PackResource.Kind.of(name);
                if (kind.code() && !trusted) {
                    problems.add(Problem.of(f.toString(), 1, org.fuyu.policy.Lang.pick(
                            "政策人员编辑的规则目录里不能放 DRL 或 Drools 决策表（其中是 Java 代码）；请用规则语言写成 *.rules.yaml 或"
                                    + " *.table.csv（见 docs/rule-language.md），或由开发人员把这个目录标记为可信（--trusted-rules）",
                            "raw DRL and Drools decision tables (which hold Java) are not allowed in a rule directory policy"
                                    + " staff edit; write the rules as *.rules.yaml or *.table.csv (docs/rule-language.md),"
                                    + " or have a developer mark the directory trusted (--trusted-rules)")));
                } else if (kind != PackResource.Kind.OTHER) {
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
            if (problems.isEmpty()) {
                problems.add(Problem.of(dir.toString(), 0, org.fuyu.policy.Lang.pick(
                        "规则包里没有规则文件（*.rules.yaml、*.table.csv、*.table.xlsx）",
                        "no rule files (*.rules.yaml, *.table.csv, *.table.xlsx) in the pack")));
            }
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
        this.files = everyFile(dir);
    }

    /**
     * Every file of the pack for its content hash: the regular files of the directory and of its
     * {@code cases} folder (hidden files and spreadsheet lock files aside), named by their path in the pack.
     */
    private static List<PackResource> everyFile(Path dir) {
        List<PackResource> out = new ArrayList<>();
        for (Path folder : List.of(dir, dir.resolve("cases"))) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                for (Path f : files.sorted().toList()) {
                    String name = f.getFileName().toString();
                    if (Files.isRegularFile(f) && !name.startsWith(".") && !name.startsWith("~$")) {
                        String inPack = dir.relativize(f).toString().replace('\\', '/');
                        out.add(new PackResource(inPack, f.toString(), Files.readAllBytes(f)));
                    }
                }
            } catch (IOException e) {
                throw new PolicyException(Problem.of(folder.toString(), 0, "cannot read: " + e.getMessage()));
            }
        }
        return List.copyOf(out);
    }

    @Override
    public PackManifest manifest() {
        return manifest;
    }

    @Override
    public List<PackResource> resources() {
        return resources;
    }

    /** Every regular file of the directory and of its {@code cases} folder. */
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
        return trusted;
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
