package org.fuyu.policy.spark;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.fuyu.policy.CaseResult;
import org.fuyu.policy.Decision;
import org.fuyu.policy.EvaluationOptions;
import org.fuyu.policy.HouseholdInput;
import org.fuyu.policy.Outcome;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.PolicyRun;
import org.fuyu.policy.facts.Business;
import org.fuyu.policy.facts.Village;
import org.fuyu.policy.io.DecisionLines;
import org.fuyu.policy.io.RecordError;
import org.fuyu.policy.io.RunSummary;

/**
 * The household stage: one task evaluates one partition of households (each with its
 * businesses) with this executor's engine, in batches of one stateless session each, and emits
 * their decision lines, rejected records, the counters each county's households added, and its
 * share of the summary — with the same messages and counts as {@code fuyu evaluate}'s
 * household stream.
 */
final class HouseholdStage implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final Broadcast<EngineSpec> spec;
    private final LocalDate asOf;
    private final boolean explainDenials;
    private final int batchSize;
    private final String householdsName;
    private final String businessesName;
    private final boolean hasHouseholds;

    HouseholdStage(Broadcast<EngineSpec> spec, LocalDate asOf, boolean explainDenials, int batchSize,
                   String householdsName, String businessesName, boolean hasHouseholds) {
        this.spec = spec;
        this.asOf = asOf;
        this.explainDenials = explainDenials;
        this.batchSize = batchSize;
        this.householdsName = householdsName;
        this.businessesName = businessesName;
        this.hasHouseholds = hasHouseholds;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        PolicyEngine engine = spec.value().engine();
        EvaluationOptions options = new EvaluationOptions(asOf, explainDenials);
        return new Task(rows, engine, options, this);
    }

    private final class Task extends GroupedHouseholds {
        private final PolicyEngine engine;
        private final PolicyRun run;
        private final RunSummary counts;
        private final SummaryPart part;
        private final BigDecimal lowIncomeLine;
        private final Map<String, Long> budgetBefore;

        Task(Iterator<Row> rows, PolicyEngine engine, EvaluationOptions options, HouseholdStage stage) {
            super(rows, stage.householdsName, stage.businessesName, stage.hasHouseholds, stage.batchSize);
            this.engine = engine;
            this.run = engine.newRun(options);
            this.counts = new RunSummary(asOf, engine.packs());
            this.part = new SummaryPart(counts);
            this.lowIncomeLine = engine.incomeLine(asOf); // the line a pack declares, as evaluate takes it
            this.budgetBefore = engine.timeBudgetExceeded();
        }

        @Override
        protected void householdRejected(RecordError e) {
            RunSummary.FileCounts hs = counts.file(this.householdsName);
            hs.read++;
            hs.rejected++;
            emit(error(e));
        }

        @Override
        protected void businessOrphaned(RecordError e) {
            counts.file(businessesName).rejected++;
            emit(error(e));
        }

        @Override
        protected void evaluate(List<Admitted> batch, List<Village> villages) {
            if (!villages.isEmpty()) {
                run.addVillages(villages);
            }
            List<CaseResult> results = run.evaluate(batch.stream().map(Admitted::input).toList());
            RunSummary.FileCounts hs = counts.file(householdsName);
            DecisionLines lines = new DecisionLines();
            for (int i = 0; i < batch.size(); i++) {
                Admitted a = batch.get(i);
                CaseResult r = results.get(i);
                hs.read++;
                List<Business> own = a.input().businesses();
                if (r.failed()) {
                    hs.rejected++;
                    emit(error(new RecordError(a.source(), a.line(), "", "evaluation failed: " + r.error(), r.subjectId())));
                    rejectBusinesses(a);
                    continue;
                }
                int mark = lines.size();
                try {
                    for (Decision d : r.decisions()) {
                        lines.add(d);
                    }
                } catch (RuntimeException | StackOverflowError e) {
                    lines.truncate(mark);
                    hs.rejected++;
                    emit(error(new RecordError(a.source(), a.line(), "", "无法写出决定 / a decision could not be written: "
                            + e + "; the household was not evaluated", r.subjectId())));
                    rejectBusinesses(a);
                    continue;
                }
                hs.evaluated++;
                for (String packError : r.packErrors()) {
                    emit(error(new RecordError(a.source(), a.line(), "", "一个规则包的规则对本户失败，其他规则包已作出决定 / the rules of one "
                            + "pack failed for this household and its other packs decided it: " + packError, r.subjectId())));
                    part.packErrors++;
                }
                for (org.fuyu.policy.Undecided u : r.undecided()) {
                    // evaluated, but a parameter one code reads has no value on the run's date: only that code is missing
                    emit(error(new RecordError(a.source(), a.line(), "", u.message(), r.subjectId(), u.code(), u.parameter())));
                    part.undecided.merge(u.code(), 1L, Long::sum);
                    part.undecidedWhy.putIfAbsent(u.code(), u.message());
                }
                if (!own.isEmpty()) {
                    counts.file(businessesName).evaluated += own.size();
                }
                int seq = 0;
                for (Decision d : r.decisions()) {
                    counts.add(d, r.countyId(), a.input().household().villageId());
                    if (d.outcome() == Outcome.FLAG && r.countyId() != null) {
                        part.sample(r.countyId(), d.code(), a.source(), a.line(), seq++, d.subjectId());
                    }
                }
                if (r.countyId() != null) {
                    counts.household(r.countyId(), a.input().household(), lowIncomeLine);
                } else {
                    counts.householdsWithoutCounty++;
                    part.withoutCounty(a.source(), a.line(), a.input().household().villageId(), r.subjectId());
                }
            }
            for (String line : split(lines.toByteArray())) {
                emit(decisionLine(line));
            }
        }

        private void rejectBusinesses(Admitted a) {
            List<Business> own = a.input().businesses();
            if (own.isEmpty()) {
                return;
            }
            counts.file(businessesName).rejected += own.size();
            for (int k = 0; k < own.size(); k++) {
                Business x = own.get(k);
                emit(error(new RecordError(businessesName, a.businessLines()[k], "householdId",
                        "its household '" + x.householdId() + "' could not be evaluated", x.id())));
            }
        }

        @Override
        protected void finish() {
            PolicyRun.Tallies t = run.tallies();
            t.households().forEach((county, n) -> emit(tally(county, n, t.counters().getOrDefault(county, Map.of()))));
            engine.timeBudgetExceeded().forEach((pack, n) -> {
                long delta = n - budgetBefore.getOrDefault(pack, 0L);
                if (delta > 0) {
                    part.budget.merge(pack, delta, Long::sum);
                }
            });
            counts.counties.values().forEach(c -> c.flaggedSample.clear()); // kept in input order by the part
            emit(part(part.toJson()));
        }
    }

    /** The lines of a JSON Lines buffer (decision lines hold no raw newline: JSON escapes it). */
    static List<String> split(byte[] buf) {
        List<String> out = new java.util.ArrayList<>();
        int start = 0;
        for (int i = 0; i < buf.length; i++) {
            if (buf[i] == '\n') {
                out.add(new String(buf, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < buf.length) {
            out.add(new String(buf, start, buf.length - start, StandardCharsets.UTF_8));
        }
        return out;
    }
}
