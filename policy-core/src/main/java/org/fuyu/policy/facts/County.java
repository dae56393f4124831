package org.fuyu.policy.facts;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * County statistics for the county indicators (spec §1 County). Amounts are yuan; a missing
 * amount is {@code null} and an indicator that needs it reports it as missing.
 */
public record County(
        @JsonProperty(required = true) String id,
        Long ruralPerCapitaIncome,
        Long previousRuralPerCapitaIncome,
        Long urbanPerCapitaIncome,
        Long lowIncomePerCapitaIncome,
        Long previousLowIncomePerCapitaIncome,
        Long creditLoanBalanceYuan,
        Long previousCreditLoanBalanceYuan) {

    public County {
        FactException.requiredText(id, "id");
        check(ruralPerCapitaIncome, "ruralPerCapitaIncome");
        check(previousRuralPerCapitaIncome, "previousRuralPerCapitaIncome");
        check(urbanPerCapitaIncome, "urbanPerCapitaIncome");
        check(lowIncomePerCapitaIncome, "lowIncomePerCapitaIncome");
        check(previousLowIncomePerCapitaIncome, "previousLowIncomePerCapitaIncome");
        check(creditLoanBalanceYuan, "creditLoanBalanceYuan");
        check(previousCreditLoanBalanceYuan, "previousCreditLoanBalanceYuan");
    }

    private static void check(Long v, String field) {
        if (v != null) {
            Limits.yuan(v, 0, Limits.MAX_COUNTY_YUAN, field);
        }
    }
}
