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
    /** Most households per session accepted; more only costs memory. */
    public static final int MAX_BATCH_SIZE = 100_000;
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

    private DirectoryEvaluation(Builder b) {
        this.manifest = b.manifest;
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
        try {
            evaluate(in, outputDir, summary);
            summary.completed = true;
        } catch (IOException | RuntimeException | Error e) {
            summary.completed = false;
            summary.notes.add("运行未完成 / the run did not complete: " + e
                    + "; decisions.jsonl and errors.jsonl are incomplete, correct the cause and run again");
            SummaryFile.write(outputDir, summary);
            throw e;
        }
        SummaryFile.write(outputDir, summary);
        return summary;
    }

    private void evaluate(InputFiles in, Path outputDir, RunSummary summary) throws IOException {
        try (OutputStream decisions = new BufferedOutputStream(
                Files.newOutputStream(outputDir.resolve("decisions.jsonl")), 1 << 20);
             Writer errors = Files.newBufferedWriter(outputDir.resolve("errors.jsonl"), StandardCharsets.UTF_8)) {
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
            String bFile = in.businesses() == null ? "businesses" : in.businesses().getFileName().toString();
            if (in.households() != null) {
                HouseholdStream stream = new HouseholdStream(in.households(), bFile, run, businesses, out);
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
            if (summary.householdsWithoutCounty > 0) {
                summary.notes.add(summary.householdsWithoutCounty + " 户的村不在 villages 中且无 countyId，未计入任何县 / "
                        + summary.householdsWithoutCounty + " households were evaluated but counted in no county: their "
                        + "village is not in the villages file and they have no countyId; add the villages or countyId");
            }
        }
        for (Path p : java.util.Arrays.asList(in.counties(), in.villages(), in.businesses())) {
            if (p != null) {
                summary.manifest.inputs.add(RunManifest.hash(p.getFileName().toString(), p));
            }
        }
        summary.manifest.inputs.sort(java.util.Comparator.comparing(RunManifest.FileHash::file));
    }

    /**
     * A village or county case that failed: in {@code errors.jsonl} at the line of its record, and
     * moved from evaluated to rejected in its file's counts.
     */
    private static <T> void areaFailed(CaseResult r, Path file, List<Located<T>> records, Output out) {
        String kind = r.subjectType().name().toLowerCase(Locale.ROOT);
        String name = file == null ? kind + "s" : file.getFileName().toString();
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
        /** Fingerprint halves of the households' ids (worker-computed), for the ordered duplicate check. */
        long[] fingerprints;

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
                data = new byte[Math.max(len, Math.min(lines.length * 512, 1 << 20))];
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
                               long bytesRead, long dataBytes) {
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
        private final Path file;
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
        private final java.security.MessageDigest digest = RunManifest.digest();
        /** The line of every business (read-only once the stream starts: workers read it). */
        private final Map<Business, Integer> businessLines = new java.util.IdentityHashMap<>();
        private long bytesInFlight;
        private long hashedBytes;
        private ExecutorService pool;
        private long nextIndex;
        private long records;

        HouseholdStream(Path file, String businessFile, PolicyRun run, Map<String, List<Located<Business>>> businesses,
                        Output out) throws IOException {
            this.file = file;
            this.name = file.getFileName().toString();
            this.businessFile = businessFile;
            this.run = run;
            this.businesses = businesses;
            this.out = out;
            this.totalBytes = Files.size(file);
            businesses.values().forEach(list -> list.forEach(b -> businessLines.put(b.value(), b.line())));
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
                    try (InputStream in = hashing(Files.newInputStream(file))) {
                        // the JSON parser closes what it reads: keep the stream open to hash the rest of the file
                        InputStream shielded = new java.io.FilterInputStream(in) {
                            @Override
                            public void close() {
                            }
                        };
                        reader.read(name, shielded, rec -> {
                            records++;
                            current[0].item(rec.line(), rec.value());
                            current[0] = submitIfFull(current[0], 0);
                        }, err -> {
                            records++;
                            current[0].item(err.line(), err);
                            current[0] = submitIfFull(current[0], 0);
                        });
                        in.transferTo(java.io.OutputStream.nullOutputStream()); // the hash covers the whole file
                    }
                } else {
                    try (InputStream in = hashing(Files.newInputStream(file))) {
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

        private InputStream hashing(InputStream in) {
            return new java.security.DigestInputStream(in, digest) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    hashedBytes += Math.max(n, 0);
                    return n;
                }

                @Override
                public int read() throws IOException {
                    int c = super.read();
                    hashedBytes += c >= 0 ? 1 : 0;
                    return c;
                }
            };
        }

        /** The households file's size and SHA-256, as read (after {@link #run()}). */
        RunManifest.FileHash hash() {
            return new RunManifest.FileHash(name, hashedBytes, java.util.HexFormat.of().formatHex(digest.digest()));
        }

        private Batch newBatch() {
            return new Batch(nextIndex++, batchSize);
        }

        private Batch submitIfFull(Batch b, long bytes) {
            if (b.size < batchSize && b.dataLength < MAX_BATCH_BYTES) {
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
            bytesInFlight += b.dataLength;
            pending.add(pool.submit(() -> process(b)));
            while (pending.size() > threads * 2 + 1 || (bytesInFlight > MAX_BYTES_IN_FLIGHT && pending.size() > 1)) {
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
                b.fingerprints = new long[2 * b.size];
                for (int i = 0; i < b.size; i++) {
                    if (items[i] == null) {
                        items[i] = parse(b, i);
                    }
                    if (items[i] instanceof Household h) {
                        b.fingerprints[2 * i] = ids.high(h.id());
                        b.fingerprints[2 * i + 1] = ids.low(h.id());
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

        /** One raw record: the household or the error; never an exception (one record never costs the run). */
        private Object parse(Batch b, int i) {
            try {
                return reader.parseLine(name, b.lines[i], b.data, b.offsets[i], b.lengths[i]);
            } catch (RuntimeException | StackOverflowError e) {
                return new RecordError(name, b.lines[i], "", "无法读取此记录 / the record could not be read: " + e
                        + "; correct it and run again");
            }
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
                    if (!ids.add(b.fingerprints[2 * i], b.fingerprints[2 * i + 1])) {
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
                    rejectBusinesses(counts, errors, own);
                    continue;
                }
                int mark = lines.size();
                try {
                    for (Decision d : r.decisions()) {
                        lines.add(d);
                    }
                } catch (RuntimeException | StackOverflowError e) {
                    lines.truncate(mark);
                    hs.rejected++;
                    errors.add(new RecordError(name, b.lines[i], "", "无法写出决定 / a decision could not be written: "
                            + e + "; the household was not evaluated", r.subjectId()));
                    rejectBusinesses(counts, errors, own);
                    continue;
                }
                hs.evaluated++;
                if (!own.isEmpty()) {
                    counts.file(businessFile).evaluated += own.size();
                }
                for (Decision d : r.decisions()) {
                    counts.add(d, r.countyId());
                }
                if (r.countyId() != null) {
                    counts.household(r.countyId(), in.household(), lowIncomeLine);
                } else {
                    counts.householdsWithoutCounty++;
                }
            }
            return new BatchResult(lines.toByteArray(), errors, counts, b.recordsRead, b.bytesRead, b.dataLength);
        }

        private void rejectBusinesses(RunSummary counts, List<RecordError> errors, List<Business> own) {
            if (own.isEmpty()) {
                return;
            }
            counts.file(businessFile).rejected += own.size();
            for (Business x : own) {
                errors.add(new RecordError(businessFile, businessLines.getOrDefault(x, 0), "householdId",
                        "its household '" + x.householdId() + "' could not be evaluated", x.id()));
            }
        }

        /** Writes a finished batch (on the calling thread, in input order). */
        private void write(BatchResult r) {
            bytesInFlight -= r.dataBytes();
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

    private <T> List<T> readSmall(Path file, Class<T> type, java.util.function.Function<T, String> id, Output out)
            throws IOException {
        return readSmallLocated(file, type, id, out).stream().map(Located::value).toList();
    }

    private <T> List<Located<T>> readSmallLocated(Path file, Class<T> type, java.util.function.Function<T, String> id,
                                                   Output out) throws IOException {
        if (file == null) {
            return List.of();
        }
        String name = file.getFileName().toString();
        RunSummary.FileCounts counts = out.summary.file(name);
        Map<String, Located<T>> byId = new LinkedHashMap<>();
        new FactReader<>(type).read(file, rec -> {
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
        if (type != Business.class) {
            counts.evaluated += byId.size();
        }
        return new ArrayList<>(byId.values());
    }

    /** The output files; used from the calling thread only. */
    private static final class Output {
        final OutputStream decisions;
        final Writer errors;
        final RunSummary summary;
        final ObjectWriter json = FactMapper.get().writer().without(SerializationFeature.INDENT_OUTPUT);

        Output(OutputStream decisions, Writer errors, RunSummary summary) {
            this.decisions = decisions;
            this.errors = errors;
            this.summary = summary;
        }

        /** An error line for a record already counted as rejected. */
        void error(RecordError e) {
            try {
                errors.write(json.writeValueAsString(e));
                errors.write('\n');
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        /** Rejects a record counted as read but not yet as evaluated or rejected. */
        void reject(RecordError e) {
            summary.file(e.file()).rejected++;
            error(e);
        }
    }
}
