package org.fuyu.policy.testkit;

import org.fuyu.policy.PolicyEngine;

/** The property suite against every pack shipped in policy-rules, with their default parameters. */
class ShippedPacksPropertiesTest extends PolicyPropertySuite {
    static final PolicyEngine ENGINE = PolicyEngine.builder().addClasspathPacks().build();

    @Override
    protected PolicyEngine engine() {
        return ENGINE;
    }
}
