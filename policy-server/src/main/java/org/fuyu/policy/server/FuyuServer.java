package org.fuyu.policy.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.fuyu.policy.PolicyEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Fuyu decision service: the JDK's {@link HttpServer} on a bounded thread pool, routes
 * under {@code /v1} (documented in {@code openapi.json}), every answer with the
 * {@code Fuyu-Packs} header of the engine that made it. Limits: a body size (413), a number of
 * requests answered at once (503 with {@code Retry-After}), a time budget per request (504).
 * With a token every route but {@code /v1/health} needs {@code Authorization: Bearer <token>}.
 */
public final class FuyuServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FuyuServer.class);

    static {
        // The JDK server writes headers and body in two writes; with Nagle's algorithm and delayed
        // ACKs every small answer would wait ~40 ms. Read once, when the server classes load.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** A route: method, whether it needs the token, whether it counts against the concurrency limit. */
    record Route(String method, boolean auth, boolean limited, Handler handler) {
    }

    @FunctionalInterface
    interface Handler {
        /** Answers the request (headers and body) on the engine given. */
        void handle(HttpExchange ex, PolicyEngine engine, long deadlineNanos) throws IOException;
    }

    private final HttpServer http;
    private final ThreadPoolExecutor executor;
    private final EngineSource engines;
    private final byte[] token;
    private final Semaphore permits;
    private final Duration budget;
    final Metrics metrics = new Metrics();
    private final Map<String, Route> routes = new LinkedHashMap<>();

    private FuyuServer(Builder b) throws IOException {
        this.engines = b.engines;
        this.token = b.token == null ? null : b.token.getBytes(StandardCharsets.UTF_8);
        this.permits = new Semaphore(b.maxConcurrent);
        this.budget = b.budget;
        Api api = new Api(this, b.maxBodyBytes, b.streamThreads);
        CompareApi compare = new CompareApi(b.maxBodyBytes);
        InfoApi info = new InfoApi(this);
        routes.put("/v1/evaluate", new Route("POST", true, true, api::evaluate));
        routes.put("/v1/evaluate/stream", new Route("POST", true, true, api::stream));
        routes.put("/v1/compare", new Route("POST", true, true, compare::compare));
        routes.put("/v1/packs", new Route("GET", true, false, info::packs));
        routes.put("/v1/parameters", new Route("GET", true, false, info::parameters));
        routes.put("/v1/health", new Route("GET", false, false, info::health));
        routes.put("/v1/metrics", new Route("GET", true, false, info::metrics));
        routes.put("/v1/openapi.json", new Route("GET", true, false, info::openapi));
        engines.onReload(r -> metrics.reload(r.outcome()));
        if (engines.lastReload() != null) {
            metrics.reload(engines.lastReload().outcome());
        }
        // workers: the requests answered at once, plus a few to refuse the rest (503) and answer health and metrics
        int workers = b.maxConcurrent + 4;
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(workers, workers, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(workers * 8), r -> {
                    Thread t = new Thread(r, "fuyu-http-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        this.http = HttpServer.create(new InetSocketAddress(b.bind, b.port), 256);
        http.setExecutor(executor);
        http.createContext("/", this::handle);
        http.start();
        LOG.info("Fuyu decision service on {} with packs {}", uri(), EngineSource.packsHeader(engines.current()));
    }

    public static Builder builder(EngineSource engines) {
        return new Builder(engines);
    }

    /** The address the server listens on (the port chosen when 0 was asked for). */
    public InetSocketAddress address() {
        return http.getAddress();
    }

    public URI uri() {
        InetSocketAddress a = address();
        String host = a.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort());
    }

    EngineSource engines() {
        return engines;
    }

    Map<String, Route> routes() {
        return routes;
    }

    private void handle(HttpExchange ex) {
        long start = System.nanoTime();
        String path = ex.getRequestURI().getPath();
        Route route = routes.get(path);
        String name = route == null ? "other" : path;
        PolicyEngine engine = engines.current(); // the whole request runs on this engine
        ex.getResponseHeaders().set("Fuyu-Packs", EngineSource.packsHeader(engine));
        boolean permit = false;
        metrics.inFlight.incrementAndGet();
        try {
            if (route == null) {
                throw new ApiException(404, "没有这个地址：" + path + "。可用地址见 GET /v1/openapi.json。",
                        "No such route: " + path + ". See GET /v1/openapi.json for the routes.");
            }
            if (!route.method().equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().set("Allow", route.method());
                throw new ApiException(405, path + " 只接受 " + route.method() + " 请求。",
                        path + " accepts " + route.method() + " only.");
            }
            if (route.auth() && token != null && !authorized(ex)) {
                ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"fuyu\"");
                throw new ApiException(401, "需要令牌：请加请求头 Authorization: Bearer <令牌>（令牌见服务的 --token-file）。",
                        "A token is required: send the header Authorization: Bearer <token> (the service's --token-file).");
            }
            if (route.limited()) {
                permit = permits.tryAcquire();
                if (!permit) {
                    ex.getResponseHeaders().set("Retry-After", "1");
                    throw new ApiException(503, "同时处理的请求已达上限；请 1 秒后重试。",
                            "Too many requests at once; retry after 1 second.");
                }
            }
            route.handler().handle(ex, engine, start + budget.toNanos());
        } catch (ApiException e) {
            answerError(ex, e.status(), e.body());
        } catch (IOException | UncheckedIOException e) {
            // the client went away or sent a broken request; nothing to answer
            LOG.debug("{} {}: {}", ex.getRequestMethod(), name, e.toString());
            answerError(ex, 400, "无法读取请求或写回答。\nCannot read the request or write the answer.\n");
        } catch (RuntimeException | Error e) {
            LOG.warn("{} {} failed: {}", ex.getRequestMethod(), name, e.getClass().getName());
            LOG.debug("{} {} failed", ex.getRequestMethod(), name, e);
            answerError(ex, 500, "服务内部错误；请求未完成，请稍后重试并告知管理员。\n"
                    + "Internal error; the request was not completed. Retry later and tell the administrator.\n");
        } finally {
            if (permit) {
                permits.release();
            }
            metrics.inFlight.decrementAndGet();
            int status = ex.getResponseCode();
            ex.close();
            metrics.request(name, status, System.nanoTime() - start);
        }
    }

    /** Sends an error answer unless the headers are already out (then the connection is closed). */
    private static void answerError(HttpExchange ex, int status, String body) {
        if (ex.getResponseCode() != -1) {
            return;
        }
        try {
            Http.text(ex, status, body);
        } catch (IOException e) {
            LOG.debug("cannot send error answer: {}", e.toString());
        }
    }

    /** Constant-time comparison of the bearer token. */
    private boolean authorized(HttpExchange ex) {
        String h = ex.getRequestHeaders().getFirst("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(token, h.substring(7).trim().getBytes(StandardCharsets.UTF_8));
    }

    /** Stops taking requests, lets those in flight finish for up to {@code grace}, then stops. */
    public void stop(Duration grace) {
        http.stop((int) Math.max(0, grace.toSeconds()));
        executor.shutdownNow();
    }

    @Override
    public void close() {
        stop(Duration.ZERO);
    }

    /** Configures a {@link FuyuServer}. */
    public static final class Builder {
        private final EngineSource engines;
        private String bind = "127.0.0.1";
        private int port = 8080;
        private String token;
        private long maxBodyBytes = 16L << 20;
        private int maxConcurrent = 32;
        private Duration budget = Duration.ofSeconds(30);
        private int streamThreads = Runtime.getRuntime().availableProcessors();

        private Builder(EngineSource engines) {
            this.engines = Objects.requireNonNull(engines);
        }

        public Builder bind(String address) {
            this.bind = Objects.requireNonNull(address);
            return this;
        }

        /** The port; 0 picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0–65535");
            }
            this.port = port;
            return this;
        }

        /** Every route but health then needs {@code Authorization: Bearer <token>}. */
        public Builder token(String token) {
            if (token != null && token.isBlank()) {
                throw new IllegalArgumentException("the token is empty");
            }
            this.token = token;
            return this;
        }

        /** Largest body of {@code /v1/evaluate} and {@code /v1/compare} (default 16 MiB); the stream has none. */
        public Builder maxBodyBytes(long n) {
            if (n < 1) {
                throw new IllegalArgumentException("max body bytes must be ≥ 1");
            }
            this.maxBodyBytes = n;
            return this;
        }

        /** Evaluate, stream and compare requests answered at once (default 32); more get 503. */
        public Builder maxConcurrent(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("max concurrent must be ≥ 1");
            }
            this.maxConcurrent = n;
            return this;
        }

        /** Time budget of an evaluate or compare request (default 30 s); past it, 504. */
        public Builder timeBudget(Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("time budget must be positive");
            }
            this.budget = d;
            return this;
        }

        /** Worker threads of one streamed evaluation (default: all cores). */
        public Builder streamThreads(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("threads must be ≥ 1");
            }
            this.streamThreads = n;
            return this;
        }

        /** Starts the server. */
        public FuyuServer start() throws IOException {
            return new FuyuServer(this);
        }
    }
}
