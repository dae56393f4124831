package org.fuyu.policy.spark;

import static org.apache.spark.sql.types.DataTypes.BinaryType;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createMapType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/** The row shapes of the Spark job: input records, decisions, errors, and the stages' own rows. */
public final class Schemas {
    private Schemas() {
    }

    /**
     * One input record as read, before Fuyu's strict reader has seen it: where it came from (the
     * file, or table, that errors name), its line (1-based; for Parquet and tables the row's
     * index in its file, 0 when not known), its JSON as UTF-8 bytes, and a key that names the row
     * when it has no line (the {@code id} column of a table), else null.
     */
    public static final StructType RECORDS = createStructType(List.of(
            createStructField("source", StringType, false),
            createStructField("line", IntegerType, false),
            createStructField("json", BinaryType, true),
            createStructField("rowKey", StringType, true)));

    /**
     * One criterion of a decision. {@code actual}, {@code required} and {@code gap} hold the
     * value as JSON text (a number, string, true/false or array), exactly as {@code decisions.jsonl}
     * writes it; {@code anyOf} the parts of a composite criterion as a JSON array, or null.
     */
    public static final StructType CRITERION = createStructType(List.of(
            createStructField("criterion", StringType, true),
            createStructField("passed", BooleanType, false),
            createStructField("actual", StringType, true),
            createStructField("operator", StringType, true),
            createStructField("required", StringType, true),
            createStructField("parameter", StringType, true),
            createStructField("effective", DateType, true),
            createStructField("gap", StringType, true),
            createStructField("anyOf", StringType, true)));

    /** A decision, field for field as in {@code decisions.jsonl} (spec §2). */
    public static final StructType DECISIONS = createStructType(List.of(
            createStructField("subjectType", StringType, false),
            createStructField("subjectId", StringType, true),
            createStructField("code", StringType, false),
            createStructField("outcome", StringType, false),
            createStructField("amountYuan", LongType, true),
            createStructField("pack", StringType, true),
            createStructField("packVersion", StringType, true),
            createStructField("rule", StringType, true),
            createStructField("reasons", createArrayType(CRITERION, false), false),
            createStructField("citation", StringType, true),
            createStructField("asOf", DateType, true)));

    /**
     * A rejected record, as in {@code errors.jsonl}: file (or table), line (or 0), field, message, id; and for a
     * household that did not get one code for want of a parameter value on the date, that code and parameter.
     */
    public static final StructType ERRORS = createStructType(List.of(
            createStructField("file", StringType, false),
            createStructField("line", IntegerType, false),
            createStructField("field", StringType, true),
            createStructField("message", StringType, false),
            createStructField("id", StringType, true),
            createStructField("code", StringType, true),
            createStructField("parameter", StringType, true)));

    /** A record after the strict reader: its id and references, or the error that rejected it. */
    static final StructType PARSED = createStructType(List.of(
            createStructField("id", StringType, true),
            createStructField("ref", StringType, true),
            createStructField("line", IntegerType, false),
            createStructField("source", StringType, false),
            createStructField("json", BinaryType, true),
            createStructField("errField", StringType, true),
            createStructField("errMessage", StringType, true),
            createStructField("errId", StringType, true)));

    /** Kinds of {@link #GROUPED} rows, in the order a household's group is sorted. */
    static final int HOUSEHOLD = 0;
    static final int BUSINESS = 1;
    static final int REJECTED = 2;

    /**
     * Households, their businesses and rejected household records, keyed by household id (a
     * rejected record by a key of its own) for the shuffle that brings a household's records
     * together; {@code village} is the household's village record, when there is one.
     */
    static final StructType GROUPED = createStructType(List.of(
            createStructField("key", StringType, false),
            createStructField("kind", IntegerType, false),
            createStructField("line", IntegerType, false),
            createStructField("source", StringType, false),
            createStructField("json", BinaryType, true),
            createStructField("village", BinaryType, true),
            createStructField("errField", StringType, true),
            createStructField("errMessage", StringType, true),
            createStructField("errId", StringType, true)));

    /** Tags of {@link #STAGE_OUT} rows. */
    static final int DECISION = 0;
    static final int ERROR = 1;
    static final int TALLY = 2;
    static final int PART = 3;

    /**
     * What a stage emits: decision lines (the exact {@code decisions.jsonl} text), rejected
     * records, a county's household counts and counters, and a summary part (JSON).
     */
    static final StructType STAGE_OUT = createStructType(List.of(
            createStructField("tag", IntegerType, false),
            createStructField("text", StringType, true),
            createStructField("file", StringType, true),
            createStructField("line", IntegerType, true),
            createStructField("field", StringType, true),
            createStructField("message", StringType, true),
            createStructField("id", StringType, true),
            createStructField("countyId", StringType, true),
            createStructField("households", LongType, true),
            createStructField("counters", createMapType(StringType, LongType, false), true),
            createStructField("code", StringType, true),
            createStructField("parameter", StringType, true)));

    /** A county with everything its case needs: household counts and counters, villages, the County record. */
    static final StructType COUNTY_CASE = createStructType(List.of(
            createStructField("countyId", StringType, false),
            createStructField("households", LongType, true),
            createStructField("counters", createMapType(StringType, LongType, false), true),
            createStructField("villages", createArrayType(createStructType(List.of(
                    createStructField("line", IntegerType, false),
                    createStructField("json", BinaryType, true))), false), true),
            createStructField("countyLine", IntegerType, true),
            createStructField("countyJson", BinaryType, true)));
}
