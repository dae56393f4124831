package org.fuyu.policy.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fuyu.policy.PolicyException;
import org.fuyu.policy.io.InputFiles;

/**
 * The four inputs of a run as {@link Schemas#RECORDS} (null where there is none), with the names
 * errors and the summary give them: the files of an input directory as {@code fuyu evaluate}
 * reads it ({@code households.jsonl}, ...), the same names with {@code .parquet} (a file or a
 * directory of part files), or the tables {@code households}, ... of a database.
 */
public record FuyuInputs(Dataset<Row> households, Dataset<Row> businesses, Dataset<Row> villages, Dataset<Row> counties,
                         List<String> names) {

    /** @param format {@code jsonl}, {@code parquet} or {@code table} */
    public static FuyuInputs read(SparkSession spark, String input, String format) throws IOException {
        List<Dataset<Row>> found = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (format.equals("table")) {
            for (String kind : InputFiles.KINDS) {
                String table = input + "." + kind;
                boolean exists = spark.catalog().tableExists(table);
                found.add(exists ? FuyuSpark.table(spark, table) : null);
                names.add(exists ? table : kind);
            }
        } else {
            Path dir = new Path(input);
            FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(dir)) {
                throw new PolicyException("输入目录不存在 / input directory " + input + " does not exist");
            }
            for (String kind : InputFiles.KINDS) {
                Path p = new Path(dir, kind + "." + format);
                if (format.equals("jsonl") && fs.exists(new Path(dir, kind + ".json"))) {
                    FuyuSpark.jsonLines(spark, new Path(dir, kind + ".json").toString()); // refuses, saying what to do
                }
                boolean exists = fs.exists(p);
                if (exists && format.equals("jsonl") && !fs.getFileStatus(p).isFile()) {
                    throw new PolicyException(p + " 不是普通文件 / is not a regular file; replace it with the "
                            + p.getName() + " file or remove it");
                }
                found.add(!exists ? null : format.equals("jsonl") ? FuyuSpark.jsonLines(spark, p.toString())
                        : FuyuSpark.parquet(spark, p.toString()));
                names.add(exists ? p.getName() : kind);
            }
        }
        if (found.stream().allMatch(d -> d == null)) {
            throw new PolicyException("没有输入 / no input in " + input + ": expected any of households, businesses, villages,"
                    + " counties" + (format.equals("table") ? " tables" : " ." + format + " files"));
        }
        return new FuyuInputs(found.get(0), found.get(1), found.get(2), found.get(3), List.copyOf(names));
    }
}
