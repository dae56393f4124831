package org.fuyu.policy.rules;

import org.fuyu.policy.packs.ClasspathRulePack;

/** The {@code low-income-relief} pack (spec §3.1), shipped on the class path. */
public final class LowIncomeReliefPack extends ClasspathRulePack {
    public LowIncomeReliefPack() {
        super("packs/low-income-relief");
    }
}
