package org.fuyu.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.fuyu.policy.PolicyException;
import org.fuyu.policy.packs.RulePack;
import org.fuyu.policy.packs.RulePacks;
import org.fuyu.policy.testing.TestPacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * Packs compiled on two threads (each pack's files together, merged into one KieBase) make the
 * KieBase one build makes; when the packs cannot be compiled apart, they are compiled together.
 */
class KieBaseCompilerTest {
    private static final ClassLoader LOADER = KieBaseCompilerTest.class.getClassLoader();

    @Test
    void packsOfTablesAndDrlMakeOneKieBaseWithEachPackageNamed() {
        List<RulePack> packs = new ArrayList<>();
        packs.addAll(RulePacks.fromTrustedDirectory(TestPacks.resource("packs/tables")));
        packs.addAll(RulePacks.fromTrustedDirectory(TestPacks.resource("benign")));
        KieBaseCompiler.Compiled together = KieBaseCompiler.compile(packs, LOADER);
        assertThat(rules(together)).hasSizeGreaterThan(8);
        assertThat(together.packByPackage()).containsEntry("org.fuyu.policy.rules.benign", "benign");
        assertThat(together.fromModel()).isFalse();
    }

    @Test
    void aPackUsingATypeAnotherPackDeclaresIsCompiledWithIt(@TempDir Path tmp) {
        Path a = pack(tmp, "declares", "org.fuyu.policy.rules.declares", """
                declare Marker
                    value : int
                end

                rule "MAKE_MARKER"
                when
                then
                    insert(new Marker(1));
                end
                """);
        Path b = pack(tmp, "uses", "org.fuyu.policy.rules.uses", """
                import org.fuyu.policy.rules.declares.Marker;

                rule "SEE_MARKER"
                when
                    Marker(value == 1)
                then
                end
                """);
        List<RulePack> packs = new ArrayList<>(RulePacks.fromTrustedDirectory(a));
        packs.addAll(RulePacks.fromTrustedDirectory(b));
        // on its own the second pack does not compile, so apart they cannot be built: both are built together
        assertThat(catchThrowableOfType(PolicyException.class,
                () -> KieBaseCompiler.compile(RulePacks.fromTrustedDirectory(b), LOADER))).isNotNull();
        KieBaseCompiler.Compiled together = KieBaseCompiler.compile(packs, LOADER);
        assertThat(rules(together)).hasSize(2);
    }

    @Test
    void anErrorIsReportedWithThePacksFileAndLine(@TempDir Path tmp) {
        Path good = pack(tmp, "good", "org.fuyu.policy.rules.good", """
                import org.fuyu.policy.evaluation.HouseholdCase;

                rule "GOOD"
                when
                    $c : HouseholdCase()
                then
                end
                """);
        Path bad = pack(tmp, "bad", "org.fuyu.policy.rules.bad", """
                import org.fuyu.policy.evaluation.HouseholdCase;

                rule "BAD"
                when
                    $c : HouseholdCase(membrCount > 1)
                then
                end
                """);
        List<RulePack> packs = new ArrayList<>(RulePacks.fromTrustedDirectory(good));
        packs.addAll(RulePacks.fromTrustedDirectory(bad));
        PolicyException e = catchThrowableOfType(PolicyException.class, () -> KieBaseCompiler.compile(packs, LOADER));
        assertThat(e.problems()).isNotEmpty();
        assertThat(e.problems().get(0).toString()).contains("rules.drl", "membrCount");
    }

    private static Path pack(Path tmp, String id, String packageName, String body) {
        Path dir = tmp.resolve(id);
        TestPacks.write(dir.resolve("pack.yaml"), "id: " + id + "\nversion: 1.0.0\ntitle: " + id
                + "\ncodes:\n  - {code: X, subject: HOUSEHOLD}\n");
        TestPacks.write(dir.resolve("rules.drl"), "package " + packageName + ";\n\n" + body);
        return dir;
    }

    /** Every rule with what the engine and coverage read of it, sorted. */
    private static TreeSet<String> rules(KieBaseCompiler.Compiled c) {
        TreeSet<String> out = new TreeSet<>();
        for (KiePackage p : c.kieBase().getKiePackages()) {
            if (p.getName().equals(org.fuyu.policy.evaluation.EngineAccess.ENGINE_PACKAGE)) {
                continue; // the engine's own completion rule
            }
            for (Rule r : p.getRules()) {
                RuleImpl ri = (RuleImpl) r;
                out.add(p.getName() + " | " + r.getName() + " | " + r.getMetaData() + " | load order "
                        + ri.getLoadOrder() + " | salience " + ri.getSalienceValue() + " | "
                        + (ri.getResource() == null ? null : ri.getResource().getSourcePath()));
            }
        }
        return out;
    }
}
