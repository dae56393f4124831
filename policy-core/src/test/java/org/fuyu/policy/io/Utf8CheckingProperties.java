package org.fuyu.policy.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link Utf8CheckingInputStream} accepts exactly what the JDK's strict UTF-8 decoder accepts, and passes it unchanged. */
class Utf8CheckingProperties {

    @Property(tries = 3000)
    void agreesWithTheStrictDecoder(@ForAll("utf8ish") byte[] bytes, @ForAll("chunks") int chunk) throws IOException {
        boolean valid;
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            valid = true;
        } catch (CharacterCodingException e) {
            valid = false;
        }
        ByteArrayOutputStream passed = new ByteArrayOutputStream();
        boolean threw = false;
        try (InputStream in = new Utf8CheckingInputStream(new ByteArrayInputStream(bytes))) {
            byte[] buf = new byte[chunk];
            int n;
            while ((n = in.read(buf, 0, buf.length)) >= 0) {
                passed.write(buf, 0, n);
            }
        } catch (CharacterCodingException e) {
            threw = true;
        }
        assertThat(threw).isEqualTo(!valid);
        if (valid) {
            assertThat(passed.toByteArray()).isEqualTo(bytes);
        } else {
            // what was passed on is a prefix of the input, well-formed but for an unfinished last sequence
            byte[] prefix = passed.toByteArray();
            assertThat(java.util.Arrays.equals(prefix, 0, prefix.length, bytes, 0, prefix.length)).isTrue();
            java.nio.charset.CoderResult r = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(prefix), java.nio.CharBuffer.allocate(prefix.length + 1), false);
            assertThat(r.isError()).as("passed on a malformed sequence").isFalse();
        }
    }

    @Provide
    Arbitrary<byte[]> utf8ish() {
        // mostly the bytes that make UTF-8 interesting: ASCII, continuation bytes and every kind of start byte
        Arbitrary<Byte> b = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.bytes().between((byte) 0x20, (byte) 0x7E)),
                net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(0x80, 0xBF).map(i -> (byte) (int) i)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0xC0, 0xFF).map(i -> (byte) (int) i)));
        return b.array(byte[].class).ofMaxSize(12);
    }

    @Provide
    Arbitrary<Integer> chunks() {
        return Arbitraries.integers().between(1, 5);
    }
}
