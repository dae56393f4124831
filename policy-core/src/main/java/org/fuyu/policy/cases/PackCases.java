package org.fuyu.policy.cases;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.PolicyException;
import org.fuyu.policy.packs.RulePack;

/**
 * A pack directory's own policy cases: {@code cases/*.yaml} beside its {@code pack.yaml}, each
 * file naming the packs it is decided with ({@code packs:}) and listing its cases. Run by
 * {@code fuyu test --rules DIR} and by {@code ReloadingPolicyEngine} before an edit may serve.
 */
public final class PackCases {
    private PackCases() {
    }

    /** One case's result: what differed from the expected decisions (empty when it passed). */
    public record Result(Path file, String name, List<String> mismatches) {
        public boolean passed() {
            return mismatches.isEmpty();
        }
    }

    /** The case files of the packs in a rule directory (the directory itself, or each pack in it). */
    public static List<Path> caseFiles(Path ruleDir) throws IOException {
        List<Path> packDirs = new ArrayList<>();
        if (Files.isRegularFile(ruleDir.resolve("pack.yaml"))) {
            packDirs.add(ruleDir);
        } else if (Files.isDirectory(ruleDir)) {
            try (Stream<Path> subs = Files.list(ruleDir)) {
                subs.filter(d -> Files.isRegularFile(d.resolve("pack.yaml"))).sorted().forEach(packDirs::add);
            }
        }
        List<Path> out = new ArrayList<>();
        for (Path packDir : packDirs) {
            Path cases = packDir.resolve("cases");
            if (Files.isDirectory(cases)) {
                try (Stream<Path> files = Files.list(cases)) {
                    files.filter(f -> f.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(f)).sorted()
                            .forEach(out::add);
                }
            }
        }
        return out;
    }

    /**
     * Runs the cases of one file with the packs it names (taken from {@code packs}), their default
     * parameters and this time budget per case.
     *
     * @throws IOException when the file cannot be read as policy cases
     * @throws PolicyException when it names no available pack, or the packs cannot be built
     */
    public static List<Result> run(Path file, List<RulePack> packs, Duration budget) throws IOException {
        PolicyCaseFile cases;
        try (InputStream in = Files.newInputStream(file)) {
            cases = PolicyCaseFile.read(file.toString(), in);
        }
        List<RulePack> named = new ArrayList<>();
        for (RulePack p : packs) {
            if (cases.packs().contains(p.id())) {
                named.add(p);
            }
        }
        if (named.isEmpty()) {
            throw new PolicyException(org.fuyu.policy.Problem.of(file.toString(), 0,
                    "packs: names no available pack " + cases.packs() + " (没有可用的规则包)"));
        }
        PolicyEngine engine = PolicyEngine.builder().addPacks(named).caseTimeBudget(budget).build();
        List<Result> out = new ArrayList<>();
        for (PolicyCase c : cases.cases()) {
            CaseRunner.CaseCheck o = CaseRunner.run(engine, c);
            List<String> why = new ArrayList<>(o.mismatches());
            o.result().cases().forEach(r -> r.packErrors().forEach(e -> why.add(r.subjectId() + ": " + e)));
            out.add(new Result(file, c.name(), List.copyOf(why)));
        }
        return out;
    }
}
