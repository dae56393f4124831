package org.fuyu.policy.evaluation;

import java.util.concurrent.atomic.AtomicBoolean;
import org.kie.api.definition.rule.Rule;

/**
 * The engine's handle on the cases it evaluates: reset, fail, count firings, drop a failed
 * pack's decisions. Rules must not reach these (a rule that could reset a case could erase other
 * packs' decisions), so they are package-private on the cases and this handle is given out once,
 * to the engine, when its class is initialised — before any rule can run.
 */
public final class EngineAccess {
    /** The DRL package of the engine's own rules (the completion marker); no pack may use it. */
    public static final String ENGINE_PACKAGE = "fuyu.engine";
    /** The engine's own rule: the last to fire for every case, so a case that misses it did not finish. */
    public static final String ENGINE_DRL = "package " + ENGINE_PACKAGE + ";\n"
            + "import org.fuyu.policy.evaluation.CaseContext;\n"
            + "rule \"evaluation complete\" salience -2147483648\n"
            + "when\n    $case : CaseContext()\nthen\n    $case.complete(kcontext);\nend\n";
    private static final AtomicBoolean CLAIMED = new AtomicBoolean();

    private EngineAccess() {
    }

    /** The one handle; a second call fails. */
    public static EngineAccess claim() {
        if (!CLAIMED.compareAndSet(false, true)) {
            throw new IllegalStateException("the engine's handle on cases was already claimed");
        }
        return new EngineAccess();
    }

    public void reset(CaseContext c) {
        c.reset();
    }

    public void fail(CaseContext c, String message) {
        c.fail(message);
    }

    public void countFiring(CaseContext c, Rule rule) {
        c.countFiring(rule);
    }

    public boolean isComplete(CaseContext c) {
        return c.isComplete();
    }

    public int decisionCount(CaseContext c) {
        return c.decisionCount();
    }

    public void truncate(CaseContext c, int keep) {
        c.truncate(keep);
    }

    public void markComplete(CaseContext c) {
        c.markComplete();
    }

    public void uncomplete(CaseContext c) {
        c.uncomplete();
    }

    public void packErrors(CaseContext c, java.util.List<String> errors) {
        c.packErrors(errors);
    }

    public java.util.List<String> packErrors(CaseContext c) {
        return c.packErrors();
    }

    /** The decisions the case did not get because a parameter they read has no value on its date. */
    public java.util.List<org.fuyu.policy.Undecided> undecided(CaseContext c) {
        return c.undecided();
    }

    /** A copy of the counters a household case added to so far (empty for a county case). */
    public java.util.Map<String, Long> tallies(CaseContext c) {
        return c instanceof HouseholdCase h ? new java.util.HashMap<>(h.tallies()) : java.util.Map.of();
    }

    public void restoreTallies(CaseContext c, java.util.Map<String, Long> tallies) {
        if (c instanceof HouseholdCase h) {
            h.restoreTallies(tallies);
        }
    }

    /** Probe mode (what would change a result): a denial lists every criterion, passed ones too. */
    public void allCriteria(CaseContext c) {
        c.allCriteria = true;
    }
}
