package org.fuyu.policy.server;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.fuyu.policy.PackInfo;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.ReloadingPolicyEngine;

/**
 * Where the server takes its engine from: one fixed {@link PolicyEngine}, or a
 * {@link ReloadingPolicyEngine} whose edits go live while the server runs. Each request takes
 * {@link #current()} once and keeps it to its end, so a reload never changes a request in flight.
 */
public final class EngineSource implements AutoCloseable {
    /** The last reload attempt as {@code GET /v1/packs} shows it. */
    public record Reload(long sequence, String outcome, Instant at, List<String> problems) {
    }

    private final PolicyEngine fixed;
    private final ReloadingPolicyEngine reloading;
    private volatile Reload last;
    private volatile Consumer<Reload> onReload = r -> { };

    private EngineSource(PolicyEngine fixed, ReloadingPolicyEngine.Builder reloading) {
        this.fixed = fixed;
        if (reloading != null) {
            reloading.addListener(e -> {
                Reload r = new Reload(e.sequence(), e.status().name(), Instant.now(),
                        e.problems().stream().map(Object::toString).toList());
                last = r;
                onReload.accept(r);
            });
            this.reloading = reloading.build();
        } else {
            this.reloading = null;
        }
    }

    /** Serves one engine for the server's lifetime. */
    public static EngineSource fixed(PolicyEngine engine) {
        return new EngineSource(Objects.requireNonNull(engine), null);
    }

    /**
     * Builds the reloading engine (the first build must succeed) and serves whatever it holds;
     * a rejected edit leaves the last good engine serving.
     */
    public static EngineSource reloading(ReloadingPolicyEngine.Builder builder) {
        return new EngineSource(null, Objects.requireNonNull(builder));
    }

    /** The engine serving now; keep the reference for a whole request. */
    public PolicyEngine current() {
        return fixed != null ? fixed : reloading.current();
    }

    /** The reloading engine, or null when the rules are fixed. */
    public ReloadingPolicyEngine reloading() {
        return reloading;
    }

    /** The last reload attempt, or null for fixed rules. */
    public Reload lastReload() {
        return last;
    }

    void onReload(Consumer<Reload> listener) {
        this.onReload = Objects.requireNonNull(listener);
    }

    /** The {@code Fuyu-Packs} header value: {@code id@version} of every pack, comma-separated. */
    static String packsHeader(PolicyEngine engine) {
        StringBuilder sb = new StringBuilder();
        for (PackInfo p : engine.packs()) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(p.id()).append('@').append(p.version());
        }
        return sb.toString();
    }

    @Override
    public void close() {
        if (reloading != null) {
            reloading.close();
        }
    }
}
