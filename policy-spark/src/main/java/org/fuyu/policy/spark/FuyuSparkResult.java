package org.fuyu.policy.spark;

import java.util.Map;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.fuyu.policy.io.RunSummary;

/**
 * What {@link FuyuSpark#evaluate} made: decisions and rejected records as Datasets (held in
 * Spark's cache until {@link #close()}), and the summary. The decisions of one subject are
 * together in canonical order, as in {@code decisions.jsonl}; across subjects there is no order
 * (sort, or compare as sets).
 */
public final class FuyuSparkResult implements AutoCloseable {
    private final Dataset<String> decisionLines;
    private final Dataset<Row> errors;
    private final RunSummary summary;
    private final Map<String, Long> stageMillis;
    private final Runnable release;

    FuyuSparkResult(Dataset<String> decisionLines, Dataset<Row> errors, RunSummary summary, Map<String, Long> stageMillis,
                    Runnable release) {
        this.decisionLines = decisionLines;
        this.errors = errors;
        this.summary = summary;
        this.stageMillis = Map.copyOf(stageMillis);
        this.release = release;
    }

    /** Every decision as the exact line {@code fuyu evaluate} writes to {@code decisions.jsonl}. */
    public Dataset<String> decisionLines() {
        return decisionLines;
    }

    /** Every decision as a {@link Schemas#DECISIONS} row (reasons as an array of structs). */
    public Dataset<Row> decisions() {
        return decisionLines.map((MapFunction<String, Row>) DecisionRows::decision,
                Encoders.row(Schemas.DECISIONS));
    }

    /** Every rejected record as a {@link Schemas#ERRORS} row. */
    public Dataset<Row> errors() {
        return errors;
    }

    /** Every rejected record as the exact line {@code fuyu evaluate} writes to {@code errors.jsonl}. */
    public Dataset<String> errorLines() {
        return errors.map((MapFunction<Row, String>) DecisionRows::errorLine, Encoders.STRING());
    }

    /** What {@code summary.json} holds (without input file hashes: the inputs are Spark's). */
    public RunSummary summary() {
        return summary;
    }

    /** Wall-clock milliseconds of each stage on the driver (households, counties, summary). */
    public Map<String, Long> stageMillis() {
        return stageMillis;
    }

    /** Drops the cached stage outputs. */
    @Override
    public void close() {
        release.run();
    }
}
