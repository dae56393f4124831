package org.fuyu.policy.testkit;

import java.math.BigDecimal;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import org.fuyu.policy.Decision;
import org.fuyu.policy.Outcome;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.packs.RulePacks;

/** The example of docs/testers.md ("In code: a jqwik property next to the suite"), run as written there. */
@PropertyDefaults(tries = 100)
class LowIncomePropertiesTest extends PolicyPropertySuite {
    static final PolicyEngine ENGINE = PolicyEngine.builder()
            .addPacks(RulePacks.fromClasspath(List.of("low-income-relief"))).build();

    @Override
    protected PolicyEngine engine() {
        return ENGINE;
    }

    // 002 §三.13: after its top-up a household is no longer below the line
    @Property
    void aTopUpLiftsPerCapitaIncomeToTheLine(@ForAll("scenarios") Scenario s) {
        Evaluation e = evaluate(s);
        BigDecimal line = engine().parametersAt(s.asOf()).get("low_income.line").value();
        for (Decision d : e.withCode("LOW_INCOME_TOP_UP")) {
            if (d.outcome() != Outcome.GRANTED) {
                continue;
            }
            Household h = s.household(d.subjectId()).orElseThrow();
            BigDecimal after = BigDecimal.valueOf(h.totalIncome() + d.amountYuan());
            if (after.compareTo(line.multiply(BigDecimal.valueOf(h.memberCount()))) < 0) {
                throw failure("a top-up lifts per-capita income to the line",
                        List.of("household " + h.id() + " stays below the line after its top-up"), e);
            }
        }
    }
}
