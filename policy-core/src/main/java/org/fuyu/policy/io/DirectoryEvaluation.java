package org.fuyu.policy.io;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.LongConsumer;
import org.fuyu.policy.CaseResult;
import org.fuyu.policy.Decision;
import org.fuyu.policy.EvaluationOptions;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.PolicyRun;
import org.fuyu.policy.RunResult;

/**
 * Evaluates an input directory into an output directory: {@code decisions.jsonl} (one decision
 * a line, in input order), {@code errors.jsonl} (one rejected record a line) and
 * {@code summary.json}. Households stream through in batches evaluated on a thread pool; only
 * businesses, villages and counties (small) are held in memory. Every record read ends up
 * evaluated or in {@code errors.jsonl}: read = evaluated + rejected for every file. The reading
 * is {@link InputPass} with one run.
 */
public final class DirectoryEvaluation {
    private final PolicyEngine engine;
    private final EvaluationOptions options;
    private final int threads;
    private final int batchSize;
    private final LongConsumer progress;

    private DirectoryEvaluation(Builder b) {
        this.engine = b.engine;
        this.options = b.options;
        this.threads = b.threads;
        this.batchSize = b.batchSize;
        this.progress = b.progress;
    }

    public static Builder builder(PolicyEngine engine, EvaluationOptions options) {
        return new Builder(engine, options);
    }

    /** Options for a directory evaluation. */
    public static final class Builder {
        private final PolicyEngine engine;
        private final EvaluationOptions options;
        private int threads = Runtime.getRuntime().availableProcessors();
        private int batchSize = 2_000;
        private LongConsumer progress = n -> { };

        private Builder(PolicyEngine engine, EvaluationOptions options) {
            this.engine = Objects.requireNonNull(engine);
            this.options = Objects.requireNonNull(options);
        }

        /** Worker threads (default: all cores). Output is the same for any number. */
        public Builder threads(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("threads must be ≥ 1");
            }
            this.threads = n;
            return this;
        }

        /** Households per stateless session. */
        public Builder batchSize(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("batch size must be ≥ 1");
            }
            this.batchSize = n;
            return this;
        }

        /** Called with the number of household records read so far, after each batch. */
        public Builder progress(LongConsumer listener) {
            this.progress = listener;
            return this;
        }

        public DirectoryEvaluation build() {
            return new DirectoryEvaluation(this);
        }
    }

    public RunSummary run(Path inputDir, Path outputDir) throws IOException {
        InputFiles.in(inputDir);
        Files.createDirectories(outputDir);
        RunSummary summary = new RunSummary(options.asOf(), engine.packs());
        ObjectWriter json = FactMapper.get().writer().without(SerializationFeature.INDENT_OUTPUT);
        try (Writer decisions = Files.newBufferedWriter(outputDir.resolve("decisions.jsonl"), StandardCharsets.UTF_8);
             Writer errors = Files.newBufferedWriter(outputDir.resolve("errors.jsonl"), StandardCharsets.UTF_8)) {
            PolicyRun run = engine.newRun(options);
            InputPass pass = new InputPass(List.of(run), null, threads, batchSize, progress);
            Output out = new Output(decisions, errors, json, summary, pass);
            pass.run(inputDir, errors, summary.files, (in, results) -> out.write(results.get(0), results.get(0).countyId()));
            RunResult countyResults = run.finish();
            for (CaseResult r : countyResults.cases()) {
                out.write(r, null);
            }
            summary.notes.addAll(countyResults.notes());
            out.flush();
        }
        try (Writer w = Files.newBufferedWriter(outputDir.resolve("summary.json"), StandardCharsets.UTF_8)) {
            FactMapper.get().writerWithDefaultPrettyPrinter().writeValue(w, summary);
        }
        return summary;
    }

    /** Writes decisions and county failures; single-threaded (called from the reading thread only). */
    private static final class Output {
        final Writer decisions;
        final Writer errors;
        final ObjectWriter json;
        final RunSummary summary;
        final InputPass pass;

        Output(Writer decisions, Writer errors, ObjectWriter json, RunSummary summary, InputPass pass) {
            this.decisions = decisions;
            this.errors = errors;
            this.json = json;
            this.summary = summary;
            this.pass = pass;
        }

        void write(CaseResult r, String countyId) {
            if (r.failed()) {
                pass.writeError(errors, new RecordError(r.subjectType().name().toLowerCase() + " " + r.subjectId(), 0, "",
                        "evaluation failed: " + r.error(), r.subjectId()));
                return;
            }
            try {
                for (Decision d : r.decisions()) {
                    decisions.write(json.writeValueAsString(d));
                    decisions.write('\n');
                    summary.add(d, countyId != null ? countyId : r.countyId());
                }
                if (r.subjectType() == org.fuyu.policy.SubjectType.HOUSEHOLD && r.countyId() != null) {
                    summary.county(r.countyId()).households++;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void flush() throws IOException {
            decisions.flush();
            errors.flush();
        }
    }

}
