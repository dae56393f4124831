package org.fuyu.policy.spark;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.fuyu.policy.io.DirectoryEvaluation;
import org.fuyu.policy.packs.RulePack;
import org.fuyu.policy.packs.RulePacks;
import org.fuyu.policy.params.ParameterFiles;
import org.fuyu.policy.params.ParameterSet;
import org.fuyu.policy.reform.Reform;

/**
 * How {@link FuyuSpark} evaluates: the date, the packs (default: those on the class path), the
 * parameter files laid over them, denials, households per rule session, the number of household
 * partitions, the names errors and the summary give the inputs, and for a comparison the reform.
 * Built with {@link #builder(LocalDate)}; immutable.
 */
public final class FuyuSparkOptions {
    private final LocalDate asOf;
    private final List<RulePack> packs;
    private final List<Path> parameterFiles;
    private final List<ParameterSet> overrides;
    private final boolean explainDenials;
    private final int batchSize;
    private final int partitions;
    private final List<String> inputNames;
    private final Reform reform;

    private FuyuSparkOptions(Builder b) {
        this.asOf = b.asOf;
        this.packs = b.packs.isEmpty() ? RulePacks.fromClasspath() : List.copyOf(b.packs);
        this.parameterFiles = List.copyOf(b.parameterFiles);
        List<ParameterSet> o = new ArrayList<>();
        for (Path p : b.parameterFiles) {
            o.add(ParameterFiles.read(p));
        }
        this.overrides = List.copyOf(o);
        this.explainDenials = b.explainDenials;
        this.batchSize = b.batchSize;
        this.partitions = b.partitions;
        this.inputNames = List.copyOf(b.inputNames);
        this.reform = b.reform;
    }

    public static Builder builder(LocalDate asOf) {
        return new Builder(asOf);
    }

    public LocalDate asOf() {
        return asOf;
    }

    /** The packs, in order. */
    public List<RulePack> packs() {
        return packs;
    }

    public List<Path> parameterFiles() {
        return parameterFiles;
    }

    /** The parameter files, read on the driver (they travel to the executors as data). */
    public List<ParameterSet> overrides() {
        return overrides;
    }

    public boolean explainDenials() {
        return explainDenials;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Partitions of the household stage; 0: Spark's {@code spark.sql.shuffle.partitions}. */
    public int partitions() {
        return partitions;
    }

    /** What errors and the summary call the households, businesses, villages and counties inputs. */
    public List<String> inputNames() {
        return inputNames;
    }

    /** The reform of a comparison, or null. */
    public Reform reform() {
        return reform;
    }

    /** Options of a {@link FuyuSparkOptions}. */
    public static final class Builder {
        private final LocalDate asOf;
        private final List<RulePack> packs = new ArrayList<>();
        private final List<Path> parameterFiles = new ArrayList<>();
        private boolean explainDenials;
        private int batchSize = DirectoryEvaluation.DEFAULT_BATCH_SIZE;
        private int partitions;
        private List<String> inputNames = List.of("households", "businesses", "villages", "counties");
        private Reform reform;

        private Builder(LocalDate asOf) {
            this.asOf = Objects.requireNonNull(asOf, "asOf");
        }

        /** Packs to use instead of those on the class path; call again to add more. */
        public Builder packs(List<? extends RulePack> more) {
            packs.addAll(more);
            return this;
        }

        /** A parameter file laid over the pack defaults (later files win). */
        public Builder parameterFile(Path file) {
            parameterFiles.add(Objects.requireNonNull(file));
            return this;
        }

        public Builder explainDenials(boolean on) {
            this.explainDenials = on;
            return this;
        }

        /** Households per stateless rule session (1–100,000; default 500, as {@code fuyu evaluate}). */
        public Builder batchSize(int n) {
            if (n < 1 || n > DirectoryEvaluation.MAX_BATCH_SIZE) {
                throw new IllegalArgumentException("批大小应为 1–" + DirectoryEvaluation.MAX_BATCH_SIZE
                        + " / batch size must be 1 to " + DirectoryEvaluation.MAX_BATCH_SIZE + ", got " + n);
            }
            this.batchSize = n;
            return this;
        }

        /** Partitions of the household stage (≥ 1; default: {@code spark.sql.shuffle.partitions}). */
        public Builder partitions(int n) {
            if (n < 1 || n > 1_000_000) {
                throw new IllegalArgumentException("分区数应为 1–1000000 / partitions must be 1 to 1,000,000, got " + n);
            }
            this.partitions = n;
            return this;
        }

        /** Names of the four inputs in errors and the summary (e.g. households.jsonl). */
        public Builder inputNames(String households, String businesses, String villages, String counties) {
            this.inputNames = List.of(households, businesses, villages, counties);
            return this;
        }

        /** Compares the baseline with this reform ({@link FuyuSpark#compare}). */
        public Builder reform(Reform r) {
            this.reform = r;
            return this;
        }

        public FuyuSparkOptions build() {
            return new FuyuSparkOptions(this);
        }
    }
}
