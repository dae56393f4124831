package org.fuyu.policy.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.fuyu.policy.Lang;
import org.fuyu.policy.PolicyException;
import org.fuyu.policy.io.DirectoryEvaluation;
import org.fuyu.policy.io.FactMapper;
import org.fuyu.policy.packs.RulePack;
import org.fuyu.policy.packs.RulePacks;
import org.fuyu.policy.reform.ReformFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The Spark job: {@code spark-submit --class org.fuyu.policy.spark.FuyuSparkJob fuyu-spark.jar
 * --input DIR|DB --format jsonl|parquet|table --out DIR --as-of YYYY-MM-DD [--rules DIR]...
 * [--params FILE]... [--reform FILE]}, or without a cluster {@code java -jar fuyu-spark.jar
 * --master local[2] ...}. Reads the input layout of {@code fuyu evaluate} and writes
 * {@code decisions/}, {@code errors/} and {@code summary.json} (with {@code --reform}:
 * {@code changes/}, {@code errors/} and {@code comparison.json}, as {@code fuyu compare}).
 */
@Command(name = "fuyu-spark", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluates the households, businesses, villages and counties of an input directory or database on Spark",
            "with the decisions of fuyu evaluate. 在 Spark 上评估一个输入目录或数据库，决定与 fuyu evaluate 相同。"})
public final class FuyuSparkJob implements Callable<Integer> {
    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master for a run without spark-submit, e.g. local[2]. Default: what spark-submit set.")
    String master;

    @Option(names = "--input", required = true, paramLabel = "DIR|DB",
            description = "Input directory (households.jsonl, ... or households.parquet, ...), or with --format table a "
                    + "database whose tables are named households, businesses, villages, counties.")
    String input;

    @Option(names = "--format", defaultValue = "jsonl", paramLabel = "jsonl|parquet|table",
            description = "Input format (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out-format", paramLabel = "jsonl|parquet",
            description = "Output format of decisions/ and errors/ (default: jsonl for jsonl input, else parquet).")
    String outFormat;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    String out;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "The date whose parameter values apply (default: today).")
    LocalDate asOf;

    @Option(names = "--rules", paramLabel = "DIR", description = "A rule pack directory (or a directory of packs) on the "
            + "driver, added to the packs in the jar (a pack with a shipped pack's id replaces it, and the run says so); "
            + "repeatable.")
    List<Path> rules = new ArrayList<>();

    @Option(names = "--only-rules", description = "Use only the packs of --rules / --trusted-rules, not the packs in the jar.")
    boolean onlyRules;

    /** The packs chosen, read once; its notes go first in summary.json, as with fuyu evaluate. */
    private org.fuyu.policy.packs.PackSelection selection;

    @Option(names = "--trusted-rules", paramLabel = "DIR", description = "A pack directory trusted as code (may hold DRL); repeatable.")
    List<Path> trustedRules = new ArrayList<>();

    @Option(names = "--params", paramLabel = "FILE", description = "A parameter file laid over the pack defaults; repeatable.")
    List<Path> params = new ArrayList<>();

    @Option(names = "--reform", paramLabel = "FILE", description = "Compare the baseline with this reform (as fuyu compare).")
    Path reform;

    @Option(names = "--explain-denials", description = "Also write DENIED decisions listing every failed criterion.")
    boolean explainDenials;

    @Option(names = "--partitions", paramLabel = "N", description = "Partitions of the household stage "
            + "(default: spark.sql.shuffle.partitions).")
    Integer partitions;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "500", description = "Households per rule session "
            + "(default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lang", paramLabel = "zh|en", description = "Language of messages (default: from the system locale).")
    void lang(String lang) {
        switch (lang.toLowerCase(Locale.ROOT)) {
            case "zh", "zh-cn", "cn" -> Lang.set(Lang.ZH);
            case "en" -> Lang.set(Lang.EN);
            default -> throw new CommandLine.ParameterException(new CommandLine(this),
                    "--lang " + lang + ": use zh or en (请用 zh 或 en)");
        }
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the job; returns the exit code (0 done, 1 could not run, 2 usage). */
    public static int run(String[] args, PrintStream stdout, PrintStream stderr) {
        // what Spark's launcher sets for a JVM it starts (java -jar starts none)
        System.setProperty("io.netty.tryReflectionSetAccessible",
                System.getProperty("io.netty.tryReflectionSetAccessible", "true"));
        CommandLine cli = new CommandLine(new FuyuSparkJob());
        cli.setOut(new java.io.PrintWriter(stdout, true));
        cli.setErr(new java.io.PrintWriter(stderr, true));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof PolicyException pe && !pe.problems().isEmpty()) {
                pe.problems().forEach(p -> stderr.println(p));
            } else {
                Throwable root = e;
                while (root.getCause() != null && root.getCause() != root) {
                    root = root.getCause();
                }
                String top = e.getMessage() != null ? e.getMessage() : e.toString();
                String why = root.getMessage() != null ? root.getMessage() : root.toString();
                stderr.println(Lang.pick("运行失败：", "failed: ") + (root == e || top.contains(why) ? top : top + ": " + why));
                if (Boolean.getBoolean("fuyu.debug")) {
                    e.printStackTrace(stderr);
                }
            }
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!List.of("jsonl", "parquet", "table").contains(fmt)) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--format " + format + ": use jsonl, parquet or table (请用 jsonl、parquet 或 table)");
        }
        String outFmt = outFormat != null ? outFormat.toLowerCase(Locale.ROOT) : fmt.equals("jsonl") ? "jsonl" : "parquet";
        if (!List.of("jsonl", "parquet").contains(outFmt)) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--out-format " + outFormat + ": use jsonl or parquet (请用 jsonl 或 parquet)");
        }
        FuyuSparkOptions.Builder o = FuyuSparkOptions.builder(asOf != null ? asOf : LocalDate.now())
                .explainDenials(explainDenials).batchSize(batchSize).packs(packs());
        params.forEach(o::parameterFile);
        if (partitions != null) {
            o.partitions(partitions);
        }
        if (reform != null) {
            o.reform(ReformFiles.read(reform));
        }
        boolean existing = SparkSession.getActiveSession().isDefined() || SparkSession.getDefaultSession().isDefined();
        SparkSession.Builder sb = SparkSession.builder().appName("fuyu");
        if (master != null) {
            sb.master(master);
            if (master.startsWith("local")) {
                sb.config("spark.ui.enabled", "false");
            }
        }
        SparkSession spark = sb.getOrCreate();
        if (master != null && master.startsWith("local") && !existing) {
            spark.sparkContext().setLogLevel("WARN");
        }
        try {
            FuyuInputs in = FuyuInputs.read(spark, input, fmt);
            o.inputNames(in.names().get(0), in.names().get(1), in.names().get(2), in.names().get(3));
            FuyuSparkOptions options = o.build();
            if (reform != null) {
                return compare(spark, in, options, outFmt);
            }
            long start = System.nanoTime();
            try (FuyuSparkResult r = FuyuSpark.evaluate(spark, in.households(), in.businesses(), in.villages(),
                    in.counties(), options)) {
                long w = System.nanoTime();
                write(r.decisionLines(), r.decisions(), outFmt, out + "/decisions");
                write(r.errorLines(), r.errors(), outFmt, out + "/errors");
                r.summary().notes.addAll(0, selection.notes()); // which shipped pack a directory pack replaced
                List<org.fuyu.policy.io.RecordError> orphans = r.summary().withoutCountySample;
                if (!orphans.isEmpty()) {
                    // as fuyu evaluate: how many in the notes, the first few ids in notes.jsonl, never in a log
                    StringBuilder lines = new StringBuilder();
                    for (org.fuyu.policy.io.RecordError e : orphans) {
                        lines.append(FactMapper.get().writer().without(
                                com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(e))
                                .append('\n');
                    }
                    writeText(spark, out + "/" + DirectoryEvaluation.NOTES_FILE, lines.toString());
                    r.summary().notes.add(DirectoryEvaluation.withoutCountyListedNote(orphans.size()));
                }
                writeJson(spark, out + "/summary.json", r.summary());
                long written = (System.nanoTime() - w) / 1_000_000;
                long decisions = r.summary().decisions.values().stream().flatMap(m -> m.values().stream())
                        .mapToLong(t -> t.count).sum();
                System.out.println(Lang.pick(
                        String.format("读入 %,d 条记录，拒收 %,d 条，作出 %,d 项决定（%s） -> %s", r.summary().totalRead(),
                                r.summary().totalRejected(), decisions, r.summary().asOf, out),
                        String.format("read %,d records, rejected %,d, %,d decisions (as of %s) -> %s", r.summary().totalRead(),
                                r.summary().totalRejected(), decisions, r.summary().asOf, out)));
                // the packs used, as fuyu evaluate prints them
                System.out.println(Lang.pick("使用的规则包（" + selection.packs().size() + " 个）：",
                        "packs used (" + selection.packs().size() + "):"));
                selection.describe().forEach(line -> System.out.println("  " + line));
                selection.printedNotes().forEach(n -> System.out.println("  " + n));
                System.err.println("stages (ms): " + r.stageMillis() + ", write " + written + ", total "
                        + (System.nanoTime() - start) / 1_000_000);
            }
            return 0;
        } finally {
            if (!existing) {
                spark.stop();
            }
        }
    }

    private int compare(SparkSession spark, FuyuInputs in, FuyuSparkOptions options, String outFmt) throws IOException {
        long start = System.nanoTime();
        try (FuyuComparisonResult r = FuyuSpark.compare(spark, in.households(), in.businesses(), in.villages(),
                in.counties(), options)) {
            write(r.changes(), outFmt.equals("parquet") ? spark.read().json(r.changes()) : null, outFmt, out + "/changes");
            write(r.errorLines(), r.errors(), outFmt, out + "/errors");
            writeJson(spark, out + "/comparison.json", r.comparison());
            var c = r.comparison();
            System.out.println(Lang.pick(
                    String.format("比较 %,d 户：%,d 户变化，受益 %,d 户，受损 %,d 户，费用变化 %,d 元 -> %s", c.households().compared(),
                            c.households().changed(), c.households().winners().count(), c.households().losers().count(),
                            c.cost().deltaYuan(), out),
                    String.format("compared %,d households: %,d changed, %,d winners, %,d losers, cost delta %,d yuan -> %s",
                            c.households().compared(), c.households().changed(), c.households().winners().count(),
                            c.households().losers().count(), c.cost().deltaYuan(), out)));
            System.err.println("stages (ms): " + r.stageMillis() + ", total " + (System.nanoTime() - start) / 1_000_000);
        }
        return 0;
    }

    private List<RulePack> packs() {
        if (onlyRules && rules.isEmpty() && trustedRules.isEmpty()) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--only-rules needs --rules DIR or --trusted-rules DIR / --only-rules 需要同时用 --rules 指定规则目录");
        }
        List<RulePack> fromDirs = new ArrayList<>();
        for (Path dir : rules) {
            requireDirectory("--rules", dir);
            fromDirs.addAll(RulePacks.fromDirectory(dir));
        }
        for (Path dir : trustedRules) {
            requireDirectory("--trusted-rules", dir);
            fromDirs.addAll(RulePacks.fromTrustedDirectory(dir));
        }
        selection = onlyRules ? org.fuyu.policy.packs.PackSelection.only(fromDirs)
                : org.fuyu.policy.packs.PackSelection.withShipped(fromDirs);
        List<RulePack> packs = new ArrayList<>(selection.packs());
        for (Path p : params) {
            if (!Files.isRegularFile(p)) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--params " + p
                        + ": 没有这个文件 / no such file on the driver (in cluster mode ship it with --files)");
            }
        }
        return packs;
    }

    private void requireDirectory(String option, Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new CommandLine.ParameterException(new CommandLine(this), option + " " + dir
                    + ": 不是目录 / not a directory on the driver (in cluster mode ship it with --files or --archives)");
        }
    }

    /** JSON Lines (the exact lines of the CLI, in part files named *.jsonl) or Parquet. */
    static void write(Dataset<String> lines, Dataset<Row> rows, String format, String dir) throws IOException {
        if (format.equals("parquet")) {
            rows.write().mode(SaveMode.Overwrite).parquet(dir);
            return;
        }
        lines.write().mode(SaveMode.Overwrite).text(dir);
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(dir);
        FileSystem fs = path.getFileSystem(lines.sparkSession().sparkContext().hadoopConfiguration());
        for (FileStatus f : fs.listStatus(path)) {
            String name = f.getPath().getName();
            if (name.startsWith("part-") && name.endsWith(".txt")) {
                fs.rename(f.getPath(), new org.apache.hadoop.fs.Path(path, name.substring(0, name.length() - 4) + ".jsonl"));
            }
        }
    }

    /** A JSON file (pretty, UTF-8) written whole: to a temporary name, then renamed over the target. */
    static void writeJson(SparkSession spark, String file, Object value) throws IOException {
        writeText(spark, file, FactMapper.get().writerWithDefaultPrettyPrinter().writeValueAsString(value));
    }

    /** Writes a small file in one step (a temporary file renamed), on any Hadoop file system. */
    static void writeText(SparkSession spark, String file, String text) throws IOException {
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(file);
        FileSystem fs = target.getFileSystem(spark.sparkContext().hadoopConfiguration());
        org.apache.hadoop.fs.Path tmp = new org.apache.hadoop.fs.Path(target.getParent(), "." + target.getName() + ".tmp");
        try (OutputStream os = fs.create(tmp, true)) {
            os.write(text.getBytes(StandardCharsets.UTF_8));
        }
        fs.delete(target, false);
        fs.rename(tmp, target);
    }
}
