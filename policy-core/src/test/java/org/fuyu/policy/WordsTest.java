package org.fuyu.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a person reads in place of codes and raw values, in Chinese and in English. */
class WordsTest {
    @AfterEach
    void english() {
        Lang.set(Lang.EN);
    }

    @Test
    void theDefaultLanguageFollowsTheLocale() {
        assertThat(Lang.fromLocale(Locale.SIMPLIFIED_CHINESE)).isEqualTo(Lang.ZH);
        assertThat(Lang.fromLocale(Locale.forLanguageTag("zh-TW"))).isEqualTo(Lang.ZH);
        assertThat(Lang.fromLocale(Locale.US)).isEqualTo(Lang.EN);
        assertThat(Lang.fromLocale(Locale.ROOT)).isEqualTo(Lang.EN);
    }

    @Test
    void sharesMoneyAndCriteriaInEnglish() {
        Lang.set(Lang.EN);
        assertThat(Words.percent(new BigDecimal("0.4286"))).isEqualTo("42.9%");
        assertThat(Words.percent(new BigDecimal("0.5"))).isEqualTo("50%");
        assertThat(Words.percent(3, 7)).isEqualTo("42.9%");
        assertThat(Words.money(1_234_567)).isEqualTo("1,234,567 yuan");
        assertThat(Words.signed(-450)).isEqualTo("-450");
        assertThat(Words.outcome(Outcome.TARGET_MISSED)).isEqualTo("missed");
        Criterion coverage = new Criterion("creditLineCoverage", new BigDecimal("0.4286"), ">=", BigDecimal.ONE,
                "micro_loan.coverage_target", LocalDate.of(2021, 1, 1), null, false, null);
        assertThat(Words.criterionLine(coverage))
                .isEqualTo("share of credit lines of 30k or more 42.9%, needs ≥ 100% (micro_loan.coverage_target)");
        assertThat(Words.criterion("someNewDerivedValue")).isEqualTo("some new derived value");
        assertThat(Words.value("statuses", List.of("MINIMUM_LIVING", "MONITORED"))).isEqualTo("minimum living allowance, monitored");
        assertThat(Words.failure(new ArithmeticException("long overflow"))).isEqualTo("ArithmeticException: long overflow");
    }

    @Test
    void sharesMoneyAndCriteriaInChinese() {
        Lang.set(Lang.ZH);
        assertThat(Words.money(12_000)).isEqualTo("12,000 元");
        assertThat(Words.outcome(Outcome.GRANTED)).isEqualTo("给予");
        Criterion income = new Criterion("perCapitaIncome", new BigDecimal("9000"), "<", new BigDecimal("13000"),
                "low_income.line", LocalDate.of(2022, 1, 1), null, true, null);
        assertThat(Words.criterionLine(income)).isEqualTo("家庭人均收入 9,000，要求 < 13,000（low_income.line）");
        assertThat(Words.criterion("owner.categories")).isEqualTo("经营者的人员类别");
        assertThat(Words.value("statuses", List.of("MINIMUM_LIVING"))).isEqualTo("低保");
        assertThat(Words.value("farming", true)).isEqualTo("是");
    }
}
