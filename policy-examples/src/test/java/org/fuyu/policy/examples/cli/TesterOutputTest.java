package org.fuyu.policy.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@code fuyu check} prints Fuyu's own words only: no third-party notice (jqwik 1.10 prints one
 * addressed to "AI agents" on every run, which is why the build pins jqwik 1.9.3) and no SLF4J
 * warning.
 */
class TesterOutputTest {

    @Test
    void checkPrintsOnlyFuyusOwnWords() {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit;
        try {
            PrintStream both = new PrintStream(out, true, StandardCharsets.UTF_8);
            System.setOut(both);
            System.setErr(both);
            exit = FuyuCli.run("check", "--tries", "5", "--seed", "42", "--as-of", "2024-06-30");
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(text).isZero();
        assertThat(text).startsWith(System.lineSeparator() + "fuyu check: 5 packs")
                .doesNotContainIgnoringCase("agent").doesNotContainIgnoringCase("disregard").doesNotContain("SLF4J");
    }
}
