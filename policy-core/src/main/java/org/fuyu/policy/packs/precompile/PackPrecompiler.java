package org.fuyu.policy.packs.precompile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.model.codegen.ExecutableModelProject;
import org.fuyu.policy.Problem;
import org.fuyu.policy.packs.Precompiled;
import org.fuyu.policy.packs.RulePack;
import org.fuyu.policy.packs.RulePacks;
import org.fuyu.policy.packs.lang.RuleLanguage;
import org.fuyu.policy.params.Parameter;
import org.fuyu.policy.params.ParameterSet;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;

/**
 * Compiles the rule packs of a jar when the jar is built: each class path pack's rule-language
 * files become DRL, and the DRL becomes a Drools executable model (Java classes, compiled here).
 * Writes the classes and each pack's {@value Precompiled#FILE} into the build's output folder, so
 * an engine of shipped packs needs neither a Java compiler nor a spreadsheet reader at run time.
 *
 * <p>Run by the build of {@code policy-rules} (and of a county's own pack jar, see
 * {@code docs/plugins.md}) after its classes are compiled:
 * {@code java -cp <the module's class path with drools-model-codegen> org.fuyu.policy.packs.precompile.PackPrecompiler target/classes}.
 * Any problem in a pack fails the build with the pack's file and line.
 */
public final class PackPrecompiler {
    private static final Pattern MODEL_CLASS = Pattern.compile("Rules[0-9A-F]{32}\\.class");

    private PackPrecompiler() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: PackPrecompiler <classes folder>");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        List<RulePack> packs = RulePacks.fromClasspath();
        List<String> failures = new ArrayList<>();
        int done = 0;
        for (RulePack pack : packs) {
            if (!RuleLanguage.uses(pack) || pack.resources().stream().anyMatch(r -> r.kind().code())) {
                continue; // hand-written DRL is compiled when the engine is built
            }
            String folder = pack.origin().substring("classpath:".length());
            if (!Files.isRegularFile(out.resolve(folder).resolve("pack.yaml"))) {
                continue; // a pack of another jar on the class path
            }
            List<String> problems = precompile(pack, packs, out, folder);
            if (problems.isEmpty()) {
                done++;
            }
            failures.addAll(problems);
        }
        if (!failures.isEmpty()) {
            failures.forEach(System.err::println);
            System.exit(1);
        }
        System.out.println("precompiled " + done + " rule pack(s) into " + out);
    }

    private static List<String> precompile(RulePack pack, List<RulePack> all, Path out, String folder) throws IOException {
        // the names the engine would check the rules against when every pack of the class path is loaded
        List<Parameter> params = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (RulePack p : all) {
            for (Parameter x : p.parameters().all()) {
                if (seen.add(x.name())) {
                    params.add(x);
                }
            }
        }
        ParameterSet parameters = ParameterSet.of(params);
        List<String> problems = new ArrayList<>();
        RuleLanguage.Generated g = RuleLanguage.compile(pack, parameters.names());
        List<Problem> found = new ArrayList<>(g.problems());
        found.addAll(RuleLanguage.checkTables(pack, parameters));
        if (g.ok()) {
            found.addAll(RuleLanguage.checkBands(pack, parameters));
        }
        for (Problem p : found) {
            problems.add(p.toString());
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.write("src/main/resources/" + g.packageName().replace('.', '/') + "/" + pack.id() + ".generated.drl", g.drl());
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll(ExecutableModelProject.class);
        for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
            problems.add(pack.origin() + ": Drools refused the generated DRL (生成的 DRL 无法编译): " + m.getText());
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        InternalKieModule module = (InternalKieModule) builder.getKieModule();
        String packageDir = g.packageName().replace('.', '/') + "/";
        Path generatedDir = out.resolve(packageDir);
        if (Files.isDirectory(generatedDir)) {
            // the classes of an earlier build of this pack (the package holds nothing else)
            try (java.util.stream.Stream<Path> old = Files.walk(generatedDir)) {
                for (Path f : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
        String model = null;
        for (String f : module.getFileNames()) {
            if (!f.endsWith(".class") || !f.startsWith(packageDir)) {
                continue; // the KieModule's own project model and descriptors are not needed
            }
            Path target = out.resolve(f);
            Files.createDirectories(target.getParent());
            Files.write(target, module.getBytes(f));
            String simple = f.substring(packageDir.length());
            if (MODEL_CLASS.matcher(simple).matches()) {
                if (model != null) {
                    problems.add(pack.origin() + ": two executable model classes in " + packageDir);
                }
                model = (packageDir + simple.substring(0, simple.length() - ".class".length())).replace('/', '.');
            }
        }
        if (model == null) {
            problems.add(pack.origin() + ": the executable model has no Rules class in " + packageDir);
            return problems;
        }
        Files.write(out.resolve(folder).resolve(Precompiled.FILE), Precompiled.of(pack, g, model, parameters).toJson());
        return problems;
    }
}
