package org.fuyu.policy.io;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;
import org.fuyu.policy.CaseResult;
import org.fuyu.policy.Decision;
import org.fuyu.policy.HouseholdInput;
import org.fuyu.policy.Undecided;

/**
 * The sink of {@code evaluate}: each household's decisions as JSON Lines to
 * {@code decisions.jsonl}, its pack errors and undecided codes as error lines, and its decisions
 * and income in the summary's counts (per county and village). One run.
 */
final class DecisionSink implements HouseholdSink {
    private final OutputStream decisions;
    private final BigDecimal incomeLine;

    /** @param incomeLine the per-capita income line the engine's packs declare, on the run's date; null for none */
    DecisionSink(OutputStream decisions, BigDecimal incomeLine) {
        this.decisions = decisions;
        this.incomeLine = incomeLine;
    }

    @Override
    public Part part(RunSummary counts, List<RecordError> errors) {
        DecisionLines lines = new DecisionLines();
        return new Part() {
            @Override
            public RecordError household(String file, int line, HouseholdInput in, List<CaseResult> results) {
                CaseResult r = results.get(0);
                int mark = lines.size();
                try {
                    for (Decision d : r.decisions()) {
                        lines.add(d, r.whatWouldChange().isEmpty() ? null : r.whatWouldChange(d));
                    }
                } catch (RuntimeException | StackOverflowError e) {
                    lines.truncate(mark);
                    return new RecordError(file, line, "", "无法写出决定 / a decision could not be written: "
                            + org.fuyu.policy.Words.failure(e) + "; the household was not evaluated", r.subjectId());
                }
                for (String packError : r.packErrors()) {
                    // evaluated, but one pack's rules failed on it: its other packs' decisions stand
                    errors.add(new RecordError(file, line, "", "一个规则包的规则对本户失败，其他规则包已作出决定 / the rules of one "
                            + "pack failed for this household and its other packs decided it: " + packError, r.subjectId()));
                    counts.packErrors++;
                }
                for (Undecided u : r.undecided()) {
                    // evaluated, but a parameter one code reads has no value on the run's date: only that code is missing
                    errors.add(new RecordError(file, line, "", u.message(), r.subjectId(), u.code(), u.parameter()));
                    counts.undecided(u);
                }
                for (Decision d : r.decisions()) {
                    counts.add(d, r.countyId(), in.household().villageId());
                }
                if (r.countyId() != null) {
                    counts.household(r.countyId(), in.household(), incomeLine);
                } else {
                    counts.householdsWithoutCounty++;
                    counts.withoutCounty(RunSummary.withoutCountyRecord(file, line, in.household().villageId(), r.subjectId()));
                }
                return null;
            }

            @Override
            public void write() throws IOException {
                lines.writeTo(decisions);
            }
        };
    }
}
