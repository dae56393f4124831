package org.fuyu.policy.io;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;
import org.fuyu.policy.Decision;
import org.fuyu.policy.Outcome;
import org.fuyu.policy.PackInfo;
import org.fuyu.policy.SubjectType;
import org.fuyu.policy.packs.PackManifest;

/**
 * What {@code summary.json} holds: records read / evaluated / rejected per input file
 * (read = evaluated + rejected), decision counts and amount totals per code and outcome, the
 * results per county, and notes.
 */
@JsonPropertyOrder({"asOf", "packs", "files", "decisions", "counties", "notes"})
public final class RunSummary {
    /** Counts for one input file. */
    @JsonPropertyOrder({"read", "evaluated", "rejected"})
    public static final class FileCounts {
        public long read;
        public long evaluated;
        public long rejected;
    }

    /** Count and amount total of one code and outcome. */
    @JsonPropertyOrder({"count", "amountYuan"})
    public static final class Tally {
        public long count;
        public long amountYuan;

        void add(Decision d) {
            count++;
            if (d.amountYuan() != null) {
                amountYuan += d.amountYuan();
            }
        }
    }

    /** One county's results: its targets (county and village level), benefits, credit and flags by code. */
    @JsonPropertyOrder({"households", "targets", "villageTargets", "benefits", "credit", "flags"})
    public static final class CountyResults {
        public long households;
        /** County-level decisions: code → outcome (with the deciding reasons for targets). */
        public Map<String, CountyTarget> targets = new TreeMap<>();
        /** Village targets: code → TARGET_MET / TARGET_MISSED → count. */
        public Map<String, Map<String, Long>> villageTargets = new TreeMap<>();
        /**
         * GRANTED decisions paying money (codes whose amount is PAYMENT) to the county's households,
         * people, businesses and villages: code → count and amount.
         */
        public Map<String, Tally> benefits = new TreeMap<>();
        /** GRANTED loans and credit lines (codes whose amount is CREDIT): code → count and the most that may be lent. */
        public Map<String, Tally> credit = new TreeMap<>();
        /** FLAG decisions of the county's households and villages: code → count. */
        public Map<String, Long> flags = new TreeMap<>();
    }

    /** A county-level decision as the summary shows it. */
    @JsonPropertyOrder({"outcome", "reasons"})
    public record CountyTarget(String outcome, List<org.fuyu.policy.Criterion> reasons) {
    }

    public LocalDate asOf;
    public List<Map<String, String>> packs = new ArrayList<>();
    public Map<String, FileCounts> files = new TreeMap<>();
    public Map<String, Map<String, Tally>> decisions = new TreeMap<>();
    public Map<String, CountyResults> counties = new TreeMap<>();
    public List<String> notes = new ArrayList<>();
    /** Codes whose granted amount is credit rather than a payment, from the packs' manifests. */
    private final Set<String> creditCodes = new HashSet<>();

    public RunSummary() {
    }

    RunSummary(LocalDate asOf, List<PackInfo> packInfos) {
        this.asOf = asOf;
        for (PackInfo p : packInfos) {
            Map<String, String> pack = new java.util.LinkedHashMap<>();
            pack.put("id", p.id());
            pack.put("version", p.version());
            packs.add(pack);
            for (PackManifest.CodeInfo c : p.codes()) {
                if (c.amount() == PackManifest.AmountKind.CREDIT) {
                    creditCodes.add(c.code());
                }
            }
        }
    }

    public FileCounts file(String name) {
        return files.computeIfAbsent(name, k -> new FileCounts());
    }

    void add(Decision d, String countyId) {
        decisions.computeIfAbsent(d.code(), k -> new TreeMap<>())
                .computeIfAbsent(d.outcome().name(), k -> new Tally()).add(d);
        if (countyId == null) {
            return;
        }
        CountyResults c = county(countyId);
        if (d.subjectType() == SubjectType.COUNTY) {
            c.targets.put(d.code(), new CountyTarget(d.outcome().name(), d.reasons()));
        } else if (d.outcome() == Outcome.TARGET_MET || d.outcome() == Outcome.TARGET_MISSED) {
            c.villageTargets.computeIfAbsent(d.code(), k -> new TreeMap<>()).merge(d.outcome().name(), 1L, Long::sum);
        } else if (d.outcome() == Outcome.GRANTED) {
            (creditCodes.contains(d.code()) ? c.credit : c.benefits).computeIfAbsent(d.code(), k -> new Tally()).add(d);
        } else if (d.outcome() == Outcome.FLAG) {
            c.flags.merge(d.code(), 1L, Long::sum);
        }
    }

    public CountyResults county(String countyId) {
        return counties.computeIfAbsent(countyId, k -> new CountyResults());
    }

    /** Total of all file counts: records read. */
    public long totalRead() {
        return files.values().stream().mapToLong(f -> f.read).sum();
    }

    public long totalRejected() {
        return files.values().stream().mapToLong(f -> f.rejected).sum();
    }
}
