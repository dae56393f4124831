package org.fuyu.policy.packs;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import com.google.common.primitives.Ints;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import org.fuyu.policy.params.Parameter;
import org.fuyu.policy.testing.TestPacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pack's version suffix is the SHA-256 of every file of the pack (it is in every decision's
 * packVersion): an edit of pack.yaml, parameters.yaml (even a description), properties.yaml, a
 * rule file or a policy case changes it.
 */
class PackHashesTest {

    @Test
    void theVersionHashIsTheSha256OfEveryFileAndTheParameterValues() {
        RulePack pack = RulePacks.fromTrustedDirectory(TestPacks.resource("packs/tables")).get(0);
        Hasher h = Hashing.sha256().newHasher();
        pack.files().stream().sorted(Comparator.comparing(PackResource::name)).forEach(r -> {
            byte[] name = r.name().getBytes(StandardCharsets.UTF_8);
            h.putBytes(Ints.toByteArray(name.length)).putBytes(name).putBytes(Ints.toByteArray(r.content().length))
                    .putBytes(r.content());
        });
        for (Parameter p : pack.parameters().all()) {
            h.putString(p.name(), StandardCharsets.UTF_8);
            p.values().forEach((d, v) -> h.putString("\n" + d + "=" + v.toPlainString(), StandardCharsets.UTF_8));
            h.putByte((byte) 0);
        }
        assertThat(pack.files()).extracting(PackResource::name)
                .containsExactly("credit-line.drl.xlsx", "pack.yaml", "parameters.yaml", "village-classification.drl.csv");
        String sha256 = h.hash().toString();
        assertThat(PackHashes.sha256(pack)).isEqualTo(sha256);
        assertThat(pack.version()).isEqualTo("1.0.0+" + sha256.substring(0, 8));
    }

    @Test
    void anEditOfAnyFileOfThePackChangesItsVersion(@TempDir Path tmp) {
        Set<String> versions = new HashSet<>();
        Path dir = TestPacks.copy("reload", tmp.resolve("reload"));
        versions.add(version(dir));
        TestPacks.edit(dir.resolve("pack.yaml"), "title: A pack edited while it serves", "title: A pack edited twice");
        versions.add(version(dir));
        TestPacks.edit(dir.resolve("parameters.yaml"), "description: Amount per member", "description: Amount for each member");
        versions.add(version(dir));
        TestPacks.write(dir.resolve("properties.yaml"), "properties: []\n");
        versions.add(version(dir));
        TestPacks.write(dir.resolve("cases/mine.yaml"), "packs: [reload]\ncases: []\n");
        versions.add(version(dir));
        TestPacks.edit(dir.resolve("reload.rules.yaml"), "citation: test", "citation: test §1");
        versions.add(version(dir));
        assertThat(versions).hasSize(6);
        // a file that is not part of the pack (an editor's backup, a lock file) does not count
        TestPacks.write(dir.resolve(".pack.yaml.swp"), "x");
        TestPacks.write(dir.resolve("~$table.xlsx"), "x");
        assertThat(versions).contains(version(dir));
    }

    private static String version(Path dir) {
        return RulePacks.fromDirectory(dir).get(0).version();
    }
}
