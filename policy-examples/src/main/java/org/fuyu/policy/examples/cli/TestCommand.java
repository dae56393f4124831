package org.fuyu.policy.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.fuyu.policy.Lang;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.PolicyException;
import org.fuyu.policy.cases.PackCases;
import org.fuyu.policy.packs.RulePack;
import org.fuyu.policy.packs.RulePacks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fuyu test}: runs the policy cases a pack directory carries ({@code cases/*.yaml} beside
 * its {@code pack.yaml}) with the packs of the directories (and the shipped packs a case file
 * names that no directory holds), and prints each case passed or failed with what differed.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Runs the policy cases of pack directories (cases/*.yaml beside pack.yaml): each case passed",
            "or failed, with the decisions that differ. Exit code 0 when every case passes, 1 when not."})
final class TestCommand implements Callable<Integer> {
    @Option(names = "--rules", paramLabel = "DIR", required = true,
            description = "A rule pack directory (or a directory of packs) with cases/*.yaml; repeatable.")
    List<Path> rules = new ArrayList<>();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<RulePack> packs = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (Path dir : rules) {
            if (!Files.isDirectory(dir)) {
                throw CliErrors.notADirectory("--rules", dir);
            }
            packs.addAll(RulePacks.fromDirectory(dir));
            files.addAll(PackCases.caseFiles(dir));
        }
        for (RulePack shipped : RulePacks.fromClasspath()) {
            if (packs.stream().noneMatch(p -> p.id().equals(shipped.id()))) {
                packs.add(shipped); // a case file may also name shipped packs it is decided with
            }
        }
        if (files.isEmpty()) {
            out.println(Lang.pick("没有政策用例：请把用例写在规则包目录下的 cases/*.yaml（格式见 docs/testers.md）",
                    "no policy cases: put them in cases/*.yaml beside the pack's pack.yaml (the format is in docs/testers.md)"));
            out.flush();
            return CliErrors.FAILED;
        }
        int failed = 0;
        int total = 0;
        for (Path f : files) {
            List<PackCases.Result> results;
            try {
                results = PackCases.run(f, packs, PolicyEngine.DEFAULT_CASE_TIME_BUDGET);
            } catch (PolicyException e) {
                e.problems().forEach(p -> out.println(p));
                if (e.problems().isEmpty()) {
                    out.println(f + ": " + e.getMessage());
                }
                failed++;
                total++;
                continue;
            }
            for (PackCases.Result r : results) {
                total++;
                if (r.passed()) {
                    out.println(Lang.pick("通过 ", "ok   ") + f.getFileName() + ": " + r.name());
                } else {
                    failed++;
                    out.println(Lang.pick("失败 ", "FAIL ") + f.getFileName() + ": " + r.name());
                    r.mismatches().forEach(m -> out.println("       " + m));
                }
            }
        }
        out.println(Lang.pick(total + " 个用例，" + failed + " 个失败",
                (total == 1 ? "1 case, " : total + " cases, ") + failed + " failed"));
        out.flush();
        return failed == 0 ? 0 : CliErrors.FAILED;
    }
}
