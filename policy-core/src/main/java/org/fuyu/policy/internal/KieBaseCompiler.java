package org.fuyu.policy.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fuyu.policy.PolicyException;
import org.fuyu.policy.Problem;
import org.fuyu.policy.packs.DecisionTables;
import org.fuyu.policy.packs.PackResource;
import org.fuyu.policy.packs.RulePack;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.CompositeKnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.builder.KnowledgeBuilderResult;
import org.kie.internal.builder.ResultSeverity;
import org.kie.internal.io.ResourceFactory;

/**
 * Compiles the rule files of a set of packs into one Drools KieBase (each pack keeps its own
 * DRL packages). Every compile error is reported with the pack's own file name and line.
 */
public final class KieBaseCompiler {
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;?");

    private KieBaseCompiler() {
    }

    /** The result: the KieBase and, for each DRL package, the pack that declared it. */
    public record Compiled(KieBase kieBase, Map<String, String> packByPackage, boolean fromModel) {
        Compiled(KieBase kieBase, Map<String, String> packByPackage) {
            this(kieBase, packByPackage, false);
        }
    }

    /**
     * The KieBase of packs that were all compiled when their jar was built, made from their
     * executable models; {@code null} when a model cannot be loaded (a jar built against another
     * Drools, say): the caller then compiles the packs from their files.
     */
    public static Compiled fromModels(List<RulePack> packs, Map<String, org.fuyu.policy.packs.Precompiled> precompiled,
                                      ClassLoader classLoader) {
        if (needsCompletionRule(packs)) {
            return null;
        }
        try {
            List<org.drools.model.Model> models = new ArrayList<>();
            Map<String, String> packByPackage = new HashMap<>();
            for (RulePack pack : packs) {
                org.fuyu.policy.packs.Precompiled p = precompiled.get(pack.id());
                models.add((org.drools.model.Model) p.loadModel(pack).getDeclaredConstructor().newInstance());
                packByPackage.put(p.packageName(), pack.id());
            }
            KieBaseConfiguration conf = KieServices.Factory.get().newKieBaseConfiguration(null, classLoader);
            KieBase kieBase = org.drools.modelcompiler.KieBaseBuilder.createKieBaseFromModel(models, conf);
            return new Compiled(kieBase, packByPackage, true);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            org.slf4j.LoggerFactory.getLogger(KieBaseCompiler.class).debug(
                    "precompiled packs not usable, compiling from the rule files: {}", e.toString());
            return null;
        }
    }

    public static Compiled compile(List<RulePack> packs, ClassLoader classLoader) {
        return compile(packs, classLoader, List.of());
    }

    /**
     * Compiles hand-written DRL and tables of trusted packs, the DRL generated from rule-language
     * files, and the engine's own rule, with one KnowledgeBuilder (Drools' public builder API).
     */
    public static Compiled compile(List<RulePack> packs, ClassLoader classLoader,
                                   List<org.fuyu.policy.packs.lang.RuleLanguage.Generated> generated) {
        // rule files by the path Drools knows them by (the resources folder of a KieModule, as before)
        Map<String, PackResource> byPath = new HashMap<>();
        Map<String, byte[]> contentByPath = new java.util.TreeMap<>();
        Map<String, ResourceType> typeByPath = new HashMap<>();
        Map<String, String> packByPackage = new HashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (RulePack pack : packs) {
            for (PackResource r : pack.resources()) {
                if (r.kind().ruleLanguage()) {
                    continue; // compiled by the rule-language compiler: its DRL comes below
                }
                String name = r.name();
                if (r.kind() == PackResource.Kind.DECISION_TABLE_CSV && !name.endsWith(".drl.csv")) {
                    name = name.substring(0, name.length() - 4) + ".drl.csv";
                } else if (r.kind() == PackResource.Kind.DECISION_TABLE_XLSX && !name.endsWith(".drl.xlsx")) {
                    name = name.substring(0, name.length() - 5) + ".drl.xlsx";
                }
                String folder = pack.id().replace('-', '_');
                Matcher m = null;
                byte[] content = r.content();
                if (r.kind() == PackResource.Kind.DRL) {
                    m = PACKAGE.matcher(r.text());
                } else if (DecisionTables.isDecisionTable(r)) {
                    String drl;
                    try {
                        drl = DecisionTables.toDrl(r); // read once and cached: validation already read it
                    } catch (PolicyException e) {
                        problems.addAll(e.problems());
                        continue;
                    }
                    m = PACKAGE.matcher(drl); // the RuleSet package of the sheet
                    // Drools compiles the DRL the sheet generates (the same SpreadsheetCompiler output it
                    // would make itself), so the spreadsheet is not parsed again on every build
                    name = name + ".drl";
                    content = drl.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                } else if (ResourceType.determineResourceType(name) == null) {
                    continue; // not a file Drools compiles (a KieModule would skip it too)
                }
                boolean hasPackage = m != null && m.find();
                if (hasPackage) {
                    folder = m.group(1).replace('.', '/');
                }
                String path = folder + "/" + name;
                byPath.put(path, r);
                contentByPath.put(path, content);
                typeByPath.put(path, r.kind() == PackResource.Kind.OTHER ? ResourceType.determineResourceType(name)
                        : ResourceType.DRL);
                if (hasPackage && (m.group(1).equals("fuyu") || m.group(1).startsWith("fuyu."))) {
                    problems.add(Problem.of(r.location(), 0, "package " + m.group(1) + " is reserved for Fuyu's engine and"
                            + " generated rules; give the DRL a package of its own (DRL 包名 fuyu.* 为系统保留)"));
                }
                if (hasPackage) {
                    String prev = packByPackage.putIfAbsent(m.group(1), pack.id());
                    if (prev != null && !prev.equals(pack.id())) {
                        problems.add(Problem.of(r.location(), 0, "package " + m.group(1)
                                + " is already used by pack '" + prev + "'; each pack needs its own DRL package"));
                    }
                }
            }
        }
        for (org.fuyu.policy.packs.lang.RuleLanguage.Generated g : generated) {
            String path = g.packageName().replace('.', '/') + "/" + g.packId() + ".generated.drl";
            byPath.put(path, new PackResource(g.packId() + ".generated.drl", "DRL generated for pack '" + g.packId() + "'",
                    g.drl().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            contentByPath.put(path, g.drl().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            typeByPath.put(path, ResourceType.DRL);
            String prev = packByPackage.putIfAbsent(g.packageName(), g.packId());
            if (prev != null && !prev.equals(g.packId())) {
                problems.add(Problem.of(g.packId(), 0, "packs '" + prev + "' and '" + g.packId() + "' have ids that make the"
                        + " same DRL package " + g.packageName() + "; rename one"));
            }
        }
        if (needsCompletionRule(packs)) {
            String engine = org.fuyu.policy.evaluation.EngineAccess.ENGINE_PACKAGE.replace('.', '/') + "/engine.drl";
            contentByPath.put(engine, org.fuyu.policy.evaluation.EngineAccess.ENGINE_DRL.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            typeByPath.put(engine, ResourceType.DRL);
        }
        if (!problems.isEmpty()) {
            throw new PolicyException(problems);
        }
        // one KnowledgeBuilder straight from the files: no KieModule, pom or container to make and drop
        KnowledgeBuilder builder = build(contentByPath, typeByPath, classLoader);
        if (builder.hasResults(ResultSeverity.ERROR)) {
            List<CompileMessages.Raw> raws = new ArrayList<>();
            Map<PackResource, DecisionTables.Table> tables = new HashMap<>();
            for (KnowledgeBuilderResult m : builder.getResults(ResultSeverity.ERROR)) {
                String sourcePath = m.getResource() == null ? null : m.getResource().getSourcePath();
                PackResource r = sourcePath == null ? null : byPath.get(sourcePath);
                String file = r != null ? r.location() : (sourcePath == null ? "rules" : sourcePath);
                int line = m.getLines().length > 0 ? m.getLines()[0] : -1;
                if (r != null && r.name().endsWith(".generated.drl")) {
                    problems.add(Problem.of(r.location(), line, "internal error: Drools refused the DRL Fuyu generated"
                            + " from the rule files (生成的 DRL 无法编译，请报告); see it with fuyu validate --show-drl: "
                            + m.getMessage().replace('\n', ' ')));
                    continue;
                }
                boolean table = r != null && DecisionTables.isDecisionTable(r);
                if (table) {
                    // Drools reports the line of the DRL it generated: report the sheet row instead
                    try {
                        line = tables.computeIfAbsent(r, DecisionTables::read).rowOfDrlLine(line);
                    } catch (PolicyException e) {
                        line = 0;
                    }
                }
                raws.add(new CompileMessages.Raw(file, line, m.getMessage(),
                        r != null && !table ? r.text() : null, table));
            }
            if (!raws.isEmpty()) {
                problems.addAll(CompileMessages.explain(raws, classLoader));
            }
            throw new PolicyException(problems);
        }
        KieBase kieBase = builder.newKieBase();
        for (org.kie.api.definition.KiePackage p : kieBase.getKiePackages()) {
            if (!p.getRules().isEmpty() && !packByPackage.containsKey(p.getName())) {
                // decision tables declare their package in the sheet
                packByPackage.putIfAbsent(p.getName(), packFor(p.getName(), packs, byPath));
            }
        }
        return new Compiled(kieBase, packByPackage);
    }

    /**
     * Whether the engine needs its own last rule to see that every case finished: only hand-written
     * DRL (or a Drools table) can stop a session early; rules generated from the rule language cannot.
     */
    public static boolean needsCompletionRule(List<RulePack> packs) {
        for (RulePack p : packs) {
            for (PackResource r : p.resources()) {
                if (r.kind().code()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** One KnowledgeBuilder for these files, added in path order (the order a package's rules load in). */
    private static KnowledgeBuilder build(Map<String, byte[]> contentByPath, Map<String, ResourceType> typeByPath,
                                          ClassLoader classLoader) {
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(
                KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(null, classLoader));
        CompositeKnowledgeBuilder batch = builder.batch();
        contentByPath.forEach((path, content) -> {
            // UTF-8, not the platform charset (under LANG=C that garbled every 中文 citation)
            Resource resource = new org.drools.io.ByteArrayResource(content, "UTF-8");
            resource.setSourcePath(path);
            batch.add(resource, typeByPath.get(path));
        });
        batch.build();
        return builder;
    }

    private static String packFor(String packageName, List<RulePack> packs, Map<String, PackResource> byPath) {
        for (RulePack pack : packs) {
            for (PackResource r : pack.resources()) {
                if (r.kind() != PackResource.Kind.DRL && r.kind() != PackResource.Kind.OTHER
                        && new String(r.content(), java.nio.charset.StandardCharsets.ISO_8859_1).contains(packageName)) {
                    return pack.id();
                }
            }
        }
        return packs.size() == 1 ? packs.get(0).id() : packageName;
    }

}
