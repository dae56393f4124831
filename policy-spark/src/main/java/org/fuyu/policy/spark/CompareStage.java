package org.fuyu.policy.spark;

import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.fuyu.policy.CaseResult;
import org.fuyu.policy.EvaluationOptions;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.PolicyRun;
import org.fuyu.policy.facts.Business;
import org.fuyu.policy.facts.Village;
import org.fuyu.policy.io.FactMapper;
import org.fuyu.policy.io.RecordError;
import org.fuyu.policy.io.RunSummary;
import org.fuyu.policy.reform.ComparisonAccumulator;
import org.fuyu.policy.reform.ReformComparison;

/**
 * The household stage of a comparison: every household of a partition is evaluated under the
 * baseline and the reform engine (each built once per executor) and diffed at once, as
 * {@code fuyu compare}'s input pass does; emits the subjects that changed, rejected records,
 * each side's county counters and the partition's comparison totals.
 */
final class CompareStage implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    static final String BASELINE = ReformComparison.SIDES.get(0);
    static final String REFORM = ReformComparison.SIDES.get(1);

    private final Broadcast<EngineSpec> baseline;
    private final Broadcast<EngineSpec> reform;
    private final Broadcast<byte[]> emptyTotals;
    private final LocalDate asOf;
    private final int batchSize;
    private final String householdsName;
    private final String businessesName;
    private final boolean hasHouseholds;

    CompareStage(Broadcast<EngineSpec> baseline, Broadcast<EngineSpec> reform, Broadcast<byte[]> emptyTotals,
                 LocalDate asOf, int batchSize, String householdsName, String businessesName, boolean hasHouseholds) {
        this.baseline = baseline;
        this.reform = reform;
        this.emptyTotals = emptyTotals;
        this.asOf = asOf;
        this.batchSize = batchSize;
        this.householdsName = householdsName;
        this.businessesName = businessesName;
        this.hasHouseholds = hasHouseholds;
    }

    /** An empty accumulator, serialized on the driver with the comparison's benefit codes. */
    static ComparisonAccumulator emptyAccumulator(byte[] bytes) {
        SummaryPart p = new SummaryPart();
        p.accumulator = java.util.Base64.getEncoder().encodeToString(bytes);
        return p.accumulator();
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        return new Task(rows, this);
    }

    private static final class Task extends GroupedHouseholds {
        private final List<PolicyRun> runs;
        private final RunSummary counts;
        private final SummaryPart part;
        private final ComparisonAccumulator acc;
        private final com.fasterxml.jackson.databind.ObjectWriter json = FactMapper.get().writer()
                .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

        Task(Iterator<Row> rows, CompareStage s) {
            super(rows, s.householdsName, s.businessesName, s.hasHouseholds, s.batchSize);
            EvaluationOptions options = EvaluationOptions.asOf(s.asOf);
            PolicyEngine b = s.baseline.value().engine();
            PolicyEngine r = s.reform.value().engine();
            this.runs = List.of(b.newRun(options), r.newRun(options));
            this.counts = new RunSummary();
            this.part = new SummaryPart(counts);
            this.acc = emptyAccumulator(s.emptyTotals.value());
            acc.changes(c -> {
                try {
                    emit(GroupedHouseholds.decisionLine(json.writeValueAsString(c)));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        @Override
        protected void householdRejected(RecordError e) {
            RunSummary.FileCounts hs = counts.file(householdsName);
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
            List<List<CaseResult>> perRun = new java.util.ArrayList<>();
            for (PolicyRun run : runs) {
                if (!villages.isEmpty()) {
                    run.addVillages(villages);
                }
                perRun.add(run.evaluate(batch.stream().map(Admitted::input).toList()));
            }
            RunSummary.FileCounts hs = counts.file(householdsName);
            for (int i = 0; i < batch.size(); i++) {
                Admitted a = batch.get(i);
                hs.read++;
                String failure = null;
                for (int r = 0; r < runs.size() && failure == null; r++) {
                    CaseResult result = perRun.get(r).get(i);
                    if (result.failed()) {
                        failure = "evaluation failed under " + ReformComparison.SIDES.get(r) + ": " + result.error();
                    }
                }
                List<Business> own = a.input().businesses();
                if (failure != null) {
                    hs.rejected++;
                    emit(error(new RecordError(a.source(), a.line(), "", failure, a.input().household().id())));
                    if (!own.isEmpty()) {
                        counts.file(businessesName).rejected += own.size();
                        for (Business b : own) {
                            emit(error(new RecordError(businessesName, 0, "householdId",
                                    "its household '" + b.householdId() + "' could not be evaluated", b.id())));
                        }
                    }
                } else {
                    hs.evaluated++;
                    if (!own.isEmpty()) {
                        counts.file(businessesName).evaluated += own.size();
                    }
                    acc.household(a.input(), perRun.get(0).get(i), perRun.get(1).get(i));
                }
            }
        }

        @Override
        protected void finish() {
            for (int r = 0; r < runs.size(); r++) {
                PolicyRun.Tallies t = runs.get(r).tallies();
                String side = ReformComparison.SIDES.get(r);
                t.households().forEach((county, n) -> emit(sideTally(side, county, n,
                        t.counters().getOrDefault(county, Map.of()))));
            }
            counts.householdsWithoutCounty = runs.get(0).householdsWithoutCounty(); // the same on both sides
            part.accumulator(acc);
            emit(part(part.toJson()));
        }
    }

    static Row sideTally(String side, String countyId, long households, Map<String, Long> counters) {
        return RowFactory.create(Schemas.TALLY, null, side, null, null, null, null, countyId, households,
                scala.jdk.javaapi.CollectionConverters.asScala(counters), null, null);
    }
}
