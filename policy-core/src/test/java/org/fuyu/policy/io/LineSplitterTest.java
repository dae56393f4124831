package org.fuyu.policy.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

    /** Hands out at most {@code step} bytes per read, to cross every buffer boundary. */
    private static InputStream trickle(byte[] data, int step) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, step));
            }
        };
    }

    private static List<String> lines(String text, int max, int step) throws IOException {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        LineSplitter s = new LineSplitter(trickle(data, step), max);
        List<String> out = new ArrayList<>();
        while (s.next()) {
            out.add(s.lineNumber() + ":" + (s.truncated() ? "<too long>"
                    : new String(s.buffer(), s.start(), s.length(), StandardCharsets.UTF_8)));
        }
        assertThat(s.bytesConsumed()).isEqualTo(data.length);
        return out;
    }

    @Test
    void numbersEveryLineAndStripsCrLfAndTheByteOrderMark() throws IOException {
        assertThat(lines("\uFEFFa\r\n\nb\n  \nc", 100, 3))
                .containsExactly("1:a", "2:", "3:b", "4:  ", "5:c");
    }

    @Test
    void aFinalNewlineMakesNoExtraLine() throws IOException {
        assertThat(lines("a\nb\n", 100, 1)).containsExactly("1:a", "2:b");
        assertThat(lines("", 100, 1)).isEmpty();
        assertThat(lines("\n", 100, 1)).containsExactly("1:");
    }

    @Test
    void aLineLongerThanTheLimitIsSkippedAndTheNextKeepsItsNumber() throws IOException {
        String longLine = "x".repeat(50);
        assertThat(lines("ok\n" + longLine + "\nnext\n" + longLine, 20, 7))
                .containsExactly("1:ok", "2:<too long>", "3:next", "4:<too long>");
        assertThat(lines("x".repeat(20) + "\n" + "y".repeat(21) + "\n", 20, 64))
                .containsExactly("1:" + "x".repeat(20), "2:<too long>");
    }

    @Test
    void multiByteCharactersAreKeptWhole() throws IOException {
        assertThat(lines("村\n上坪村 Shangping\n", 100, 1)).containsExactly("1:村", "2:上坪村 Shangping");
    }

    @Property(tries = 100)
    void sameLinesWhateverTheReadSize(@ForAll @IntRange(min = 1, max = 70) int step) throws IOException {
        String text = "first\r\n\n" + "z".repeat(130) + "\nlast line";
        assertThat(lines(text, 200, step)).containsExactly("1:first", "2:", "3:" + "z".repeat(130), "4:last line");
    }

    @Test
    void blankMeansWhiteSpaceOnly() {
        byte[] b = " \t\r x".getBytes(StandardCharsets.UTF_8);
        assertThat(LineSplitter.isBlank(b, 0, 4)).isTrue();
        assertThat(LineSplitter.isBlank(b, 0, 5)).isFalse();
        byte[] ideographicSpace = "\u3000".getBytes(StandardCharsets.UTF_8);
        assertThat(LineSplitter.isBlank(ideographicSpace, 0, ideographicSpace.length)).isTrue();
        byte[] han = "村".getBytes(StandardCharsets.UTF_8);
        assertThat(LineSplitter.isBlank(han, 0, han.length)).isFalse();
    }
}
