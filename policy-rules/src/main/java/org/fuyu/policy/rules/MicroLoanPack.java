package org.fuyu.policy.rules;

import org.fuyu.policy.packs.ClasspathRulePack;

/** The {@code micro-loan} pack (spec §3.4), shipped on the class path. */
public final class MicroLoanPack extends ClasspathRulePack {
    public MicroLoanPack() {
        super("packs/micro-loan");
    }
}
