package org.fuyu.policy.packs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.fuyu.policy.PolicyException;
import org.fuyu.policy.testing.TestPacks;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The DRL a hostile editor wrote against the old lexical sandbox (processes, files, reflection,
 * class loaders, the network, threads, unicode escapes, text hidden in strings, the engine's
 * runtime, a Drools table with Java in it): in a directory policy staff edit, none of it is even
 * read as rules — each file is refused with its name and line.
 */
class HostileDrlRefusedTest {

    static Stream<String> hostileFiles() throws IOException {
        try (Stream<Path> files = Files.list(TestPacks.resource("hostile"))) {
            return files.map(f -> f.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("hostileFiles")
    void isRefusedInAStaffDirectory(String file, @TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("pack");
        TestPacks.write(dir.resolve("pack.yaml"), "id: hostile\nversion: 1.0.0\ntitle: Hostile\ncodes: []\n");
        Files.copy(TestPacks.resource("hostile").resolve(file), dir.resolve(file));
        PolicyException e = catchThrowableOfType(PolicyException.class, () -> RulePacks.fromDirectory(dir));
        assertThat(e).isNotNull();
        assertThat(e.problems()).anySatisfy(p -> {
            assertThat(p.file()).endsWith(file);
            assertThat(p.line()).isEqualTo(1);
            assertThat(p.message()).containsAnyOf("not allowed in a rule directory", "不能放 DRL");
        });
    }
}
