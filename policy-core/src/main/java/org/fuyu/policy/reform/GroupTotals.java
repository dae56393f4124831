package org.fuyu.policy.reform;

/**
 * What a comparison counts for a group of households (a village, an income bin or decile):
 * how many, how many changed, winners and losers with their deltas, and benefit before and after.
 */
class GroupTotals implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    long households;
    long changed;
    long winners;
    long winnersDelta;
    long losers;
    long losersDelta;
    long baselineYuan;
    long reformYuan;

    /** Counts one household with its total benefit under the baseline and the reform. */
    void add(long baseline, long reform, boolean changedDecisions) {
        households++;
        if (changedDecisions) {
            changed++;
        }
        long delta = Math.subtractExact(reform, baseline); // money sums are exact: an overflow stops, never wraps
        if (delta > 0) {
            winners++;
            winnersDelta = Math.addExact(winnersDelta, delta);
        } else if (delta < 0) {
            losers++;
            losersDelta = Math.addExact(losersDelta, delta);
        }
        baselineYuan = Math.addExact(baselineYuan, baseline);
        reformYuan = Math.addExact(reformYuan, reform);
    }

    void merge(GroupTotals o) {
        households += o.households;
        changed += o.changed;
        winners += o.winners;
        winnersDelta = Math.addExact(winnersDelta, o.winnersDelta);
        losers += o.losers;
        losersDelta = Math.addExact(losersDelta, o.losersDelta);
        baselineYuan = Math.addExact(baselineYuan, o.baselineYuan);
        reformYuan = Math.addExact(reformYuan, o.reformYuan);
    }

    Comparison.GainLoss winnersGainLoss() {
        return new Comparison.GainLoss(winners, winnersDelta);
    }

    Comparison.GainLoss losersGainLoss() {
        return new Comparison.GainLoss(losers, losersDelta);
    }
}
