package org.fuyu.policy.examples.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fuyu.policy.HouseholdInput;
import org.fuyu.policy.evaluation.HouseholdCase;
import org.fuyu.policy.evaluation.RuleRegistry;
import org.fuyu.policy.packs.PackResource;
import org.fuyu.policy.packs.RulePack;
import org.fuyu.policy.params.ParametersAt;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;

/**
 * A pack's DRL compiled with plain {@link KieServices} and fired over {@link HouseholdCase}
 * facts in one stateless session per batch: Drools without Fuyu's layer (no engine builder
 * checks, no {@code PolicyRun}, no county tallies, no sorting or result records). The rules
 * still use the rule DSL, since it is the same DRL.
 */
public final class DirectDrools {
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;?");

    private final KieBase kieBase;
    private final ParametersAt parameters;
    private final RuleRegistry registry;

    private DirectDrools(KieBase kieBase, ParametersAt parameters, RuleRegistry registry) {
        this.kieBase = kieBase;
        this.parameters = parameters;
        this.registry = registry;
    }

    /** Compiles the DRL files of {@code pack} with its default parameters on {@code asOf}. */
    public static DirectDrools compile(RulePack pack, LocalDate asOf) {
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        String pkg = null;
        org.fuyu.policy.packs.lang.RuleLanguage.Generated generated = null;
        if (org.fuyu.policy.packs.lang.RuleLanguage.uses(pack)) {
            // the DRL Fuyu generates from the pack's rule files, given to Drools as it is
            generated = org.fuyu.policy.packs.lang.RuleLanguage.compile(pack, pack.parameters().names());
            if (!generated.ok()) {
                throw new IllegalStateException("rules of " + pack.id() + " do not compile: " + generated.problems());
            }
            pkg = generated.packageName();
            kfs.write("src/main/resources/" + pkg.replace('.', '/') + "/" + pack.id() + ".drl", generated.drl());
        }
        for (PackResource r : pack.resources()) {
            if (r.kind() != PackResource.Kind.DRL) {
                continue;
            }
            Matcher m = PACKAGE.matcher(r.text());
            String folder = m.find() ? m.group(1) : "rules";
            pkg = pkg == null ? folder : pkg;
            kfs.write("src/main/resources/" + folder.replace('.', '/') + "/" + r.name(), r.content());
        }
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            throw new IllegalStateException("DRL of " + pack.id() + " does not compile: " + errors);
        }
        KieBase kb = ks.newKieContainer(builder.getKieModule().getReleaseId()).getKieBase();
        RuleRegistry registry = new RuleRegistry(Map.of(pkg, new RuleRegistry.PackRef(pack.id(), pack.version())),
                generated == null ? Map.of() : Map.of(pkg, generated.rules()), Map.of(), 10_000);
        return new DirectDrools(kb, pack.parameters().at(asOf), registry);
    }

    /** The facts for a batch. */
    public List<HouseholdCase> cases(List<HouseholdInput> batch) {
        List<HouseholdCase> cases = new ArrayList<>(batch.size());
        for (HouseholdInput in : batch) {
            cases.add(new HouseholdCase(in.household(), in.businesses(), in.household().countyId(), parameters, false,
                    registry));
        }
        return cases;
    }

    /** Fires the rules over the batch in one stateless session; the decisions are left in the cases. */
    public void execute(List<HouseholdCase> cases) {
        kieBase.newStatelessKieSession().execute(cases);
    }
}
