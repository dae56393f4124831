package org.fuyu.policy.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fuyu.policy.packs.PackHashes;
import org.fuyu.policy.packs.PackResource;
import org.fuyu.policy.packs.RulePack;
import org.fuyu.policy.packs.RulePacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pack shipped to an executor as data has the version it has on the driver, so the decisions
 * made there carry the same {@code packVersion} as those of {@code fuyu evaluate}.
 */
class ShippedPackTest {

    private static ShippedPack overTheWire(RulePack pack) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(ShippedPack.of(pack));
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (ShippedPack) in.readObject();
        }
    }

    @Test
    void aShippedPackRebuiltFromItsDataHasTheVersionOfTheClassPathPack() throws Exception {
        List<RulePack> packs = RulePacks.fromClasspath();
        assertThat(packs).hasSize(5);
        for (RulePack p : packs) {
            ShippedPack shipped = overTheWire(p);
            RulePack rebuilt = shipped.rebuilt();
            assertThat(rebuilt.version()).as(p.id()).isEqualTo(p.version());
            assertThat(PackHashes.sha256(rebuilt)).as(p.id()).isEqualTo(PackHashes.sha256(p));
            // where the executor has the same pack on its class path, that pack (with its precompiled rules) is used
            assertThat(shipped.pack().getClass()).as(p.id()).isEqualTo(p.getClass());
        }
    }

    @Test
    void aDirectoryPackKeepsItsVersionAndAnEditedCopyIsNotTakenForTheShippedOne(@TempDir Path tmp) throws Exception {
        RulePack shippedLowIncome = RulePacks.fromClasspath(List.of("low-income-relief")).get(0);
        Path dir = tmp.resolve("low-income-relief");
        for (PackResource r : shippedLowIncome.files()) {
            Files.createDirectories(dir.resolve(r.name()).getParent());
            Files.write(dir.resolve(r.name()), r.content());
        }
        RulePack fromDir = RulePacks.fromDirectory(tmp).get(0);
        ShippedPack shipped = overTheWire(fromDir);
        assertThat(shipped.rebuilt().version()).isEqualTo(fromDir.version());
        assertThat(shipped.pack().trusted()).isFalse(); // an edited pack is never swapped for a trusted one

        Files.writeString(dir.resolve("pack.yaml"), Files.readString(dir.resolve("pack.yaml")) + "\n# edited\n");
        RulePack edited = RulePacks.fromDirectory(tmp).get(0);
        assertThat(edited.version()).isNotEqualTo(fromDir.version());
        assertThat(overTheWire(edited).rebuilt().version()).isEqualTo(edited.version());
    }
}
