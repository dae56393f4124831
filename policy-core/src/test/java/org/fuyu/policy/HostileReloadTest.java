package org.fuyu.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.fuyu.policy.ReloadingPolicyEngine.ReloadStatus;
import org.fuyu.policy.ReloadingPolicyEngine.ReloadEvent;
import org.fuyu.policy.testing.TestPacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Reload is safe (issue 12, item 7): no failure of a build stops it, a half-changed directory never serves. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class HostileReloadTest {

    /**
     * Saves the parameter file in one step, as an editor that writes a new file and renames it does: the watcher
     * polls every 20 ms with no settle time, so a file written in place could be seen half-written (then rightly
     * rejected), which is not what these tests are about.
     */
    private static void amount(Path dir, long yuan) {
        try {
            Path staged = dir.resolveSibling("parameters.yaml." + yuan + ".new");
            TestPacks.write(staged, "reload.amount:\n  description: Amount per member\n  unit: yuan\n"
                    + "  reference: test\n  values:\n    2022-01-01: " + yuan + "\n");
            Files.move(staged, dir.resolve("parameters.yaml"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long amountServed(ReloadingPolicyEngine engine) {
        return engine.current().parameters().get("reload.amount").values().firstEntry().getValue().longValue();
    }

    @Test
    void aStackOverflowInABuildIsARejectionAndPollingGoesOn(@TempDir Path tmp) throws Exception {
        Path dir = TestPacks.copy("reload", tmp.resolve("reload"));
        AtomicInteger builds = new AtomicInteger();
        LinkedBlockingQueue<ReloadEvent> heard = new LinkedBlockingQueue<>();
        try (ReloadingPolicyEngine engine = ReloadingPolicyEngine.builder().watchRules(dir)
                .pollInterval(Duration.ofMillis(20)).settle(Duration.ZERO)
                .configure(b -> {
                    if (builds.incrementAndGet() == 2) {
                        throw new StackOverflowError(); // as a compiler overflowing its stack on a hostile edit
                    }
                })
                .addListener(heard::add).build()) {
            assertThat(heard.take().status()).isEqualTo(ReloadStatus.LOADED);
            amount(dir, 2000);
            ReloadEvent rejected = heard.poll(120, TimeUnit.SECONDS);
            assertThat(rejected).isNotNull();
            assertThat(rejected.status()).isEqualTo(ReloadStatus.REJECTED);
            assertThat(rejected.problems().toString()).contains("StackOverflowError");
            assertThat(amountServed(engine)).isEqualTo(1000);
            // the poll thread is alive: the next edit is built and served
            amount(dir, 3000);
            ReloadEvent loaded = heard.poll(120, TimeUnit.SECONDS);
            assertThat(loaded).isNotNull();
            assertThat(loaded.status()).isEqualTo(ReloadStatus.LOADED);
            assertThat(amountServed(engine)).isEqualTo(3000);
        }
    }

    @Test
    void anEngineBuiltWhileTheFilesChangedNeverServes(@TempDir Path tmp) {
        Path dir = TestPacks.copy("reload", tmp.resolve("reload"));
        AtomicInteger builds = new AtomicInteger();
        List<ReloadEvent> heard = new CopyOnWriteArrayList<>();
        try (ReloadingPolicyEngine engine = ReloadingPolicyEngine.builder().watchRules(dir).pollInterval(Duration.ZERO)
                .configure(b -> {
                    if (builds.incrementAndGet() == 2) {
                        amount(dir, 5000); // the editor's second step lands while the first is being built
                    }
                })
                .addListener(heard::add).build()) {
            amount(dir, 2000);
            assertThat(engine.reloadNow()).isEmpty(); // built from a state that is gone: discarded
            assertThat(amountServed(engine)).isEqualTo(1000);
            Optional<ReloadEvent> next = engine.reloadNow();
            assertThat(next).hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(ReloadStatus.LOADED));
            assertThat(amountServed(engine)).isEqualTo(5000);
            assertThat(heard).extracting(ReloadEvent::status).containsExactly(ReloadStatus.LOADED, ReloadStatus.LOADED);
        }
    }

    @Test
    void anUnreadableFileIsReportedOnceNotAtEveryPoll(@TempDir Path tmp) throws Exception {
        Path dir = TestPacks.copy("reload", tmp.resolve("reload"));
        List<ReloadEvent> heard = new CopyOnWriteArrayList<>();
        try (ReloadingPolicyEngine engine = ReloadingPolicyEngine.builder().watchRules(dir).pollInterval(Duration.ZERO)
                .addListener(heard::add).build()) {
            // a file whose reading fails whoever runs the test (even root): /proc/self/mem at offset 0
            Files.createSymbolicLink(dir.resolve("notes.txt"), Path.of("/proc/self/mem"));
            Optional<ReloadEvent> first = engine.reloadNow();
            assertThat(first).hasValueSatisfying(e -> {
                assertThat(e.status()).isEqualTo(ReloadStatus.REJECTED);
                assertThat(e.problems().toString()).contains("cannot read");
            });
            for (int i = 0; i < 5; i++) {
                assertThat(engine.reloadNow()).isEmpty();
            }
            Files.delete(dir.resolve("notes.txt"));
            amount(dir, 2000);
            assertThat(engine.reloadNow()).hasValueSatisfying(e -> assertThat(e.loaded()).isTrue());
            assertThat(heard).extracting(ReloadEvent::status).containsExactly(ReloadStatus.LOADED, ReloadStatus.REJECTED, ReloadStatus.LOADED);
        }
    }

    @Test
    void everyListenerHearsEveryOutcomeEvenWhenOneThrows(@TempDir Path tmp) {
        Path dir = TestPacks.copy("reload", tmp.resolve("reload"));
        List<Long> sequences = new CopyOnWriteArrayList<>();
        try (ReloadingPolicyEngine engine = ReloadingPolicyEngine.builder().watchRules(dir).pollInterval(Duration.ZERO)
                .addListener(e -> {
                    throw new IllegalStateException("a listener that fails");
                })
                .addListener(e -> {
                    throw new StackOverflowError();
                })
                .addListener(e -> sequences.add(e.sequence())).build()) {
            amount(dir, 2000);
            engine.reloadNow();
            TestPacks.edit(dir.resolve("parameters.yaml"), "2000", "2000 yuan");
            engine.reloadNow();
            amount(dir, 3000);
            engine.reloadNow();
            assertThat(sequences).containsExactly(1L, 2L, 3L, 4L);
        }
    }
}
