package org.fuyu.policy.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fuyu.policy.io.FactMapper;
import org.fuyu.policy.io.RunSummary;

/**
 * One stage task's share of {@code summary.json}, as JSON between executors and the driver: the
 * {@link RunSummary} counts of its records (merged with {@link RunSummary#merge}), what the
 * summary does not serialize (households whose pack failed, cases past the time budget), the
 * flagged subjects it saw with their input position (so the summary keeps the first ones in input
 * order, as {@code fuyu evaluate} does), and for a county case the notes it made.
 */
final class SummaryPart {
    /** The fact mapper's types and features, without its limits for input records (a part is ours, and large). */
    private static final ObjectMapper JSON = mapper();

    private static ObjectMapper mapper() {
        ObjectMapper m = FactMapper.get().copy().disable(SerializationFeature.INDENT_OUTPUT);
        m.getFactory().setStreamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                .maxStringLength(Integer.MAX_VALUE).maxNestingDepth(1_000).maxNumberLength(1_000).build());
        return m;
    }

    /**
     * A flagged subject and where its household was in the input: the file (with Parquet or a directory of
     * part files, the part file, whose names sort in the order Spark wrote them) and the line or row in it.
     */
    public record Sample(String file, long line, int seq, String id) {
    }

    /** A household that counts towards no county, where it was in the input. */
    public record WithoutCounty(String file, int line, String villageId, String id) {
    }

    public RunSummary summary;
    /** The first households (in input order) that count towards no county, for {@code notes.jsonl}. */
    public List<WithoutCounty> withoutCounty = new ArrayList<>();
    public long packErrors;
    public Map<String, Long> budget = new TreeMap<>();
    /** Households that did not get a code for want of a parameter value on the run's date: code → count, and why. */
    public Map<String, Long> undecided = new TreeMap<>();
    public Map<String, String> undecidedWhy = new TreeMap<>();
    /** county → code → the flagged subjects with the smallest input positions, at most the summary's sample size. */
    public Map<String, Map<String, List<Sample>>> samples = new TreeMap<>();
    /** The county of a county case part, else null. */
    public String countyId;
    /** Notes of a county case about a failed case, and the notes its run made. */
    public List<String> areaNotes = new ArrayList<>();
    public List<String> runNotes = new ArrayList<>();
    /** For a comparison: the reform side's run notes, and the serialized comparison totals (Base64). */
    public List<String> reformNotes = new ArrayList<>();
    public String accumulator;

    public SummaryPart() {
    }

    SummaryPart(RunSummary summary) {
        this.summary = summary;
    }

    void sample(String county, String code, String file, long line, int seq, String id) {
        List<Sample> l = samples.computeIfAbsent(county, k -> new TreeMap<>()).computeIfAbsent(code, k -> new ArrayList<>());
        l.add(new Sample(file, line, seq, id));
        if (l.size() > 4 * RunSummary.CountyResults.FLAGGED_SAMPLE) {
            trim(l);
        }
    }

    void withoutCounty(String file, int line, String villageId, String id) {
        withoutCounty.add(new WithoutCounty(file, line, villageId, id));
        if (withoutCounty.size() > 4 * RunSummary.WITHOUT_COUNTY_LISTED) {
            trimWithoutCounty();
        }
    }

    private void trimWithoutCounty() {
        withoutCounty.sort(java.util.Comparator.comparing(WithoutCounty::file).thenComparingInt(WithoutCounty::line));
        if (withoutCounty.size() > RunSummary.WITHOUT_COUNTY_LISTED) {
            withoutCounty.subList(RunSummary.WITHOUT_COUNTY_LISTED, withoutCounty.size()).clear();
        }
    }

    /** The households without a county that {@code notes.jsonl} lists, first ones first. */
    List<org.fuyu.policy.io.RecordError> withoutCountyListed() {
        trimWithoutCounty();
        return withoutCounty.stream()
                .map(w -> RunSummary.withoutCountyRecord(w.file(), w.line(), w.villageId(), w.id())).toList();
    }

    private static void trim(List<Sample> l) {
        l.sort(java.util.Comparator.comparing(Sample::file).thenComparingLong(Sample::line).thenComparingInt(Sample::seq));
        if (l.size() > RunSummary.CountyResults.FLAGGED_SAMPLE) {
            l.subList(RunSummary.CountyResults.FLAGGED_SAMPLE, l.size()).clear();
        }
    }

    /** Adds another part of the household stage. */
    SummaryPart merge(SummaryPart o) {
        if (accumulator != null && o.accumulator != null) {
            org.fuyu.policy.reform.ComparisonAccumulator mine = accumulator();
            mine.merge(o.accumulator());
            accumulator(mine);
        }
        summary.merge(o.summary);
        packErrors += o.packErrors;
        o.budget.forEach((k, v) -> budget.merge(k, v, Long::sum));
        o.undecided.forEach((k, v) -> undecided.merge(k, v, Long::sum));
        o.undecidedWhy.forEach(undecidedWhy::putIfAbsent);
        withoutCounty.addAll(o.withoutCounty);
        trimWithoutCounty();
        o.samples.forEach((county, byCode) -> byCode.forEach((code, l) -> {
            List<Sample> mine = samples.computeIfAbsent(county, k -> new TreeMap<>()).computeIfAbsent(code, k -> new ArrayList<>());
            mine.addAll(l);
            trim(mine);
        }));
        return this;
    }

    /** The first flagged subjects per county and code, in input order. */
    Map<String, Map<String, List<String>>> flaggedSamples() {
        Map<String, Map<String, List<String>>> out = new TreeMap<>();
        samples.forEach((county, byCode) -> byCode.forEach((code, l) -> {
            trim(l);
            out.computeIfAbsent(county, k -> new TreeMap<>()).put(code, l.stream().map(Sample::id).toList());
        }));
        return out;
    }

    org.fuyu.policy.reform.ComparisonAccumulator accumulator() {
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(java.util.Base64.getDecoder().decode(accumulator)))) {
            return (org.fuyu.policy.reform.ComparisonAccumulator) in.readObject();
        } catch (java.io.IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot read comparison totals", e);
        }
    }

    void accumulator(org.fuyu.policy.reform.ComparisonAccumulator acc) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(acc);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot write comparison totals", e);
        }
        accumulator = java.util.Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    String toJson() {
        for (List<Sample> l : samples.values().stream().flatMap(m -> m.values().stream()).toList()) {
            trim(l);
        }
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a summary part", e);
        }
    }

    static SummaryPart fromJson(String json) {
        try {
            return JSON.readValue(json, SummaryPart.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a summary part: " + e.getOriginalMessage(), e);
        }
    }
}
