package org.fuyu.policy;

/**
 * Hears every rule firing of an engine (for provision coverage and auditing). Called from
 * evaluation threads: implementations must be thread-safe and fast.
 */
@FunctionalInterface
public interface RuleFiringListener {
    /**
     * @param packageName the DRL package of the rule
     * @param ruleName the rule's name (for decision tables, the generated row rule name)
     */
    void fired(String packageName, String ruleName);
}
