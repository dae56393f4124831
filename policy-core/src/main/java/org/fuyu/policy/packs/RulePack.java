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

    /**
     * Every file of the pack, for its content hash: {@code pack.yaml}, {@code parameters.yaml},
     * {@code properties.yaml}, the rule files and tables, and its policy cases
     * ({@code cases/*.yaml}), each named by its path inside the pack. By default the rule files
     * only (a pack that is not made of files).
     */
    default List<PackResource> files() {
        return resources();
    }

    /**
     * The manifest version plus the first 8 hex digits of the SHA-256 of every file of the pack
     * ({@link #files()}) and its default parameter values, so an edit of any of its files changes it.
     */
    default String version() {
        return manifest().version() + "+" + PackHashes.contentHash(this);
    }
}
