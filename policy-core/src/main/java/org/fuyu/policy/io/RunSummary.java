package org.fuyu.policy.io;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fuyu.policy.Decision;
import org.fuyu.policy.Outcome;
import org.fuyu.policy.PackInfo;
import org.fuyu.policy.SubjectType;
import org.fuyu.policy.Title;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.packs.PackManifest;
import org.fuyu.policy.facts.Village;

/**
 * What {@code summary.json} holds: records read / evaluated / rejected per input file
 * (read = evaluated + rejected), decision counts and amount totals per code and outcome, the
 * results per county, and notes.
 */
@JsonPropertyOrder({"completed", "asOf", "packs", "titles", "files", "householdsWithoutCounty", "decisions", "counties", "notes",
        "manifest"})
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
                amountYuan = Math.addExact(amountYuan, d.amountYuan()); // exact: an overflow fails the run, never wraps
            }
        }

        void merge(Tally o) {
            count += o.count;
            amountYuan = Math.addExact(amountYuan, o.amountYuan);
        }
    }

    /**
     * One county's results: its targets (county and village level), benefits and flags by code,
     * and two descriptive statistics for reports: the per-capita income distribution of its
     * evaluated households and its villages by size class and collective operating income.
     */
    @JsonPropertyOrder({"households", "targets", "villageTargets", "benefits", "credit", "flags", "flaggedSample",
            "perCapitaIncome", "villages", "byVillage"})
    public static final class CountyResults {
        /** How many flagged subjects per code {@link #flaggedSample} keeps. */
        public static final int FLAGGED_SAMPLE = 25;

        public long households;
        /** County-level decisions: code → outcome (with the deciding reasons for targets). */
        public Map<String, CountyTarget> targets = new TreeMap<>();
        /** Village decisions: code → outcome → count. */
        public Map<String, Map<String, Long>> villageTargets = new TreeMap<>();
        /** GRANTED decisions of the county's households, people and businesses: code → count and amount. */
        public Map<String, Tally> benefits = new TreeMap<>();
        /** GRANTED loans and credit lines (codes whose amount is CREDIT): code → count and the most that may be lent. */
        public Map<String, Tally> credit = new TreeMap<>();
        /** FLAG decisions of the county's households and villages: code → count. */
        public Map<String, Long> flags = new TreeMap<>();
        /** The first {@value #FLAGGED_SAMPLE} subjects flagged with each code, in input order: code → ids. */
        public Map<String, List<String>> flaggedSample = new TreeMap<>();
        /** Evaluated households by per-capita income; null when the county had none. */
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public IncomeDistribution perCapitaIncome;
        /** The county's villages; null when the input had none. */
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public VillageStats villages;
        /**
         * Per village of the county (from the villages file, and any village its households name):
         * households, benefits, flags and the village's own decisions, in village id order.
         */
        public Map<String, VillageResults> byVillage = new TreeMap<>();

        VillageResults village(String villageId) {
            return byVillage.computeIfAbsent(villageId, k -> new VillageResults());
        }

        void sample(String code, String subjectId) {
            List<String> ids = flaggedSample.computeIfAbsent(code, k -> new ArrayList<>());
            if (ids.size() < FLAGGED_SAMPLE) {
                ids.add(subjectId);
            }
        }

        void merge(CountyResults o) {
            households += o.households;
            o.targets.forEach(targets::put);
            o.villageTargets.forEach((code, m) -> {
                Map<String, Long> mine = villageTargets.computeIfAbsent(code, k -> new TreeMap<>());
                m.forEach((outcome, n) -> mine.merge(outcome, n, Long::sum));
            });
            o.benefits.forEach((code, t) -> benefits.computeIfAbsent(code, k -> new Tally()).merge(t));
            o.credit.forEach((code, t) -> credit.computeIfAbsent(code, k -> new Tally()).merge(t));
            o.flags.forEach((code, n) -> flags.merge(code, n, Long::sum));
            o.flaggedSample.forEach((code, ids) -> {
                for (String id : ids) {
                    sample(code, id);
                }
            });
            if (o.perCapitaIncome != null) {
                if (perCapitaIncome == null) {
                    perCapitaIncome = new IncomeDistribution(o.perCapitaIncome.lowIncomeLine);
                }
                perCapitaIncome.merge(o.perCapitaIncome);
            }
            if (o.villages != null) {
                if (villages == null) {
                    villages = new VillageStats();
                }
                villages.merge(o.villages);
            }
            o.byVillage.forEach((id, v) -> village(id).merge(v));
        }
    }

    /**
     * One village's results: its name and collective operating income (when the villages file has
     * it), its evaluated households, the benefits paid to them (households, people and businesses;
     * not credit), FLAG decisions of its households by code, and the village's own decisions:
     * its flags (such as its collective-income class) and the targets it missed.
     */
    @JsonPropertyOrder({"name", "operatingIncomeYuan", "households", "benefits", "benefitsYuan", "flags", "villageFlags",
            "targetsMissed"})
    public static final class VillageResults {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public String name;
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public Long operatingIncomeYuan;
        public long households;
        public long benefits;
        public long benefitsYuan;
        public Map<String, Long> flags = new TreeMap<>();
        public List<String> villageFlags = new ArrayList<>();
        public List<String> targetsMissed = new ArrayList<>();

        void merge(VillageResults o) {
            if (o.name != null) {
                name = o.name;
            }
            if (o.operatingIncomeYuan != null) {
                operatingIncomeYuan = o.operatingIncomeYuan;
            }
            households += o.households;
            benefits += o.benefits;
            benefitsYuan = Math.addExact(benefitsYuan, o.benefitsYuan);
            o.flags.forEach((code, n) -> flags.merge(code, n, Long::sum));
            o.villageFlags.stream().filter(f -> !villageFlags.contains(f)).forEach(villageFlags::add);
            o.targetsMissed.stream().filter(f -> !targetsMissed.contains(f)).forEach(targetsMissed::add);
        }
    }

    /**
     * Households by per-capita income (totalIncome / members) in buckets of
     * {@value #BUCKET_YUAN} yuan, keyed by each bucket's lower bound (a bucket [12000, 13000)
     * is keyed 12000; losses give negative keys), with the low-income line in force and the
     * number of households below it.
     */
    @JsonPropertyOrder({"bucketYuan", "lowIncomeLine", "belowLine", "households"})
    public static final class IncomeDistribution {
        public static final long BUCKET_YUAN = 1_000;

        public long bucketYuan = BUCKET_YUAN;
        /** {@code low_income.line} on the run's date; null when no loaded pack defines it. */
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public BigDecimal lowIncomeLine;
        /** Households with per-capita income below the line (0 when there is no line). */
        public long belowLine;
        public Map<Long, Long> households = new TreeMap<>();

        public IncomeDistribution() {
        }

        IncomeDistribution(BigDecimal lowIncomeLine) {
            this.lowIncomeLine = lowIncomeLine;
        }

        void add(long totalIncome, int members) {
            // floor(totalIncome / members) is the floor of the rounded per-capita income too: with at most
            // Household.MAX_MEMBERS members, rounding to cents never reaches the next whole yuan
            long perCapitaFloor = Math.floorDiv(totalIncome, members);
            households.merge(Math.floorDiv(perCapitaFloor, bucketYuan) * bucketYuan, 1L, Long::sum);
            if (lowIncomeLine != null
                    && BigDecimal.valueOf(totalIncome).compareTo(lowIncomeLine.multiply(BigDecimal.valueOf(members))) < 0) {
                belowLine++;
            }
        }

        void merge(IncomeDistribution o) {
            belowLine += o.belowLine;
            o.households.forEach((k, n) -> households.merge(k, n, Long::sum));
        }

        public long total() {
            return households.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** A county's villages counted by size class and by band of collective operating income. */
    @JsonPropertyOrder({"count", "bySizeClass", "byOperatingIncome"})
    public static final class VillageStats {
        /** Band labels in order, with their lower bounds in yuan; a descriptive view, not a policy decision. */
        public static final List<String> BANDS = List.of("0", "1-49999", "50000-199999", "200000-499999", "500000+");
        private static final long[] BAND_FLOORS = {0, 1, 50_000, 200_000, 500_000};

        public long count;
        public Map<String, Long> bySizeClass = new TreeMap<>();
        public Map<String, Long> byOperatingIncome = new LinkedHashMap<>();

        public VillageStats() {
            for (String b : BANDS) {
                byOperatingIncome.put(b, 0L);
            }
        }

        void add(Village v) {
            count++;
            bySizeClass.merge(v.sizeClass().name(), 1L, Long::sum);
            byOperatingIncome.merge(band(v.collectiveIncome().operating()), 1L, Long::sum);
        }

        static String band(long operating) {
            int i = BAND_FLOORS.length - 1;
            while (i > 0 && operating < BAND_FLOORS[i]) {
                i--;
            }
            return BANDS.get(i);
        }

        void merge(VillageStats o) {
            count += o.count;
            o.bySizeClass.forEach((k, n) -> bySizeClass.merge(k, n, Long::sum));
            o.byOperatingIncome.forEach((k, n) -> byOperatingIncome.merge(k, n, Long::sum));
        }
    }

    /** A county-level decision as the summary shows it. */
    @JsonPropertyOrder({"outcome", "reasons"})
    public record CountyTarget(String outcome, List<org.fuyu.policy.Criterion> reasons) {
    }

    /** True when the run read all its input and wrote all its output; false: the outputs are incomplete. */
    public boolean completed;
    public LocalDate asOf;
    /**
     * Households evaluated but counted in no county: their village is not in the villages file
     * and they have no {@code countyId} (their decisions are in decisions.jsonl and in the totals).
     */
    public long householdsWithoutCounty;
    /** Households for which one pack's rules failed while the other packs decided them (in errors.jsonl and the notes). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public long packErrors;
    /** How many of the households without a county {@code errors.jsonl} names (the first ones, in input order). */
    public static final int WITHOUT_COUNTY_LISTED = 10;
    /** The first {@value #WITHOUT_COUNTY_LISTED} households without a county, for errors.jsonl (never logged). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public final List<RecordError> withoutCountySample = new ArrayList<>();
    /** Households that did not get a code because a parameter it reads has no value on the run's date: code → count. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public final Map<String, Long> undecided = new TreeMap<>();
    /** Why, by code (the same for every household of the run: one date). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public final Map<String, String> undecidedWhy = new TreeMap<>();

    void undecided(org.fuyu.policy.Undecided u) {
        undecided.merge(u.code(), 1L, Long::sum);
        undecidedWhy.putIfAbsent(u.code(), u.message());
    }

    /**
     * The line of {@code notes.jsonl} for a household that counts towards no county (its village is not among
     * the run's villages and it has no {@code countyId}).
     */
    public static RecordError withoutCountyRecord(String file, int line, String villageId, String id) {
        return new RecordError(file, line, "villageId", "村 " + villageId
                + " 不在 villages 中且本户没有 countyId：已作决定，但不计入任何县 / the village '"
                + villageId + "' is not in the villages file and the household has no countyId:"
                + " it was decided but counts towards no county; add the village or a countyId", id);
    }

    /** Keeps a household without a county for {@code notes.jsonl}, if it is among the first ones. */
    public void withoutCounty(RecordError e) {
        if (withoutCountySample.size() < WITHOUT_COUNTY_LISTED) {
            withoutCountySample.add(e);
        }
    }

    /** What the run was made of, for {@code fuyu replay}; null in summaries of other commands. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public RunManifest manifest;
    public List<Map<String, String>> packs = new ArrayList<>();
    /** The title of every code of the packs, in Chinese and English (from their pack.yaml), in pack.yaml order: code → title. */
    public Map<String, Title> titles = new LinkedHashMap<>();
    public Map<String, FileCounts> files = new TreeMap<>();
    public Map<String, Map<String, Tally>> decisions = new TreeMap<>();
    public Map<String, CountyResults> counties = new TreeMap<>();
    public List<String> notes = new ArrayList<>();

    public RunSummary() {
    }

    /** Codes whose granted amount is credit rather than a payment, from the packs' manifests. */
    private final Set<String> creditCodes = new HashSet<>();

    /** An empty summary that classifies codes as this one does, for a worker's share of a run. */
    public RunSummary part() {
        RunSummary p = new RunSummary();
        p.creditCodes.addAll(creditCodes);
        return p;
    }

    /** An empty summary of a run on {@code asOf} with these packs (their credit codes are totalled apart). */
    public RunSummary(LocalDate asOf, List<PackInfo> packInfos) {
        this.asOf = asOf;
        for (PackInfo p : packInfos) {
            Map<String, String> pack = new LinkedHashMap<>();
            pack.put("id", p.id());
            pack.put("version", p.version());
            pack.put("source", p.origin());
            packs.add(pack);
            for (PackManifest.CodeInfo c : p.codes()) {
                if (c.title() != null) {
                    titles.put(c.code(), c.title());
                }
                if (c.amount() == PackManifest.AmountKind.CREDIT) {
                    creditCodes.add(c.code());
                }
            }
        }
    }

    public FileCounts file(String name) {
        return files.computeIfAbsent(name, k -> new FileCounts());
    }

    /** Counts a decision (of a subject of county {@code countyId}, or of none when null). */
    public void add(Decision d, String countyId) {
        add(d, countyId, d.subjectType() == SubjectType.VILLAGE ? d.subjectId() : null);
    }

    /** Counts a decision of a subject in {@code villageId} (null when not known or a county's). */
    public void add(Decision d, String countyId, String villageId) {
        decisions.computeIfAbsent(d.code(), k -> new TreeMap<>())
                .computeIfAbsent(d.outcome().name(), k -> new Tally()).add(d);
        if (countyId == null) {
            return;
        }
        CountyResults c = county(countyId);
        if (villageId != null && d.subjectType() != SubjectType.COUNTY) {
            VillageResults v = c.village(villageId);
            boolean own = d.subjectType() == SubjectType.VILLAGE;
            if (d.outcome() == Outcome.FLAG) {
                if (own) {
                    v.villageFlags.add(d.code());
                } else {
                    v.flags.merge(d.code(), 1L, Long::sum);
                }
            } else if (d.outcome() == Outcome.TARGET_MISSED && own) {
                v.targetsMissed.add(d.code());
            } else if (d.outcome() == Outcome.GRANTED && !own && !creditCodes.contains(d.code())) {
                v.benefits++;
                if (d.amountYuan() != null) {
                    v.benefitsYuan = Math.addExact(v.benefitsYuan, d.amountYuan());
                }
            }
        }
        if (d.subjectType() == SubjectType.COUNTY) {
            c.targets.put(d.code(), new CountyTarget(d.outcome().name(), d.reasons()));
        } else if (d.outcome() == Outcome.TARGET_MET || d.outcome() == Outcome.TARGET_MISSED) {
            c.villageTargets.computeIfAbsent(d.code(), k -> new TreeMap<>()).merge(d.outcome().name(), 1L, Long::sum);
        } else if (d.outcome() == Outcome.GRANTED) {
            (creditCodes.contains(d.code()) ? c.credit : c.benefits).computeIfAbsent(d.code(), k -> new Tally()).add(d);
        } else if (d.outcome() == Outcome.FLAG) {
            c.flags.merge(d.code(), 1L, Long::sum);
            c.sample(d.code(), d.subjectId());
        }
    }

    public CountyResults county(String countyId) {
        return counties.computeIfAbsent(countyId, k -> new CountyResults());
    }

    /** Counts an evaluated household of a county in the county's income distribution. */
    public void household(String countyId, Household h, BigDecimal lowIncomeLine) {
        CountyResults c = county(countyId);
        c.households++;
        c.village(h.villageId()).households++;
        if (c.perCapitaIncome == null) {
            c.perCapitaIncome = new IncomeDistribution(lowIncomeLine);
        }
        c.perCapitaIncome.add(h.totalIncome(), h.memberCount());
    }

    /** Counts a village in its county's village statistics. */
    public void village(Village v) {
        CountyResults c = county(v.countyId());
        if (c.villages == null) {
            c.villages = new VillageStats();
        }
        c.villages.add(v);
        VillageResults r = c.village(v.id());
        r.name = v.name();
        r.operatingIncomeYuan = v.collectiveIncome().operating();
    }

    /** Adds a part (the counts of one batch of households) to this summary. */
    public void merge(RunSummary part) {
        part.files.forEach((name, f) -> {
            FileCounts mine = file(name);
            mine.read += f.read;
            mine.evaluated += f.evaluated;
            mine.rejected += f.rejected;
        });
        part.decisions.forEach((code, byOutcome) -> {
            Map<String, Tally> mine = decisions.computeIfAbsent(code, k -> new TreeMap<>());
            byOutcome.forEach((outcome, t) -> mine.computeIfAbsent(outcome, k -> new Tally()).merge(t));
        });
        part.counties.forEach((id, c) -> county(id).merge(c));
        householdsWithoutCounty += part.householdsWithoutCounty;
        packErrors += part.packErrors;
        part.withoutCountySample.forEach(this::withoutCounty);
        part.undecided.forEach((code, n) -> undecided.merge(code, n, Long::sum));
        part.undecidedWhy.forEach(undecidedWhy::putIfAbsent);
        notes.addAll(part.notes);
    }

    /** Total of all file counts: records read. */
    public long totalRead() {
        return files.values().stream().mapToLong(f -> f.read).sum();
    }

    public long totalRejected() {
        return files.values().stream().mapToLong(f -> f.rejected).sum();
    }
}
