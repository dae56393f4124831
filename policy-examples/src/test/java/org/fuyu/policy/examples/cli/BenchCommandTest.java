package org.fuyu.policy.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fuyu bench} on a tiny population: every configuration gets a row, and {@code evaluate} in a
 * new JVM (start to exit) makes the same decisions as {@code evaluate} in this one. Numbers are not
 * checked: speed is measured, not asserted.
 */
class BenchCommandTest {
    // label | threads | rate | rate per CPU-second (on so few households it may read ∞ or –) | decisions/household
    private static final Pattern ROW = Pattern.compile("^\\| (.+?) \\| (\\d+) \\| ([^|]+) \\| ([^|]+) \\| ([\\d.]+) \\|",
            Pattern.MULTILINE);

    @Test
    void reportsEveryConfigurationAndAFreshEvaluateThatDecidesAlike(@TempDir Path tmp) throws Exception {
        Path report = tmp.resolve("bench.md");
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = FuyuCli.run("bench", "--households", "3000", "--rounds", "1", "--warmup", "0", "--rebuilds", "1",
                    "--batch-sizes", "500", "--sweep-households", "1000", "--end-to-end", "3000", "--threads", "2",
                    "--what-would-change", "300",
                    "--tmp", tmp.toString(), "--report", report.toString());
        } finally {
            System.setOut(old);
        }
        String md = Files.readString(report);
        assertThat(exit).as(md).isZero();
        assertThat(buf.toString(StandardCharsets.UTF_8)).isEqualTo(md);

        Matcher m = ROW.matcher(md);
        java.util.Map<String, double[]> decisionsPerHousehold = new java.util.LinkedHashMap<>();
        while (m.find()) {
            decisionsPerHousehold.put(m.group(1) + " @" + m.group(2), new double[] {Double.parseDouble(m.group(5))});
        }
        assertThat(decisionsPerHousehold.keySet()).contains("(a) Fuyu, low-income pack @1", "(a) Fuyu, low-income pack @2",
                "(c) Drools directly, low-income DRL @1", "(d) plain Java, low-income pack @2",
                "(a) evaluate, low-income pack @2", "(a) fuyu evaluate in a new JVM, start to exit, low-income pack @2",
                "(b) fuyu evaluate in a new JVM, start to exit, all 5 class-path pack(s) @2");
        // the same input through the same packs: the same decisions, in this JVM or a new one
        assertThat(decisionsPerHousehold.get("(a) fuyu evaluate in a new JVM, start to exit, low-income pack @2")[0])
                .isEqualTo(decisionsPerHousehold.get("(a) evaluate, low-income pack @2")[0]).isPositive();
        assertThat(decisionsPerHousehold.get("(b) fuyu evaluate in a new JVM, start to exit, all 5 class-path pack(s) @2")[0])
                .isEqualTo(decisionsPerHousehold.get("(b) evaluate, all 5 class-path pack(s) @2")[0])
                .isGreaterThan(decisionsPerHousehold.get("(a) evaluate, low-income pack @2")[0]);
        // change sets cost evaluations, not decisions: as many decisions as a run with denials, baseline in the same run
        assertThat(decisionsPerHousehold.get("(e) --what-would-change 3, all 5 pack(s) @2")[0])
                .isEqualTo(decisionsPerHousehold.get("(b) with denials @2")[0])
                .isGreaterThan(decisionsPerHousehold.get("(b) plain, all 5 pack(s) @2")[0]);
        assertThat(md).containsPattern("plain / with --what-would-change: [0-9.]+× \\(wall\\)");
        // rows of a new JVM show no CPU or heap figures of their own
        assertThat(md.lines().filter(l -> l.contains("in a new JVM")).toList()).hasSize(2)
                .allSatisfy(l -> assertThat(l).endsWith("| – |"));
        // the end-to-end files are cleaned up
        assertThat(List.of(tmp.toFile().list())).containsExactly("bench.md");
    }
}
