package org.fuyu.policy.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.fuyu.policy.Criterion;
import org.fuyu.policy.params.Param;
import org.junit.jupiter.api.Test;

/** The criteria added for the entrepreneurship, collective-income, micro-loan and prosperity packs. */
class CriteriaPackHelpersTest {
    private static final LocalDate FROM = LocalDate.of(2022, 1, 1);
    private static final LocalDate AS_OF = LocalDate.of(2024, 6, 30);

    private static Param p(String name, String value) {
        return new Param(name, new BigDecimal(value), FROM);
    }

    @Test
    void windowIncludesBothEnds() {
        Param window = p("entrepreneurship.window_months", "36");
        Criterion first = Criteria.withinMonthsBefore("registeredOn", LocalDate.of(2021, 6, 30), AS_OF, window);
        assertThat(first.passed()).isTrue();
        assertThat(first.required()).isEqualTo(List.of(LocalDate.of(2021, 6, 30), AS_OF));
        assertThat(first.parameter()).isEqualTo("entrepreneurship.window_months");
        assertThat(Criteria.withinMonthsBefore("registeredOn", AS_OF, AS_OF, window).passed()).isTrue();
    }

    @Test
    void windowExcludesADayTooEarlyOrAfterTheCaseDate() {
        Param window = p("entrepreneurship.window_months", "36");
        Criterion early = Criteria.withinMonthsBefore("registeredOn", LocalDate.of(2021, 6, 29), AS_OF, window);
        assertThat(early.passed()).isFalse();
        assertThat(early.gap()).isEqualByComparingTo("1");
        Criterion future = Criteria.withinMonthsBefore("registeredOn", LocalDate.of(2024, 7, 2), AS_OF, window);
        assertThat(future.passed()).isFalse();
        assertThat(future.gap()).isEqualByComparingTo("2");
        Criterion missing = Criteria.withinMonthsBefore("registeredOn", null, AS_OF, window);
        assertThat(missing.passed()).isFalse();
        assertThat(missing.gap()).isNull();
    }

    @Test
    void windowEndingOnTheLastDayOfAShortMonthClampsTheDay() {
        // 2024-02-29 − 36 months = 2021-02-28
        Criterion c = Criteria.withinMonthsBefore("registeredOn", LocalDate.of(2021, 2, 28), LocalDate.of(2024, 2, 29),
                p("w", "36"));
        assertThat(c.passed()).isTrue();
        assertThat(Criteria.withinMonthsBefore("registeredOn", LocalDate.of(2021, 2, 27), LocalDate.of(2024, 2, 29),
                p("w", "36")).passed()).isFalse();
    }

    @Test
    void fullCoverageNeedsEveryOne() {
        Param full = p("micro_loan.coverage_target", "1.0");
        assertThat(Criteria.shareAtLeast("coverage", 5, 5, full).passed()).isTrue();
        Criterion short1 = Criteria.shareAtLeast("coverage", 4, 5, full);
        assertThat(short1.passed()).isFalse();
        assertThat(short1.actual()).isEqualTo(new BigDecimal("0.8"));
        assertThat(short1.gap()).isEqualByComparingTo("0.2");
        assertThat(Criteria.shareAtLeast("coverage", 0, 0, full).passed()).isFalse();
    }

    @Property
    void shareAtLeastIsExact(@ForAll @IntRange(min = 0, max = 1000) int num, @ForAll @IntRange(min = 1, max = 1000) int den) {
        Param required = p("share", "0.43");
        boolean exact = BigDecimal.valueOf(num).compareTo(new BigDecimal("0.43").multiply(BigDecimal.valueOf(den))) >= 0;
        assertThat(Criteria.shareAtLeast("s", num, den, required).passed()).isEqualTo(exact);
        // 43 of 100 is at least 0.43 but not above it
        assertThat(Criteria.shareAtLeast("s", 43, 100, required).passed()).isTrue();
        assertThat(Criteria.shareAbove("s", 43, 100, required).passed()).isFalse();
    }

    @Test
    void countsNameTheParametersTheyWereCountedWith() {
        Param min = p("micro_loan.borrower_min_age", "18");
        Param max = new Param("micro_loan.borrower_max_age", new BigDecimal("65"), LocalDate.of(2023, 1, 1));
        Criterion none = Criteria.countAtLeast("membersOfBorrowingAge", 0, 1, min, max);
        assertThat(none.passed()).isFalse();
        assertThat(none.parameter()).isEqualTo("micro_loan.borrower_min_age, micro_loan.borrower_max_age");
        assertThat(none.effective()).isEqualTo(LocalDate.of(2023, 1, 1));
        assertThat(none.gap()).isEqualByComparingTo("1");
        assertThat(Criteria.countAtLeast("membersOfBorrowingAge", 2, 1, min, max).passed()).isTrue();

        Criterion below = Criteria.countAtMost("householdsBelowLine", 3, 0, p("low_income.line", "13000"));
        assertThat(below.passed()).isFalse();
        assertThat(below.actual()).isEqualTo(3L);
        assertThat(below.gap()).isEqualByComparingTo("3");
        assertThat(Criteria.countAtMost("householdsBelowLine", 0, 0).parameter()).isNull();
    }

    @Test
    void shortOfKeepsTheShortfallWhenItPasses() {
        Param floor = p("micro_loan.line_min", "30000");
        Criterion shortBy = Criteria.shortOf("credit.inclusiveCreditLineYuan", 20000L, floor);
        assertThat(shortBy.passed()).isTrue();
        assertThat(shortBy.gap()).isEqualByComparingTo("10000");
        Criterion enough = Criteria.shortOf("credit.inclusiveCreditLineYuan", 30000L, floor);
        assertThat(enough.passed()).isFalse();
        assertThat(enough.gap()).isEqualByComparingTo("0");
    }
}
