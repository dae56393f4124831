package org.fuyu.policy.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.fuyu.policy.EvaluationOptions;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.io.DirectoryEvaluation;
import org.fuyu.policy.io.InputFiles;
import org.fuyu.policy.io.RunSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fuyu demo}: evaluates the bundled sample county and prints what it decided. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Evaluates the bundled sample data (a small made-up county) with the packs on the class path.")
final class DemoCommand implements Callable<Integer> {
    /** The date the demo is decided on, fixed so its output does not change with the clock. */
    static final LocalDate DEMO_AS_OF = LocalDate.of(2024, 6, 30);

    @Option(names = "--out", paramLabel = "DIR", description = "Keep the output files here (default: a temporary directory).")
    Path out;

    @Override
    public Integer call() throws IOException {
        Path input = Files.createTempDirectory("fuyu-demo-input");
        copyDemoData(input);
        Path output = out != null ? out : Files.createTempDirectory("fuyu-demo-output");
        PolicyEngine engine = PolicyEngine.builder().addClasspathPacks().build();
        RunSummary summary = DirectoryEvaluation.builder(engine, EvaluationOptions.asOf(DEMO_AS_OF)).build()
                .run(input, output);
        SummaryText.print(summary, System.out);
        System.out.println();
        System.out.println(org.fuyu.policy.Lang.pick("输出文件：", "Output files: ") + output.resolve("decisions.jsonl")
                + ", errors.jsonl, summary.json");
        System.out.println(org.fuyu.policy.Lang.pick("看报告：fuyu report --input " + output + " --out report.html",
                "For a report: fuyu report --input " + output + " --out report.html"));
        return 0;
    }

    /** Copies the demo input files bundled in the jar into {@code dir}. */
    static void copyDemoData(Path dir) throws IOException {
        for (String kind : InputFiles.KINDS) {
            try (InputStream in = DemoCommand.class.getResourceAsStream("/demo/" + kind + ".jsonl")) {
                if (in != null) {
                    Files.copy(in, dir.resolve(kind + ".jsonl"), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
