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
    void hashSpreadsSimilarIds() {
        assertThat(IdRegistry.hash("H0000001")).isNotEqualTo(IdRegistry.hash("H0000002"));
        assertThat(IdRegistry.hash("ab")).isNotEqualTo(IdRegistry.hash("ba"));
        assertThat(IdRegistry.hash("a")).isNotEqualTo(IdRegistry.hash("a\u0000"));
    }
}
