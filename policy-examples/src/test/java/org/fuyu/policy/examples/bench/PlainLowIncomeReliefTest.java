package org.fuyu.policy.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.fuyu.policy.CaseResult;
import org.fuyu.policy.Decision;
import org.fuyu.policy.EvaluationOptions;
import org.fuyu.policy.HouseholdInput;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.evaluation.HouseholdCase;
import org.fuyu.policy.examples.generate.PopulationGenerator;
import org.fuyu.policy.packs.RulePack;
import org.fuyu.policy.packs.RulePacks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The benchmark's limit (d) and its direct-Drools baseline (c) decide exactly what the engine decides. */
class PlainLowIncomeReliefTest {
    private static final LocalDate AS_OF = LocalDate.of(2024, 6, 30);
    private static final RulePack PACK = RulePacks.fromClasspath(List.of("low-income-relief")).get(0);
    private static final PolicyEngine ENGINE = PolicyEngine.builder().addPack(PACK).build();
    private static final List<HouseholdInput> HOUSEHOLDS =
            new PopulationGenerator(PopulationGenerator.Config.of(20_000, 20, 5)).households(20_000);

    @ParameterizedTest(name = "explainDenials={0}")
    @ValueSource(booleans = {false, true})
    void plainJavaMakesTheEngineDecisions(boolean explainDenials) {
        EvaluationOptions options = new EvaluationOptions(AS_OF, explainDenials);
        PlainLowIncomeRelief plain = new PlainLowIncomeRelief(PACK.parameters().at(AS_OF), PACK.version(), explainDenials);
        List<CaseResult> engine = ENGINE.newRun(options).evaluate(HOUSEHOLDS);
        int decisions = 0;
        for (int i = 0; i < HOUSEHOLDS.size(); i++) {
            List<Decision> expected = engine.get(i).decisions();
            assertThat(plain.evaluate(HOUSEHOLDS.get(i).household())).as(HOUSEHOLDS.get(i).household().id())
                    .isEqualTo(expected);
            decisions += expected.size();
        }
        // the sample exercises every code, granted and (with denials) denied
        assertThat(decisions).isGreaterThan(HOUSEHOLDS.size() / 5);
        List<String> codes = engine.stream().flatMap(r -> r.decisions().stream()).map(Decision::code).distinct().toList();
        assertThat(codes).containsExactlyInAnyOrder("LOW_INCOME_HOUSEHOLD", "LOW_INCOME_TOP_UP",
                "MEDICAL_SUPPLEMENTARY_INSURANCE", "EDUCATION_FEE_WAIVER", "HOUSING_RENOVATION", "PUBLIC_WELFARE_JOB",
                "HELPER_ASSIGNED", "RETURN_TO_POVERTY_MONITORING");
    }

    @org.junit.jupiter.api.Test
    void droolsDirectlyMakesTheEngineDecisions() {
        DirectDrools direct = DirectDrools.compile(PACK, AS_OF);
        List<HouseholdInput> sample = HOUSEHOLDS.subList(0, 5_000);
        List<HouseholdCase> cases = direct.cases(sample);
        direct.execute(cases);
        List<CaseResult> engine = ENGINE.newRun(EvaluationOptions.asOf(AS_OF)).evaluate(sample);
        for (int i = 0; i < sample.size(); i++) {
            List<Decision> raw = new ArrayList<>(cases.get(i).decisions());
            raw.sort(Decision.CANONICAL);
            assertThat(raw).isEqualTo(engine.get(i).decisions());
        }
    }
}
