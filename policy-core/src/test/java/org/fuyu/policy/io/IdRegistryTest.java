package org.fuyu.policy.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class IdRegistryTest {

    @Test
    void acceptsEachIdOnceAndRejectsItsRepeats() {
        IdRegistry ids = new IdRegistry();
        assertThat(ids.add("H001")).isTrue();
        assertThat(ids.add("H002")).isTrue();
        assertThat(ids.add("H001")).isFalse();
        assertThat(ids.add("h001")).isTrue();
        assertThat(ids.add("")).isTrue();
        assertThat(ids.add("")).isFalse();
        assertThat(ids.size()).isEqualTo(4);
    }

    @Test
    void twoMillionStructuredIdsAllDistinctThroughGrowth() {
        // ids shaped like real ones (prefix, zero padding, suffixes) must not collide in 64 bits
        IdRegistry ids = new IdRegistry();
        for (int i = 0; i < 1_000_000; i++) {
            assertThat(ids.add(String.format("H%08d", i))).isTrue();
        }
        for (int i = 0; i < 1_000_000; i++) {
            assertThat(ids.add("P" + i + "-1")).isTrue();
        }
        assertThat(ids.size()).isEqualTo(2_000_000);
        for (int i = 0; i < 1_000_000; i += 997) {
            assertThat(ids.add(String.format("H%08d", i))).isFalse();
        }
        assertThat(ids.size()).isEqualTo(2_000_000);
    }

    @Property(tries = 200)
    void agreesWithAHashSet(@ForAll @Size(max = 300) java.util.List<@net.jqwik.api.constraints.StringLength(max = 6) String> input) {
        IdRegistry ids = new IdRegistry();
        Set<String> seen = new HashSet<>();
        for (String s : input) {
            assertThat(ids.add(s)).isEqualTo(seen.add(s));
        }
    }

    @Test
    void idsThatCollidedUnderTheOldUnkeyedHashAreBothNew() {
        // found to share the unkeyed 64-bit hash of the earlier registry (issue 12): both are distinct ids
        IdRegistry ids = new IdRegistry();
        assertThat(ids.add("HfIItN_-anD3")).isTrue();
        assertThat(ids.add("HHf-r8YdpTj9")).isTrue();
        assertThat(ids.add("HfIItN_-anD3")).isFalse();
    }

    @Test
    void fingerprintsAreKeyedPerRegistry() {
        // two registries (two runs) draw different keys: nobody can prepare colliding ids in advance
        IdRegistry a = new IdRegistry();
        IdRegistry b = new IdRegistry();
        assertThat(new long[] {a.high("H0000001"), a.low("H0000001")})
                .isNotEqualTo(new long[] {b.high("H0000001"), b.low("H0000001")});
        assertThat(a.high("H0000001")).isEqualTo(a.high("H0000001"));
        // ids differing only in an unpaired surrogate are different ids
        assertThat(a.add("S\ud83d")).isTrue();
        assertThat(a.add("S\ud83e")).isTrue();
        assertThat(a.add("S?")).isTrue();
    }

    @Test
    void memoryPerIdStaysWithinTheDocumentedBound() {
        // 16 bytes a slot at a load between 0.68 and 0.85 (a table grows by a quarter): 19–24 bytes an id
        // (tables below 64 slots are fuller or emptier, hence the margin), 10 M ids in about 210 MB
        IdRegistry ids = new IdRegistry();
        int n = 1_000_000;
        for (int i = 0; i < n; i++) {
            ids.add("H" + i);
        }
        assertThat(ids.tableBytes()).isLessThanOrEqualTo(24L * n).isGreaterThanOrEqualTo(18L * n);
    }
}
