package org.fuyu.policy.rules;

import org.fuyu.policy.packs.ClasspathRulePack;

/** The {@code collective-income} pack (spec §3.3), shipped on the class path. */
public final class CollectiveIncomePack extends ClasspathRulePack {
    public CollectiveIncomePack() {
        super("packs/collective-income");
    }
}
