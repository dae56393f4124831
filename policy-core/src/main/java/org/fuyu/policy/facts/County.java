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

    /** A builder: {@code County.builder().id("C01").ruralPerCapitaIncome(24000).build()}; unset amounts are missing. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link County}. */
    public static final class Builder {
        private String id;
        private Long ruralPerCapitaIncome;
        private Long previousRuralPerCapitaIncome;
        private Long urbanPerCapitaIncome;
        private Long lowIncomePerCapitaIncome;
        private Long previousLowIncomePerCapitaIncome;
        private Long creditLoanBalanceYuan;
        private Long previousCreditLoanBalanceYuan;

        private Builder() {
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder ruralPerCapitaIncome(long yuan) {
            this.ruralPerCapitaIncome = yuan;
            return this;
        }

        public Builder previousRuralPerCapitaIncome(long yuan) {
            this.previousRuralPerCapitaIncome = yuan;
            return this;
        }

        public Builder urbanPerCapitaIncome(long yuan) {
            this.urbanPerCapitaIncome = yuan;
            return this;
        }

        public Builder lowIncomePerCapitaIncome(long yuan) {
            this.lowIncomePerCapitaIncome = yuan;
            return this;
        }

        public Builder previousLowIncomePerCapitaIncome(long yuan) {
            this.previousLowIncomePerCapitaIncome = yuan;
            return this;
        }

        public Builder creditLoanBalanceYuan(long yuan) {
            this.creditLoanBalanceYuan = yuan;
            return this;
        }

        public Builder previousCreditLoanBalanceYuan(long yuan) {
            this.previousCreditLoanBalanceYuan = yuan;
            return this;
        }

        /** @throws FactException naming the field */
        public County build() {
            return new County(id, ruralPerCapitaIncome, previousRuralPerCapitaIncome, urbanPerCapitaIncome,
                    lowIncomePerCapitaIncome, previousLowIncomePerCapitaIncome, creditLoanBalanceYuan,
                    previousCreditLoanBalanceYuan);
        }
    }
}
