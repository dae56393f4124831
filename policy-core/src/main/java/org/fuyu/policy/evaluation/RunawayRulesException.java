package org.fuyu.policy.evaluation;

/** A case fired more rules than the engine allows: a rule that re-triggers itself. */
public final class RunawayRulesException extends RuntimeException {
    public RunawayRulesException(String message) {
        super(message);
    }
}
