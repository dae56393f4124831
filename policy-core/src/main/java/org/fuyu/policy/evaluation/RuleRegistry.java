package org.fuyu.policy.evaluation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a running rule needs to know about the engine that runs it: which pack a DRL package
 * belongs to, the rules the rule-language compiler generated for it, which pack declares each
 * decision code, and the per-case firing limit. Built by the engine; not for rule authors.
 */
public final class RuleRegistry {
    /** Pack id and version for one DRL package. */
    public record PackRef(String id, String version) {
    }

    /**
     * The days a decision code is in force, both included; a null end is open. Outside them the
     * code is not decided (its decisions are not recorded).
     */
    public record InForce(java.time.LocalDate from, java.time.LocalDate until) {
        public boolean on(java.time.LocalDate asOf) {
            return (from == null || !asOf.isBefore(from)) && (until == null || !asOf.isAfter(until));
        }

        @Override
        public String toString() {
            return (from == null ? "" : "from " + from) + (from != null && until != null ? " " : "")
                    + (until == null ? "" : "until " + until);
        }
    }

    private final Map<String, PackRef> packByPackage;
    private final Map<String, InForce> inForce;
    private final Map<String, List<RuleInfo>> rulesByPackage;
    private final Map<String, String> packOfCode;
    private final int maxFiringsPerCase;

    public RuleRegistry(Map<String, PackRef> packByPackage, int maxFiringsPerCase) {
        this(packByPackage, Map.of(), Map.of(), maxFiringsPerCase);
    }

    public RuleRegistry(Map<String, PackRef> packByPackage, Map<String, List<RuleInfo>> rulesByPackage,
                        Map<String, Set<String>> codesByPack, int maxFiringsPerCase) {
        this(packByPackage, rulesByPackage, codesByPack, Map.of(), maxFiringsPerCase);
    }

    /** @param inForce the codes in force only between dates (pack.yaml's effective and until), by code */
    public RuleRegistry(Map<String, PackRef> packByPackage, Map<String, List<RuleInfo>> rulesByPackage,
                        Map<String, Set<String>> codesByPack, Map<String, InForce> inForce, int maxFiringsPerCase) {
        this.inForce = Map.copyOf(inForce);
        this.packByPackage = Map.copyOf(packByPackage);
        this.rulesByPackage = Map.copyOf(rulesByPackage);
        Map<String, String> owner = new HashMap<>();
        codesByPack.forEach((pack, codes) -> codes.forEach(c -> owner.putIfAbsent(c, pack)));
        this.packOfCode = Map.copyOf(owner);
        this.maxFiringsPerCase = maxFiringsPerCase;
    }

    PackRef pack(String packageName) {
        PackRef p = packByPackage.get(packageName);
        return p != null ? p : new PackRef(packageName, "unknown");
    }

    RuleInfo rule(String packageName, int index) {
        List<RuleInfo> rules = rulesByPackage.get(packageName);
        if (rules == null || index < 0 || index >= rules.size()) {
            throw new IllegalStateException("no generated rule " + index + " in package " + packageName);
        }
        return rules.get(index);
    }

    /** The pack that declares this decision code in its pack.yaml, or null. */
    String packOfCode(String code) {
        return packOfCode.get(code);
    }

    /** The id of the pack that declared this DRL package, or null when no loaded pack did. */
    public String packId(String packageName) {
        PackRef p = packByPackage.get(packageName);
        return p == null ? null : p.id();
    }

    /** The rules generated for this package, by index (empty for DRL written by hand). */
    public List<RuleInfo> generatedRules(String packageName) {
        return rulesByPackage.getOrDefault(packageName, List.of());
    }

    /** Whether decisions of {@code code} are made on {@code asOf} (always, unless pack.yaml dates it). */
    public boolean inForce(String code, java.time.LocalDate asOf) {
        if (inForce.isEmpty()) {
            return true;
        }
        InForce w = inForce.get(code);
        return w == null || w.on(asOf);
    }

    /** The dated codes: code → the days it is in force. */
    public Map<String, InForce> datedCodes() {
        return inForce;
    }

    public int maxFiringsPerCase() {
        return maxFiringsPerCase;
    }
}
