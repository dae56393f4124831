package org.fuyu.policy.io;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
import org.fuyu.policy.facts.Business;
import org.fuyu.policy.facts.County;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.facts.Village;

/**
 * Evaluates an input directory into an output directory: {@code decisions.jsonl} (one decision
 * a line, in input order), {@code errors.jsonl} (one rejected record a line) and
 * {@code summary.json}. Households stream through in batches evaluated on a thread pool; only
 * businesses, villages and counties (small) are held in memory. Every record read ends up
 * evaluated or in {@code errors.jsonl}: read = evaluated + rejected for every file.
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
        InputFiles in = InputFiles.in(inputDir);
        Files.createDirectories(outputDir);
        RunSummary summary = new RunSummary(options.asOf(), engine.packs());
        ObjectWriter json = FactMapper.get().writer().without(SerializationFeature.INDENT_OUTPUT);
        try (Writer decisions = Files.newBufferedWriter(outputDir.resolve("decisions.jsonl"), StandardCharsets.UTF_8);
             Writer errors = Files.newBufferedWriter(outputDir.resolve("errors.jsonl"), StandardCharsets.UTF_8)) {
            Output out = new Output(decisions, errors, json, summary);
            PolicyRun run = engine.newRun(options);

            List<County> counties = readSmall(in.counties(), County.class, County::id, out);
            List<Village> villages = readSmall(in.villages(), Village.class, Village::id, out);
            run.addCounties(counties);
            run.addVillages(villages);

            Map<String, List<Located<Business>>> businesses = new HashMap<>();
            if (in.businesses() != null) {
                for (Located<Business> b : readSmallLocated(in.businesses(), Business.class, Business::id, out)) {
                    businesses.computeIfAbsent(b.value().householdId(), k -> new ArrayList<>()).add(b);
                }
            }
            if (in.households() != null) {
                streamHouseholds(in.households(), run, businesses, out);
            }
            // businesses whose household never came (absent or rejected)
            String bFile = in.businesses() == null ? null : in.businesses().getFileName().toString();
            for (List<Located<Business>> orphans : businesses.values()) {
                for (Located<Business> b : orphans) {
                    out.reject(new RecordError(bFile, b.line(), "householdId", "household '" + b.value().householdId()
                            + "' is not among the evaluated households"
                            + (in.households() == null ? " (no households file)" : ""), b.value().id()));
                }
            }
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

    private record Located<T>(T value, int line) {
    }

    private void streamHouseholds(Path file, PolicyRun run, Map<String, List<Located<Business>>> businesses,
                                  Output out) throws IOException {
        String name = file.getFileName().toString();
        RunSummary.FileCounts counts = out.summary.file(name);
        IdRegistry ids = new IdRegistry();
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "fuyu-eval");
            t.setDaemon(true);
            return t;
        }) : null;
        ArrayDeque<Pending> pending = new ArrayDeque<>();
        List<Located<HouseholdInput>> batch = new ArrayList<>(batchSize);
        long[] read = {0};
        try {
            new FactReader<>(Household.class).read(file, rec -> {
                read[0]++;
                counts.read++;
                Household h = rec.value();
                if (!ids.add(h.id())) {
                    counts.rejected++;
                    out.errorOnly(new RecordError(name, rec.line(), "id", "duplicate household id '" + h.id()
                            + "' (already read earlier in this file)", h.id()));
                    return;
                }
                List<Located<Business>> bs = businesses.remove(h.id());
                List<Business> own = bs == null ? List.of() : bs.stream().map(Located::value).toList();
                batch.add(new Located<>(new HouseholdInput(h, own), rec.line()));
                if (batch.size() >= batchSize) {
                    submit(run, new ArrayList<>(batch), pool, pending, out, name);
                    batch.clear();
                    progress.accept(read[0]);
                }
            }, err -> {
                read[0]++;
                counts.read++;
                counts.rejected++;
                out.errorOnly(err);
            });
            if (!batch.isEmpty()) {
                submit(run, new ArrayList<>(batch), pool, pending, out, name);
            }
            while (!pending.isEmpty()) {
                drain(pending.poll(), out, name);
            }
            progress.accept(read[0]);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    private record Pending(List<Located<HouseholdInput>> batch, Future<List<CaseResult>> results) {
    }

    private void submit(PolicyRun run, List<Located<HouseholdInput>> batch, ExecutorService pool,
                        ArrayDeque<Pending> pending, Output out, String name) {
        List<HouseholdInput> inputs = batch.stream().map(Located::value).toList();
        if (pool == null) {
            drain(new Pending(batch, java.util.concurrent.CompletableFuture.completedFuture(run.evaluate(inputs))), out, name);
            return;
        }
        pending.add(new Pending(batch, pool.submit(() -> run.evaluate(inputs))));
        while (pending.size() > threads * 2) {
            drain(pending.poll(), out, name);
        }
    }

    private void drain(Pending p, Output out, String name) {
        List<CaseResult> results;
        try {
            results = p.results().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("evaluation failed: " + e.getCause(), e.getCause());
        }
        RunSummary.FileCounts counts = out.summary.file(name);
        for (int i = 0; i < results.size(); i++) {
            CaseResult r = results.get(i);
            Located<HouseholdInput> in = p.batch().get(i);
            int businesses = in.value().businesses().size();
            if (r.failed()) {
                counts.rejected++;
                out.errorOnly(new RecordError(name, in.line(), "", "evaluation failed: " + r.error(), r.subjectId()));
                if (businesses > 0) {
                    String bFile = out.fileNames.getOrDefault(Business.class, "businesses");
                    out.summary.file(bFile).rejected += businesses;
                    for (Business b : in.value().businesses()) {
                        out.errorOnly(new RecordError(bFile, 0, "householdId",
                                "its household '" + b.householdId() + "' could not be evaluated", b.id()));
                    }
                }
            } else {
                counts.evaluated++;
                out.businessEvaluated(businesses);
                out.write(r, r.countyId());
            }
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
        out.fileNames.put(type, name);
        Map<String, Located<T>> byId = new LinkedHashMap<>();
        new FactReader<>(type).read(file, rec -> {
            counts.read++;
            String key = id.apply(rec.value());
            if (byId.containsKey(key)) {
                counts.rejected++;
                out.errorOnly(new RecordError(name, rec.line(), "id", "duplicate " + type.getSimpleName().toLowerCase()
                        + " id '" + key + "' (first at line " + byId.get(key).line() + ")", key));
            } else {
                byId.put(key, new Located<>(rec.value(), rec.line()));
            }
        }, err -> {
            counts.read++;
            counts.rejected++;
            out.errorOnly(err);
        });
        if (type != Business.class) {
            counts.evaluated += byId.size();
        }
        return new ArrayList<>(byId.values());
    }

    /** Writes decisions and errors; single-threaded (called from the reading thread only). */
    private static final class Output {
        final Writer decisions;
        final Writer errors;
        final ObjectWriter json;
        final RunSummary summary;
        final Map<Class<?>, String> fileNames = new HashMap<>();

        Output(Writer decisions, Writer errors, ObjectWriter json, RunSummary summary) {
            this.decisions = decisions;
            this.errors = errors;
            this.json = json;
            this.summary = summary;
        }

        void write(CaseResult r, String countyId) {
            if (r.failed()) {
                errorOnly(new RecordError(r.subjectType().name().toLowerCase() + " " + r.subjectId(), 0, "",
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

        void businessEvaluated(int n) {
            if (n > 0) {
                String name = fileNames.getOrDefault(Business.class, "businesses");
                summary.file(name).evaluated += n;
            }
        }

        /** An error line for a record already counted as rejected. */
        void errorOnly(RecordError e) {
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
            errorOnly(e);
        }

        void flush() throws IOException {
            decisions.flush();
            errors.flush();
        }
    }

}
