package org.fuyu.policy.io;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.fuyu.policy.CaseResult;
import org.fuyu.policy.Decision;
import org.fuyu.policy.EvaluationOptions;
import org.fuyu.policy.HouseholdInput;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.PolicyRun;
import org.fuyu.policy.RunResult;
import org.fuyu.policy.evaluation.HouseholdCase;
import org.fuyu.policy.facts.Business;
import org.fuyu.policy.facts.County;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.facts.Village;
import org.fuyu.policy.params.MissingParameterException;

/**
 * Evaluates an input directory into an output directory: {@code decisions.jsonl} (one decision
 * a line, in input order), {@code errors.jsonl} (one rejected record a line, in input order) and
 * {@code summary.json}. Only businesses, villages and counties (small) are held in memory;
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

    private final PolicyEngine engine;
    private final EvaluationOptions options;
    private final int threads;
    private final int batchSize;
    private final Progress progress;

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
        private int threads = Runtime.getRuntime().availableProcessors();
        private int batchSize = DEFAULT_BATCH_SIZE;
        private Progress progress = (n, b, t) -> { };

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

        /** Households per stateless session. Output is the same for any size. */
        public Builder batchSize(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("batch size must be ≥ 1");
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

        public DirectoryEvaluation build() {
            return new DirectoryEvaluation(this);
        }
    }

    public RunSummary run(Path inputDir, Path outputDir) throws IOException {
        InputFiles in = InputFiles.in(inputDir);
        Files.createDirectories(outputDir);
        ObjectWriter json = FactMapper.get().writer().without(SerializationFeature.INDENT_OUTPUT);
        RunSummary summary;
        try (OutputStream decisions = new BufferedOutputStream(
                Files.newOutputStream(outputDir.resolve("decisions.jsonl")), 1 << 20);
             Writer errors = Files.newBufferedWriter(outputDir.resolve("errors.jsonl"), StandardCharsets.UTF_8)) {
            summary = run(FactSource.Inputs.of(in), decisions, e -> {
                try {
                    errors.write(json.writeValueAsString(e));
                    errors.write('\n');
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
        }
        try (Writer w = Files.newBufferedWriter(outputDir.resolve("summary.json"), StandardCharsets.UTF_8)) {
            FactMapper.get().writerWithDefaultPrettyPrinter().writeValue(w, summary);
        }
        return summary;
    }

    /**
     * Evaluates inputs from any source (files, a request body): decision lines go to
     * {@code decisions} batch by batch as they are made, in input order (the stream is not closed),
     * each rejected record to {@code errors} in input order; returns what {@code summary.json}
     * holds. {@link #run(Path, Path)} is this over the files of a directory.
     */
    public RunSummary run(FactSource.Inputs in, OutputStream decisions, Consumer<RecordError> errors)
            throws IOException {
        RunSummary summary = new RunSummary(options.asOf(), engine.packs());
        Output out = new Output(decisions, errors, summary);
        PolicyRun run = engine.newRun(options);

        List<County> counties = readSmall(in.counties(), County.class, County::id, out);
        List<Village> villages = readSmall(in.villages(), Village.class, Village::id, out);
        run.addCounties(counties);
        run.addVillages(villages);
        villages.forEach(summary::village);

        Map<String, List<Located<Business>>> businesses = new HashMap<>();
        if (in.businesses() != null) {
            for (Located<Business> b : readSmallLocated(in.businesses(), Business.class, Business::id, out)) {
                businesses.computeIfAbsent(b.value().householdId(), k -> new ArrayList<>()).add(b);
            }
        }
        String bFile = in.businesses() == null ? "businesses" : in.businesses().name();
        if (in.households() != null) {
            new HouseholdStream(in.households(), bFile, run, businesses, out).run();
        }
        // businesses whose household never came (absent or rejected)
        for (List<Located<Business>> orphans : businesses.values()) {
            for (Located<Business> b : orphans) {
                out.reject(new RecordError(bFile, b.line(), "householdId", "household '" + b.value().householdId()
                        + "' is not among the evaluated households"
                        + (in.households() == null ? " (no households file)" : ""), b.value().id()));
            }
        }
        RunResult countyResults = run.finish();
        DecisionLines lines = new DecisionLines();
        for (CaseResult r : countyResults.cases()) {
            if (r.failed()) {
                out.error(new RecordError(r.subjectType().name().toLowerCase(Locale.ROOT) + " " + r.subjectId(), 0,
                        "", "evaluation failed: " + r.error(), r.subjectId()));
                continue;
            }
            for (Decision d : r.decisions()) {
                lines.add(d);
                summary.add(d, r.countyId());
            }
        }
        decisions.write(lines.toByteArray());
        summary.notes.addAll(countyResults.notes());
        return summary;
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

    private record Located<T>(T value, int line) {
    }

    /**
     * A batch of household records in input order: raw JSON lines still to parse, households
     * already parsed (from a JSON array file), or records already rejected.
     */
    private static final class Batch {
        final long index;
        int size;
        int[] lines;
        int[] offsets;
        int[] lengths;
        /** null: raw JSON at offsets/lengths in data; else a Household, HouseholdInput or RecordError. */
        Object[] items;
        byte[] data;
        int dataLength;
        long recordsRead;
        long bytesRead;

        Batch(long index, int capacity) {
            this.index = index;
            lines = new int[capacity];
            offsets = new int[capacity];
            lengths = new int[capacity];
            items = new Object[capacity];
        }

        private int slot(int line) {
            if (size == lines.length) {
                int n = size * 2 + 1;
                lines = Arrays.copyOf(lines, n);
                offsets = Arrays.copyOf(offsets, n);
                lengths = Arrays.copyOf(lengths, n);
                items = Arrays.copyOf(items, n);
            }
            lines[size] = line;
            return size++;
        }

        void raw(int line, byte[] buf, int off, int len) {
            int i = slot(line);
            if (data == null) {
                data = new byte[Math.max(len, lines.length * 512)];
            } else if (dataLength + len > data.length) {
                data = Arrays.copyOf(data, Math.max(dataLength + len, data.length * 2));
            }
            System.arraycopy(buf, off, data, dataLength, len);
            offsets[i] = dataLength;
            lengths[i] = len;
            dataLength += len;
        }

        void item(int line, Object value) {
            items[slot(line)] = value;
        }
    }

    /** What a worker made of a batch: decision lines, rejected records in line order, and the batch's counts. */
    private record BatchResult(byte[] decisions, List<RecordError> errors, RunSummary counts, long recordsRead,
                               long bytesRead) {
    }

    /** Lets batches pass one step in input order, one at a time. */
    private static final class Sequencer {
        private long next;

        synchronized void await(long index) throws InterruptedException {
            while (next != index) {
                wait();
            }
        }

        synchronized void done(long index) {
            next = index + 1;
            notifyAll();
        }
    }

    /** Streams one households file through the pool. */
    private final class HouseholdStream {
        private final FactSource file;
        private final String name;
        private final String businessFile;
        private final PolicyRun run;
        private final Map<String, List<Located<Business>>> businesses;
        private final Output out;
        private final FactReader<Household> reader = new FactReader<>(Household.class);
        private final IdRegistry ids = new IdRegistry();
        private final Sequencer sequencer = new Sequencer();
        private final BigDecimal lowIncomeLine = lowIncomeLine();
        private final ArrayDeque<Future<BatchResult>> pending = new ArrayDeque<>();
        private final long totalBytes;
        private ExecutorService pool;
        private long nextIndex;
        private long records;

        HouseholdStream(FactSource file, String businessFile, PolicyRun run,
                        Map<String, List<Located<Business>>> businesses, Output out) {
            this.file = file;
            this.name = file.name();
            this.businessFile = businessFile;
            this.run = run;
            this.businesses = businesses;
            this.out = out;
            this.totalBytes = file.size();
        }

        void run() throws IOException {
            pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "fuyu-eval");
                t.setDaemon(true);
                return t;
            }) : null;
            out.summary.file(name);
            try {
                Batch[] current = {newBatch()};
                if (name.toLowerCase(Locale.ROOT).endsWith(".json")) {
                    try (InputStream in = file.open()) {
                        reader.read(name, in, rec -> {
                            records++;
                            current[0].item(rec.line(), rec.value());
                            current[0] = submitIfFull(current[0], 0);
                        }, err -> {
                            records++;
                            current[0].item(err.line(), err);
                            current[0] = submitIfFull(current[0], 0);
                        });
                    }
                } else {
                    try (InputStream in = file.open()) {
                        LineSplitter lines = new LineSplitter(in, FactReader.MAX_LINE_LENGTH);
                        while (lines.next()) {
                            if (lines.truncated()) {
                                records++;
                                current[0].item(lines.lineNumber(), FactReader.tooLong(name, lines.lineNumber()));
                            } else if (!LineSplitter.isBlank(lines.buffer(), lines.start(), lines.length())) {
                                records++;
                                current[0].raw(lines.lineNumber(), lines.buffer(), lines.start(), lines.length());
                            } else {
                                continue;
                            }
                            current[0] = submitIfFull(current[0], lines.bytesConsumed());
                        }
                        current[0].bytesRead = lines.bytesConsumed();
                    }
                }
                if (current[0].size > 0) {
                    submit(current[0], current[0].bytesRead);
                }
                while (!pending.isEmpty()) {
                    write(get(pending.poll()));
                }
                progress.update(records, totalBytes, totalBytes);
            } finally {
                if (pool != null) {
                    pool.shutdownNow();
                }
            }
        }

        private Batch newBatch() {
            return new Batch(nextIndex++, batchSize);
        }

        private Batch submitIfFull(Batch b, long bytes) {
            if (b.size < batchSize) {
                return b;
            }
            submit(b, bytes);
            return newBatch();
        }

        private void submit(Batch b, long bytes) {
            b.recordsRead = records;
            b.bytesRead = bytes;
            if (pool == null) {
                write(process(b));
                return;
            }
            pending.add(pool.submit(() -> process(b)));
            while (pending.size() > threads * 2 + 1) {
                write(get(pending.poll()));
            }
        }

        private BatchResult get(Future<BatchResult> f) {
            try {
                return f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("evaluation failed: " + e.getCause(), e.getCause());
            }
        }

        /** Parses, checks, evaluates and renders one batch (on a worker thread). */
        private BatchResult process(Batch b) {
            Object[] items = b.items;
            boolean passed = false;
            try {
                for (int i = 0; i < b.size; i++) {
                    if (items[i] == null) {
                        items[i] = reader.parseLine(name, b.lines[i], b.data, b.offsets[i], b.lengths[i]);
                    }
                }
                b.data = null;
                sequencer.await(b.index);
                try {
                    admit(b);
                } finally {
                    passed = true;
                    sequencer.done(b.index);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } finally {
                if (!passed) {
                    pass(b.index);
                }
            }
            List<HouseholdInput> inputs = new ArrayList<>(b.size);
            for (int i = 0; i < b.size; i++) {
                if (items[i] instanceof HouseholdInput h) {
                    inputs.add(h);
                }
            }
            List<CaseResult> results = inputs.isEmpty() ? List.of() : run.evaluate(inputs);
            return render(b, results);
        }

        /** Lets later batches through after this one failed before its ordered step. */
        private void pass(long index) {
            try {
                sequencer.await(index);
                sequencer.done(index);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** The ordered step: the first record with an id wins, and it takes its businesses. */
        private void admit(Batch b) {
            for (int i = 0; i < b.size; i++) {
                if (b.items[i] instanceof Household h) {
                    if (!ids.add(h.id())) {
                        b.items[i] = new RecordError(name, b.lines[i], "id", "duplicate household id '" + h.id()
                                + "' (already read earlier in this file)", h.id());
                        continue;
                    }
                    List<Located<Business>> bs = businesses.remove(h.id());
                    List<Business> own = bs == null ? List.of() : bs.stream().map(Located::value).toList();
                    b.items[i] = new HouseholdInput(h, own);
                }
            }
        }

        private BatchResult render(Batch b, List<CaseResult> results) {
            RunSummary counts = out.summary.part();
            RunSummary.FileCounts hs = counts.file(name);
            List<RecordError> errors = new ArrayList<>();
            DecisionLines lines = new DecisionLines();
            int k = 0;
            for (int i = 0; i < b.size; i++) {
                hs.read++;
                if (b.items[i] instanceof RecordError e) {
                    hs.rejected++;
                    errors.add(e);
                    continue;
                }
                HouseholdInput in = (HouseholdInput) b.items[i];
                CaseResult r = results.get(k++);
                List<Business> own = in.businesses();
                if (r.failed()) {
                    hs.rejected++;
                    errors.add(new RecordError(name, b.lines[i], "", "evaluation failed: " + r.error(), r.subjectId()));
                    if (!own.isEmpty()) {
                        counts.file(businessFile).rejected += own.size();
                        for (Business x : own) {
                            errors.add(new RecordError(businessFile, 0, "householdId",
                                    "its household '" + x.householdId() + "' could not be evaluated", x.id()));
                        }
                    }
                    continue;
                }
                hs.evaluated++;
                if (!own.isEmpty()) {
                    counts.file(businessFile).evaluated += own.size();
                }
                for (Decision d : r.decisions()) {
                    lines.add(d);
                    counts.add(d, r.countyId());
                }
                if (r.countyId() != null) {
                    counts.household(r.countyId(), in.household(), lowIncomeLine);
                }
            }
            return new BatchResult(lines.toByteArray(), errors, counts, b.recordsRead, b.bytesRead);
        }

        /** Writes a finished batch (on the calling thread, in input order). */
        private void write(BatchResult r) {
            try {
                out.decisions.write(r.decisions());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            r.errors().forEach(out::error);
            out.summary.merge(r.counts());
            progress.update(r.recordsRead(), r.bytesRead(), totalBytes);
        }
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
        try (InputStream in = file.open()) {
            new FactReader<>(type).read(name, in, rec -> {
                counts.read++;
                String key = id.apply(rec.value());
                if (byId.containsKey(key)) {
                    counts.rejected++;
                    out.error(new RecordError(name, rec.line(), "id", "duplicate "
                            + type.getSimpleName().toLowerCase(Locale.ROOT) + " id '" + key + "' (first at line "
                            + byId.get(key).line() + ")", key));
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
    private static final class Output {
        final OutputStream decisions;
        final Consumer<RecordError> errors;
        final RunSummary summary;

        Output(OutputStream decisions, Consumer<RecordError> errors, RunSummary summary) {
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
