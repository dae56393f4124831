package org.fuyu.policy.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionTest {
    private static final Map<String, BigDecimal> VALUES = Map.of("low_income.line", new BigDecimal("13000"),
            "members", new BigDecimal("3"), "totalIncome", new BigDecimal("27000"), "cap", new BigDecimal("20000"),
            "per_job", new BigDecimal("1000"), "jobs", new BigDecimal("4"), "factor", new BigDecimal("1.5"));

    private static BigDecimal eval(String text) {
        return Expression.parse(text).evaluate(VALUES);
    }

    @Test
    void theTopUpOfWorkedExampleOne() {
        // 13000 × 3 − 27000 = 12000, in the spec's own symbols and in ASCII
        assertThat(eval("low_income.line × members − totalIncome")).isEqualByComparingTo("12000");
        assertThat(eval("low_income.line*members-totalIncome")).isEqualByComparingTo("12000");
        assertThat(Expression.parse("low_income.line × members − totalIncome").names())
                .containsExactly("low_income.line", "members", "totalIncome");
    }

    @Test
    void precedenceParenthesesSignsAndFunctions() {
        assertThat(eval("2 + 3 × 4")).isEqualByComparingTo("14");
        assertThat(eval("(2 + 3) × 4")).isEqualByComparingTo("20");
        assertThat(eval("-members + 10")).isEqualByComparingTo("7");
        assertThat(eval("10 - 4 - 3")).isEqualByComparingTo("3");
        assertThat(eval("min(5000 + per_job × jobs, cap)")).isEqualByComparingTo("9000");
        assertThat(eval("max(0, totalIncome - 30000)")).isEqualByComparingTo("0");
        assertThat(eval("factor × low_income.line")).isEqualByComparingTo("19500");
        assertThat(eval("totalIncome ÷ members")).isEqualByComparingTo("9000");
        assertThat(eval("1 / 8")).isEqualByComparingTo("0.125");
        assertThat(eval("1 / 3").precision()).isEqualTo(34);
    }

    @Test
    void mistakesSayWhere() {
        assertThatThrownBy(() -> Expression.parse("members ×")).hasMessageContaining("ends too soon");
        assertThatThrownBy(() -> Expression.parse("members + (1")).hasMessageContaining("expected ')'");
        assertThatThrownBy(() -> Expression.parse("sqrt(members)")).hasMessageContaining("unknown function 'sqrt'");
        assertThatThrownBy(() -> Expression.parse("members members")).hasMessageContaining("at character 9");
        assertThatThrownBy(() -> eval("unknown + 1")).hasMessageContaining("no value for 'unknown'");
    }
}
