package org.fuyu.policy.evaluation;

import java.util.Map;

/**
 * What a running rule needs to know about the engine that runs it: which pack a DRL package
 * belongs to, and the per-case firing limit. Built by the engine; not for rule authors.
 */
public final class RuleRegistry {
    /** Pack id and version for one DRL package. */
    public record PackRef(String id, String version) {
    }

    private final Map<String, PackRef> packByPackage;
    private final int maxFiringsPerCase;

    public RuleRegistry(Map<String, PackRef> packByPackage, int maxFiringsPerCase) {
        this.packByPackage = Map.copyOf(packByPackage);
        this.maxFiringsPerCase = maxFiringsPerCase;
    }

    PackRef pack(String packageName) {
        PackRef p = packByPackage.get(packageName);
        return p != null ? p : new PackRef(packageName, "unknown");
    }

    /** The id of the pack that declared this DRL package, or null when no loaded pack did. */
    public String packId(String packageName) {
        PackRef p = packByPackage.get(packageName);
        return p == null ? null : p.id();
    }

    public int maxFiringsPerCase() {
        return maxFiringsPerCase;
    }
}
