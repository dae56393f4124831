package org.fuyu.policy.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.fuyu.policy.PolicyRun;
import org.fuyu.policy.facts.Business;
import org.fuyu.policy.facts.County;
import org.fuyu.policy.facts.Village;

/**
 * The one way facts are read, admitted and evaluated, whatever the command:
 * <pre>
 * record source            admit (ordered)               evaluate                 sink
 * JSON Lines / JSON array → duplicate ids rejected,    → every run, one batch   → decisions + summary
 * (FactSource)              businesses joined to their   at a time, on a pool     (DecisionSink), or a
 *  → located record or      household, orphans                                    comparison (compare)
 *    record error           rejected
 * </pre>
 * Counties, villages and businesses are read first (they are small) and given to every run;
 * households stream through {@link HouseholdStream} in batches parsed and evaluated in parallel,
 * admitted in input order; what no run failed on goes to the {@link HouseholdSink}, parts written
 * in input order. Every rejected record goes to the errors consumer, in input order per file, and
 * every file's counts keep read = evaluated + rejected. The caller finishes the runs (villages and
 * counties) with the records {@link #run} returns.
 */
public final class Pipeline {
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

    /** Hears how far the households file has been read; called on the thread that runs the pipeline. */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param households household records read and evaluated (or rejected) so far
         * @param bytesRead bytes of the households file behind them
         * @param bytesTotal size of the households file, or 0 when it is not known
         */
        void update(long households, long bytesRead, long bytesTotal);
    }

    /** A record with its line. */
    public record Located<T>(T value, int line) {
    }

    /**
     * What the pipeline read besides the households: the counties and villages admitted (given to
     * every run, for the caller to finish them) and the size and SHA-256 of every input, by name.
     */
    public record Admitted(List<Located<County>> counties, List<Located<Village>> villages,
                           List<RunManifest.FileHash> inputs) {
    }

    private final List<PolicyRun> runs;
    private final List<String> labels;
    private final int threads;
    private final int batchSize;
    private final Progress progress;

    /**
     * @param runs the runs every household is evaluated by
     * @param labels names of the runs for error messages (e.g. "baseline", "reform"); null with one run
     */
    public Pipeline(List<PolicyRun> runs, List<String> labels, int threads, int batchSize, Progress progress) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("at least one run");
        }
        if (labels != null && labels.size() != runs.size()) {
            throw new IllegalArgumentException("one label per run");
        }
        if (threads < 1 || threads > MAX_THREADS || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("threads must be 1 to " + MAX_THREADS + " and batch size 1 to "
                    + MAX_BATCH_SIZE + ", got " + threads + " and " + batchSize);
        }
        this.runs = List.copyOf(runs);
        this.labels = labels == null ? null : List.copyOf(labels);
        this.threads = threads;
        this.batchSize = batchSize;
        this.progress = Objects.requireNonNull(progress);
    }

    /**
     * Reads {@code in}, admits its records, evaluates every household under every run and hands
     * the households to {@code sink}.
     *
     * @param errors receives every rejected record (on the calling thread)
     * @param summary where the file counts go (and the sink's parts are merged)
     */
    public Admitted run(FactSource.Inputs in, HouseholdSink sink, Consumer<RecordError> errors, RunSummary summary)
            throws IOException {
        Output out = new Output(errors, summary);
        List<Located<County>> counties = readSmall(in.counties(), County.class, County::id, out);
        List<Located<Village>> villages = readSmall(in.villages(), Village.class, Village::id, out);
        for (PolicyRun run : runs) {
            run.addCounties(counties.stream().map(Located::value).toList());
            run.addVillages(villages.stream().map(Located::value).toList());
        }
        Map<String, List<Located<Business>>> businesses = new HashMap<>();
        if (in.businesses() != null) {
            for (Located<Business> b : readSmall(in.businesses(), Business.class, Business::id, out)) {
                businesses.computeIfAbsent(b.value().householdId(), k -> new ArrayList<>()).add(b);
            }
        }
        String bFile = in.businesses() == null ? "businesses" : in.businesses().name();
        List<RunManifest.FileHash> inputs = new ArrayList<>();
        if (in.households() != null) {
            HouseholdStream stream = new HouseholdStream(in.households(), bFile, runs, labels, businesses, out, threads,
                    batchSize, progress, sink);
            stream.run();
            inputs.add(stream.hash());
        }
        // businesses whose household never came (absent or rejected)
        for (List<Located<Business>> orphans : businesses.values()) {
            for (Located<Business> b : orphans) {
                out.reject(new RecordError(bFile, b.line(), "householdId", "household '" + b.value().householdId()
                        + "' is not among the evaluated households"
                        + (in.households() == null ? " (no households file)" : ""), b.value().id()));
            }
        }
        for (FactSource p : Arrays.asList(in.counties(), in.villages(), in.businesses())) {
            if (p != null) {
                inputs.add(RunManifest.hash(p));
            }
        }
        inputs.sort(Comparator.comparing(RunManifest.FileHash::file));
        return new Admitted(counties, villages, List.copyOf(inputs));
    }

    /**
     * A small file (counties, villages, businesses) read whole: the first record with an id is
     * admitted, a later one is rejected as a duplicate. Counties and villages count as evaluated
     * here; businesses when their household is.
     */
    private static <T> List<Located<T>> readSmall(FactSource file, Class<T> type, Function<T, String> id, Output out)
            throws IOException {
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

    /** The errors consumer and the summary of one pipeline run; used from the calling thread only. */
    static final class Output {
        final Consumer<RecordError> errors;
        final RunSummary summary;

        Output(Consumer<RecordError> errors, RunSummary summary) {
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
