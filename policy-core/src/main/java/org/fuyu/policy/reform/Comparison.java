package org.fuyu.policy.reform;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fuyu.policy.Outcome;
import org.fuyu.policy.SubjectType;
import org.fuyu.policy.io.RunSummary;

/**
 * The comparison of a baseline and a reform over one population: what {@code comparison.json}
 * holds. Amounts are whole yuan; a delta is reform − baseline.
 *
 * @param reform the reform compared, or null when two engines were compared without a reform file
 * @param asOf the evaluation date of both sides
 * @param reformInForce false when {@code asOf} is before the reform's effective date (then nothing changes)
 * @param files records read / evaluated / rejected per input file (empty for in-memory comparisons)
 * @param households households evaluated under both sides, and who gains or loses
 * @param cost granted amounts (of the codes counted as benefits) over every subject
 * @param totals per code and outcome: decisions and amounts on each side
 * @param flips targets (county or village) whose outcome flips between TARGET_MET and TARGET_MISSED
 * @param byVillage winners and losers per village, in village id order
 * @param byIncomeDecile winners and losers per per-capita income decile of the compared households
 * @param byLowIncomeLine winners and losers in fixed-width per-capita income bands around the
 *     low-income line (null when no loaded pack declares an {@code incomeLine:} in its pack.yaml)
 * @param subjectsChanged subjects with at least one decision added, removed or changed (lines of changes.jsonl)
 * @param benefitCodes the codes whose amounts count toward a household's total benefit, or null for every code
 */
@JsonPropertyOrder({"reform", "asOf", "reformInForce", "baselinePacks", "reformPacks", "benefitCodes", "files",
        "households", "cost", "totals", "flips", "byVillage", "byIncomeDecile", "byLowIncomeLine", "subjectsChanged", "notes"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Comparison(ReformInfo reform, LocalDate asOf, boolean reformInForce, List<Map<String, String>> baselinePacks,
                         List<Map<String, String>> reformPacks, List<String> benefitCodes,
                         Map<String, RunSummary.FileCounts> files, Households households, Cost cost,
                         List<CodeTotal> totals, List<Flip> flips, List<VillageResult> byVillage,
                         List<IncomeBand> byIncomeDecile, LineBands byLowIncomeLine, long subjectsChanged,
                         List<String> notes) {

    public Comparison {
        baselinePacks = List.copyOf(baselinePacks);
        reformPacks = List.copyOf(reformPacks);
        benefitCodes = benefitCodes == null ? null : List.copyOf(benefitCodes);
        totals = List.copyOf(totals);
        flips = List.copyOf(flips);
        byVillage = List.copyOf(byVillage);
        byIncomeDecile = List.copyOf(byIncomeDecile);
        notes = List.copyOf(notes);
    }

    /** The reform as the comparison names it. */
    @JsonPropertyOrder({"name", "description", "effective", "source"})
    public record ReformInfo(String name, String description, LocalDate effective, String source) {
        static ReformInfo of(Reform r) {
            return r == null ? null : new ReformInfo(r.name(), r.description(), r.effective(), r.source());
        }
    }

    /** Households whose total benefit rises (winners) or falls (losers); deltaYuan is their summed change. */
    @JsonPropertyOrder({"count", "deltaYuan"})
    public record GainLoss(long count, long deltaYuan) {
    }

    /**
     * @param compared households evaluated under both sides
     * @param changed households with any decision (of any of their subjects) added, removed or changed
     * @param winners households whose total benefit rises
     * @param losers households whose total benefit falls
     * @param sameTotal households whose total benefit is the same (changed or not)
     */
    @JsonPropertyOrder({"compared", "changed", "winners", "losers", "sameTotal"})
    public record Households(long compared, long changed, GainLoss winners, GainLoss losers, long sameTotal) {
    }

    /** What the benefits cost on each side. */
    @JsonPropertyOrder({"baselineYuan", "reformYuan", "deltaYuan"})
    public record Cost(long baselineYuan, long reformYuan, long deltaYuan) {
    }

    /** Decisions of one code and outcome on each side. */
    @JsonPropertyOrder({"code", "outcome", "baselineCount", "reformCount", "deltaCount", "baselineYuan", "reformYuan",
            "deltaYuan"})
    public record CodeTotal(String code, Outcome outcome, long baselineCount, long reformCount, long deltaCount,
                            long baselineYuan, long reformYuan, long deltaYuan) {
    }

    /** A target decided one way in the baseline and the other in the reform. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"subjectType", "subjectId", "countyId", "code", "from", "to"})
    public record Flip(SubjectType subjectType, String subjectId, String countyId, String code, Outcome from, Outcome to)
            implements java.io.Serializable {
    }

    /** The households of one village. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"villageId", "countyId", "households", "changed", "winners", "losers", "baselineYuan",
            "reformYuan", "deltaYuan"})
    public record VillageResult(String villageId, String countyId, long households, long changed, GainLoss winners,
                                GainLoss losers, long baselineYuan, long reformYuan, long deltaYuan) {
    }

    /**
     * One per-capita income band (decile 1 = the poorest tenth of the compared households),
     * with the lowest and highest per-capita income of its households.
     */
    @JsonPropertyOrder({"decile", "perCapitaMin", "perCapitaMax", "households", "changed", "winners", "losers",
            "baselineYuan", "reformYuan", "deltaYuan"})
    public record IncomeBand(int decile, BigDecimal perCapitaMin, BigDecimal perCapitaMax, long households, long changed,
                             GainLoss winners, GainLoss losers, long baselineYuan, long reformYuan, long deltaYuan) {
    }

    /**
     * Fixed-width bands of per-capita income around the low-income line.
     *
     * @param baselineLine the baseline's income line (the parameter a pack declares as {@code incomeLine:}) on the comparison's date
     * @param reformLine the reform's, or null when the reform side has no such parameter
     * @param widthYuan the width of each band but the two open ones
     * @param bands from the open band below to the open band above
     */
    @JsonPropertyOrder({"baselineLine", "reformLine", "widthYuan", "bands"})
    public record LineBands(BigDecimal baselineLine, BigDecimal reformLine, long widthYuan, List<LineBand> bands) {
        public LineBands {
            bands = List.copyOf(bands);
        }
    }

    /**
     * One band of per-capita income {@code [fromYuan, toYuan)}; fromYuan null for the open band
     * below, toYuan null for the open band above.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"fromYuan", "toYuan", "households", "changed", "winners", "losers", "baselineYuan",
            "reformYuan", "deltaYuan"})
    public record LineBand(Long fromYuan, Long toYuan, long households, long changed, GainLoss winners, GainLoss losers,
                           long baselineYuan, long reformYuan, long deltaYuan) {
    }

    /** The totals of a code and outcome, if either side decided it. */
    public Optional<CodeTotal> total(String code, Outcome outcome) {
        return totals.stream().filter(t -> t.code().equals(code) && t.outcome() == outcome).findFirst();
    }

    /** The result of a village, if any of its households was compared. */
    public Optional<VillageResult> village(String villageId) {
        return byVillage.stream().filter(v -> v.villageId().equals(villageId)).findFirst();
    }

    /** Decile 1–10, if it holds any household. */
    public Optional<IncomeBand> decile(int decile) {
        return byIncomeDecile.stream().filter(b -> b.decile() == decile).findFirst();
    }

    /** Whether anything at all differs between the two sides. */
    public boolean noChange() {
        return subjectsChanged == 0 && flips.isEmpty();
    }
}
