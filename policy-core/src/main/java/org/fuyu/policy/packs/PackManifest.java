package org.fuyu.policy.packs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.List;
import org.fuyu.policy.SubjectType;
import org.fuyu.policy.Title;

/**
 * A pack's {@code pack.yaml}.
 * <pre>
 * id: low-income-relief
 * version: 1.0.0
 * title: 低收入农户帮扶 Low-income household relief
 * description: ...
 * sources: ["002 §三.13", "004"]
 * files: [low-income-relief.drl]          # rule files, in order (required on the class path)
 * reads: [low_income.line]                # parameters the rules read (from this or another pack)
 * codes:
 *   - {code: LOW_INCOME_TOP_UP, subject: HOUSEHOLD, title: {zh: 低收入农户收入补差, en: Top-up to the low-income line}}
 *   - {code: GUARANTEE_LOAN, subject: BUSINESS, amount: CREDIT, title: {zh: ..., en: ...}}   # amount: PAYMENT (default) or CREDIT
 *   - {code: COUNTY_BONUS, subject: HOUSEHOLD, effective: 2025-01-01, until: 2027-12-31}
 * effective: 2024-01-01                    # optional: the first day the pack's codes are in force
 * until: 2028-12-31                        # optional: the last day they are in force
 * incomeLine: low_income.line              # optional: the parameter that is the per-capita income line
 *                                          # (run summaries count households below it; comparisons band around it)
 * mutable: [income.wage, assets.vehicleValueYuan, members.employed]   # facts a household can change
 * </pre>
 * {@code mutable} lists the facts a household (or business) can change itself; only they appear
 * in the change sets of what would change a denial (docs/what-would-change.md). Facts the office
 * assigns or that nobody chooses (ages, members, statuses, categories) are left out.
 * A code is in force on a case's {@code asOf} when it lies within both the pack's and the code's
 * {@code effective}–{@code until} (both days included; either end may be left open). Outside them
 * the code is not decided, and the run notes it.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record PackManifest(
        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) String version,
        @JsonProperty(required = true) String title,
        String description,
        List<String> sources,
        List<String> files,
        List<String> reads,
        @JsonProperty(required = true) List<CodeInfo> codes,
        LocalDate effective,
        LocalDate until,
        String incomeLine,
        List<String> mutable) {

    /** The fact paths {@code mutable:} may name (docs/what-would-change.md). */
    public static final java.util.Set<String> MUTABLE_FIELDS = java.util.Set.of(
            "income.wage", "income.operating", "income.property", "income.transfer",
            "assets.vehicleValueYuan", "assets.savingsYuan", "assets.commercialProperty",
            "credit.rating", "credit.overdue", "credit.dishonestDebtor", "credit.inclusiveCreditLineYuan",
            "credit.outstandingLoanYuan", "medicalExpenseYuan", "disasterLossYuan", "housingSafe", "farming",
            "statuses", "members.employed", "members.laborCapable", "members.inSchool", "members.categories",
            "businesses.monthsOperating", "businesses.localJobsCreated", "businesses.lowIncomeJobsCreated",
            "businesses.landAreaMu", "businesses.receivedStartupSubsidy");

    public PackManifest {
        mutable = mutable == null ? List.of() : List.copyOf(mutable);
        for (String m : mutable) {
            if (!MUTABLE_FIELDS.contains(m)) {
                throw new IllegalArgumentException("mutable: '" + m + "' is not a fact a household can change; expected one of "
                        + new java.util.TreeSet<>(MUTABLE_FIELDS) + " (mutable: 中的字段未知)");
            }
        }
        sources = sources == null ? List.of() : List.copyOf(sources);
        files = files == null ? List.of() : List.copyOf(files);
        reads = reads == null ? List.of() : List.copyOf(reads);
        codes = codes == null ? List.of() : List.copyOf(codes);
    }

    /** Whether a code of this pack is in force on {@code asOf}: within the pack's and the code's dates. */
    public boolean inForce(CodeInfo code, LocalDate asOf) {
        return within(effective, until, asOf) && (code == null || within(code.effective(), code.until(), asOf));
    }

    /** The code of this name, or null. */
    public CodeInfo code(String code) {
        for (CodeInfo c : codes) {
            if (c.code().equals(code)) {
                return c;
            }
        }
        return null;
    }

    /** Whether any code has dates of its own, or the pack has. */
    public boolean dated() {
        return effective != null || until != null || codes.stream().anyMatch(c -> c.effective() != null || c.until() != null);
    }

    private static boolean within(LocalDate from, LocalDate to, LocalDate asOf) {
        return (from == null || !asOf.isBefore(from)) && (to == null || !asOf.isAfter(to));
    }

    /**
     * One decision code a pack produces.
     *
     * @param title what the code means, in Chinese and English (what reports and summaries show
     *     beside or instead of the code); null when pack.yaml gives none
     * @param amount what a GRANTED decision's amount is: {@link AmountKind#PAYMENT} (money paid,
     *     the default) or {@link AmountKind#CREDIT} (the most that may be lent); summaries total
     *     the two apart
     * @param effective the first day the code is in force, or null (from the pack's {@code effective})
     * @param until the last day the code is in force, or null (until the pack's {@code until})
     */
    public record CodeInfo(@JsonProperty(required = true) String code,
                           @JsonProperty(required = true) SubjectType subject,
                           Title title,
                           AmountKind amount,
                           LocalDate effective,
                           LocalDate until) {
        public CodeInfo {
            amount = amount == null ? AmountKind.PAYMENT : amount;
        }

        public CodeInfo(String code, SubjectType subject, Title title) {
            this(code, subject, title, AmountKind.PAYMENT, null, null);
        }

        public CodeInfo(String code, SubjectType subject, Title title, AmountKind amount) {
            this(code, subject, title, amount, null, null);
        }

        /** The title in the current language, or the code when pack.yaml gives none. */
        public String titleText() {
            return title == null ? code : title.text();
        }
    }

    /** What the amount of a granted decision means. */
    public enum AmountKind {
        /** Money paid or waived: a subsidy, award, top-up, premium or fee waiver. */
        PAYMENT,
        /** A loan or credit line: the largest amount that may be lent. */
        CREDIT
    }
}
