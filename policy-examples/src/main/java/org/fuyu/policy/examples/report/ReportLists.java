package org.fuyu.policy.examples.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fuyu.policy.Decision;
import org.fuyu.policy.Lang;
import org.fuyu.policy.Outcome;
import org.fuyu.policy.SubjectType;
import org.fuyu.policy.Title;
import org.fuyu.policy.io.FactMapper;
import org.fuyu.policy.io.RecordError;
import org.fuyu.policy.io.RunSummary;

/**
 * The complete lists written beside a report as CSV ({@link CsvList}): every flagged household
 * with each flag and its reasons (streamed from {@code decisions.jsonl}), every village with its
 * results, the hollow and weak villages (from {@code summary.json}), and every rejected record
 * (streamed from {@code errors.jsonl}). Named after the page: {@code report.html} gets
 * {@code report-flagged-households.csv}, {@code report-villages.csv},
 * {@code report-hollow-weak-villages.csv} and {@code report-rejected-records.csv}. The first
 * {@value #FIRST} rows of the flagged households and the rejected records are kept for the page.
 *
 * @param flagged the flagged households' list, or null when none was written
 * @param flaggedFirst its first rows
 * @param rejectedFirst the first rejected records
 */
public record ReportLists(ListFile flagged, List<Decision> flaggedFirst, ListFile villages, ListFile hollowWeak,
                          ListFile rejected, List<RecordError> rejectedFirst) {
    /** Rows of a long list shown on the page. */
    public static final int FIRST = 20;

    /** A CSV file beside the page: its name (the link) and its rows, header not counted. */
    public record ListFile(String name, long rows) {
    }

    /** No lists (a page rendered on its own). */
    public static ReportLists none() {
        return new ReportLists(null, List.of(), null, null, null, List.of());
    }

    /** The prefix of the lists of a page: {@code report.html} → {@code report}. */
    public static String prefix(Path page) {
        String name = page.getFileName().toString();
        return name.toLowerCase(java.util.Locale.ROOT).endsWith(".html") ? name.substring(0, name.length() - 5)
                : name.toLowerCase(java.util.Locale.ROOT).endsWith(".htm") ? name.substring(0, name.length() - 4) : name;
    }

    /**
     * Writes the four lists beside {@code page} from the run directory {@code run}
     * ({@code decisions.jsonl}, {@code errors.jsonl}) and its summary.
     */
    public static ReportLists write(Path page, RunSummary summary, Path run) throws IOException {
        return write(page, summary, run, null);
    }

    /**
     * As {@link #write(Path, RunSummary, Path)}; with the run's input directory {@code facts}
     * (null when not known) the flagged households' list names each household's village and county.
     */
    public static ReportLists write(Path page, RunSummary summary, Path run, Path facts) throws IOException {
        Path dir = page.toAbsolutePath().getParent();
        String prefix = prefix(page);
        Map<String, Title> titles = summary.titles;
        List<Decision> flaggedFirst = new ArrayList<>();
        ListFile flagged;
        Map<String, String> countyOfVillage = new java.util.HashMap<>();
        summary.counties.forEach((county, c) -> c.byVillage.keySet().forEach(v -> countyOfVillage.put(v, county)));
        try (HouseholdVillages villagesOf = HouseholdVillages.in(facts);
             CsvList csv = CsvList.create(dir.resolve(prefix + "-flagged-households.csv"), List.of(
                Lang.pick("农户", "household"), Lang.pick("村", "village"), Lang.pick("县", "county"),
                Lang.pick("代码", "code"), Lang.pick("标记", "flag"), Lang.pick("原因", "why")))) {
            String lastHousehold = null;
            String village = null;
            Path decisions = run.resolve("decisions.jsonl");
            if (Files.isRegularFile(decisions)) {
                ObjectReader reader = FactMapper.get().readerFor(Decision.class)
                        .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
                try (BufferedReader r = Files.newBufferedReader(decisions, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (!line.contains("\"FLAG\"") || !line.contains("\"HOUSEHOLD\"")) {
                            continue; // most lines are not household flags: skip them unparsed
                        }
                        Decision d = reader.readValue(line);
                        if (d.subjectType() != SubjectType.HOUSEHOLD || d.outcome() != Outcome.FLAG) {
                            continue;
                        }
                        Title t = titles.get(d.code());
                        if (villagesOf != null && !d.subjectId().equals(lastHousehold)) {
                            village = villagesOf.villageOf(d.subjectId());
                            lastHousehold = d.subjectId();
                        }
                        csv.row(d.subjectId(), village, village == null ? null : countyOfVillage.get(village), d.code(),
                                t == null ? d.code() : t.text(), HtmlReport.why(d));
                        if (flaggedFirst.size() < FIRST) {
                            flaggedFirst.add(d);
                        }
                    }
                }
            }
            flagged = new ListFile(csv.name(), csv.count());
        }
        ListFile villages;
        ListFile hollowWeak;
        try (CsvList all = CsvList.create(dir.resolve(prefix + "-villages.csv"), villageHeader());
             CsvList hw = CsvList.create(dir.resolve(prefix + "-hollow-weak-villages.csv"), villageHeader())) {
            for (Map.Entry<String, RunSummary.CountyResults> c : summary.counties.entrySet()) {
                for (Map.Entry<String, RunSummary.VillageResults> e : c.getValue().byVillage.entrySet()) {
                    Object[] row = villageRow(c.getKey(), e.getKey(), e.getValue(), titles);
                    all.row(row);
                    if (e.getValue().villageFlags.stream().anyMatch(HtmlReport.HOLLOW_WEAK_CODES::contains)) {
                        hw.row(row);
                    }
                }
            }
            villages = new ListFile(all.name(), all.count());
            hollowWeak = new ListFile(hw.name(), hw.count());
        }
        List<RecordError> rejectedFirst = new ArrayList<>();
        ListFile rejected;
        try (CsvList csv = CsvList.create(dir.resolve(prefix + "-rejected-records.csv"), List.of(
                Lang.pick("文件", "file"), Lang.pick("行", "line"), Lang.pick("字段", "field"), Lang.pick("原因", "message"),
                Lang.pick("编号", "id")))) {
            Path errors = run.resolve("errors.jsonl");
            if (Files.isRegularFile(errors)) {
                ObjectReader reader = FactMapper.get().readerFor(RecordError.class)
                        .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
                try (BufferedReader r = Files.newBufferedReader(errors, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (line.isBlank()) {
                            continue;
                        }
                        RecordError e = reader.readValue(line);
                        csv.row(e.file(), (long) e.line(), e.field(), e.message(), e.id());
                        if (rejectedFirst.size() < FIRST) {
                            rejectedFirst.add(e);
                        }
                    }
                }
            }
            rejected = new ListFile(csv.name(), csv.count());
        }
        return new ReportLists(flagged, flaggedFirst, villages, hollowWeak, rejected, rejectedFirst);
    }

    private static List<String> villageHeader() {
        return List.of(Lang.pick("县", "county"), Lang.pick("村", "village"), Lang.pick("名称", "name"),
                Lang.pick("分类", "class"), Lang.pick("经营性收入（元）", "operating income (yuan)"),
                Lang.pick("农户", "households"), Lang.pick("补助项数", "benefits"), Lang.pick("补助金额（元）", "benefits (yuan)"),
                Lang.pick("农户标记", "household flags"), Lang.pick("防返贫监测", "monitoring"),
                Lang.pick("未达标的村级指标", "village targets missed"));
    }

    private static Object[] villageRow(String county, String id, RunSummary.VillageResults v, Map<String, Title> titles) {
        java.util.function.Function<String, String> title = code -> titles.containsKey(code) ? titles.get(code).text() : code;
        long flags = v.flags.values().stream().mapToLong(Long::longValue).sum();
        long monitoring = HtmlReport.MONITORING_CODES.stream().mapToLong(code -> v.flags.getOrDefault(code, 0L)).sum();
        return new Object[] {county, id, v.name, String.join(Lang.pick("、", ", "), v.villageFlags.stream().map(title).toList()),
            v.operatingIncomeYuan, v.households, v.benefits, v.benefitsYuan, flags, monitoring,
            String.join(Lang.pick("、", ", "), v.targetsMissed.stream().map(title).toList())};
    }
}
