package org.fuyu.policy.server;

import com.sun.net.httpserver.HttpExchange;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fuyu.policy.EvaluationOptions;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.io.DirectoryEvaluation;
import org.fuyu.policy.io.FactSource;
import org.fuyu.policy.io.RecordError;
import org.fuyu.policy.io.RunSummary;

/**
 * {@code POST /v1/evaluate} and {@code POST /v1/evaluate/stream}: the same pipeline as
 * {@code fuyu evaluate} ({@link DirectoryEvaluation} over the request's records), so decisions,
 * errors and the summary have exactly the shapes of {@code decisions.jsonl},
 * {@code errors.jsonl} and {@code summary.json}.
 */
final class Api {
    private static final byte[] ERROR_OPEN = "{\"error\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUMMARY_OPEN = "{\"summary\":".getBytes(StandardCharsets.US_ASCII);

    private final FuyuServer server;
    private final long maxBodyBytes;
    private final int streamThreads;

    Api(FuyuServer server, long maxBodyBytes, int streamThreads) {
        this.server = server;
        this.maxBodyBytes = maxBodyBytes;
        this.streamThreads = streamThreads;
    }

    /** Past the deadline: 504 (checked after each batch of households and at the end). */
    static void checkBudget(long deadlineNanos) {
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new ApiException(504, "请求超过了时间预算，未完成；请分成较小的请求，或用 /v1/evaluate/stream 流式提交。",
                    "The request ran past its time budget and was stopped; split it into smaller requests or stream it "
                            + "to /v1/evaluate/stream.");
        }
    }

    void evaluate(HttpExchange ex, PolicyEngine engine, long deadline) throws IOException {
        Http.rejectQuery(Http.query(ex), Set.of());
        byte[] body = Http.body(ex, maxBodyBytes);
        RequestFacts facts = RequestFacts.parse(body, false);
        EvaluationOptions options = new EvaluationOptions(facts.asOf != null ? facts.asOf : LocalDate.now(),
                facts.explainDenials, facts.whatWouldChange);
        ByteArrayOutputStream decisions = new ByteArrayOutputStream(Math.max(1024, facts.households() * 2048));
        List<RecordError> errors = new ArrayList<>();
        // one thread for small requests: many clients at once keep the cores busy
        int threads = facts.households() > 4 * DirectoryEvaluation.DEFAULT_BATCH_SIZE ? streamThreads : 1;
        // batches no larger than the request: a one-household request allocates for one
        int batch = Math.max(1, Math.min(DirectoryEvaluation.DEFAULT_BATCH_SIZE, facts.households()));
        RunSummary summary = DirectoryEvaluation.builder(engine, options).threads(threads).batchSize(batch)
                .progress((n, read, total) -> checkBudget(deadline))
                .build().run(facts.inputs(), decisions, errors::add);
        checkBudget(deadline);

        ByteArrayOutputStream out = new ByteArrayOutputStream(decisions.size() + 4096);
        out.write("{\"decisions\":[".getBytes(StandardCharsets.US_ASCII));
        long n = joinLines(decisions.toByteArray(), out);
        out.write("],\"errors\":[".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < errors.size(); i++) {
            RecordError e = errors.get(i);
            if (i > 0) {
                out.write(',');
            }
            // the record's place in the request instead of a line; everything else as in errors.jsonl (code, parameter)
            out.write(Http.bytes(new RecordError(e.file(), RequestFacts.index(e.file(), e.line()), e.field(),
                    e.message(), e.id(), e.code(), e.parameter())));
        }
        out.write("],\"summary\":".getBytes(StandardCharsets.US_ASCII));
        out.write(Http.bytes(summary));
        out.write('}');
        server.metrics.decisions(n);
        server.metrics.recordErrors(errors.size());
        Http.send(ex, 200, Http.JSON, out.toByteArray());
    }

    /** Writes JSON Lines as the elements of a JSON array (commas for the line breaks); returns the count. */
    private static long joinLines(byte[] lines, OutputStream out) throws IOException {
        long n = 0;
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i] == '\n') {
                if (n > 0) {
                    out.write(',');
                }
                out.write(lines, start, i - start);
                n++;
                start = i + 1;
            }
        }
        return n;
    }

    /**
     * Households as JSON Lines in, decisions as JSON Lines out while they are made (chunked), a
     * rejected record as {@code {"error":{...}}} where it was met, and last {@code {"summary":{...}}}.
     * No body limit (one record may not pass {@code FactReader.MAX_LINE_LENGTH}) and no time budget.
     */
    void stream(HttpExchange ex, PolicyEngine engine, long deadline) throws IOException {
        Map<String, String> query = Http.query(ex);
        Http.rejectQuery(query, Set.of("asOf", "explainDenials"));
        EvaluationOptions options = new EvaluationOptions(Http.asOf(query), Http.flag(query, "explainDenials"));
        ex.getResponseHeaders().set("Content-Type", Http.NDJSON);
        ex.sendResponseHeaders(200, 0);
        long[] errors = {0};
        try (InputStream in = ex.getRequestBody();
             OutputStream out = new BufferedOutputStream(ex.getResponseBody(), 1 << 16)) {
            RunSummary summary;
            try {
                summary = DirectoryEvaluation.builder(engine, options).threads(streamThreads).build()
                        .run(new FactSource.Inputs(FactSource.of("households", in), null, null, null), out, e -> {
                            errors[0]++;
                            line(out, ERROR_OPEN, Http.bytes(e));
                        });
            } catch (UncheckedIOException e) {
                throw e; // the client went away
            } catch (RuntimeException e) {
                // the status is out already: say in the stream that it stopped, then close it
                line(out, ERROR_OPEN, Http.bytes(new RecordError("", 0, "", "服务内部错误，流在此中断 / internal error, "
                        + "the stream stopped here; resend the records after this point")));
                throw e;
            }
            line(out, SUMMARY_OPEN, Http.bytes(summary));
            server.metrics.decisions(decisionCount(summary));
        } finally {
            server.metrics.recordErrors(errors[0]);
        }
    }

    private static void line(OutputStream out, byte[] open, byte[] json) {
        try {
            out.write(open);
            out.write(json);
            out.write('}');
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long decisionCount(RunSummary s) {
        long n = 0;
        for (Map<String, RunSummary.Tally> byOutcome : s.decisions.values()) {
            for (RunSummary.Tally t : byOutcome.values()) {
                n += t.count;
            }
        }
        return n;
    }
}
