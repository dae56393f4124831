package org.fuyu.policy.server;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters behind {@code GET /v1/metrics}, written in the Prometheus text format (0.0.4):
 * requests by route and status, a latency histogram by route, decisions made, records
 * rejected, reloads by outcome, requests in flight. Hand-written: the format is a few lines of
 * text and a client library would be the server's only extra jar.
 */
final class Metrics {
    /** Histogram bucket upper bounds in seconds. */
    static final double[] BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
    private final LongAdder decisions = new LongAdder();
    private final LongAdder recordErrors = new LongAdder();
    private final Map<String, LongAdder> reloads = new ConcurrentHashMap<>();
    final AtomicInteger inFlight = new AtomicInteger();

    private static final class Histogram {
        final LongAdder[] counts = new LongAdder[BUCKETS.length];
        final LongAdder count = new LongAdder();
        final java.util.concurrent.atomic.DoubleAdder sum = new java.util.concurrent.atomic.DoubleAdder();

        Histogram() {
            for (int i = 0; i < counts.length; i++) {
                counts[i] = new LongAdder();
            }
        }

        void observe(double seconds) {
            count.increment();
            sum.add(seconds);
            for (int i = 0; i < BUCKETS.length; i++) {
                if (seconds <= BUCKETS[i]) {
                    counts[i].increment();
                    return;
                }
            }
        }
    }

    void request(String route, int status, long nanos) {
        requests.computeIfAbsent(route + "\u0000" + status, k -> new LongAdder()).increment();
        latency.computeIfAbsent(route, k -> new Histogram()).observe(nanos / 1e9);
    }

    void decisions(long n) {
        decisions.add(n);
    }

    void recordErrors(long n) {
        recordErrors.add(n);
    }

    void reload(String outcome) {
        reloads.computeIfAbsent(outcome, k -> new LongAdder()).increment();
    }

    String text() {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("# HELP fuyu_requests_total HTTP requests answered, by route and status.\n");
        sb.append("# TYPE fuyu_requests_total counter\n");
        new TreeMap<>(requests).forEach((k, v) -> {
            int i = k.indexOf('\u0000');
            sb.append("fuyu_requests_total{route=\"").append(k, 0, i).append("\",status=\"").append(k.substring(i + 1))
                    .append("\"} ").append(v.sum()).append('\n');
        });
        sb.append("# HELP fuyu_request_duration_seconds Time from request to the end of the answer, by route.\n");
        sb.append("# TYPE fuyu_request_duration_seconds histogram\n");
        new TreeMap<>(latency).forEach((route, h) -> {
            long cumulative = 0;
            for (int i = 0; i < BUCKETS.length; i++) {
                cumulative += h.counts[i].sum();
                sb.append("fuyu_request_duration_seconds_bucket{route=\"").append(route).append("\",le=\"")
                        .append(java.math.BigDecimal.valueOf(BUCKETS[i]).toPlainString()).append("\"} ").append(cumulative).append('\n');
            }
            long count = h.count.sum();
            sb.append("fuyu_request_duration_seconds_bucket{route=\"").append(route).append("\",le=\"+Inf\"} ")
                    .append(count).append('\n');
            sb.append("fuyu_request_duration_seconds_sum{route=\"").append(route).append("\"} ").append(h.sum.sum()).append('\n');
            sb.append("fuyu_request_duration_seconds_count{route=\"").append(route).append("\"} ").append(count).append('\n');
        });
        sb.append("# HELP fuyu_decisions_total Decisions answered (evaluate and stream).\n");
        sb.append("# TYPE fuyu_decisions_total counter\n");
        sb.append("fuyu_decisions_total ").append(decisions.sum()).append('\n');
        sb.append("# HELP fuyu_record_errors_total Input records rejected (answered in errors).\n");
        sb.append("# TYPE fuyu_record_errors_total counter\n");
        sb.append("fuyu_record_errors_total ").append(recordErrors.sum()).append('\n');
        sb.append("# HELP fuyu_reloads_total Rule reload attempts, by outcome (LOADED, REJECTED).\n");
        sb.append("# TYPE fuyu_reloads_total counter\n");
        new TreeMap<>(reloads).forEach((k, v) -> sb.append("fuyu_reloads_total{outcome=\"").append(k).append("\"} ")
                .append(v.sum()).append('\n'));
        sb.append("# HELP fuyu_requests_in_flight Requests being answered now.\n");
        sb.append("# TYPE fuyu_requests_in_flight gauge\n");
        sb.append("fuyu_requests_in_flight ").append(inFlight.get()).append('\n');
        return sb.toString();
    }
}
