package org.fuyu.policy;

import java.util.List;
import org.fuyu.policy.evaluation.CaseContext;
import org.fuyu.policy.evaluation.RunawayRulesException;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.rule.Match;

/**
 * Counts every rule firing of one session against the case it matched, so a rule that keeps
 * re-triggering itself (modify, update or insert in a loop, with or without a decision) is stopped
 * after the engine's limit instead of hanging the batch. Firings that match no case fact count
 * against a budget for the whole session. Used for one case at a time, after the cheaper
 * {@link ChangeGuard} stopped a session: counting every firing costs about 10–15% of throughput.
 */
final class FiringLimit extends DefaultAgendaEventListener {
    private final List<RuleFiringListener> listeners;
    private final long sessionBudget;
    private long unattributed;

    FiringLimit(List<RuleFiringListener> listeners, int maxFiringsPerCase, int cases) {
        this.listeners = listeners;
        this.sessionBudget = (long) maxFiringsPerCase * Math.max(1, cases);
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        Match match = event.getMatch();
        CaseContext c = caseOf(match);
        if (c != null) {
            PolicyEngine.ACCESS.countFiring(c, match.getRule());
        } else if (++unattributed > sessionBudget) {
            Rule r = match.getRule();
            throw new RunawayRulesException("more than " + sessionBudget + " rule firings that match no case (last rule: "
                    + r.getPackageName() + "." + r.getName() + "); a rule probably re-triggers itself");
        }
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        if (!listeners.isEmpty()) {
            Rule r = event.getMatch().getRule();
            for (RuleFiringListener l : listeners) {
                l.fired(r.getPackageName(), r.getName());
            }
        }
    }

    private static CaseContext caseOf(Match match) {
        for (Object o : match.getObjects()) {
            if (o instanceof CaseContext c) {
                return c;
            }
        }
        return null;
    }

    /**
     * The batch guard: a rule can only re-trigger itself by changing the working memory (modify,
     * update, insert, delete), which the shipped packs never do, so counting those changes costs a
     * batch nothing. Past {@code maxFiringsPerCase + 16 × cases} changes in one session the batch
     * is stopped, and the engine re-runs its cases one by one under {@link FiringLimit}.
     */
    static final class ChangeGuard implements RuleRuntimeEventListener {
        private final int initialInserts;
        private final long budget;
        private long events;

        ChangeGuard(int cases, int maxFiringsPerCase) {
            this.initialInserts = cases;
            this.budget = (long) maxFiringsPerCase + 16L * cases;
        }

        private void count() {
            if (++events - initialInserts > budget) {
                throw new RunawayRulesException("more than " + budget + " working memory changes in one batch");
            }
        }

        @Override
        public void objectInserted(ObjectInsertedEvent event) {
            count();
        }

        @Override
        public void objectUpdated(ObjectUpdatedEvent event) {
            count();
        }

        @Override
        public void objectDeleted(ObjectDeletedEvent event) {
            count();
        }
    }
}
