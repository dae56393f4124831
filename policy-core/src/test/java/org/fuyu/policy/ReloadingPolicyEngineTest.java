package org.fuyu.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.fuyu.policy.ReloadingPolicyEngine.ReloadStatus;
import org.fuyu.policy.ReloadingPolicyEngine.ReloadEvent;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.facts.Person;
import org.fuyu.policy.testing.TestPacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Hot reload: good edits swap the engine, broken edits are rejected, and no evaluation is lost or mixed. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ReloadingPolicyEngineTest {
    private static final EvaluationOptions OPTIONS = new EvaluationOptions(LocalDate.of(2024, 6, 30), false);
    private static final int BATCH = 40;

    private record Observation(String version, int members, long amount) {
    }

    private static List<HouseholdInput> batch(int members) {
        List<HouseholdInput> out = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            List<Person> ps = new ArrayList<>();
            for (int m = 0; m < members; m++) {
                ps.add(new Person("h" + i + "p" + m, 30, true, true, false, false, null));
            }
            out.add(new HouseholdInput(new Household("h" + i, "v1", null, null, ps, null, null, null, 0, 0, null, null),
                    List.of()));
        }
        return out;
    }

    private static void amount(Path dir, long yuan) {
        TestPacks.write(dir.resolve("parameters.yaml"), "reload.amount:\n  description: Amount per member\n  unit: yuan\n"
                + "  reference: test\n  values:\n    2022-01-01: " + yuan + "\n");
    }

    @Test
    void underContinuousEvaluationGoodAndBrokenEditsLoseOrMixNothing(@TempDir Path tmp) throws Exception {
        Path dir = TestPacks.copy("reload", tmp.resolve("reload"));
        List<ReloadEvent> heard = new CopyOnWriteArrayList<>();
        ReloadingPolicyEngine engine = ReloadingPolicyEngine.builder().watchRules(dir).pollInterval(Duration.ZERO)
                .addListener(heard::add).build();
        Map<String, Long> amountByVersion = new ConcurrentHashMap<>();
        amountByVersion.put(engine.current().packs().get(0).version(), 1000L);

        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong batches = new AtomicLong();
        AtomicLong evaluations = new AtomicLong();
        List<String> wrong = new CopyOnWriteArrayList<>();
        java.util.Queue<Observation> observed = new java.util.concurrent.ConcurrentLinkedQueue<>();
        Set<String> versionsSeen = ConcurrentHashMap.newKeySet();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            int members = w + 1;
            Thread t = new Thread(() -> {
                List<HouseholdInput> in = batch(members);
                while (!stop.get()) {
                    try {
                        PolicyRun run = engine.newRun(OPTIONS);
                        List<CaseResult> out = run.evaluate(in);
                        if (out.size() != BATCH) {
                            wrong.add("batch of " + BATCH + " gave " + out.size() + " results");
                        }
                        String expectedVersion = run.engine().packs().get(0).version();
                        for (CaseResult r : out) {
                            evaluations.incrementAndGet();
                            if (r.failed() || r.decisions().size() != 1) {
                                wrong.add(r.subjectId() + ": " + r.error() + " " + r.decisions());
                                continue;
                            }
                            Decision d = r.decisions().get(0);
                            versionsSeen.add(d.packVersion());
                            if (!d.packVersion().equals(expectedVersion)) {
                                wrong.add("decision of version " + d.packVersion() + " in a run of " + expectedVersion);
                            }
                            // checked at the end: a new version may serve before this test records its amount
                            observed.add(new Observation(d.packVersion(), members, d.amountYuan()));
                        }
                        batches.incrementAndGet();
                    } catch (RuntimeException e) {
                        wrong.add("evaluation threw " + e);
                    }
                }
            }, "evaluator-" + w);
            workers.add(t);
        }
        workers.forEach(Thread::start);

        Path drl = dir.resolve("reload.rules.yaml");
        String good = java.nio.file.Files.readString(drl);
        record Edit(String what, Runnable apply, ReloadStatus expect, Long amount) {
        }
        List<Edit> edits = List.of(
                new Edit("amount 2000", () -> amount(dir, 2000), ReloadStatus.LOADED, 2000L),
                new Edit("syntax error", () -> TestPacks.write(drl, good.replace("grant: reload.amount", "grant: (reload.amount")), ReloadStatus.REJECTED, null),
                new Edit("fix the syntax", () -> TestPacks.write(drl, good), ReloadStatus.LOADED, 2000L),
                new Edit("amount 3000", () -> amount(dir, 3000), ReloadStatus.LOADED, 3000L),
                new Edit("raw DRL dropped into the directory", () -> TestPacks.write(dir.resolve("exit.drl"),
                        "rule \"x\" when then System.exit(1); end"), ReloadStatus.REJECTED, null),
                new Edit("the DRL removed again", () -> {
                    try {
                        java.nio.file.Files.delete(dir.resolve("exit.drl"));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, ReloadStatus.LOADED, 3000L),
                new Edit("amount that is not a number", () -> TestPacks.edit(dir.resolve("parameters.yaml"), "3000", "3000 yuan"),
                        ReloadStatus.REJECTED, null),
                new Edit("unknown parameter", () -> {
                    amount(dir, 3000);
                    TestPacks.write(drl, good.replace("reload.amount", "reload.amout"));
                }, ReloadStatus.REJECTED, null),
                new Edit("good rules and amount 4000", () -> {
                    TestPacks.write(drl, good);
                    amount(dir, 4000);
                }, ReloadStatus.LOADED, 4000L),
                new Edit("unknown fact field", () -> TestPacks.write(drl, good.replace("memberCount >= 1", "memberCout >= 1")),
                        ReloadStatus.REJECTED, null),
                new Edit("amount 5000, good rules", () -> {
                    TestPacks.write(drl, good);
                    amount(dir, 5000);
                }, ReloadStatus.LOADED, 5000L));

        for (Edit edit : edits) {
            long before = batches.get();
            edit.apply.run();
            ReloadEvent e = engine.reloadNow().orElseThrow();
            assertThat(e.status()).as(edit.what + ": " + e).isEqualTo(edit.expect);
            if (e.loaded()) {
                amountByVersion.put(e.packs().get(0).version(), edit.amount);
            } else {
                assertThat(e.problems()).as(edit.what).isNotEmpty();
                assertThat(e.packs()).isEqualTo(engine.current().packs()); // the last good engine still serves
            }
            // let the evaluators work on this state before the next edit (progress, not time)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (batches.get() < before + 6 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
        }
        assertThat(engine.reloadNow()).as("nothing changed since the last reload").isEmpty();
        stop.set(true);
        for (Thread t : workers) {
            t.join(TimeUnit.SECONDS.toMillis(60));
        }
        engine.close();

        for (Observation o : observed) {
            Long perMember = amountByVersion.get(o.version);
            if (perMember == null || o.amount != perMember * o.members) {
                wrong.add("version " + o.version + " granted " + o.amount + " for " + o.members + " members, expected "
                        + (perMember == null ? "no such version" : perMember * o.members));
            }
        }
        assertThat(wrong).isEmpty();
        assertThat((long) observed.size()).isEqualTo(evaluations.get());
        assertThat(evaluations.get()).isEqualTo(batches.get() * BATCH);
        assertThat(heard).extracting(ReloadEvent::status).containsExactly(ReloadStatus.LOADED, ReloadStatus.LOADED,
                ReloadStatus.REJECTED, ReloadStatus.LOADED, ReloadStatus.LOADED, ReloadStatus.REJECTED, ReloadStatus.LOADED, ReloadStatus.REJECTED,
                ReloadStatus.REJECTED, ReloadStatus.LOADED, ReloadStatus.REJECTED, ReloadStatus.LOADED);
        assertThat(heard).extracting(ReloadEvent::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
        // every version that served was seen by the evaluators, and no rejected edit ever served
        assertThat(versionsSeen).isSubsetOf(amountByVersion.keySet());
        assertThat(amountByVersion.values()).contains(1000L, 2000L, 3000L, 4000L, 5000L);
    }

    @Test
    void rejectionsCarryTheValidateMessages(@TempDir Path tmp) {
        Path dir = TestPacks.copy("reload", tmp.resolve("reload"));
        try (ReloadingPolicyEngine engine = ReloadingPolicyEngine.builder().watchRules(dir).pollInterval(Duration.ZERO).build()) {
            TestPacks.edit(dir.resolve("reload.rules.yaml"), "memberCount >= 1", "memberCout >= 1");
            ReloadEvent e = engine.reloadNow().orElseThrow();
            assertThat(e.problems()).extracting(p -> Path.of(p.file()).getFileName() + ":" + p.line() + ": " + p.message())
                    .containsExactly("reload.rules.yaml:5: unknown name 'memberCout'; did you mean 'memberCount'? (a rule may use the fact fields of its subject, derived values and parameters)");
            assertThat(e.toString()).contains("REJECTED, still serving reload@1.0.0+");
        }
    }

    @Test
    void pollingNoticesEditsWithoutBeingAsked(@TempDir Path tmp) throws Exception {
        Path dir = TestPacks.copy("reload", tmp.resolve("reload"));
        LinkedBlockingQueue<ReloadEvent> events = new LinkedBlockingQueue<>();
        try (ReloadingPolicyEngine engine = ReloadingPolicyEngine.builder().watchRules(dir)
                .pollInterval(Duration.ofMillis(20)).addListener(events::add).build()) {
            assertThat(events.poll(60, TimeUnit.SECONDS).status()).isEqualTo(ReloadStatus.LOADED);
            PolicyEngine first = engine.current();
            amount(dir, 7000);
            ReloadEvent loaded = events.poll(60, TimeUnit.SECONDS);
            assertThat(loaded).isNotNull();
            assertThat(loaded.status()).isEqualTo(ReloadStatus.LOADED);
            assertThat(engine.current()).isNotSameAs(first);
            assertThat(engine.evaluate(batch(2).get(0), OPTIONS).decisions().get(0).amountYuan()).isEqualTo(14000L);

            TestPacks.write(dir.resolve("reload.rules.yaml"), "decisions: [");
            ReloadEvent rejected = events.poll(60, TimeUnit.SECONDS);
            assertThat(rejected).isNotNull();
            assertThat(rejected.status()).isEqualTo(ReloadStatus.REJECTED);
            assertThat(engine.evaluate(batch(1).get(0), OPTIONS).decisions().get(0).amountYuan()).isEqualTo(7000L);
        }
    }

    @Test
    void anEditThatBreaksThePacksOwnPolicyCasesIsRefused(@TempDir Path tmp) {
        Path dir = TestPacks.copy("reload", tmp.resolve("reload"));
        TestPacks.write(dir.resolve("cases/reload.yaml"), """
                packs: [reload]
                cases:
                  - name: two members get twice the amount
                    asOf: 2024-06-30
                    input:
                      households:
                        - {id: h1, villageId: v1, members: [{id: a, age: 40}, {id: b, age: 38}]}
                    expected:
                      - {subjectId: h1, code: TOP_UP, outcome: GRANTED, amountYuan: 2000}
                """);
        try (ReloadingPolicyEngine engine = ReloadingPolicyEngine.builder().watchRules(dir).pollInterval(Duration.ZERO).build()) {
            // the rule now pays per member plus one: the pack's own case catches it
            TestPacks.edit(dir.resolve("reload.rules.yaml"), "grant: reload.amount * memberCount",
                    "grant: reload.amount * (memberCount + 1)");
            ReloadEvent e = engine.reloadNow().orElseThrow();
            assertThat(e.status()).isEqualTo(ReloadStatus.REJECTED);
            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.file()).endsWith("reload.yaml");
                assertThat(p.message()).contains("policy case 'two members get twice the amount' fails after the edit");
            });
            assertThat(engine.evaluate(batch(2).get(0), OPTIONS).decisions().get(0).amountYuan()).isEqualTo(2000L);
        }
    }
}
