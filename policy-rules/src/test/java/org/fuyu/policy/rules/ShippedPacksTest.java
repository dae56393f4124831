package org.fuyu.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.packs.PackManifest;
import org.fuyu.policy.packs.PackResource;
import org.fuyu.policy.packs.RulePack;
import org.fuyu.policy.packs.RulePacks;
import org.fuyu.policy.params.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The five shipped packs load alone and together, and say what they decide and read. */
class ShippedPacksTest {
    static final List<String> ALL = List.of("low-income-relief", "entrepreneurship-grants", "collective-income",
            "micro-loan", "prosperity-targets");
    private static final Pattern DECIDE = Pattern.compile("decide\\(\"([A-Z0-9_]+)\"");
    private static final Pattern CITATION = Pattern.compile("(?m)^rule \"[^\"]+\"\\s*\\n\\s*@citation\\(\"[^\"]+\"\\)");
    private static final Pattern RULE = Pattern.compile("(?m)^rule \"");

    @Test
    void everyPackIsOnTheClassPath() {
        assertThat(RulePacks.fromClasspath().stream().map(RulePack::id)).containsAll(ALL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"low-income-relief", "entrepreneurship-grants", "collective-income", "micro-loan",
        "prosperity-targets"})
    void loadsAlone(String id) {
        PolicyEngine engine = PolicyEngine.builder().addPacks(RulePacks.fromClasspath(List.of(id))).build();
        assertThat(engine.packs()).singleElement().satisfies(p -> assertThat(p.id()).isEqualTo(id));
    }

    @Test
    void allFiveLoadTogether() {
        PolicyEngine engine = PolicyEngine.builder().addPacks(RulePacks.fromClasspath(ALL)).build();
        assertThat(engine.packs()).hasSize(5);
        assertThat(engine.parameters().contains("low_income.line")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"low-income-relief", "entrepreneurship-grants", "collective-income", "micro-loan",
        "prosperity-targets"})
    void manifestListsExactlyTheCodesTheRulesDecide(String id) {
        RulePack pack = RulePacks.fromClasspath(List.of(id)).get(0);
        Set<String> decided = new TreeSet<>();
        // what the rule files and tables decide, as the rule-language compiler reads them
        org.fuyu.policy.packs.lang.RuleLanguage.Generated g = org.fuyu.policy.packs.lang.RuleLanguage.compile(pack,
                PolicyEngine.builder().addPacks(RulePacks.fromClasspath(ALL)).build().parameters().names());
        assertThat(g.problems()).isEmpty();
        g.rules().forEach(r -> decided.add(r.code()));
        Set<String> listed = pack.manifest().codes().stream().map(PackManifest.CodeInfo::code)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(decided).isEqualTo(listed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"low-income-relief", "entrepreneurship-grants", "collective-income", "micro-loan",
        "prosperity-targets"})
    void everyRuleCitesItsSource(String id) {
        RulePack pack = RulePacks.fromClasspath(List.of(id)).get(0);
        for (PackResource r : pack.resources()) {
            String text = r.text();
            long rules = RULE.matcher(text).results().count();
            long cited = CITATION.matcher(text).results().count();
            assertThat(cited).as("rules with @citation in %s", r.location()).isEqualTo(rules);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"low-income-relief", "entrepreneurship-grants", "collective-income", "micro-loan",
        "prosperity-targets"})
    void everyParameterSaysWhereItComesFrom(String id) {
        RulePack pack = RulePacks.fromClasspath(List.of(id)).get(0);
        for (Parameter p : pack.parameters().all()) {
            assertThat(p.reference()).as(p.name()).matches(".*\\[(seed \\d{3}|default)( [a-z ]+)?\\].*");
            assertThat(p.description()).as(p.name()).isNotBlank();
        }
    }

    @Test
    void sharedParametersAreDeclaredAsReadAndDefinedIdenticallyByEveryPackThatReadsThem() {
        List<RulePack> packs = RulePacks.fromClasspath(ALL);
        for (RulePack pack : packs) {
            for (String name : pack.manifest().reads()) {
                assertThat(pack.parameters().contains(name))
                        .as("%s reads %s, so it defines it and loads alone", pack.id(), name).isTrue();
                Parameter own = pack.parameters().get(name);
                for (RulePack other : packs) {
                    if (other.parameters().contains(name)) {
                        assertThat(own.sameValues(other.parameters().get(name)))
                                .as("%s in %s and %s", name, pack.id(), other.id()).isTrue();
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"low-income-relief", "entrepreneurship-grants", "collective-income", "micro-loan",
        "prosperity-targets"})
    void theVersionHashCoversPackYamlParametersAndPropertiesToo(String id) {
        RulePack pack = RulePacks.fromClasspath(List.of(id)).get(0);
        Set<String> files = pack.files().stream().map(PackResource::name).collect(Collectors.toSet());
        assertThat(files).contains("pack.yaml", "parameters.yaml").containsAll(pack.manifest().files());
        if (id.equals("low-income-relief") || id.equals("collective-income")) {
            assertThat(files).contains("properties.yaml");
        }
    }
}
