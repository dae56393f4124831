package org.fuyu.policy.packs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fuyu.policy.PolicyException;
import org.fuyu.policy.reform.ReformFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pack.yaml and reform.yaml are what they seem (issue 12, item 6): duplicate keys and second documents are refused. */
class HostileManifestTest {
    private static final String PACK = "id: reload\nversion: 1.0.0\ntitle: A pack\ncodes:\n  - {code: TOP_UP, subject: HOUSEHOLD}\n";

    private static PolicyException refused(String yaml) {
        return catchThrowableOfType(PolicyException.class,
                () -> Manifests.read("pack.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void aDuplicateKeyInPackYamlIsRefusedWithItsLine() {
        PolicyException e = refused(PACK + "version: 2.0.0\n");
        assertThat(e).isNotNull();
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(6);
            assertThat(p.message()).contains("key 'version' appears twice");
        });
        PolicyException nested = refused(PACK.replace("{code: TOP_UP, subject: HOUSEHOLD}",
                "{code: TOP_UP, subject: HOUSEHOLD, code: OTHER}"));
        assertThat(nested.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("key 'code' appears twice"));
    }

    @Test
    void aSecondDocumentInPackYamlIsRefused() {
        PolicyException e = refused(PACK + "---\nid: other\n");
        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("second YAML document"));
    }

    @Test
    void aGoodPackYamlStillReads() {
        assertThat(Manifests.read("pack.yaml", new ByteArrayInputStream(PACK.getBytes(StandardCharsets.UTF_8))).id())
                .isEqualTo("reload");
    }

    @Test
    void aReformWithADuplicateKeyOrASecondDocumentIsRefused(@TempDir Path tmp) throws Exception {
        Path dup = tmp.resolve("dup.yaml");
        Files.writeString(dup, "name: line-15000\neffective: 2025-01-01\nparameters:\n  low_income.line: 15000\n"
                + "  low_income.line: 16000\n");
        PolicyException e = catchThrowableOfType(PolicyException.class, () -> ReformFiles.read(dup));
        assertThat(e.problems()).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.message()).contains("'low_income.line' appears twice");
        });
        Path two = tmp.resolve("two.yaml");
        Files.writeString(two, "name: line-15000\neffective: 2025-01-01\nparameters:\n  low_income.line: 15000\n---\n"
                + "name: other\n");
        PolicyException e2 = catchThrowableOfType(PolicyException.class, () -> ReformFiles.read(two));
        assertThat(e2.problems()).anySatisfy(p -> assertThat(p.message()).contains("second YAML document"));
        Path negative = tmp.resolve("neg.yaml");
        Files.writeString(negative, "name: line-15000\neffective: 2025-01-01\nparameters:\n  low_income.line: -15000\n");
        PolicyException e3 = catchThrowableOfType(PolicyException.class, () -> ReformFiles.read(negative));
        assertThat(e3.problems()).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).contains("never negative");
        });
    }
}
