package org.fuyu.policy.spark;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.storage.StorageLevel;
import org.fuyu.policy.EvaluationOptions;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.PolicyRun;
import org.fuyu.policy.io.DirectoryEvaluation;
import org.fuyu.policy.io.RunManifest;
import org.fuyu.policy.io.RunSummary;
import org.fuyu.policy.params.ParameterSet;

/**
 * Evaluates households, businesses, villages and counties held in Spark Datasets with the same
 * decisions, messages and counts as {@code fuyu evaluate}, for populations one machine cannot
 * hold (a national monitoring system; a provincial platform whose facts are Hive or Parquet tables).
 *
 * <p>The packs and parameter files travel to the executors as data (a broadcast {@link
 * EngineSpec}); each executor JVM builds one engine per content hash and reuses it for every
 * partition and task. Records are read by Fuyu's strict reader on the executors. Households are
 * brought together with their businesses by one shuffle on the household id (which also finds
 * duplicate ids) and evaluated per partition in batches; the counters they add are summed per
 * county by a Spark aggregation, and each county's villages and county decisions are made from
 * those sums.
 *
 * <pre>
 * FuyuSparkResult r = FuyuSpark.evaluate(spark,
 *         FuyuSpark.jsonLines(spark, "in/households.jsonl"), FuyuSpark.jsonLines(spark, "in/businesses.jsonl"),
 *         FuyuSpark.jsonLines(spark, "in/villages.jsonl"), FuyuSpark.jsonLines(spark, "in/counties.jsonl"),
 *         FuyuSparkOptions.builder(LocalDate.of(2024, 6, 30)).build());
 * r.decisions().write().parquet("out/decisions");
 * </pre>
 */
public final class FuyuSpark {
    private FuyuSpark() {
    }

    /**
     * The lines of a JSON Lines file (or directory of them) as {@link Schemas#RECORDS}, numbered
     * from 1 as {@code fuyu evaluate} numbers them (only {@code \n} ends a line). Errors name the
     * file by its name, as {@code errors.jsonl} does.
     */
    public static Dataset<Row> jsonLines(SparkSession spark, String path) {
        String name = new org.apache.hadoop.fs.Path(path).getName();
        if (name.endsWith(".json")) {
            throw new IllegalArgumentException(path + ": 一个 JSON 数组只能由 fuyu evaluate 读取；请先转成 JSON Lines（每行一个对象，"
                    + name + "l，例如 jq -c '.[]' " + name + " > " + name + "l） / a JSON array is read by fuyu evaluate only;"
                    + " convert it to JSON Lines first (one object a line, " + name + "l, e.g. jq -c '.[]' " + name + " > "
                    + name + "l)");
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration conf = new Configuration(spark.sparkContext().hadoopConfiguration());
        conf.set("textinputformat.record.delimiter", "\n"); // \r alone ends no line, as in fuyu evaluate
        JavaRDD<byte[]> lines = jsc.newAPIHadoopFile(path, TextInputFormat.class, LongWritable.class, Text.class, conf)
                .map(t -> Arrays.copyOf(t._2().getBytes(), t._2().getLength()));
        JavaRDD<Row> rows = lines.zipWithIndex().map(t -> RowFactory.create(name, lineNumber(t._2()), t._1(), null));
        return spark.createDataFrame(rows, Schemas.RECORDS);
    }

    private static int lineNumber(long index) {
        if (index >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("more than " + Integer.MAX_VALUE + " lines in one file; split it");
        }
        return (int) index + 1;
    }

    /**
     * The rows of Parquet files as {@link Schemas#RECORDS}: each row as JSON (columns are the
     * fields of spec §1, nested as in the JSON input; a null column is an absent field), named in
     * errors by {@code name/part-file} and its row number in that file.
     */
    public static Dataset<Row> parquet(SparkSession spark, String path) {
        String name = new org.apache.hadoop.fs.Path(path).getName();
        Dataset<Row> df = spark.read().parquet(path);
        return records(df, concat(lit(name + "/"), col("_metadata.file_name")),
                col("_metadata.row_index").plus(1).cast("int"));
    }

    /**
     * The rows of a table as {@link Schemas#RECORDS}, named in errors by the table and, where the
     * table is made of files, the row's number in its file; else the row's {@code id}.
     */
    public static Dataset<Row> table(SparkSession spark, String table) {
        Dataset<Row> df = spark.table(table);
        try {
            return records(df, concat(lit(table + "/"), col("_metadata.file_name")),
                    col("_metadata.row_index").plus(1).cast("int")).alias(table);
        } catch (Exception e) { // not made of files (AnalysisException): no file rows to number
            return records(df, table);
        }
    }

    /** Fact rows of any source (columns as the JSON fields) as {@link Schemas#RECORDS} named {@code source}, line 0. */
    public static Dataset<Row> records(Dataset<Row> facts, String source) {
        return records(facts, lit(source), lit(0));
    }

    private static Dataset<Row> records(Dataset<Row> df, Column source, Column line) {
        Column[] fields = Arrays.stream(df.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new);
        Column key = Arrays.asList(df.columns()).contains("id") ? col("id").cast("string") : lit(null).cast("string");
        return df.select(source.as("source"), line.as("line"),
                org.apache.spark.sql.functions.encode(org.apache.spark.sql.functions.to_json(struct(fields)), "UTF-8").as("json"),
                key.as("rowKey"));
    }

    /**
     * Evaluates the inputs (any may be null: no such input) under the options' packs and
     * parameters. Runs the household and county stages now and returns their outputs cached.
     *
     * @throws org.fuyu.policy.PolicyException when the packs or parameter files are broken (before
     *     any Spark job), with file and line of every problem
     */
    public static FuyuSparkResult evaluate(SparkSession spark, Dataset<Row> households, Dataset<Row> businesses,
                                           Dataset<Row> villages, Dataset<Row> counties, FuyuSparkOptions options) {
        return new Evaluation(spark, options).run(households, businesses, villages, counties);
    }

    /**
     * Compares the baseline (the options' packs and parameters) with the options' reform over
     * the same inputs in one job, as {@code fuyu compare} does: every household is evaluated under
     * both engines in the same task and diffed at once; villages and counties are decided under
     * both from each side's counter sums. Returns the changed subjects (the lines of
     * {@code changes.jsonl}), the rejected records and the comparison ({@code comparison.json}).
     */
    public static FuyuComparisonResult compare(SparkSession spark, Dataset<Row> households, Dataset<Row> businesses,
                                               Dataset<Row> villages, Dataset<Row> counties, FuyuSparkOptions options) {
        if (options.reform() == null) {
            throw new IllegalArgumentException("compare needs a reform (FuyuSparkOptions.Builder.reform)");
        }
        return new Evaluation(spark, options).compare(households, businesses, villages, counties);
    }

    /** One evaluation: the datasets it made, so they can be released. */
    private static final class Evaluation {
        private final SparkSession spark;
        private final FuyuSparkOptions options;
        private final List<Dataset<Row>> cached = new ArrayList<>();
        private final String hName;
        private final String bName;
        private final String vName;
        private final String cName;

        Evaluation(SparkSession spark, FuyuSparkOptions options) {
            this.spark = spark;
            this.options = options;
            this.hName = options.inputNames().get(0);
            this.bName = options.inputNames().get(1);
            this.vName = options.inputNames().get(2);
            this.cName = options.inputNames().get(3);
        }

        private Dataset<Row> cache(Dataset<Row> ds) {
            Dataset<Row> c = ds.persist(StorageLevel.MEMORY_AND_DISK());
            cached.add(c);
            return c;
        }

        FuyuSparkResult run(Dataset<Row> households, Dataset<Row> businesses, Dataset<Row> villages,
                            Dataset<Row> counties) {
            // built here first: a broken pack stops the run with file:line problems before any job starts
            PolicyEngine engine = engineBuilder(options.packs(), options.overrides()).build();
            EngineSpec spec = new EngineSpec(options.packs(), options.overrides());
            Broadcast<EngineSpec> shipped = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(spec);
            Map<String, Long> millis = new LinkedHashMap<>();

            Small v = small(villages, ParseRecords.Kind.VILLAGES, "village");
            Small c = small(counties, ParseRecords.Kind.COUNTIES, "county");
            Small b = small(businesses, ParseRecords.Kind.BUSINESSES, "business");

            long t0 = System.nanoTime();
            Dataset<Row> grouped = grouped(households, b, v);
            Dataset<Row> householdOut = cache(grouped.repartition(partitions(households), col("key"))
                    .sortWithinPartitions("key", "kind", "line")
                    .mapPartitions(new HouseholdStage(shipped, options.asOf(), options.explainDenials(), options.batchSize(),
                            hName, bName, households != null), Encoders.row(Schemas.STAGE_OUT)));
            SummaryPart householdPart = reduceParts(householdOut);
            millis.put("households", (System.nanoTime() - t0) / 1_000_000);

            long t1 = System.nanoTime();
            Dataset<Row> countyOut = cache(countyCases(householdOut, v, c)
                    .mapPartitions(new CountyStage(shipped, options.asOf(), options.explainDenials(), cName),
                            Encoders.row(Schemas.STAGE_OUT)));
            List<SummaryPart> countyParts = countyOut.filter(col("tag").equalTo(Schemas.PART)).select("text")
                    .as(Encoders.STRING()).collectAsList().stream().map(SummaryPart::fromJson)
                    .sorted(java.util.Comparator.comparing(p -> p.countyId)).toList();
            millis.put("counties", (System.nanoTime() - t1) / 1_000_000);

            long t2 = System.nanoTime();
            RunSummary summary = summary(engine, households != null, v, c, b, householdPart, countyParts);
            millis.put("summary", (System.nanoTime() - t2) / 1_000_000);

            Dataset<String> decisionLines = householdOut.filter(col("tag").equalTo(Schemas.DECISION)).select("text")
                    .union(countyOut.filter(col("tag").equalTo(Schemas.DECISION)).select("text")).as(Encoders.STRING());
            Dataset<Row> errors = stageErrors(householdOut).union(stageErrors(countyOut));
            for (Small s : List.of(v, c, b)) {
                if (s != null) {
                    errors = s.errors.union(errors);
                }
            }
            List<Dataset<Row>> release = List.copyOf(cached);
            return new FuyuSparkResult(decisionLines, errors, summary, millis, () -> {
                release.forEach(Dataset::unpersist);
                shipped.destroy();
            });
        }

        FuyuComparisonResult compare(Dataset<Row> households, Dataset<Row> businesses, Dataset<Row> villages,
                                     Dataset<Row> counties) {
            org.fuyu.policy.reform.Reform reform = options.reform();
            PolicyEngine base = engineBuilder(options.packs(), options.overrides()).build();
            PolicyEngine reformed = reform.engineBuilder(options.packs(), options.overrides()).build();
            EvaluationOptions eval = EvaluationOptions.asOf(options.asOf());
            org.fuyu.policy.reform.ReformComparison rc = org.fuyu.policy.reform.ReformComparison
                    .builder(base, reformed, eval).reform(reform).build();
            boolean inForce = rc.reformEngine() != base;
            List<ParameterSet> reformOverrides = new ArrayList<>(options.overrides());
            if (reform.parameters().size() > 0) {
                reformOverrides.add(reform.parameters());
            }
            EngineSpec baseSpec = new EngineSpec(options.packs(), options.overrides());
            EngineSpec reformSpec = inForce ? new EngineSpec(reform.packsOver(options.packs()), reformOverrides) : baseSpec;
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            Broadcast<EngineSpec> b = jsc.broadcast(baseSpec);
            Broadcast<EngineSpec> r = jsc.broadcast(reformSpec);
            SummaryPart empty = new SummaryPart();
            empty.accumulator(rc.accumulator(c -> { }));
            Broadcast<byte[]> totals = jsc.broadcast(java.util.Base64.getDecoder().decode(empty.accumulator));
            Map<String, Long> millis = new LinkedHashMap<>();

            Small v = small(villages, ParseRecords.Kind.VILLAGES, "village");
            Small c = small(counties, ParseRecords.Kind.COUNTIES, "county");
            Small bs = small(businesses, ParseRecords.Kind.BUSINESSES, "business");
            long t0 = System.nanoTime();
            Dataset<Row> householdOut = cache(grouped(households, bs, v).repartition(partitions(households), col("key"))
                    .sortWithinPartitions("key", "kind", "line")
                    .mapPartitions(new CompareStage(b, r, totals, options.asOf(), options.batchSize(), hName, bName,
                            households != null), Encoders.row(Schemas.STAGE_OUT)));
            SummaryPart householdPart = reduceParts(householdOut);
            millis.put("households", (System.nanoTime() - t0) / 1_000_000);

            long t1 = System.nanoTime();
            Dataset<Row> tallies = householdOut.filter(col("tag").equalTo(Schemas.TALLY));
            Dataset<Row> baseCases = countyCases(tallies.filter(col("file").equalTo(CompareStage.BASELINE)), v, c, true);
            Dataset<Row> reformCases = countyCases(tallies.filter(col("file").equalTo(CompareStage.REFORM)), v, c, false)
                    .withColumnRenamed("households", "reformHouseholds").withColumnRenamed("counters", "reformCounters");
            Dataset<Row> countyOut = cache(baseCases.join(reformCases, new String[] {"countyId"}, "full_outer")
                    .select("countyId", "households", "counters", "villages", "countyLine", "countyJson", "reformHouseholds",
                            "reformCounters")
                    .mapPartitions(new CompareCountyStage(b, r, totals, options.asOf()), Encoders.row(Schemas.STAGE_OUT)));
            List<SummaryPart> countyParts = countyOut.filter(col("tag").equalTo(Schemas.PART)).select("text")
                    .as(Encoders.STRING()).collectAsList().stream().map(SummaryPart::fromJson)
                    .sorted(java.util.Comparator.comparing(p -> p.countyId)).toList();
            millis.put("counties", (System.nanoTime() - t1) / 1_000_000);

            RunSummary files = new RunSummary();
            fileCounts(files, households != null, v, c, bs);
            org.fuyu.policy.reform.ComparisonAccumulator acc = rc.accumulator(x -> { });
            List<String> baseNotes = new ArrayList<>();
            List<String> reformNotes = new ArrayList<>();
            if (householdPart != null) {
                files.merge(householdPart.summary);
                acc.merge(householdPart.accumulator());
            }
            if (files.householdsWithoutCounty > 0) { // as each side's run notes it in fuyu compare
                baseNotes.add(org.fuyu.policy.PolicyRun.withoutCountyNote(files.householdsWithoutCounty));
                reformNotes.add(org.fuyu.policy.PolicyRun.withoutCountyNote(files.householdsWithoutCounty));
            }
            for (SummaryPart p : countyParts) {
                acc.merge(p.accumulator());
                baseNotes.addAll(p.runNotes);
                reformNotes.addAll(p.reformNotes);
            }
            org.fuyu.policy.reform.Comparison comparison = rc.result(acc, files.files,
                    org.fuyu.policy.reform.ReformComparison.sideNotes(baseNotes, reformNotes));
            Dataset<String> changes = householdOut.filter(col("tag").equalTo(Schemas.DECISION)).select("text")
                    .union(countyOut.filter(col("tag").equalTo(Schemas.DECISION)).select("text")).as(Encoders.STRING());
            Dataset<Row> errors = stageErrors(householdOut).union(stageErrors(countyOut));
            for (Small s : List.of(v, c, bs)) {
                if (s != null) {
                    errors = s.errors.union(errors);
                }
            }
            List<Dataset<Row>> release = List.copyOf(cached);
            return new FuyuComparisonResult(changes, errors, comparison, millis, () -> {
                release.forEach(Dataset::unpersist);
                b.destroy();
                r.destroy();
                totals.destroy();
            });
        }

        /** Partitions of the household stage: as asked, else as many as the households input has (at least Spark's parallelism). */
        private int partitions(Dataset<Row> households) {
            if (options.partitions() > 0) {
                return options.partitions();
            }
            int input = households == null ? 1 : households.rdd().getNumPartitions();
            return Math.max(input, spark.sparkContext().defaultParallelism());
        }

        /** Records read, evaluated and rejected of the small inputs, and the households file present. */
        private void fileCounts(RunSummary s, boolean hasHouseholds, Small v, Small c, Small b) {
            if (hasHouseholds) {
                s.file(hName);
            }
            for (Small small : java.util.Arrays.asList(c, v, b)) {
                if (small == null) {
                    continue;
                }
                RunSummary.FileCounts f = s.file(small.name);
                Row n = small.parsed.agg(org.apache.spark.sql.functions.count(lit(1)),
                        org.apache.spark.sql.functions.countDistinct(col("id"))).first();
                f.read += n.getLong(0);
                long valid = n.getLong(1);
                f.rejected += f.read - valid;
                if (small != b) {
                    f.evaluated += valid;
                }
            }
        }

        /** A small input (villages, counties, businesses): its records read, the first of each id kept. */
        private final class Small {
            Dataset<Row> valid;
            Dataset<Row> errors;
            Dataset<Row> parsed;
            String name;
        }

        private Small small(Dataset<Row> input, ParseRecords.Kind kind, String noun) {
            if (input == null) {
                return null;
            }
            Small s = new Small();
            s.name = switch (kind) {
                case VILLAGES -> vName;
                case COUNTIES -> cName;
                default -> bName;
            };
            s.parsed = cache(asRecords(input, s.name).mapPartitions(new ParseRecords(kind), Encoders.row(Schemas.PARSED)));
            WindowSpec byId = Window.partitionBy("id").orderBy("line", "json");
            Dataset<Row> ranked = s.parsed.filter(col("id").isNotNull())
                    .withColumn("rank", row_number().over(byId))
                    .withColumn("firstLine", min("line").over(Window.partitionBy("id")));
            s.valid = cache(ranked.filter(col("rank").equalTo(1)).drop("rank", "firstLine"));
            Dataset<Row> duplicates = ranked.filter(col("rank").gt(1)).select(col("source").as("file"), col("line"),
                    lit("id").as("field"), concat(lit("duplicate " + noun + " id '"), col("id"), lit("' (first at line "),
                            col("firstLine").cast("string"), lit(")")).as("message"), col("id"),
                    lit(null).cast("string").as("code"), lit(null).cast("string").as("parameter"));
            Dataset<Row> unreadable = s.parsed.filter(col("id").isNull()).select(col("source").as("file"), col("line"),
                    col("errField").as("field"), col("errMessage").as("message"), col("errId").as("id"),
                    lit(null).cast("string").as("code"), lit(null).cast("string").as("parameter"));
            s.errors = unreadable.union(duplicates);
            return s;
        }

        private static Dataset<Row> asRecords(Dataset<Row> input, String name) {
            return Arrays.asList(input.schema().fieldNames()).equals(Arrays.asList(Schemas.RECORDS.fieldNames()))
                    ? input : records(input, name);
        }

        /** Households (with their village record) and businesses, keyed by household id. */
        private Dataset<Row> grouped(Dataset<Row> households, Small businesses, Small villages) {
            Dataset<Row> out = null;
            if (households != null) {
                Dataset<Row> parsed = asRecords(households, hName)
                        .mapPartitions(new ParseRecords(ParseRecords.Kind.HOUSEHOLDS), Encoders.row(Schemas.PARSED));
                Column village = lit(null).cast("binary");
                if (villages != null) {
                    Dataset<Row> vs = villages.valid.select(col("id").as("vId"), col("json").as("vJson"));
                    parsed = parsed.join(broadcast(vs), parsed.col("ref").equalTo(vs.col("vId")), "left");
                    village = col("vJson");
                }
                out = parsed.select(
                        coalesce(col("id"), concat(lit("\u0000"), col("source"), lit(":"), col("line").cast("string"))).as("key"),
                        when(col("id").isNull(), lit(Schemas.REJECTED)).otherwise(lit(Schemas.HOUSEHOLD)).as("kind"),
                        col("line"), col("source"), col("json"), village.as("village"),
                        col("errField"), col("errMessage"), col("errId"));
            }
            if (businesses != null) {
                Dataset<Row> bs = businesses.valid.select(col("ref").as("key"), lit(Schemas.BUSINESS).as("kind"),
                        col("line"), col("source"), col("json"), lit(null).cast("binary").as("village"),
                        lit(null).cast("string").as("errField"), lit(null).cast("string").as("errMessage"),
                        lit(null).cast("string").as("errId"));
                out = out == null ? bs : out.union(bs);
            }
            if (out == null) {
                out = spark.createDataFrame(List.of(), Schemas.GROUPED);
            }
            return out;
        }

        /** Per county: the households' counter sums, its villages and its County record. */
        private Dataset<Row> countyCases(Dataset<Row> householdOut, Small villages, Small counties) {
            return countyCases(householdOut.filter(col("tag").equalTo(Schemas.TALLY)), villages, counties, true);
        }

        private Dataset<Row> countyCases(Dataset<Row> tallies, Small villages, Small counties, boolean areas) {
            Dataset<Row> households = tallies.groupBy("countyId").agg(sum("households").as("households"));
            Dataset<Row> counters = tallies.select(col("countyId"), explode(col("counters")).as(new String[] {"name", "value"}))
                    .groupBy("countyId", "name").agg(sum("value").as("value"))
                    .groupBy("countyId").agg(map_from_entries(collect_list(struct(col("name"), col("value")))).as("counters"));
            Dataset<Row> cases = households.join(counters, new String[] {"countyId"}, "full_outer");
            if (!areas) {
                return cases.select("countyId", "households", "counters");
            }
            if (villages != null) {
                Dataset<Row> vs = villages.valid.groupBy(col("ref").as("countyId"))
                        .agg(collect_list(struct(col("line"), col("json"))).as("villages"));
                cases = cases.join(vs, new String[] {"countyId"}, "full_outer");
            } else {
                cases = cases.withColumn("villages", lit(null).cast(Schemas.COUNTY_CASE.apply("villages").dataType()));
            }
            if (counties != null) {
                Dataset<Row> cs = counties.valid.select(col("id").as("countyId"), col("line").as("countyLine"),
                        col("json").as("countyJson"));
                cases = cases.join(cs, new String[] {"countyId"}, "full_outer");
            } else {
                cases = cases.withColumn("countyLine", lit(null).cast("int")).withColumn("countyJson", lit(null).cast("binary"));
            }
            return cases.select("countyId", "households", "counters", "villages", "countyLine", "countyJson");
        }

        private static Dataset<Row> stageErrors(Dataset<Row> out) {
            return out.filter(col("tag").equalTo(Schemas.ERROR)).select("file", "line", "field", "message", "id", "code", "parameter");
        }

        /** The household stage's summary parts, merged on the executors (a tree, not one by one on the driver). */
        private static SummaryPart reduceParts(Dataset<Row> householdOut) {
            String merged = householdOut.filter(col("tag").equalTo(Schemas.PART)).select("text").as(Encoders.STRING())
                    .javaRDD().treeAggregate("", Evaluation::mergeParts, Evaluation::mergeParts);
            return merged.isEmpty() ? null : SummaryPart.fromJson(merged);
        }

        private static String mergeParts(String a, String b) {
            if (a.isEmpty()) {
                return b;
            }
            if (b.isEmpty()) {
                return a;
            }
            return SummaryPart.fromJson(a).merge(SummaryPart.fromJson(b)).toJson();
        }

        private RunSummary summary(PolicyEngine engine, boolean hasHouseholds, Small v, Small c, Small b,
                                   SummaryPart householdPart, List<SummaryPart> countyParts) {
            RunSummary s = new RunSummary(options.asOf(), engine.packs());
            try {
                s.manifest = RunManifest.of(options.asOf(), options.packs(), options.parameterFiles(),
                        new RunManifest.Options(options.explainDenials(), List.of(),
                                options.parameterFiles().stream().map(Object::toString).toList(), null, options.batchSize()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            fileCounts(s, hasHouseholds, v, c, b);
            Map<String, Long> budget = new java.util.TreeMap<>();
            if (householdPart != null) {
                s.merge(householdPart.summary);
                s.packErrors += householdPart.packErrors;
                budget.putAll(householdPart.budget);
                householdPart.withoutCountyListed().forEach(s::withoutCounty);
                householdPart.undecided.forEach((k, n) -> s.undecided.merge(k, n, Long::sum));
                householdPart.undecidedWhy.forEach(s.undecidedWhy::putIfAbsent);
                householdPart.flaggedSamples().forEach((county, byCode) ->
                        s.county(county).flaggedSample.putAll(byCode));
            }
            List<String> areaNotes = new ArrayList<>();
            List<String> runNotes = new ArrayList<>();
            for (SummaryPart p : countyParts) {
                s.merge(p.summary);
                areaNotes.addAll(p.areaNotes);
                runNotes.addAll(p.runNotes);
            }
            s.notes.addAll(areaNotes);
            if (s.householdsWithoutCounty > 0) {
                s.notes.add(org.fuyu.policy.PolicyRun.withoutCountyNote(s.householdsWithoutCounty));
            }
            s.notes.addAll(runNotes);
            s.notes.addAll(DirectoryEvaluation.closingNotes(s, budget, engine.caseTimeBudget()));
            s.completed = true;
            return s;
        }
    }

    static PolicyEngine.Builder engineBuilder(List<? extends org.fuyu.policy.packs.RulePack> packs,
                                              List<ParameterSet> overrides) {
        PolicyEngine.Builder b = PolicyEngine.builder().addPacks(packs);
        overrides.forEach(b::overrideParameters);
        return b;
    }
}
