package org.fuyu.policy.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void aTerminalGetsABarWithRateAndEta() {
        Progress p = Progress.to(new PrintStream(new ByteArrayOutputStream()), "households", true);
        assertThat(p.line(2_500_000, 0.25, 10, 250_000, false))
                .isEqualTo("[#######                     ]  25% 2,500,000 households  250,000/s  0:10  ETA 0:30");
        assertThat(p.line(10_000_000, 1.0, 3725, 2684.6, true))
                .isEqualTo("[############################] 100% 10,000,000 households  2,685/s  1:02:05");
    }

    @Test
    void aLogGetsPlainLinesAndUnknownTotalsHaveNoEta() {
        Progress p = Progress.to(new PrintStream(new ByteArrayOutputStream()), "households", false);
        assertThat(p.line(1_000, Double.NaN, 2, 500, false)).isEqualTo("1,000 households  500/s  0:02");
    }

    @Test
    void theBarIsRedrawnInPlaceAndEndsWithANewLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = Progress.to(new PrintStream(bytes, true, StandardCharsets.UTF_8), "households", true);
        p.update(10, 0.5);
        p.finish();
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).startsWith("\r[").endsWith("\u001b[K" + System.lineSeparator()).contains("100% 10 households");
    }

    @Test
    void inChineseTheUnitsAreChinese() {
        org.fuyu.policy.Lang.set(org.fuyu.policy.Lang.ZH);
        try {
            Progress p = Progress.to(new PrintStream(new ByteArrayOutputStream()), "户", false);
            assertThat(p.line(2_500_000, 0.25, 10, 250_000, false)).isEqualTo(" 25% 2,500,000 户  250,000/秒  0:10  剩余 0:30");
        } finally {
            org.fuyu.policy.Lang.set(org.fuyu.policy.Lang.EN);
        }
    }

    @Test
    void quietPrintsNothing() {
        PrintStream saved = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes));
        try {
            Progress p = Progress.of("households", true);
            p.update(5, 0.5);
            p.finish();
        } finally {
            System.setErr(saved);
        }
        assertThat(bytes.size()).isZero();
    }
}
