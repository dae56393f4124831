package org.fuyu.policy.nearmiss;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fuyu.policy.CaseResult;
import org.fuyu.policy.Decision;
import org.fuyu.policy.EvaluationOptions;
import org.fuyu.policy.HouseholdInput;
import org.fuyu.policy.Outcome;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.PolicyRun;
import org.fuyu.policy.SubjectType;
import org.fuyu.policy.WhatWouldChange;
import org.fuyu.policy.io.FactMapper;
import org.fuyu.policy.io.FactSource;
import org.fuyu.policy.io.HouseholdSink;
import org.fuyu.policy.io.InputFiles;
import org.fuyu.policy.io.Pipeline;
import org.fuyu.policy.io.RecordError;
import org.fuyu.policy.io.RunSummary;

/**
 * Near misses of a county (docs/what-would-change.md "Near misses"): the households denied a code
 * that one verified change set of at most {@code withinYuan} would grant, counted per code and per
 * village, for a reform designer to read before writing a reform. A set counts only when every
 * change in it is an amount in yuan (income, assets, credit amounts); a yes/no, a count of jobs or
 * of months is not a distance in yuan.
 */
public final class NearMisses {
    private NearMisses() {
    }

    /** One line of near-miss.jsonl: the smallest change set within the distance. */
    @JsonPropertyOrder({"householdId", "villageId", "countyId", "subjectType", "subjectId", "code", "sizeYuan", "changes"})
    public record Line(String householdId, String villageId, String countyId, SubjectType subjectType, String subjectId,
                       String code, long sizeYuan, List<WhatWouldChange.Change> changes) {
    }

    /** Per code: how many near misses, and by village. */
    @JsonPropertyOrder({"households", "byVillage"})
    public record CodeCount(long households, Map<String, Long> byVillage) {
    }

    /** near-miss.json. */
    @JsonPropertyOrder({"asOf", "withinYuan", "householdsEvaluated", "codes"})
    public record Summary(LocalDate asOf, long withinYuan, long householdsEvaluated, Map<String, CodeCount> codes) {
    }

    /** Whether a change set moves only amounts in yuan, and by how much in all (-1 otherwise). */
    public static long yuan(WhatWouldChange.ChangeSet set) {
        for (WhatWouldChange.Change c : set.changes()) {
            String f = c.field();
            if (!(f.startsWith("income.") || f.endsWith("Yuan"))) {
                return -1;
            }
        }
        return set.size();
    }

    /** Collects near misses from evaluated households (also for the HTML report). */
    public static final class Counter {
        private final long within;
        private final Map<String, Map<String, Long>> byCode = new TreeMap<>();
        private final Map<String, Long> households = new TreeMap<>();
        private long evaluated;

        public Counter(long withinYuan) {
            this.within = withinYuan;
        }

        /** Adds one household's results; returns its near-miss lines. */
        public List<Line> add(HouseholdInput in, CaseResult r) {
            evaluated++;
            List<Line> lines = new java.util.ArrayList<>();
            java.util.Set<String> codes = new java.util.TreeSet<>();
            for (Decision d : r.decisions()) {
                if (d.outcome() != Outcome.DENIED) {
                    continue;
                }
                WhatWouldChange w = r.whatWouldChange(d);
                if (w == null) {
                    continue;
                }
                WhatWouldChange.ChangeSet best = null;
                long bestYuan = Long.MAX_VALUE;
                for (WhatWouldChange.ChangeSet s : w.changeSets()) {
                    long y = yuan(s);
                    if (y >= 0 && y <= within && y < bestYuan) {
                        best = s;
                        bestYuan = y;
                    }
                }
                if (best != null) {
                    lines.add(new Line(in.household().id(), in.household().villageId(), r.countyId(), d.subjectType(),
                            d.subjectId(), d.code(), bestYuan, best.changes()));
                    codes.add(d.code());
                }
            }
            for (String code : codes) { // a household counts once per code, whatever its members or businesses
                byCode.computeIfAbsent(code, k -> new TreeMap<>()).merge(in.household().villageId(), 1L, Long::sum);
                households.merge(code, 1L, Long::sum);
            }
            return lines;
        }

        public Summary summary(LocalDate asOf) {
            Map<String, CodeCount> out = new TreeMap<>();
            byCode.forEach((code, villages) -> out.put(code, new CodeCount(households.get(code), villages)));
            return new Summary(asOf, within, evaluated, out);
        }
    }

    /**
     * Evaluates an input directory with what would change each denial and writes {@code near-miss.jsonl},
     * {@code near-miss.json} and {@code errors.jsonl} into {@code outputDir}.
     */
    public static Summary run(PolicyEngine engine, LocalDate asOf, long withinYuan, int threads, int batchSize,
                              java.util.function.LongConsumer progress, Path inputDir, Path outputDir) throws IOException {
        if (withinYuan < 0) {
            throw new IllegalArgumentException("withinYuan must be ≥ 0");
        }
        Files.createDirectories(outputDir);
        ObjectWriter json = FactMapper.get().writer().without(SerializationFeature.INDENT_OUTPUT);
        Counter counter = new Counter(withinYuan);
        PolicyRun run = engine.newRun(new EvaluationOptions(asOf, true).withWhatWouldChange(EvaluationOptions.DEFAULT_CHANGE_SETS));
        RunSummary counts = new RunSummary();
        try (Writer lines = Files.newBufferedWriter(outputDir.resolve("near-miss.jsonl"), StandardCharsets.UTF_8);
             Writer errors = Files.newBufferedWriter(outputDir.resolve("errors.jsonl"), StandardCharsets.UTF_8)) {
            // the one pipeline of evaluate and compare; households reach the counter in input order
            HouseholdSink sink = (batchCounts, batchErrors) -> new HouseholdSink.Part() {
                private final List<HouseholdInput> inputs = new java.util.ArrayList<>();
                private final List<CaseResult> results = new java.util.ArrayList<>();

                @Override
                public RecordError household(String file, int line, HouseholdInput in, List<CaseResult> r) {
                    inputs.add(in);
                    results.add(r.get(0));
                    return null;
                }

                @Override
                public void write() throws IOException {
                    for (int i = 0; i < inputs.size(); i++) {
                        for (Line l : counter.add(inputs.get(i), results.get(i))) {
                            lines.write(json.writeValueAsString(l));
                            lines.write('\n');
                        }
                    }
                }
            };
            new Pipeline(List.of(run), null, threads, batchSize, (n, read, total) -> progress.accept(n))
                    .run(FactSource.Inputs.of(InputFiles.in(inputDir)), sink, e -> {
                        try {
                            errors.write(json.writeValueAsString(e));
                            errors.write('\n');
                        } catch (IOException x) {
                            throw new UncheckedIOException(x);
                        }
                    }, counts);
        }
        Summary s = counter.summary(asOf);
        FactMapper.get().writerWithDefaultPrettyPrinter().writeValue(outputDir.resolve("near-miss.json").toFile(), s);
        return s;
    }
}
