package org.fuyu.policy.rules;

import org.fuyu.policy.packs.ClasspathRulePack;

/** The {@code prosperity-targets} pack (spec §3.5), shipped on the class path. */
public final class ProsperityTargetsPack extends ClasspathRulePack {
    public ProsperityTargetsPack() {
        super("packs/prosperity-targets");
    }
}
