package org.fuyu.policy.spark;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.fuyu.policy.CaseResult;
import org.fuyu.policy.Decision;
import org.fuyu.policy.EvaluationOptions;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.PolicyRun;
import org.fuyu.policy.RunResult;
import org.fuyu.policy.facts.County;
import org.fuyu.policy.facts.Village;
import org.fuyu.policy.io.DecisionLines;
import org.fuyu.policy.io.FactReader;
import org.fuyu.policy.io.RecordError;
import org.fuyu.policy.io.RunSummary;

/**
 * The county stage: each row is one county with the sums of the counters its households added
 * (a Spark aggregation over every household task), its villages and its County record; the case
 * is decided by a {@link PolicyRun} of its own that is given those sums ({@link
 * PolicyRun#addTallies}), so village and county decisions are the ones {@code fuyu evaluate}
 * makes after streaming every household.
 */
final class CountyStage implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final Broadcast<EngineSpec> spec;
    private final LocalDate asOf;
    private final boolean explainDenials;
    private final String countiesName;

    CountyStage(Broadcast<EngineSpec> spec, LocalDate asOf, boolean explainDenials, String countiesName) {
        this.spec = spec;
        this.asOf = asOf;
        this.explainDenials = explainDenials;
        this.countiesName = countiesName;
    }

    /** What one county's case needs, read from its row. */
    record Case(String countyId, County county, int countyLine, List<Village> villages, PolicyRun.Tallies tallies) {
        static Case of(Row r) {
            String id = r.getString(0);
            long n = r.isNullAt(1) ? 0 : r.getLong(1);
            Map<String, Long> counters = new TreeMap<>();
            if (!r.isNullAt(2)) {
                counters.putAll(r.getJavaMap(2));
            }
            List<Village> villages = new ArrayList<>();
            if (!r.isNullAt(3)) {
                FactReader<Village> reader = new FactReader<>(Village.class);
                List<Row> vs = new ArrayList<>(r.getList(3));
                vs.sort(java.util.Comparator.comparingInt(v -> v.getInt(0)));
                for (Row v : vs) {
                    byte[] json = (byte[]) v.get(1);
                    reader.readLine("villages", 2, json, 0, json.length, ok -> villages.add(ok.value()), bad -> { });
                }
            }
            County county = null;
            int line = 0;
            if (!r.isNullAt(5)) {
                byte[] json = (byte[]) r.get(5);
                County[] c = new County[1];
                new FactReader<>(County.class).readLine("counties", 2, json, 0, json.length, ok -> c[0] = ok.value(), bad -> { });
                county = c[0];
                line = r.isNullAt(4) ? 0 : r.getInt(4);
            }
            PolicyRun.Tallies t = new PolicyRun.Tallies(n > 0 ? Map.of(id, n) : Map.of(),
                    counters.isEmpty() ? Map.of() : Map.of(id, counters), 0);
            return new Case(id, county, line, villages, t);
        }

        /** Decides the county's villages and the county, as a run over its households would. */
        RunResult decide(PolicyEngine engine, EvaluationOptions options) {
            PolicyRun run = engine.newRun(options);
            if (county != null) {
                run.addCounties(List.of(county));
            }
            run.addVillages(villages);
            run.addTallies(tallies);
            return run.finish();
        }
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        PolicyEngine engine = spec.value().engine();
        EvaluationOptions options = new EvaluationOptions(asOf, explainDenials);
        List<Row> out = new ArrayList<>();
        while (rows.hasNext()) {
            Case c = Case.of(rows.next());
            RunSummary counts = new RunSummary(asOf, engine.packs());
            SummaryPart part = new SummaryPart(counts);
            part.countyId = c.countyId();
            c.villages().forEach(counts::village);
            RunResult result = c.decide(engine, options);
            DecisionLines lines = new DecisionLines();
            for (CaseResult r : result.cases()) {
                if (r.failed()) {
                    if (c.county() != null && c.countyLine() > 0) {
                        RunSummary.FileCounts f = counts.file(countiesName);
                        f.evaluated--;
                        f.rejected++;
                        out.add(GroupedHouseholds.error(new RecordError(countiesName, c.countyLine(), "",
                                "evaluation failed: " + r.error(), r.subjectId())));
                    } else {
                        // a case made without a record of its own (a county only households name): noted, not a record
                        part.areaNotes.add("county " + r.subjectId() + " (no record in " + countiesName
                                + ") was not decided: " + r.error());
                    }
                    continue;
                }
                for (Decision d : r.decisions()) {
                    lines.add(d);
                    counts.add(d, r.countyId());
                }
            }
            part.runNotes.addAll(result.notes());
            for (String line : HouseholdStage.split(lines.toByteArray())) {
                out.add(GroupedHouseholds.decisionLine(line));
            }
            out.add(GroupedHouseholds.part(part.toJson()));
        }
        return out.iterator();
    }
}
