package org.fuyu.policy.reform;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.math.BigDecimal;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.fuyu.policy.CaseResult;
import org.fuyu.policy.EvaluationOptions;
import org.fuyu.policy.HouseholdInput;
import org.fuyu.policy.PackInfo;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.PolicyRun;
import org.fuyu.policy.RunResult;
import org.fuyu.policy.facts.County;
import org.fuyu.policy.facts.Village;
import org.fuyu.policy.io.FactMapper;
import org.fuyu.policy.io.InputFiles;
import org.fuyu.policy.io.FactSource;
import org.fuyu.policy.io.HouseholdSink;
import org.fuyu.policy.io.Pipeline;
import org.fuyu.policy.io.RecordError;
import org.fuyu.policy.io.RunSummary;

/**
 * Evaluates one population under a baseline engine and a reform engine in one pass over the
 * input and compares them: per subject, the decisions added, removed and changed; totals per
 * code; households whose total benefit rises or falls, by village and by per-capita income
 * decile; targets that flip between met and missed.
 *
 * <p>Each household batch is evaluated by both engines (two {@link PolicyRun}s sharing the
 * villages and counties) and diffed at once; only totals are kept, so memory does not grow with
 * the number of households. Villages and counties are decided and diffed at the end.
 * <pre>
 * Reform reform = ReformFiles.read(Path.of("reforms/low-income-line-15000.yaml"));
 * List&lt;RulePack&gt; packs = RulePacks.fromClasspath();
 * PolicyEngine baseline = PolicyEngine.builder().addPacks(packs).build();
 * PolicyEngine reformed = reform.engineBuilder(packs, List.of()).build();
 * Comparison c = ReformComparison.builder(baseline, reformed, EvaluationOptions.asOf(date))
 *         .reform(reform).build().run(inputDir, outputDir);
 * </pre>
 */
public final class ReformComparison {
    /** Labels of the two sides in messages. */
    public static final List<String> SIDES = List.of("baseline", "reform");

    private final PolicyEngine baseline;
    private final PolicyEngine reformEngine;
    private final EvaluationOptions options;
    private final Reform reform;
    private final Set<String> benefitCodes;
    private final int threads;
    private final int batchSize;
    private final LongConsumer progress;
    private final long bandWidth;

    /**
     * By default a household's benefit is what it is paid: the amounts of codes whose pack declares
     * them {@code amount: PAYMENT} (the default). Loan limits and credit lines ({@code CREDIT}) are not
     * money spent, so they count only when named with {@link Builder#benefitCodes}.
     */
    private static Set<String> paymentCodes(PolicyEngine... engines) {
        Set<String> codes = new java.util.TreeSet<>();
        for (PolicyEngine e : engines) {
            for (org.fuyu.policy.PackInfo p : e.packs()) {
                for (org.fuyu.policy.packs.PackManifest.CodeInfo c : p.codes()) {
                    if (c.amount() == org.fuyu.policy.packs.PackManifest.AmountKind.PAYMENT) {
                        codes.add(c.code());
                    }
                }
            }
        }
        return Set.copyOf(codes);
    }

    private ReformComparison(Builder b) {
        this.baseline = b.baseline;
        this.reform = b.reform;
        this.options = b.options;
        // A reform is not in force before its effective date: then both sides are the baseline.
        this.reformEngine = reformInForce(b.reform, b.options) ? b.reformEngine : b.baseline;
        this.benefitCodes = b.benefitCodes != null ? Set.copyOf(b.benefitCodes) : paymentCodes(b.baseline, b.reformEngine);
        this.threads = b.threads;
        this.batchSize = b.batchSize;
        this.progress = b.progress;
        this.bandWidth = b.bandWidth;
    }

    public static Builder builder(PolicyEngine baseline, PolicyEngine reform, EvaluationOptions options) {
        return new Builder(baseline, reform, options);
    }

    /** Options of a comparison. */
    public static final class Builder {
        private final PolicyEngine baseline;
        private final PolicyEngine reformEngine;
        private final EvaluationOptions options;
        private Reform reform;
        private Set<String> benefitCodes;
        private int threads = Runtime.getRuntime().availableProcessors();
        private int batchSize = 2_000;
        private LongConsumer progress = n -> { };
        private long bandWidth = LineBands.DEFAULT_WIDTH;

        private Builder(PolicyEngine baseline, PolicyEngine reform, EvaluationOptions options) {
            this.baseline = Objects.requireNonNull(baseline, "baseline");
            this.reformEngine = Objects.requireNonNull(reform, "reform");
            this.options = Objects.requireNonNull(options, "options");
        }

        /**
         * The reform the second engine was built from: named in the report, and its effective
         * date applies (before it, the reform side is the baseline and nothing changes).
         */
        public Builder reform(Reform r) {
            this.reform = r;
            return this;
        }

        /**
         * The codes whose GRANTED amounts count toward a household's total benefit (winners,
         * losers, cost); default every code. Per-code totals always list every code.
         */
        public Builder benefitCodes(Collection<String> codes) {
            this.benefitCodes = codes == null ? null : new LinkedHashSet<>(codes);
            return this;
        }

        /** Worker threads (default: all cores). Output is the same for any number. */
        public Builder threads(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("threads must be ≥ 1");
            }
            this.threads = n;
            return this;
        }

        /** Households per stateless session (each side). */
        public Builder batchSize(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("batch size must be ≥ 1");
            }
            this.batchSize = n;
            return this;
        }

        /** Called with the number of household records read so far, after each batch. */
        public Builder progress(LongConsumer listener) {
            this.progress = Objects.requireNonNull(listener);
            return this;
        }

        /**
         * Width in yuan of the per-capita income bands around the low-income line
         * ({@link Comparison#byLowIncomeLine()}); default 1,000.
         */
        public Builder bandWidth(long yuan) {
            if (yuan < 1) {
                throw new IllegalArgumentException("band width must be ≥ 1 yuan");
            }
            this.bandWidth = yuan;
            return this;
        }

        public ReformComparison build() {
            return new ReformComparison(this);
        }
    }

    /**
     * An empty accumulator with this comparison's benefit codes, for a part of the population
     * compared elsewhere (e.g. one Spark task); {@link #result} turns the merged parts into the
     * comparison.
     */
    public ComparisonAccumulator accumulator(Consumer<SubjectChange> changes) {
        return new ComparisonAccumulator(benefitCodes, lineBands(), changes);
    }

    /** The engine of the reform side: the baseline's when the reform is not in force on the date. */
    public PolicyEngine reformEngine() {
        return reformEngine;
    }

    /**
     * The notes of a comparison's two runs (villages and counties): a note both sides made once,
     * a note only one side made with its side.
     */
    public static List<String> sideNotes(List<String> baseline, List<String> reform) {
        List<String> notes = new ArrayList<>();
        for (String n : baseline) {
            notes.add(reform.contains(n) ? n : "baseline: " + n);
        }
        for (String n : reform) {
            if (!baseline.contains(n)) {
                notes.add("reform: " + n);
            }
        }
        return notes;
    }

    private static boolean reformInForce(Reform r, EvaluationOptions options) {
        return r == null || r.inForceOn(options.asOf());
    }

    /**
     * Compares over an input directory (as {@code evaluate} reads it) and writes into
     * {@code outputDir}: {@code changes.jsonl} (one changed subject a line, households in input
     * order, then villages and counties), {@code errors.jsonl} (rejected records) and
     * {@code comparison.json}.
     */
    public Comparison run(Path inputDir, Path outputDir) throws IOException {
        InputFiles.in(inputDir);
        Files.createDirectories(outputDir);
        ObjectWriter json = FactMapper.get().writer().without(SerializationFeature.INDENT_OUTPUT);
        RunSummary counts = new RunSummary();
        Comparison result;
        try (Writer changes = Files.newBufferedWriter(outputDir.resolve("changes.jsonl"), StandardCharsets.UTF_8);
             Writer errors = Files.newBufferedWriter(outputDir.resolve("errors.jsonl"), StandardCharsets.UTF_8)) {
            Consumer<Object> line = v -> {
                try {
                    errors.write(json.writeValueAsString(v));
                    errors.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
            ComparisonAccumulator acc = new ComparisonAccumulator(benefitCodes, lineBands(), c -> {
                try {
                    changes.write(json.writeValueAsString(c));
                    changes.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            PolicyRun base = baseline.newRun(options);
            PolicyRun ref = reformEngine.newRun(options);
            // the one pipeline (as evaluate reads, parses in parallel and streams) under both runs, into the comparison
            Pipeline pipeline = new Pipeline(List.of(base, ref), SIDES, threads, batchSize, (n, read, total) -> progress.accept(n));
            pipeline.run(FactSource.Inputs.of(InputFiles.in(inputDir)), comparisonSink(acc), line::accept, counts);
            List<String> notes = finishCounties(base, ref, acc,
                    e -> line.accept(new RecordError("county " + e.subjectId(), 0, "",
                            "evaluation failed: " + e.error(), e.subjectId())));
            result = result(acc, counts.files, notes);
        }
        try (Writer w = Files.newBufferedWriter(outputDir.resolve("comparison.json"), StandardCharsets.UTF_8)) {
            FactMapper.get().writerWithDefaultPrettyPrinter().writeValue(w, result);
        }
        return result;
    }

    /**
     * The sink of a comparison: households (with their results under both runs) go to the
     * accumulator on the calling thread, in input order, batch by batch.
     */
    private static HouseholdSink comparisonSink(ComparisonAccumulator acc) {
        return (counts, errors) -> new HouseholdSink.Part() {
            private final List<HouseholdInput> inputs = new ArrayList<>();
            private final List<List<CaseResult>> results = new ArrayList<>();

            @Override
            public RecordError household(String file, int line, HouseholdInput in, List<CaseResult> both) {
                inputs.add(in);
                results.add(both);
                return null;
            }

            @Override
            public void write() {
                for (int i = 0; i < inputs.size(); i++) {
                    acc.household(inputs.get(i), results.get(i).get(0), results.get(i).get(1));
                }
            }
        };
    }

    /**
     * Compares over households, villages and counties held in memory (for hosts and tests);
     * each changed subject goes to {@code changes} in order. A household that fails on either
     * side is left out and named in the notes.
     */
    public Comparison compare(Collection<HouseholdInput> households, Collection<Village> villages,
                              Collection<County> counties, Consumer<SubjectChange> changes) {
        ComparisonAccumulator acc = new ComparisonAccumulator(benefitCodes, lineBands(), changes);
        PolicyRun base = baseline.newRun(options);
        PolicyRun ref = reformEngine.newRun(options);
        for (PolicyRun run : List.of(base, ref)) {
            run.addVillages(villages);
            run.addCounties(counties);
        }
        List<String> failures = new ArrayList<>();
        List<HouseholdInput> all = List.copyOf(households);
        for (int from = 0; from < all.size(); from += batchSize) {
            List<HouseholdInput> batch = all.subList(from, Math.min(all.size(), from + batchSize));
            List<CaseResult> b = base.evaluate(batch);
            List<CaseResult> r = ref.evaluate(batch);
            for (int i = 0; i < batch.size(); i++) {
                if (b.get(i).failed() || r.get(i).failed()) {
                    CaseResult f = b.get(i).failed() ? b.get(i) : r.get(i);
                    failures.add("household " + f.subjectId() + " failed under " + SIDES.get(b.get(i).failed() ? 0 : 1)
                            + ": " + f.error());
                } else {
                    acc.household(batch.get(i), b.get(i), r.get(i));
                }
            }
        }
        List<String> notes = new ArrayList<>(failures);
        notes.addAll(finishCounties(base, ref, acc, f -> notes.add("county " + f.subjectId() + " failed: " + f.error())));
        return result(acc, Map.of(), notes);
    }

    /** Decides villages and counties on both sides and diffs them in county order; returns the runs' notes. */
    private List<String> finishCounties(PolicyRun base, PolicyRun ref, ComparisonAccumulator acc,
                                        Consumer<CaseResult> failed) {
        RunResult b = base.finish();
        RunResult r = ref.finish();
        Map<String, CaseResult> bc = byCounty(b);
        Map<String, CaseResult> rc = byCounty(r);
        TreeSet<String> ids = new TreeSet<>(bc.keySet());
        ids.addAll(rc.keySet());
        for (String id : ids) {
            CaseResult x = bc.get(id);
            CaseResult y = rc.get(id);
            if (x != null && x.failed() || y != null && y.failed()) {
                failed.accept(x != null && x.failed() ? x : y);
                continue;
            }
            acc.county(x, y);
        }
        // notes both sides share once; a note only one side has, with its side
        return sideNotes(b.notes(), r.notes());
    }

    private static Map<String, CaseResult> byCounty(RunResult r) {
        Map<String, CaseResult> m = new LinkedHashMap<>();
        for (CaseResult c : r.cases()) {
            m.put(c.subjectId(), c);
        }
        return m;
    }

    /** The comparison made of an accumulator's totals, the input counts and the runs' notes. */
    public Comparison result(ComparisonAccumulator acc, Map<String, RunSummary.FileCounts> files, List<String> runNotes) {
        List<String> notes = new ArrayList<>();
        boolean inForce = reformInForce(reform, options);
        if (!inForce) {
            notes.add(org.fuyu.policy.Lang.pick("改革方案 '" + reform.name() + "' 自 " + reform.effective() + " 起施行，晚于评估日 "
                    + options.asOf() + "：没有变化（用 --as-of " + reform.effective() + " 或更晚的日期对比才能看到）",
                    "reform '" + reform.name() + "' takes effect " + reform.effective() + ", after the evaluation date "
                    + options.asOf() + ": nothing changes (compare as of " + reform.effective() + " or later to see it)"));
        }
        notes.addAll(runNotes);
        return new Comparison(Comparison.ReformInfo.of(reform), options.asOf(), inForce, packs(baseline),
                packs(reformEngine), benefitCodes == null ? null : new TreeSet<>(benefitCodes).stream().toList(),
                files, acc.households(), acc.cost(), acc.totals(), acc.flips(), acc.villages(), acc.deciles(), acc.lineBands(),
                acc.subjectsChanged(), notes);
    }

    /** Bands around the low-income line of the two sides, or null when the baseline has no line. */
    private LineBands lineBands() {
        BigDecimal base = line(baseline);
        return base == null ? null : new LineBands(base, line(reformEngine), bandWidth);
    }

    private BigDecimal line(PolicyEngine e) {
        return e.incomeLine(options.asOf());
    }

    private static List<Map<String, String>> packs(PolicyEngine e) {
        List<Map<String, String>> out = new ArrayList<>();
        for (PackInfo p : e.packs()) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("id", p.id());
            m.put("version", p.version());
            out.add(m);
        }
        return out;
    }
}
