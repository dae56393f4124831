package org.fuyu.policy.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * {@link Household#perCapitaIncome()} works in whole cents with long arithmetic; it must give what
 * BigDecimal division rounded half up to 2 decimals gives, for losses (negative operating income)
 * as for gains, up to the largest totals the input limits allow.
 */
class PerCapitaIncomeProperties {

    @Property(tries = 2000)
    void sameAsBigDecimalDivision(@ForAll @LongRange(min = -5_000_000, max = 5_000_000) long operating,
                                  @ForAll @LongRange(min = 0, max = 5_000_000) long wage,
                                  @ForAll @IntRange(min = 1, max = 100) int members) {
        Household h = household(wage, operating, members);
        assertThat(h.perCapitaIncome()).isEqualTo(expected(h.totalIncome(), members));
    }

    @Example
    void halvesRoundAwayFromZeroAndTheLargestTotalsStillDivide() {
        // 1 / 8 = 0.125 -> 0.13; -1 / 8 = -0.125 -> -0.13; 5 / 2 = 2.50 exactly; 2 / 3 = 0.67
        assertThat(household(1, 0, 8).perCapitaIncome()).isEqualTo(new BigDecimal("0.13"));
        assertThat(household(0, -1, 8).perCapitaIncome()).isEqualTo(new BigDecimal("-0.13"));
        assertThat(household(5, 0, 2).perCapitaIncome()).isEqualTo(new BigDecimal("2.50"));
        assertThat(household(2, 0, 3).perCapitaIncome()).isEqualTo(new BigDecimal("0.67"));
        // the largest and smallest totals the limits allow (Limits.MAX_YUAN per source)
        Household h = new Household("h", "v1", null, null, household(0, 0, 7).members(),
                new Income(Limits.MAX_YUAN, Limits.MAX_YUAN, Limits.MAX_YUAN, Limits.MAX_YUAN), Set.of(), null, 0, 0,
                new Assets(0, false, 0), Credit.UNRATED);
        assertThat(h.totalIncome()).isEqualTo(4_000_000_000L);
        assertThat(h.perCapitaIncome()).isEqualTo(new BigDecimal("571428571.43"));
        assertThat(household(0, -Limits.MAX_YUAN, 3).perCapitaIncome()).isEqualTo(new BigDecimal("-333333333.33"));
    }

    private static BigDecimal expected(long total, int members) {
        return BigDecimal.valueOf(total).divide(BigDecimal.valueOf(members), 2, RoundingMode.HALF_UP);
    }

    private static Household household(long wage, long operating, int members) {
        List<Person> people = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            people.add(new Person("p" + i, 30, true, false, false, false, Set.of()));
        }
        return new Household("h", "v1", null, null, people, new Income(wage, operating, 0, 0), Set.of(), null, 0, 0,
                new Assets(0, false, 0), Credit.UNRATED);
    }
}
