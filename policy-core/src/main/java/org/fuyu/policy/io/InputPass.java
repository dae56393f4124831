package org.fuyu.policy.io;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.fuyu.policy.CaseResult;
import org.fuyu.policy.HouseholdInput;
import org.fuyu.policy.PolicyRun;
import org.fuyu.policy.facts.Business;
import org.fuyu.policy.facts.County;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.facts.Village;

/**
 * One pass over an input directory under one or more {@link PolicyRun}s: counties, villages and
 * businesses are read first (they are small) and given to every run; households stream through
 * in batches, each batch evaluated by every run on a thread pool, and are handed to a
 * {@link Sink} on the calling thread in input order. Rejected records (unreadable, duplicate,
 * failed in any run, businesses whose household never came) go to the errors writer, one JSON
 * object a line, and every file's counts keep read = evaluated + rejected.
 *
 * <p>{@link DirectoryEvaluation} is this pass with one run; a reform comparison is this pass
 * with a baseline and a reform run. The caller finishes the runs (villages and counties).
 */
public final class InputPass {
    /** Receives each household evaluated without error under every run, in input order. */
    @FunctionalInterface
    public interface Sink {
        /** @param results one result per run, in the order the runs were given */
        void household(HouseholdInput input, List<CaseResult> results);
    }

    private final List<PolicyRun> runs;
    private final List<String> labels;
    private final int threads;
    private final int batchSize;
    private final LongConsumer progress;
    private final ObjectWriter json = FactMapper.get().writer().without(SerializationFeature.INDENT_OUTPUT);

    /**
     * @param runs the runs every household is evaluated by
     * @param labels names of the runs for error messages (e.g. "baseline", "reform"); with one run, null
     */
    public InputPass(List<PolicyRun> runs, List<String> labels, int threads, int batchSize, LongConsumer progress) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("at least one run");
        }
        if (labels != null && labels.size() != runs.size()) {
            throw new IllegalArgumentException("one label per run");
        }
        if (threads < 1 || threads > DirectoryEvaluation.MAX_THREADS || batchSize < 1
                || batchSize > DirectoryEvaluation.MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("threads must be 1 to " + DirectoryEvaluation.MAX_THREADS
                    + " and batch size 1 to " + DirectoryEvaluation.MAX_BATCH_SIZE + ", got " + threads + " and " + batchSize);
        }
        this.runs = List.copyOf(runs);
        this.labels = labels == null ? null : List.copyOf(labels);
        this.threads = threads;
        this.batchSize = batchSize;
        this.progress = Objects.requireNonNull(progress);
    }

    /**
     * Reads {@code inputDir}, evaluates every household under every run and hands the results
     * to {@code sink}.
     *
     * @param errors where rejected records are written, one {@link RecordError} a line
     * @param files per input file name, read / evaluated / rejected counts (filled in)
     */
    public void run(Path inputDir, Writer errors, Map<String, RunSummary.FileCounts> files, Sink sink)
            throws IOException {
        InputFiles in = InputFiles.in(inputDir);
        Pass pass = new Pass(errors, files, sink);

        List<County> counties = pass.readSmall(in.counties(), County.class, County::id);
        List<Village> villages = pass.readSmall(in.villages(), Village.class, Village::id);
        for (PolicyRun run : runs) {
            run.addCounties(counties);
            run.addVillages(villages);
        }
        Map<String, List<Located<Business>>> businesses = new HashMap<>();
        if (in.businesses() != null) {
            for (Located<Business> b : pass.readSmallLocated(in.businesses(), Business.class, Business::id)) {
                businesses.computeIfAbsent(b.value().householdId(), k -> new ArrayList<>()).add(b);
            }
        }
        if (in.households() != null) {
            pass.streamHouseholds(in.households(), businesses);
        }
        // businesses whose household never came (absent or rejected)
        String bFile = in.businesses() == null ? null : in.businesses().getFileName().toString();
        for (List<Located<Business>> orphans : businesses.values()) {
            for (Located<Business> b : orphans) {
                pass.reject(new RecordError(bFile, b.line(), "householdId", "household '" + b.value().householdId()
                        + "' is not among the evaluated households"
                        + (in.households() == null ? " (no households file)" : ""), b.value().id()));
            }
        }
    }

    /** Writes one rejected record to an errors writer (for callers reporting their own failures). */
    public void writeError(Writer errors, RecordError e) {
        try {
            errors.write(json.writeValueAsString(e));
            errors.write('\n');
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private record Located<T>(T value, int line) {
    }

    private record Pending(List<Located<HouseholdInput>> batch, Future<List<List<CaseResult>>> results) {
    }

    /** The state of one pass; used from the reading thread only. */
    private final class Pass {
        final Writer errors;
        final Map<String, RunSummary.FileCounts> files;
        final Sink sink;
        final Map<Class<?>, String> fileNames = new HashMap<>();

        Pass(Writer errors, Map<String, RunSummary.FileCounts> files, Sink sink) {
            this.errors = errors;
            this.files = files;
            this.sink = sink;
        }

        RunSummary.FileCounts counts(String name) {
            return files.computeIfAbsent(name, k -> new RunSummary.FileCounts());
        }

        /** An error line for a record already counted as rejected. */
        void errorOnly(RecordError e) {
            writeError(errors, e);
        }

        /** Rejects a record counted as read but not yet as evaluated or rejected. */
        void reject(RecordError e) {
            counts(e.file()).rejected++;
            errorOnly(e);
        }

        <T> List<T> readSmall(Path file, Class<T> type, Function<T, String> id) throws IOException {
            return readSmallLocated(file, type, id).stream().map(Located::value).toList();
        }

        <T> List<Located<T>> readSmallLocated(Path file, Class<T> type, Function<T, String> id) throws IOException {
            if (file == null) {
                return List.of();
            }
            String name = file.getFileName().toString();
            RunSummary.FileCounts counts = counts(name);
            fileNames.put(type, name);
            Map<String, Located<T>> byId = new LinkedHashMap<>();
            new FactReader<>(type).read(file, rec -> {
                counts.read++;
                String key = id.apply(rec.value());
                if (byId.containsKey(key)) {
                    counts.rejected++;
                    errorOnly(new RecordError(name, rec.line(), "id", "duplicate " + type.getSimpleName().toLowerCase()
                            + " id '" + key + "' (first at line " + byId.get(key).line() + ")", key));
                } else {
                    byId.put(key, new Located<>(rec.value(), rec.line()));
                }
            }, err -> {
                counts.read++;
                counts.rejected++;
                errorOnly(err);
            });
            if (type != Business.class) {
                counts.evaluated += byId.size();
            }
            return new ArrayList<>(byId.values());
        }

        void streamHouseholds(Path file, Map<String, List<Located<Business>>> businesses) throws IOException {
            String name = file.getFileName().toString();
            RunSummary.FileCounts counts = counts(name);
            IdRegistry ids = new IdRegistry();
            ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "fuyu-eval");
                t.setDaemon(true);
                return t;
            }) : null;
            ArrayDeque<Pending> pending = new ArrayDeque<>();
            List<Located<HouseholdInput>> batch = new ArrayList<>(Math.min(batchSize, 4096));
            long[] read = {0};
            long[] batchBytes = {0};
            try {
                new FactReader<>(Household.class).read(file, rec -> {
                    read[0]++;
                    counts.read++;
                    Household h = rec.value();
                    if (!ids.add(h.id())) {
                        counts.rejected++;
                        errorOnly(new RecordError(name, rec.line(), "id", "duplicate household id '" + h.id()
                                + "' (already read earlier in this file)", h.id()));
                        return;
                    }
                    List<Located<Business>> bs = businesses.remove(h.id());
                    List<Business> own = bs == null ? List.of() : bs.stream().map(Located::value).toList();
                    batch.add(new Located<>(new HouseholdInput(h, own), rec.line()));
                    batchBytes[0] += size(h);
                    if (batch.size() >= batchSize || batchBytes[0] >= DirectoryEvaluation.MAX_BATCH_BYTES) {
                        submit(new ArrayList<>(batch), pool, pending, name);
                        batch.clear();
                        batchBytes[0] = 0;
                        progress.accept(read[0]);
                    }
                }, err -> {
                    read[0]++;
                    counts.read++;
                    counts.rejected++;
                    errorOnly(err);
                });
                if (!batch.isEmpty()) {
                    submit(new ArrayList<>(batch), pool, pending, name);
                }
                while (!pending.isEmpty()) {
                    drain(pending.poll(), name);
                }
                progress.accept(read[0]);
            } finally {
                if (pool != null) {
                    pool.shutdownNow();
                }
            }
        }

        /** About the bytes a household takes in memory (its strings dominate), to cut batches by size too. */
        private static long size(Household h) {
            long n = 256 + 2L * (h.id().length() + h.villageId().length());
            for (org.fuyu.policy.facts.Person p : h.members()) {
                n += 96 + 2L * p.id().length();
            }
            return n;
        }

        private void submit(List<Located<HouseholdInput>> batch, ExecutorService pool, ArrayDeque<Pending> pending,
                            String name) {
            List<HouseholdInput> inputs = batch.stream().map(Located::value).toList();
            if (pool == null) {
                drain(new Pending(batch, CompletableFuture.completedFuture(evaluate(inputs))), name);
                return;
            }
            pending.add(new Pending(batch, pool.submit(() -> evaluate(inputs))));
            while (pending.size() > threads * 2) {
                drain(pending.poll(), name);
            }
        }

        /** The batch's results under each run: outer list per run, inner per household. */
        private List<List<CaseResult>> evaluate(List<HouseholdInput> inputs) {
            List<List<CaseResult>> perRun = new ArrayList<>(runs.size());
            for (PolicyRun run : runs) {
                perRun.add(run.evaluate(inputs));
            }
            return perRun;
        }

        private void drain(Pending p, String name) {
            List<List<CaseResult>> perRun;
            try {
                perRun = p.results().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("evaluation failed: " + e.getCause(), e.getCause());
            }
            RunSummary.FileCounts counts = counts(name);
            for (int i = 0; i < p.batch().size(); i++) {
                Located<HouseholdInput> in = p.batch().get(i);
                List<CaseResult> results = new ArrayList<>(runs.size());
                String failure = null;
                for (int r = 0; r < runs.size(); r++) {
                    CaseResult result = perRun.get(r).get(i);
                    results.add(result);
                    if (result.failed() && failure == null) {
                        failure = "evaluation failed" + (labels == null ? "" : " under " + labels.get(r)) + ": "
                                + result.error();
                    }
                }
                int businesses = in.value().businesses().size();
                if (failure != null) {
                    counts.rejected++;
                    errorOnly(new RecordError(name, in.line(), "", failure, in.value().household().id()));
                    if (businesses > 0) {
                        String bFile = fileNames.getOrDefault(Business.class, "businesses");
                        counts(bFile).rejected += businesses;
                        for (Business b : in.value().businesses()) {
                            errorOnly(new RecordError(bFile, 0, "householdId",
                                    "its household '" + b.householdId() + "' could not be evaluated", b.id()));
                        }
                    }
                } else {
                    counts.evaluated++;
                    if (businesses > 0) {
                        counts(fileNames.getOrDefault(Business.class, "businesses")).evaluated += businesses;
                    }
                    sink.household(in.value(), results);
                }
            }
        }
    }
}
