package org.fuyu.policy.spark;

import java.util.Map;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.fuyu.policy.reform.Comparison;

/**
 * What {@link FuyuSpark#compare} made: the subjects whose decisions changed (the lines of
 * {@code changes.jsonl}, in no order), the rejected records, and the comparison that
 * {@code comparison.json} holds (totals, cost, winners and losers by village and income decile,
 * target flips). The Datasets stay cached until {@link #close()}.
 */
public final class FuyuComparisonResult implements AutoCloseable {
    private final Dataset<String> changes;
    private final Dataset<Row> errors;
    private final Comparison comparison;
    private final Map<String, Long> stageMillis;
    private final Runnable release;

    FuyuComparisonResult(Dataset<String> changes, Dataset<Row> errors, Comparison comparison, Map<String, Long> stageMillis,
                         Runnable release) {
        this.changes = changes;
        this.errors = errors;
        this.comparison = comparison;
        this.stageMillis = Map.copyOf(stageMillis);
        this.release = release;
    }

    /** One changed subject a line, as in {@code changes.jsonl}. */
    public Dataset<String> changes() {
        return changes;
    }

    /** Every rejected record as a {@link Schemas#ERRORS} row. */
    public Dataset<Row> errors() {
        return errors;
    }

    /** Every rejected record as an {@code errors.jsonl} line. */
    public Dataset<String> errorLines() {
        return errors.map((MapFunction<Row, String>) DecisionRows::errorLine, Encoders.STRING());
    }

    public Comparison comparison() {
        return comparison;
    }

    /** Wall-clock milliseconds of each stage on the driver. */
    public Map<String, Long> stageMillis() {
        return stageMillis;
    }

    @Override
    public void close() {
        release.run();
    }
}
