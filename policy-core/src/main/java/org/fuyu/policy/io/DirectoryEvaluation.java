package org.fuyu.policy.io;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongConsumer;
import org.fuyu.policy.CaseResult;
import org.fuyu.policy.Decision;
import org.fuyu.policy.EvaluationOptions;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.PolicyRun;
import org.fuyu.policy.RunResult;
import org.fuyu.policy.evaluation.HouseholdCase;
import org.fuyu.policy.facts.Business;
import org.fuyu.policy.facts.County;
import org.fuyu.policy.facts.Village;
import org.fuyu.policy.params.MissingParameterException;

/**
 * Evaluates an input directory into an output directory: {@code decisions.jsonl} (one decision
 * a line, in input order), {@code errors.jsonl} (one rejected record a line, in input order, and
 * one line per decision a household lacks because a parameter had no value on the date),
 * {@code summary.json}, and {@code notes.jsonl} when some households count towards no county. Only businesses, villages and counties (small) are held in memory;
 * households stream through in batches, so memory stays bounded whatever the number of
 * households. Every record read ends up evaluated or in {@code errors.jsonl}: read = evaluated +
 * rejected for every file.
 *
 * <p>The households file is cut into batches of raw lines by the calling thread. Each batch is
 * parsed, evaluated in one stateless session and rendered to JSON on a worker thread; only the
 * duplicate-id check and the hand-over of businesses run batch after batch in input order (a
 * short step), and the calling thread writes finished batches in input order. The output is
 * therefore byte for byte the same for any number of threads and any batch size.
 */
public final class DirectoryEvaluation {
    /**
     * Households per stateless session. Measured (docs/performance.md): one session per
     * household is 2–3 times slower than batches; 100–1,000 are fastest, larger batches lose
     * cache locality (10,000 is about 40% slower than 500).
     */
    public static final int DEFAULT_BATCH_SIZE = 500;
    /** Most households per session accepted; more only costs memory. */
    public static final int MAX_BATCH_SIZE = 100_000;
    /**
     * Written beside {@code errors.jsonl} when some households count towards no county (no
     * {@code countyId}, a village not in the input): the first {@value RunSummary#WITHOUT_COUNTY_LISTED}
     * of them, a line each, in the format of {@code errors.jsonl} (field {@code villageId}).
     */
    public static final String NOTES_FILE = "notes.jsonl";
    /** Most worker threads accepted (more than the cores only adds waiting). */
    public static final int MAX_THREADS = 256;
    /** A batch is cut after this many bytes of input too, however few lines it has. */
    public static final int MAX_BATCH_BYTES = 4 << 20;
    /** Input bytes in batches read but not yet written; reading waits beyond this. */
    public static final long MAX_BYTES_IN_FLIGHT = 32L << 20;

    private final PolicyEngine engine;
    private final EvaluationOptions options;
    private final int threads;
    private final int batchSize;
    private final Progress progress;
    private final RunManifest manifest;
    private final List<String> notes;

    private DirectoryEvaluation(Builder b) {
        this.manifest = b.manifest;
        this.notes = List.copyOf(b.notes);
        this.engine = b.engine;
        this.options = b.options;
        this.threads = b.threads;
        this.batchSize = b.batchSize;
        this.progress = b.progress;
    }

    public static Builder builder(PolicyEngine engine, EvaluationOptions options) {
        return new Builder(engine, options);
    }

    /** Hears how far the households file has been read; called on the thread that runs the evaluation. */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param households household records read and evaluated (or rejected) so far
         * @param bytesRead bytes of the households file behind them
         * @param bytesTotal size of the households file, or 0 when it is not known
         */
        void update(long households, long bytesRead, long bytesTotal);
    }

    /** Options for a directory evaluation. */
    public static final class Builder {
        private final PolicyEngine engine;
        private final EvaluationOptions options;
        private int threads = Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors());
        private int batchSize = DEFAULT_BATCH_SIZE;
        private Progress progress = (n, b, t) -> { };
        private RunManifest manifest;
        private final List<String> notes = new ArrayList<>();

        private Builder(PolicyEngine engine, EvaluationOptions options) {
            this.engine = Objects.requireNonNull(engine);
            this.options = Objects.requireNonNull(options);
        }

        /** Worker threads (default: all cores). Output is the same for any number. */
        public Builder threads(int n) {
            if (n < 1 || n > MAX_THREADS) {
                throw new IllegalArgumentException("线程数应为 1–" + MAX_THREADS + " / threads must be 1 to "
                        + MAX_THREADS + ", got " + n);
            }
            this.threads = n;
            return this;
        }

        /** Households per stateless session. Output is the same for any size. */
        public Builder batchSize(int n) {
            if (n < 1 || n > MAX_BATCH_SIZE) {
                throw new IllegalArgumentException("批大小应为 1–" + MAX_BATCH_SIZE + " / batch size must be 1 to "
                        + MAX_BATCH_SIZE + ", got " + n);
            }
            this.batchSize = n;
            return this;
        }

        /** Called with the number of household records read so far, after each batch. */
        public Builder progress(LongConsumer listener) {
            Objects.requireNonNull(listener);
            this.progress = (n, b, t) -> listener.accept(n);
            return this;
        }

        /** Called with records and bytes read so far, after each batch. */
        public Builder progress(Progress listener) {
            this.progress = Objects.requireNonNull(listener);
            return this;
        }

        /**
         * The manifest written into {@code summary.json} (packs with content hashes, parameter
         * files, options); the run adds its input files. Default: the engine's packs without hashes.
         */
        public Builder manifest(RunManifest manifest) {
            this.manifest = Objects.requireNonNull(manifest);
            return this;
        }

        /** Notes the host adds to the run's {@code summary.json} first (e.g. which shipped pack a directory pack replaced). */
        public Builder notes(List<String> hostNotes) {
            this.notes.addAll(hostNotes);
            return this;
        }

        public DirectoryEvaluation build() {
            return new DirectoryEvaluation(this);
        }
    }

    /**
     * Evaluates {@code inputDir} into {@code outputDir}. {@code summary.json} is written last,
     * atomically (a temporary file renamed over it), with {@code "completed": true}; when the run
     * fails part way it is still written, with {@code "completed": false} and the failure in its
     * notes, and the exception is rethrown.
     */
    public RunSummary run(Path inputDir, Path outputDir) throws IOException {
        InputFiles in = InputFiles.in(inputDir);
        Files.createDirectories(outputDir);
        RunSummary summary = new RunSummary(options.asOf(), engine.packs());
        summary.manifest = manifest != null ? manifest : RunManifest.of(options.asOf(), engine.packs(),
                options.explainDenials());
        summary.manifest.inputs.clear();
        try (OutputStream decisions = new BufferedOutputStream(
                Files.newOutputStream(outputDir.resolve("decisions.jsonl")), 1 << 20);
             Writer errors = Files.newBufferedWriter(outputDir.resolve("errors.jsonl"), StandardCharsets.UTF_8)) {
            ObjectWriter json = FactMapper.get().writer().without(SerializationFeature.INDENT_OUTPUT);
            evaluate(FactSource.Inputs.of(in), decisions, e -> {
                try {
                    errors.write(json.writeValueAsString(e));
                    errors.write('\n');
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }, summary);
            if (!summary.withoutCountySample.isEmpty()) {
                // the run's note says how many; the first few ids go to notes.jsonl, never to a log
                try (Writer notes = Files.newBufferedWriter(outputDir.resolve(NOTES_FILE), StandardCharsets.UTF_8)) {
                    for (RecordError e : summary.withoutCountySample) {
                        notes.write(json.writeValueAsString(e));
                        notes.write('\n');
                    }
                }
                summary.notes.add(withoutCountyListedNote(summary.withoutCountySample.size()));
            }
            summary.completed = true;
        } catch (IOException | RuntimeException | Error e) {
            summary.completed = false;
            summary.notes.add("运行未完成 / the run did not complete: " + org.fuyu.policy.Words.failure(e)
                    + "; decisions.jsonl and errors.jsonl are incomplete, correct the cause and run again");
            SummaryFile.write(outputDir, summary);
            throw e;
        }
        SummaryFile.write(outputDir, summary);
        return summary;
    }

    /**
     * Evaluates inputs from any source (files, a request body): decision lines go to
     * {@code decisions} batch by batch as they are made, in input order (the stream is not closed),
     * each rejected record to {@code errors} in input order; returns what {@code summary.json}
     * holds (with its manifest). {@link #run(Path, Path)} is this over the files of a directory.
     */
    public RunSummary run(FactSource.Inputs in, OutputStream decisions, java.util.function.Consumer<RecordError> errors)
            throws IOException {
        RunSummary summary = new RunSummary(options.asOf(), engine.packs());
        summary.manifest = manifest != null ? manifest : RunManifest.of(options.asOf(), engine.packs(),
                options.explainDenials());
        summary.manifest.inputs.clear();
        evaluate(in, decisions, errors, summary);
        summary.completed = true;
        return summary;
    }

    private void evaluate(FactSource.Inputs in, OutputStream decisions, java.util.function.Consumer<RecordError> errors,
                          RunSummary summary) throws IOException {
        {
            summary.notes.addAll(notes);
            Output out = new Output(decisions, errors, summary);
            PolicyRun run = engine.newRun(options);

            List<Located<County>> counties = readSmallLocated(in.counties(), County.class, County::id, out);
            List<Located<Village>> villages = readSmallLocated(in.villages(), Village.class, Village::id, out);
            run.addCounties(counties.stream().map(Located::value).toList());
            run.addVillages(villages.stream().map(Located::value).toList());
            villages.forEach(v -> summary.village(v.value()));

            Map<String, List<Located<Business>>> businesses = new HashMap<>();
            if (in.businesses() != null) {
                for (Located<Business> b : readSmallLocated(in.businesses(), Business.class, Business::id, out)) {
                    businesses.computeIfAbsent(b.value().householdId(), k -> new ArrayList<>()).add(b);
                }
            }
            String bFile = in.businesses() == null ? "businesses" : in.businesses().name();
            if (in.households() != null) {
                HouseholdStream stream = new HouseholdStream(in.households(), bFile, run, businesses, out, threads, batchSize,
                        progress, lowIncomeLine());
                stream.run();
                summary.manifest.inputs.add(stream.hash());
            }
            // businesses whose household never came (absent or rejected)
            for (List<Located<Business>> orphans : businesses.values()) {
                for (Located<Business> b : orphans) {
                    out.reject(new RecordError(bFile, b.line(), "householdId", "household '" + b.value().householdId()
                            + "' is not among the evaluated households"
                            + (in.households() == null ? " (no households file)" : ""), b.value().id()));
                }
            }
            RunResult areaResults = run.finish();
            DecisionLines lines = new DecisionLines();
            for (CaseResult r : areaResults.cases()) {
                if (r.failed()) {
                    if (r.subjectType() == org.fuyu.policy.SubjectType.COUNTY) {
                        areaFailed(r, in.counties(), counties, out);
                    } else {
                        areaFailed(r, in.villages(), villages, out);
                    }
                    continue;
                }
                for (Decision d : r.decisions()) {
                    lines.add(d);
                    summary.add(d, r.countyId());
                }
            }
            decisions.write(lines.toByteArray());
            summary.notes.addAll(areaResults.notes());
            summary.notes.addAll(closingNotes(summary, engine.timeBudgetExceeded(), engine.caseTimeBudget()));
        }
        for (FactSource p : java.util.Arrays.asList(in.counties(), in.villages(), in.businesses())) {
            if (p != null) {
                summary.manifest.inputs.add(RunManifest.hash(p));
            }
        }
        summary.manifest.inputs.sort(java.util.Comparator.comparing(RunManifest.FileHash::file));
    }

    /** The note saying that the first {@code n} households that count towards no county are in {@link #NOTES_FILE}. */
    public static String withoutCountyListedNote(int n) {
        return "不计入任何县的农户，前 " + n + " 户列在 " + NOTES_FILE + " / the first " + n
                + " households that count towards no county are listed in " + NOTES_FILE + " (file, line, id)";
    }

    /**
     * The notes a run's summary ends with: households for which one pack's rules failed, packs
     * whose cases ran past the time budget, Also for runs made
     * of parts evaluated elsewhere (the Spark job), which sum the counts first.
     *
     * @param budgetExceeded per pack, the cases stopped at the time budget
     */
    public static List<String> closingNotes(RunSummary summary, Map<String, Long> budgetExceeded,
                                            java.time.Duration caseTimeBudget) {
        List<String> notes = new ArrayList<>();
        if (summary.packErrors > 0) {
            notes.add(summary.packErrors + " 户：某个规则包的规则失败，其他规则包照常决定（见 errors.jsonl）/ "
                    + summary.packErrors + " households: the rules of one pack failed for them and the other packs"
                    + " decided them as usual (see errors.jsonl)");
        }
        budgetExceeded.forEach((pack, n) -> notes.add("规则包 " + pack + " 有 " + n
                + " 个个案超出时间预算 / pack " + pack + ": " + n + " cases ran past the time budget of "
                + caseTimeBudget.toMillis() + " ms and were stopped; ask its authors to look at its rules"));
        summary.undecided.forEach((code, n) -> notes.add(n + " 户未判定 " + code + "（见 errors.jsonl）/ " + n
                + " households did not get " + code + ", all their other decisions were made (see errors.jsonl): "
                + summary.undecidedWhy.get(code)));
        // households counted in no county: noted by the run that decides the counties (PolicyRun#withoutCountyNote)
        return notes;
    }

    /**
     * A village or county case that failed: in {@code errors.jsonl} at the line of its record, and
     * moved from evaluated to rejected in its file's counts.
     */
    private static <T> void areaFailed(CaseResult r, FactSource file, List<Located<T>> records, Output out) {
        String kind = r.subjectType().name().toLowerCase(Locale.ROOT);
        String name = file == null ? kind + "s" : file.name();
        int line = 0;
        for (Located<T> rec : records) {
            if (rec.value() instanceof County c ? c.id().equals(r.subjectId())
                    : rec.value() instanceof Village v && v.id().equals(r.subjectId())) {
                line = rec.line();
                break;
            }
        }
        RunSummary.FileCounts counts = out.summary.file(name);
        if (line > 0 && counts.evaluated > 0) {
            counts.evaluated--;
            counts.rejected++;
            out.error(new RecordError(name, line, "", "evaluation failed: " + r.error(), r.subjectId()));
        } else {
            // a case made without a record of its own (a county only households name): noted, not a record
            out.summary.notes.add(kind + " " + r.subjectId() + " (no record in " + name + ") was not decided: " + r.error());
        }
    }

    /** {@code low_income.line} in force on the run's date, for the income distribution; null without one. */
    private BigDecimal lowIncomeLine() {
        if (!engine.parameters().contains(HouseholdCase.LOW_INCOME_LINE)) {
            return null;
        }
        try {
            return engine.parametersAt(options.asOf()).get(HouseholdCase.LOW_INCOME_LINE).value();
        } catch (MissingParameterException e) {
            return null;
        }
    }

    /** A record with its line. */
    record Located<T>(T value, int line) {
    }


    private <T> List<T> readSmall(FactSource file, Class<T> type, java.util.function.Function<T, String> id, Output out)
            throws IOException {
        return readSmallLocated(file, type, id, out).stream().map(Located::value).toList();
    }

    private <T> List<Located<T>> readSmallLocated(FactSource file, Class<T> type, java.util.function.Function<T, String> id,
                                                   Output out) throws IOException {
        if (file == null) {
            return List.of();
        }
        String name = file.name();
        RunSummary.FileCounts counts = out.summary.file(name);
        Map<String, Located<T>> byId = new LinkedHashMap<>();
        try (java.io.InputStream in = file.open()) {
        new FactReader<>(type).read(name, in, rec -> {
            counts.read++;
            String key = id.apply(rec.value());
            if (byId.containsKey(key)) {
                counts.rejected++;
                out.error(new RecordError(name, rec.line(), "id", "duplicate " + type.getSimpleName().toLowerCase(Locale.ROOT)
                        + " id '" + key + "' (first at line " + byId.get(key).line() + ")", key));
            } else {
                byId.put(key, new Located<>(rec.value(), rec.line()));
            }
        }, err -> {
            counts.read++;
            counts.rejected++;
            out.error(err);
        });
        }
        if (type != Business.class) {
            counts.evaluated += byId.size();
        }
        return new ArrayList<>(byId.values());
    }

    /** The output files; used from the calling thread only. */
    static final class Output {
        final OutputStream decisions;
        final java.util.function.Consumer<RecordError> errors;
        final RunSummary summary;

        Output(OutputStream decisions, java.util.function.Consumer<RecordError> errors, RunSummary summary) {
            this.decisions = decisions;
            this.errors = errors;
            this.summary = summary;
        }

        /** An error line for a record already counted as rejected. */
        void error(RecordError e) {
            errors.accept(e);
        }

        /** Rejects a record counted as read but not yet as evaluated or rejected. */
        void reject(RecordError e) {
            summary.file(e.file()).rejected++;
            error(e);
        }
    }
}
