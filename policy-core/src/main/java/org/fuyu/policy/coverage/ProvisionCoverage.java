package org.fuyu.policy.coverage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.fuyu.policy.CaseResult;
import org.fuyu.policy.Decision;
import org.fuyu.policy.Outcome;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.RuleFiringListener;
import org.fuyu.policy.RunResult;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * Provision coverage: which rules of the loaded packs a set of cases reached, and which never.
 * Add it to the engine as a listener, register the engine's rules, feed it the decisions the
 * cases got, then read the {@link CoverageReport}:
 * <pre>
 * ProvisionCoverage coverage = new ProvisionCoverage();
 * PolicyEngine engine = PolicyEngine.builder().addClasspathPacks().addRuleFiringListener(coverage).build();
 * coverage.addRulesOf(engine);
 * coverage.record(engine.evaluateAll(...));
 * coverage.report().text();
 * </pre>
 * A rule that decides (its consequence calls {@code decide(}, or it was seen to record a
 * decision) is reached when it made at least one decision that is not a denial (GRANTED, FLAG,
 * TARGET_MET or TARGET_MISSED): rules in this DSL fire for every case and decide in their
 * consequence, so firing alone would say little. Any other rule (one that tallies a counter, notes
 * a missing fact or checks parameters; a decision-table row) is reached when it fired.
 * Thread-safe: cases may be evaluated concurrently.
 */
public final class ProvisionCoverage implements RuleFiringListener {
    private record RuleKey(String packageName, String rule) {
    }

    private record DecisionKey(String pack, String rule) {
    }

    private record RuleInfo(String pack, String packVersion, String packageName, String rule, String citation,
                            String source, boolean decisionTableRow, boolean decides) {
    }

    private static final java.util.regex.Pattern PACKAGE = java.util.regex.Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)");
    private static final java.util.regex.Pattern RULE = java.util.regex.Pattern.compile(
            "(?ms)^\\s*rule\\s+(?:\"([^\"]+)\"|'([^']+)'|(\\S+))(.*?)^\\s*end\\b");

    private final Map<RuleKey, RuleInfo> rules = new ConcurrentHashMap<>();
    private final Map<RuleKey, LongAdder> firings = new ConcurrentHashMap<>();
    /** Generated rules by their DRL name, to the name their decisions carry. */
    private final Map<RuleKey, String> generatedNames = new ConcurrentHashMap<>();
    private final Map<DecisionKey, Map<Outcome, LongAdder>> decisions = new ConcurrentHashMap<>();

    /** Registers every rule of the engine's KieBase, so rules that never fire are reported too. */
    public ProvisionCoverage addRulesOf(PolicyEngine engine) {
        Map<String, String> versions = new java.util.HashMap<>();
        engine.packs().forEach(p -> versions.put(p.id(), p.version()));
        java.util.Set<RuleKey> deciding = decidingRules(engine);
        for (KiePackage p : engine.kieBase().getKiePackages()) {
            if (org.fuyu.policy.evaluation.EngineAccess.ENGINE_PACKAGE.equals(p.getName())) {
                continue; // the engine's own completion rule, not a provision
            }
            List<org.fuyu.policy.evaluation.RuleInfo> generated = engine.generatedRules(p.getName());
            if (!generated.isEmpty()) {
                addGenerated(engine.packOfPackage(p.getName()), versions, p, generated);
                continue;
            }
            for (Rule r : p.getRules()) {
                String pack = engine.packOfPackage(p.getName());
                if (pack == null) {
                    pack = p.getName();
                }
                Object citation = r.getMetaData().get("citation");
                String source = r instanceof RuleImpl ri && ri.getResource() != null
                        ? ri.getResource().getSourcePath() : null;
                if (source != null && (source.endsWith(".csv.drl") || source.endsWith(".xlsx.drl"))) {
                    source = source.substring(0, source.length() - 4); // the DRL the engine generated from a table
                }
                boolean row = source != null && (source.endsWith(".csv") || source.endsWith(".xlsx"));
                rules.putIfAbsent(new RuleKey(p.getName(), r.getName()), new RuleInfo(pack, versions.get(pack),
                        p.getName(), r.getName(), citation == null ? null : citation.toString(),
                        source == null ? null : fileName(source), row, deciding.contains(new RuleKey(p.getName(), r.getName()))));
            }
        }
        return this;
    }

    /**
     * A pack written in the rule language: one provision per decision or table row (under the name
     * its decisions carry), reached by its decisions; counters and the notes of undecided county
     * indicators are reached by firing. Denial rules are the same provisions' other side.
     */
    private void addGenerated(String pack, Map<String, String> versions, KiePackage p,
                              List<org.fuyu.policy.evaluation.RuleInfo> generated) {
        for (org.fuyu.policy.evaluation.RuleInfo info : generated) {
            String drools = info.name().equals(info.code()) ? info.code() : info.code() + " row " + info.line();
            generatedNames.put(new RuleKey(p.getName(), drools), info.name());
            String file = info.file() == null ? null : fileName(info.file());
            boolean row = file != null && (file.endsWith(".csv") || file.endsWith(".xlsx"));
            rules.putIfAbsent(new RuleKey(p.getName(), info.name()), new RuleInfo(pack, versions.get(pack), p.getName(),
                    info.name(), info.citation(), file, row, true));
        }
        for (Rule r : p.getRules()) {
            String name = r.getName();
            // the notes for indicators that cannot be decided are the compiler's safety net, not provisions
            if (name.startsWith("counter ") || name.endsWith(" (otherwise)")) {
                rules.putIfAbsent(new RuleKey(p.getName(), name), new RuleInfo(pack, versions.get(pack), p.getName(), name,
                        null, null, false, false));
            }
        }
    }

    @Override
    public void fired(String packageName, String ruleName) {
        if (!generatedNames.isEmpty()) {
            String base = ruleName.endsWith(" (denied)") ? ruleName.substring(0, ruleName.length() - 9) : ruleName;
            String display = generatedNames.get(new RuleKey(packageName, base));
            if (display != null) {
                ruleName = display;
            }
        }
        firings.computeIfAbsent(new RuleKey(packageName, ruleName), k -> new LongAdder()).increment();
    }

    /** Counts the decisions a set of cases got (by pack and rule). */
    public void record(Collection<Decision> made) {
        for (Decision d : made) {
            decisions.computeIfAbsent(new DecisionKey(d.pack(), d.rule()), k -> new ConcurrentHashMap<>())
                    .computeIfAbsent(d.outcome(), k -> new LongAdder()).increment();
        }
    }

    public void record(RunResult result) {
        record(result.decisions());
    }

    public void record(CaseResult result) {
        record(result.decisions());
    }

    /** The coverage so far, per pack in pack order, rules in name order. */
    public CoverageReport report() {
        List<CoverageReport.RuleCoverage> out = new ArrayList<>();
        for (Map.Entry<RuleKey, RuleInfo> e : rules.entrySet()) {
            RuleInfo info = e.getValue();
            LongAdder f = firings.get(e.getKey());
            Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
            Map<Outcome, LongAdder> ds = decisions.get(new DecisionKey(info.pack(), info.rule()));
            if (ds != null) {
                ds.forEach((k, v) -> counts.put(k, v.sum()));
            }
            out.add(new CoverageReport.RuleCoverage(info.pack(), info.packVersion(), info.packageName(), info.rule(),
                    info.citation(), info.source(), info.decisionTableRow(), info.decides() || !counts.isEmpty(),
                    f == null ? 0 : f.sum(), counts));
        }
        return CoverageReport.of(out);
    }

    /** DRL rules whose consequence records a decision ({@code decide(}), read from the packs' rule files. */
    private static java.util.Set<RuleKey> decidingRules(PolicyEngine engine) {
        java.util.Set<RuleKey> out = new java.util.HashSet<>();
        for (org.fuyu.policy.packs.RulePack pack : engine.rulePacks()) {
            for (org.fuyu.policy.packs.PackResource r : pack.resources()) {
                if (r.kind() != org.fuyu.policy.packs.PackResource.Kind.DRL) {
                    continue;
                }
                String text = r.text();
                java.util.regex.Matcher pm = PACKAGE.matcher(text);
                String pkg = pm.find() ? pm.group(1) : "";
                java.util.regex.Matcher m = RULE.matcher(text);
                while (m.find()) {
                    String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
                    if (m.group(4).contains("decide(")) {
                        out.add(new RuleKey(pkg, name));
                    }
                }
            }
        }
        return out;
    }

    private static String fileName(String path) {
        int i = path.lastIndexOf('/');
        return i < 0 ? path : path.substring(i + 1);
    }
}
