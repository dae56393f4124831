package org.fuyu.policy;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.fuyu.policy.packs.RulePack;
import org.fuyu.policy.packs.RulePacks;
import org.fuyu.policy.params.ParameterFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A policy engine over rule directories that policy staff edit while the system runs. It polls
 * the directories and parameter files (content hashes, not time stamps), rebuilds the engine in
 * the background when something changed, and swaps it in atomically. An edit that does not pass
 * the engine's checks (the same as {@code fuyu validate}) is rejected and the last good engine
 * keeps serving. Listeners hear about every reload: success with the new pack versions, or
 * failure with the problems.
 *
 * <p>Evaluations in flight finish on the engine they started with: {@link #current()} hands out
 * an immutable {@link PolicyEngine}, and a {@link PolicyRun} keeps the engine it was started on.
 *
 * <p>Polling rather than {@code java.nio.file.WatchService}: it works the same on every file
 * system (network shares and container volumes often deliver no watch events), and an editor
 * that writes a file in several steps is simply seen at the next poll. Use
 * {@link #reloadNow()} to reload at once (tests, an admin endpoint).
 *
 * <pre>
 * ReloadingPolicyEngine engine = ReloadingPolicyEngine.builder()
 *     .watchRules(Path.of("/srv/fuyu/rules"))
 *     .watchParameters(Path.of("/srv/fuyu/county.yaml"))
 *     .pollInterval(Duration.ofSeconds(5))
 *     .addListener(e -&gt; log.info("{}", e))
 *     .build();
 * CaseResult r = engine.current().evaluate(household, options);
 * </pre>
 */
public final class ReloadingPolicyEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadingPolicyEngine.class);

    /** What a reload did. */
    public enum ReloadStatus { LOADED, REJECTED }

    /**
     * One reload attempt.
     *
     * @param sequence 1 for the first engine, then one more for every attempt
     * @param status LOADED (the new engine serves) or REJECTED (the last good one keeps serving)
     * @param packs the packs of the engine now serving, with their versions
     * @param problems why the edit was rejected, each as {@code file:line: message}; empty when loaded
     */
    public record ReloadEvent(long sequence, ReloadStatus status, List<PackInfo> packs, List<Problem> problems) {
        public ReloadEvent {
            packs = List.copyOf(packs);
            problems = List.copyOf(problems);
        }

        public boolean loaded() {
            return status == ReloadStatus.LOADED;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("reload ").append(sequence).append(" ").append(status);
            if (loaded()) {
                packs.forEach(p -> sb.append(' ').append(p.id()).append('@').append(p.version()));
            } else {
                sb.append(", still serving");
                packs.forEach(p -> sb.append(' ').append(p.id()).append('@').append(p.version()));
                sb.append(':');
                problems.forEach(p -> sb.append("\n  ").append(p));
            }
            return sb.toString();
        }
    }

    /** Hears every reload, on the reloading thread. */
    @FunctionalInterface
    public interface ReloadListener {
        void reloaded(ReloadEvent event);
    }

    private final List<Path> ruleDirs;
    private final List<Path> parameterFiles;
    private final List<RulePack> fixedPacks;
    private final Consumer<PolicyEngine.Builder> configuration;
    private final List<ReloadListener> listeners;
    private final AtomicReference<PolicyEngine> current = new AtomicReference<>();
    private final AtomicLong sequence = new AtomicLong();
    private final ScheduledExecutorService poller;
    private final Duration settle;
    private String lastFingerprint;
    /** The problems last reported, so that the same failure is reported once, not at every poll. */
    private List<Problem> lastRejection;
    private volatile boolean closed;

    private ReloadingPolicyEngine(Builder b) {
        this.ruleDirs = List.copyOf(b.ruleDirs);
        this.parameterFiles = List.copyOf(b.parameterFiles);
        this.fixedPacks = List.copyOf(b.fixedPacks);
        this.configuration = b.configuration;
        this.listeners = new CopyOnWriteArrayList<>(b.listeners);
        this.settle = b.settle;
        String fingerprint = fingerprint();
        PolicyEngine first = build(); // a broken start is the caller's problem: nothing good to keep serving
        current.set(first);
        lastFingerprint = fingerprint;
        notifyListeners(new ReloadEvent(sequence.incrementAndGet(), ReloadStatus.LOADED, first.packs(), List.of()));
        if (b.pollInterval.isZero()) {
            poller = null;
        } else {
            poller = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "fuyu-rule-reload");
                t.setDaemon(true);
                return t;
            });
            long ms = Math.max(1, b.pollInterval.toMillis());
            poller.scheduleWithFixedDelay(this::poll, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The engine serving now. Keep the reference for the whole of one evaluation or run. */
    public PolicyEngine current() {
        return current.get();
    }

    /** Evaluates one household on the engine serving now. */
    public CaseResult evaluate(HouseholdInput household, EvaluationOptions options) {
        return current().evaluate(household, options);
    }

    /** Starts a run on the engine serving now; the run keeps that engine to its end. */
    public PolicyRun newRun(EvaluationOptions options) {
        return current().newRun(options);
    }

    /**
     * Checks the files now and rebuilds when they changed since the last attempt (good or not);
     * blocks until the new engine serves or the edit is rejected.
     *
     * @return the reload that happened, or empty when nothing changed
     */
    public synchronized Optional<ReloadEvent> reloadNow() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        String fingerprint;
        try {
            fingerprint = stableFingerprint();
        } catch (UncheckedIOException e) {
            return rejectOnce(List.of(Problem.of(String.valueOf(ruleDirs), 0, "无法读取 / cannot read: " + e.getMessage()
                    + "; make the files readable (the last good rules keep serving)")));
        }
        if (fingerprint == null || fingerprint.equals(lastFingerprint)) {
            return Optional.empty(); // still being written (next poll), or nothing changed
        }
        ReloadEvent event;
        try {
            PolicyEngine next = build();
            String after = fingerprint();
            if (!after.equals(fingerprint)) {
                // the files changed while the engine was built: it may mix two states, so it never serves
                return Optional.empty();
            }
            lastFingerprint = fingerprint;
            lastRejection = null;
            current.set(next);
            event = new ReloadEvent(sequence.incrementAndGet(), ReloadStatus.LOADED, next.packs(), List.of());
            LOG.info("rules reloaded: {}", event);
        } catch (PolicyException e) {
            lastFingerprint = fingerprint; // this content is not built again: its failure is reported once
            lastRejection = null;
            return Optional.of(reject(e.problems().isEmpty() ? List.of(Problem.of("rules", 0, e.getMessage())) : e.problems()));
        } catch (UncheckedIOException e) {
            return rejectOnce(List.of(Problem.of(String.valueOf(ruleDirs), 0, "无法读取 / cannot read: " + e.getMessage()
                    + "; make the files readable (the last good rules keep serving)")));
        } catch (RuntimeException | LinkageError | StackOverflowError | OutOfMemoryError e) {
            // any failure of a build (a compiler stack overflow among them) rejects the edit; polling goes on
            lastFingerprint = fingerprint;
            lastRejection = null;
            return Optional.of(reject(List.of(Problem.of("rules", 0, "无法构建引擎 / cannot build the engine: " + Words.failure(e)
                    + "; simplify or correct the last edit (the last good rules keep serving)"))));
        }
        notifyListeners(event);
        return Optional.of(event);
    }

    /**
     * The fingerprint once the files have stayed the same for the settle time (an editor that
     * writes a file in two steps is not built half way), or null while they are still changing.
     */
    private String stableFingerprint() {
        String first = fingerprint();
        if (first.equals(lastFingerprint) || settle.isZero()) {
            return first;
        }
        try {
            Thread.sleep(settle.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        String second = fingerprint();
        return second.equals(first) ? first : null;
    }

    /**
     * Rejects for a file that cannot be read, unless exactly these problems were the last thing
     * reported (such a failure has no fingerprint to remember it by; it is reported once).
     */
    private Optional<ReloadEvent> rejectOnce(List<Problem> problems) {
        if (problems.equals(lastRejection)) {
            return Optional.empty();
        }
        lastRejection = List.copyOf(problems);
        return Optional.of(reject(problems));
    }

    private ReloadEvent reject(List<Problem> problems) {
        ReloadEvent event = new ReloadEvent(sequence.incrementAndGet(), ReloadStatus.REJECTED, current().packs(), problems);
        LOG.warn("rule edit rejected, the last good rules keep serving: {}", event);
        notifyListeners(event);
        return event;
    }

    public void addListener(ReloadListener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    @Override
    public void close() {
        closed = true;
        if (poller != null) {
            poller.shutdownNow();
        }
    }

    private void poll() {
        try {
            if (!closed) {
                reloadNow();
            }
        } catch (Throwable e) { // a scheduled task that throws is never run again: nothing may escape
            LOG.warn("rule reload check failed: {}", e.toString());
        }
    }

    private void notifyListeners(ReloadEvent event) {
        for (ReloadListener l : listeners) {
            try {
                l.reloaded(event);
            } catch (RuntimeException | StackOverflowError e) {
                LOG.warn("reload listener failed: {}", e.toString());
            }
        }
    }

    private PolicyEngine build() {
        PolicyEngine.Builder b = PolicyEngine.builder().addPacks(fixedPacks);
        List<Problem> problems = new ArrayList<>();
        for (Path dir : ruleDirs) {
            try {
                b.addPacks(RulePacks.fromDirectory(dir));
            } catch (PolicyException e) {
                problems.addAll(e.problems().isEmpty() ? List.of(Problem.of(dir.toString(), 0, e.getMessage())) : e.problems());
            }
        }
        for (Path p : parameterFiles) {
            try {
                b.overrideParameters(ParameterFiles.read(p));
            } catch (PolicyException e) {
                problems.addAll(e.problems().isEmpty() ? List.of(Problem.of(p.toString(), 0, e.getMessage())) : e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new PolicyException(problems);
        }
        configuration.accept(b);
        PolicyEngine engine = b.build();
        checkOwnCases(engine);
        return engine;
    }

    /**
     * A pack directory's own policy cases ({@code cases/*.yaml} beside its {@code pack.yaml}) must
     * still pass — with the pack defaults, the packs each file names, and within the time budget —
     * before the edit may serve; a failing case refuses the edit like a syntax error does.
     */
    private void checkOwnCases(PolicyEngine engine) {
        List<Problem> problems = new ArrayList<>();
        for (Path dir : ruleDirs) {
            try {
                for (Path f : org.fuyu.policy.cases.PackCases.caseFiles(dir)) {
                    try {
                        for (org.fuyu.policy.cases.PackCases.Result r
                                : org.fuyu.policy.cases.PackCases.run(f, engine.rulePacks(), engine.caseTimeBudget())) {
                            if (!r.passed()) {
                                problems.add(Problem.of(f.toString(), 0, "policy case '" + r.name() + "' fails after the edit"
                                        + " (编辑后政策用例不通过): " + String.join("; ", r.mismatches())));
                            }
                        }
                    } catch (IOException e) {
                        problems.add(Problem.of(f.toString(), 0, "cannot read the policy cases: " + e.getMessage()));
                    } catch (PolicyException e) {
                        problems.addAll(e.problems().isEmpty() ? List.of(Problem.of(f.toString(), 0, e.getMessage()))
                                : e.problems());
                    }
                }
            } catch (IOException e) {
                problems.add(Problem.of(dir.toString(), 0, "cannot list the policy cases: " + e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new PolicyException(problems);
        }
    }

    /** A hash of every file name and content under the rule directories and of the parameter files. */
    private String fingerprint() {
        Hasher h = Hashing.sha256().newHasher();
        try {
            for (Path dir : ruleDirs) {
                if (!Files.isDirectory(dir)) {
                    h.putString("missing " + dir, StandardCharsets.UTF_8);
                    continue;
                }
                try (Stream<Path> files = Files.walk(dir, 3)) {
                    for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                        h.putString(dir.relativize(f).toString(), StandardCharsets.UTF_8);
                        h.putBytes(Files.readAllBytes(f));
                    }
                }
            }
            for (Path p : parameterFiles) {
                h.putString(p.toString(), StandardCharsets.UTF_8);
                if (Files.isRegularFile(p)) {
                    h.putBytes(Files.readAllBytes(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return h.hash().toString();
    }

    /** Configures a {@link ReloadingPolicyEngine}. */
    public static final class Builder {
        private final List<Path> ruleDirs = new ArrayList<>();
        private final List<Path> parameterFiles = new ArrayList<>();
        private final List<RulePack> fixedPacks = new ArrayList<>();
        private final List<ReloadListener> listeners = new ArrayList<>();
        private Consumer<PolicyEngine.Builder> configuration = b -> { };
        private Duration pollInterval = Duration.ofSeconds(2);
        private Duration settle = Duration.ofMillis(200);

        private Builder() {
        }

        /** A rule directory (a pack, or a directory of packs) to watch; repeatable. */
        public Builder watchRules(Path dir) {
            ruleDirs.add(dir);
            return this;
        }

        /** A parameter file laid over the pack defaults, watched too; repeatable, later files win. */
        public Builder watchParameters(Path file) {
            parameterFiles.add(file);
            return this;
        }

        /** Packs that do not change while the system runs (e.g. the class path packs). */
        public Builder addPacks(Collection<? extends RulePack> packs) {
            fixedPacks.addAll(packs);
            return this;
        }

        /** Further engine settings applied to every build (e.g. {@code b -> b.maxFiringsPerCase(500)}). */
        public Builder configure(Consumer<PolicyEngine.Builder> configuration) {
            this.configuration = Objects.requireNonNull(configuration);
            return this;
        }

        /** How often to look for edits (default 2 s); {@link Duration#ZERO} for none: call {@link #reloadNow()}. */
        public Builder pollInterval(Duration interval) {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("poll interval must not be negative");
            }
            this.pollInterval = interval;
            return this;
        }

        /**
         * How long the files must stay the same before an edit is built (default 200 ms), so that
         * a file written in several steps is built only once it is whole; {@link Duration#ZERO}: at once.
         */
        public Builder settle(Duration settle) {
            if (settle.isNegative()) {
                throw new IllegalArgumentException("settle time must not be negative");
            }
            this.settle = settle;
            return this;
        }

        public Builder addListener(ReloadListener listener) {
            listeners.add(Objects.requireNonNull(listener));
            return this;
        }

        /**
         * Builds the first engine and starts polling.
         *
         * @throws PolicyException when the rules cannot be used at start (there is no last good engine yet)
         */
        public ReloadingPolicyEngine build() {
            if (ruleDirs.isEmpty() && fixedPacks.isEmpty()) {
                throw new IllegalStateException("no rule directory to watch and no packs");
            }
            return new ReloadingPolicyEngine(this);
        }
    }
}
