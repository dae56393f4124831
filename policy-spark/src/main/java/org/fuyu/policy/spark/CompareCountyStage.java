package org.fuyu.policy.spark;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.fuyu.policy.CaseResult;
import org.fuyu.policy.EvaluationOptions;
import org.fuyu.policy.RunResult;
import org.fuyu.policy.io.FactMapper;
import org.fuyu.policy.io.RecordError;
import org.fuyu.policy.io.RunSummary;
import org.fuyu.policy.reform.ComparisonAccumulator;

/**
 * The county stage of a comparison: each county's villages and county decided under both
 * engines from each side's counter sums, and diffed as {@code fuyu compare} diffs them.
 */
final class CompareCountyStage implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final Broadcast<EngineSpec> baseline;
    private final Broadcast<EngineSpec> reform;
    private final Broadcast<byte[]> emptyTotals;
    private final LocalDate asOf;

    CompareCountyStage(Broadcast<EngineSpec> baseline, Broadcast<EngineSpec> reform, Broadcast<byte[]> emptyTotals,
                       LocalDate asOf) {
        this.baseline = baseline;
        this.reform = reform;
        this.emptyTotals = emptyTotals;
        this.asOf = asOf;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        EvaluationOptions options = EvaluationOptions.asOf(asOf);
        com.fasterxml.jackson.databind.ObjectWriter json = FactMapper.get().writer()
                .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
        List<Row> out = new ArrayList<>();
        while (rows.hasNext()) {
            Row row = rows.next();
            CountyStage.Case base = CountyStage.Case.of(row);
            // the reform side's counters are in columns 6 and 7 of the row
            CountyStage.Case ref = CountyStage.Case.of(RowFactory.create(row.get(0), row.get(6), row.get(7), row.get(3),
                    row.get(4), row.get(5)));
            RunResult b = base.decide(baseline.value().engine(), options);
            RunResult r = ref.decide(reform.value().engine(), options);
            ComparisonAccumulator acc = CompareStage.emptyAccumulator(emptyTotals.value());
            acc.changes(c -> {
                try {
                    out.add(GroupedHouseholds.decisionLine(json.writeValueAsString(c)));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            });
            CaseResult x = b.cases().isEmpty() ? null : b.cases().get(0);
            CaseResult y = r.cases().isEmpty() ? null : r.cases().get(0);
            if (x != null && x.failed() || y != null && y.failed()) {
                CaseResult f = x != null && x.failed() ? x : y;
                out.add(GroupedHouseholds.error(new RecordError("county " + f.subjectId(), 0, "",
                        "evaluation failed: " + f.error(), f.subjectId())));
            } else {
                acc.county(x, y);
            }
            SummaryPart part = new SummaryPart(new RunSummary());
            part.countyId = base.countyId();
            part.runNotes.addAll(b.notes());
            part.reformNotes.addAll(r.notes());
            part.accumulator(acc);
            out.add(GroupedHouseholds.part(part.toJson()));
        }
        return out.iterator();
    }
}
