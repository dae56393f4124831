package org.fuyu.policy.rules;

import org.fuyu.policy.packs.ClasspathRulePack;

/** The {@code entrepreneurship-grants} pack (spec §3.2), shipped on the class path. */
public final class EntrepreneurshipGrantsPack extends ClasspathRulePack {
    public EntrepreneurshipGrantsPack() {
        super("packs/entrepreneurship-grants");
    }
}
