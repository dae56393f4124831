package org.fuyu.policy.packs;

import java.util.List;
import org.fuyu.policy.params.ParameterSet;

/**
 * A rule pack: the plug-in unit of Fuyu. A jar is a plug-in when it lists an implementation in
 * {@code META-INF/services/org.fuyu.policy.packs.RulePack}; a directory that policy staff edit
 * is loaded with {@link RulePacks#fromDirectory}.
 */
public interface RulePack {

    /** Id, version, title, codes and citations, from {@code pack.yaml}. */
    PackManifest manifest();

    /** The DRL files and decision tables. */
    List<PackResource> resources();

    /** The pack's default parameters (its {@code parameters.yaml}). */
    ParameterSet parameters();

    /**
     * Packs on the class path are trusted code; packs loaded from a directory are edited by
     * people and are checked against the rule sandbox before use.
     */
    boolean trusted();

    /** Where the pack came from, for messages: a class path location or a directory. */
    String origin();

    default String id() {
        return manifest().id();
    }

    /** The manifest version plus a hash of the pack's content, so any edit changes it. */
    default String version() {
        return manifest().version() + "+" + PackHashes.contentHash(this);
    }
}
