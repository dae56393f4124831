package org.fuyu.policy.io;

import static org.fuyu.policy.io.DirectoryEvaluation.MAX_BATCH_BYTES;
import static org.fuyu.policy.io.DirectoryEvaluation.MAX_BYTES_IN_FLIGHT;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fuyu.policy.CaseResult;
import org.fuyu.policy.Decision;
import org.fuyu.policy.HouseholdInput;
import org.fuyu.policy.PolicyRun;
import org.fuyu.policy.facts.Business;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.io.DirectoryEvaluation.Located;
import org.fuyu.policy.io.DirectoryEvaluation.Output;

/**
 * Streams one households file of a {@link DirectoryEvaluation} through the worker pool: the
 * calling thread cuts it into batches of raw lines (bounded in lines and in bytes), workers parse,
 * check, evaluate and render each batch, an ordered step checks duplicate ids and hands out
 * businesses in input order, and the calling thread writes finished batches in input order.
 */
final class HouseholdStream {
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
        /** Per record, the lines of the businesses it took (null: none). */
        int[][] businessLines;

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

    private final FactSource file;
    private final String name;
    private final String businessFile;
    private final PolicyRun run;
    private final Map<String, List<Located<Business>>> businesses;
    private final Output out;
    private final FactReader<Household> reader = new FactReader<>(Household.class);
    private final IdRegistry ids = new IdRegistry();
    private final Sequencer sequencer = new Sequencer();
    private final int threads;
    private final int batchSize;
    private final DirectoryEvaluation.Progress progress;
    private final BigDecimal lowIncomeLine;
    private final ArrayDeque<Future<BatchResult>> pending = new ArrayDeque<>();
    private final long totalBytes;
    private final java.security.MessageDigest digest = RunManifest.digest();
    private long bytesInFlight;
    private long hashedBytes;
    private ExecutorService pool;
    private long nextIndex;
    private long records;

    HouseholdStream(FactSource file, String businessFile, PolicyRun run, Map<String, List<Located<Business>>> businesses,
                    Output out, int threads, int batchSize, DirectoryEvaluation.Progress progress, BigDecimal lowIncomeLine)
            throws IOException {
        this.threads = threads;
        this.batchSize = batchSize;
        this.progress = progress;
        this.lowIncomeLine = lowIncomeLine;
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
                try (InputStream in = hashing(file.open())) {
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
                try (InputStream in = hashing(file.open())) {
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
            return new RecordError(name, b.lines[i], "", "无法读取此记录 / the record could not be read: " + org.fuyu.policy.Words.failure(e)
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
                if (bs != null) {
                    if (b.businessLines == null) {
                        b.businessLines = new int[b.size][];
                    }
                    b.businessLines[i] = bs.stream().mapToInt(Located::line).toArray();
                }
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
                rejectBusinesses(counts, errors, own, b.businessLines == null ? null : b.businessLines[i]);
                continue;
            }
            int mark = lines.size();
            try {
                for (Decision d : r.decisions()) {
                    lines.add(d, r.whatWouldChange().isEmpty() ? null : r.whatWouldChange(d));
                }
            } catch (RuntimeException | StackOverflowError e) {
                lines.truncate(mark);
                hs.rejected++;
                errors.add(new RecordError(name, b.lines[i], "", "无法写出决定 / a decision could not be written: "
                        + org.fuyu.policy.Words.failure(e) + "; the household was not evaluated", r.subjectId()));
                rejectBusinesses(counts, errors, own, b.businessLines == null ? null : b.businessLines[i]);
                continue;
            }
            hs.evaluated++;
            for (String packError : r.packErrors()) {
                // evaluated, but one pack's rules failed on it: its other packs' decisions stand
                errors.add(new RecordError(name, b.lines[i], "", "一个规则包的规则对本户失败，其他规则包已作出决定 / the rules of one "
                        + "pack failed for this household and its other packs decided it: " + packError, r.subjectId()));
                counts.packErrors++;
            }
            for (org.fuyu.policy.Undecided u : r.undecided()) {
                // evaluated, but a parameter one code reads has no value on the run's date: only that code is missing
                errors.add(new RecordError(name, b.lines[i], "", u.message(), r.subjectId(), u.code(), u.parameter()));
                counts.undecided(u);
            }
            if (!own.isEmpty()) {
                counts.file(businessFile).evaluated += own.size();
            }
            for (Decision d : r.decisions()) {
                counts.add(d, r.countyId(), in.household().villageId());
            }
            if (r.countyId() != null) {
                counts.household(r.countyId(), in.household(), lowIncomeLine);
            } else {
                counts.householdsWithoutCounty++;
                counts.withoutCounty(RunSummary.withoutCountyRecord(name, b.lines[i], in.household().villageId(),
                        r.subjectId()));
            }
        }
        return new BatchResult(lines.toByteArray(), errors, counts, b.recordsRead, b.bytesRead, b.dataLength);
    }

    private void rejectBusinesses(RunSummary counts, List<RecordError> errors, List<Business> own, int[] lines) {
        if (own.isEmpty()) {
            return;
        }
        counts.file(businessFile).rejected += own.size();
        for (int k = 0; k < own.size(); k++) {
            Business x = own.get(k);
            errors.add(new RecordError(businessFile, lines == null ? 0 : lines[k], "householdId",
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
