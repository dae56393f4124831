package org.fuyu.policy.examples.bench;

import static org.fuyu.policy.evaluation.Criteria.anyOf;
import static org.fuyu.policy.evaluation.Criteria.fixed;
import static org.fuyu.policy.evaluation.Criteria.isFalse;
import static org.fuyu.policy.evaluation.Criteria.isTrue;
import static org.fuyu.policy.evaluation.Criteria.not;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.fuyu.policy.Criterion;
import org.fuyu.policy.Decision;
import org.fuyu.policy.Outcome;
import org.fuyu.policy.SubjectType;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.facts.HouseholdStatus;
import org.fuyu.policy.facts.Person;
import org.fuyu.policy.params.Param;
import org.fuyu.policy.params.ParametersAt;

/**
 * The {@code low-income-relief} pack (spec §3.1) written by hand in plain Java: the limit the
 * benchmark compares the rule engine against. It makes the same decisions, with the same
 * reasons, as the pack's DRL (a test checks this on a generated population), but decides with
 * whole-yuan arithmetic and builds the explanation only for decisions it records.
 */
public final class PlainLowIncomeRelief {
    private static final String PACKAGE_CITATION_TOP_UP = "002 §三.13; 000 §一(四)";

    private final String pack;
    private final String packVersion;
    private final boolean explainDenials;
    private final LocalDate asOf;
    private final Param line;
    private final Param maxVehicle;
    private final Param maxSavingsPerMember;
    private final Param medicalPremium;
    private final Param educationWaiver;
    private final Param educationMinAge;
    private final Param educationMaxAge;
    private final Param housingGrant;
    private final Param workingAgeMin;
    private final Param workingAgeMax;
    private final Param lineFactor;
    private final Param shockShare;
    // whole-number forms of the parameters the fast checks use
    private final long lineYuan;
    private final long monitoringLineYuan;
    private final boolean wholeLines;

    public PlainLowIncomeRelief(ParametersAt p, String packVersion, boolean explainDenials) {
        this.pack = "low-income-relief";
        this.packVersion = packVersion;
        this.explainDenials = explainDenials;
        this.asOf = p.asOf();
        line = p.get("low_income.line");
        maxVehicle = p.get("low_income.max_vehicle_value");
        maxSavingsPerMember = p.get("low_income.max_savings_per_member");
        medicalPremium = p.get("low_income.medical_premium");
        educationWaiver = p.get("low_income.education_waiver");
        educationMinAge = p.get("low_income.education_min_age");
        educationMaxAge = p.get("low_income.education_max_age");
        housingGrant = p.get("low_income.housing_grant");
        workingAgeMin = p.get("working_age.min");
        workingAgeMax = p.get("working_age.max");
        lineFactor = p.get("monitoring.line_factor");
        shockShare = p.get("monitoring.shock_share");
        BigDecimal monitoring = lineFactor.value().multiply(line.value());
        wholeLines = isWhole(line.value()) && isWhole(monitoring);
        lineYuan = wholeLines ? line.value().longValueExact() : 0;
        monitoringLineYuan = wholeLines ? monitoring.longValueExact() : 0;
    }

    /** The decisions about one household and its members, in the engine's canonical order. */
    public List<Decision> evaluate(Household h) {
        List<Decision> out = new ArrayList<>(4);
        long total = h.totalIncome();
        int members = h.memberCount();
        boolean belowLine = perCapitaBelow(total, members, lineYuan, line.value());
        boolean identified = belowLine || h.hasStatus(HouseholdStatus.MINIMUM_LIVING)
                || h.hasStatus(HouseholdStatus.EXTREME_POVERTY_SUPPORT);
        Criterion[] identifiedCriterion = new Criterion[1];
        Supplier<Criterion> ident = () -> {
            if (identifiedCriterion[0] == null) {
                identifiedCriterion[0] = identifiedLowIncome(h);
            }
            return identifiedCriterion[0];
        };

        // HELPER_ASSIGNED, HOUSING_RENOVATION, LOW_INCOME_HOUSEHOLD, LOW_INCOME_TOP_UP,
        // MEDICAL_SUPPLEMENTARY_INSURANCE, PUBLIC_WELFARE_JOB, RETURN_TO_POVERTY_MONITORING: code order
        if (identified) {
            out.add(decision(h.id(), "HELPER_ASSIGNED", Outcome.FLAG, null, List.of(ident.get()), "002 §三.14"));
        } else if (explainDenials) {
            out.add(denied(h.id(), "HELPER_ASSIGNED", "002 §三.14", ident.get()));
        }

        boolean unsafe = !h.housingSafe();
        if (identified && unsafe) {
            out.add(decision(h.id(), "HOUSING_RENOVATION", Outcome.GRANTED, amount(housingGrant.value()),
                    List.of(ident.get(), isFalse("housingSafe", h.housingSafe())), "002 §三.13; 000 §一(四)"));
        } else if (explainDenials) {
            out.add(denied(h.id(), "HOUSING_RENOVATION", "002 §三.13; 000 §一(四)", ident.get(),
                    isFalse("housingSafe", h.housingSafe())));
        }

        if (identified) {
            out.add(decision(h.id(), "LOW_INCOME_HOUSEHOLD", Outcome.FLAG, null, List.of(ident.get()),
                    "002 §三.14; 000 §一(四)"));
        } else if (explainDenials) {
            out.add(denied(h.id(), "LOW_INCOME_HOUSEHOLD", "002 §三.14; 000 §一(四)", ident.get()));
        }

        boolean topUp = identified && belowLine
                && BigDecimal.valueOf(h.assets().vehicleValueYuan()).compareTo(maxVehicle.value()) <= 0
                && !h.assets().commercialProperty()
                && BigDecimal.valueOf(h.assets().savingsYuan())
                        .compareTo(maxSavingsPerMember.value().multiply(BigDecimal.valueOf(members))) <= 0;
        if (topUp || explainDenials) {
            Param savingsLimit = maxSavingsPerMember.times(members);
            Criterion[] cs = {ident.get(),
                below("perCapitaIncome", h.perCapitaIncome(), line),
                atMost("assets.vehicleValueYuan", h.assets().vehicleValueYuan(), maxVehicle),
                isFalse("assets.commercialProperty", h.assets().commercialProperty()),
                atMost("assets.savingsYuan", h.assets().savingsYuan(), savingsLimit)};
            if (topUp) {
                out.add(decision(h.id(), "LOW_INCOME_TOP_UP", Outcome.GRANTED,
                        amount(line.times(members).minus(total).value()), List.of(cs), PACKAGE_CITATION_TOP_UP));
            } else {
                out.add(denied(h.id(), "LOW_INCOME_TOP_UP", PACKAGE_CITATION_TOP_UP, cs));
            }
        }

        if (identified) {
            out.add(decision(h.id(), "MEDICAL_SUPPLEMENTARY_INSURANCE", Outcome.GRANTED,
                    amount(medicalPremium.times(members).value()), List.of(ident.get()), "002 §三.13–14"));
        } else if (explainDenials) {
            out.add(denied(h.id(), "MEDICAL_SUPPLEMENTARY_INSURANCE", "002 §三.13–14", ident.get()));
        }

        int minAge = workingAgeMin.intValue();
        int maxAge = workingAgeMax.intValue();
        long labor = 0;
        long employed = 0;
        for (Person p : h.members()) {
            if (p.laborCapable() && p.age() >= minAge && p.age() <= maxAge) {
                labor++;
            }
            if (p.employed()) {
                employed++;
            }
        }
        if (labor >= 1 && employed == 0) {
            out.add(decision(h.id(), "PUBLIC_WELFARE_JOB", Outcome.FLAG, null,
                    List.of(laborCapable(labor), employedNone(employed)),
                    "002 §三.6; 002 §二 (last item)"));
        } else if (explainDenials) {
            out.add(denied(h.id(), "PUBLIC_WELFARE_JOB", "002 §三.6; 002 §二 (last item)",
                    laborCapable(labor), employedNone(employed)));
        }

        boolean atRisk = perCapitaBelow(total, members, monitoringLineYuan, lineFactor.value().multiply(line.value()))
                || exceedsShare(h.medicalExpenseYuan(), total) || exceedsShare(h.disasterLossYuan(), total);
        if ((!identified && atRisk) || explainDenials) {
            Param shock = shockShare.times(total);
            Criterion[] cs = {not(ident.get()), anyOf("atRisk",
                    below("perCapitaIncome", h.perCapitaIncome(), lineFactor.times(line)),
                    above("medicalExpenseYuan", h.medicalExpenseYuan(), shock),
                    above("disasterLossYuan", h.disasterLossYuan(), shock))};
            if (!identified && atRisk) {
                out.add(decision(h.id(), "RETURN_TO_POVERTY_MONITORING", Outcome.FLAG, null, List.of(cs),
                        "004; 002 §二 (last item)"));
            } else {
                out.add(denied(h.id(), "RETURN_TO_POVERTY_MONITORING", "004; 002 §二 (last item)", cs));
            }
        }

        // EDUCATION_FEE_WAIVER: people, after the household's own decisions
        int first = out.size();
        int minSchool = educationMinAge.intValue();
        int maxSchool = educationMaxAge.intValue();
        for (Person p : h.members()) {
            if (!p.inSchool()) {
                continue; // not a candidate: no decision
            }
            boolean ok = identified && p.age() >= minSchool && p.age() <= maxSchool;
            if (ok) {
                out.add(new Decision(SubjectType.PERSON, p.id(), "EDUCATION_FEE_WAIVER", Outcome.GRANTED,
                        amount(educationWaiver.value()), pack, packVersion, "EDUCATION_FEE_WAIVER",
                        List.of(isTrue("inSchool", true), ident.get(),
                                between("age", (long) p.age(), educationMinAge, educationMaxAge)), "002 §三.13", asOf));
            } else if (explainDenials) {
                List<Criterion> failed = new ArrayList<>(2);
                Criterion age = between("age", (long) p.age(), educationMinAge, educationMaxAge);
                if (!identified) {
                    failed.add(ident.get());
                }
                if (!age.passed()) {
                    failed.add(age);
                }
                out.add(new Decision(SubjectType.PERSON, p.id(), "EDUCATION_FEE_WAIVER", Outcome.DENIED, null, pack,
                        packVersion, "EDUCATION_FEE_WAIVER", failed, "002 §三.13", asOf));
            }
        }
        if (out.size() - first > 1) {
            out.subList(first, out.size()).sort(Decision.CANONICAL);
        }
        return out;
    }

    /** Spec §1, stated as {@code HouseholdCase.identifiedLowIncome()} states it. */
    private Criterion identifiedLowIncome(Household h) {
        return anyOf("identifiedLowIncome",
                below("perCapitaIncome", h.perCapitaIncome(), line),
                fixed("statuses", h.statuses(), "has", HouseholdStatus.MINIMUM_LIVING,
                        h.hasStatus(HouseholdStatus.MINIMUM_LIVING)),
                fixed("statuses", h.statuses(), "has", HouseholdStatus.EXTREME_POVERTY_SUPPORT,
                        h.hasStatus(HouseholdStatus.EXTREME_POVERTY_SUPPORT)));
    }

    /** perCapitaIncome (rounded to cents) &lt; threshold; exact in whole yuan when the threshold is whole. */
    private boolean perCapitaBelow(long total, int members, long wholeThreshold, BigDecimal threshold) {
        if (wholeLines) {
            // with at most 100 members, rounding to cents never reaches the next whole yuan
            return total < wholeThreshold * members;
        }
        return BigDecimal.valueOf(total).divide(BigDecimal.valueOf(members), 2, RoundingMode.HALF_UP)
                .compareTo(threshold) < 0;
    }

    private boolean exceedsShare(long amount, long total) {
        return BigDecimal.valueOf(amount).compareTo(shockShare.value().multiply(BigDecimal.valueOf(total))) > 0;
    }

    private Decision decision(String id, String code, Outcome outcome, Long amount, List<Criterion> reasons,
                              String citation) {
        return new Decision(SubjectType.HOUSEHOLD, id, code, outcome, amount, pack, packVersion, code, reasons,
                citation, asOf);
    }

    private Decision denied(String id, String code, String citation, Criterion... criteria) {
        List<Criterion> failed = new ArrayList<>(criteria.length);
        for (Criterion c : criteria) {
            if (!c.passed()) {
                failed.add(c);
            }
        }
        return decision(id, code, Outcome.DENIED, null, failed, citation);
    }

    private static Long amount(BigDecimal v) {
        return v.setScale(0, RoundingMode.HALF_UP).max(BigDecimal.ZERO).longValueExact();
    }

    private static boolean isWhole(BigDecimal v) {
        return v.signum() == 0 || v.stripTrailingZeros().scale() <= 0;
    }

    /** As the rule language explains a count: the parameters the members were counted with are named. */
    private org.fuyu.policy.Criterion laborCapable(long labor) {
        return org.fuyu.policy.evaluation.Rt.compare("laborCapableWorkingAgeMembers", ">=", labor, 1L,
                new Param[] {workingAgeMin, workingAgeMax}, false);
    }

    private static org.fuyu.policy.Criterion employedNone(long employed) {
        return org.fuyu.policy.evaluation.Rt.compare("employedMembers", "==", employed, 0L, null, false);
    }

    // the comparisons as the rule language explains them (org.fuyu.policy.evaluation.Rt, what generated rules call)
    private static Criterion below(String name, Number actual, Param required) {
        return org.fuyu.policy.evaluation.Rt.compare(name, "<", actual, required, null, false);
    }

    private static Criterion above(String name, Number actual, Param required) {
        return org.fuyu.policy.evaluation.Rt.compare(name, ">", actual, required, null, false);
    }

    private static Criterion atMost(String name, Number actual, Param required) {
        return org.fuyu.policy.evaluation.Rt.compare(name, "<=", actual, required, null, false);
    }

    private static Criterion between(String name, Number actual, Param min, Param max) {
        return org.fuyu.policy.evaluation.Rt.between(name, actual, min, max);
    }
}
