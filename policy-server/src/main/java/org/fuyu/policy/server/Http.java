package org.fuyu.policy.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fuyu.policy.io.FactMapper;

/** Reading requests and writing answers on a {@link HttpExchange}. */
final class Http {
    static final String JSON = "application/json; charset=utf-8";
    static final String NDJSON = "application/x-ndjson; charset=utf-8";
    static final String TEXT = "text/plain; charset=utf-8";
    static final ObjectWriter WRITER = FactMapper.get().writer().without(SerializationFeature.INDENT_OUTPUT);

    private Http() {
    }

    /**
     * The whole body, at most {@code limit} bytes.
     *
     * @throws ApiException 413 when the body is longer (by its Content-Length, or while reading a chunked body)
     */
    static byte[] body(HttpExchange ex, long limit) throws IOException {
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            long n;
            try {
                n = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("Content-Length 无效。", "Invalid Content-Length.");
            }
            if (n > limit) {
                throw tooLarge(limit);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length != null ? (int) Math.min(limit, Long.parseLong(length.trim())) : 8192);
        byte[] buf = new byte[8192];
        try (InputStream in = ex.getRequestBody()) {
            int r;
            long total = 0;
            while ((r = in.read(buf)) > 0) {
                total += r;
                if (total > limit) {
                    throw tooLarge(limit);
                }
                out.write(buf, 0, r);
            }
        }
        return out.toByteArray();
    }

    static ApiException tooLarge(long limit) {
        return new ApiException(413, "请求体超过上限 " + limit + " 字节；请分成几次较小的请求，或用 /v1/evaluate/stream 流式提交。",
                "The body is larger than the limit of " + limit + " bytes; split it into smaller requests or stream it "
                        + "to /v1/evaluate/stream.");
    }

    static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static void json(HttpExchange ex, Object value) throws IOException {
        send(ex, 200, JSON, bytes(value));
    }

    static byte[] bytes(Object value) {
        try {
            return WRITER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the answer", e);
        }
    }

    static void text(HttpExchange ex, int status, String text) throws IOException {
        send(ex, status, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The query parameters (the last value of each name). */
    static Map<String, String> query(HttpExchange ex) {
        Map<String, String> out = new LinkedHashMap<>();
        String q = ex.getRequestURI().getRawQuery();
        if (q == null || q.isEmpty()) {
            return out;
        }
        for (String pair : q.split("&")) {
            int i = pair.indexOf('=');
            String k = URLDecoder.decode(i < 0 ? pair : pair.substring(0, i), StandardCharsets.UTF_8);
            String v = i < 0 ? "" : URLDecoder.decode(pair.substring(i + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    /** The {@code asOf} query parameter, or today when absent. */
    static LocalDate asOf(Map<String, String> query) {
        String s = query.get("asOf");
        if (s == null || s.isEmpty()) {
            return LocalDate.now();
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("查询参数 asOf 应为日期 YYYY-MM-DD，例如 asOf=2025-06-30。",
                    "The query parameter asOf must be a date YYYY-MM-DD, e.g. asOf=2025-06-30.");
        }
    }

    static boolean flag(Map<String, String> query, String name) {
        String s = query.get(name);
        if (s == null || s.isEmpty() || s.equals("false")) {
            return false;
        }
        if (s.equals("true")) {
            return true;
        }
        throw ApiException.badRequest("查询参数 " + name + " 应为 true 或 false。",
                "The query parameter " + name + " must be true or false.");
    }

    static void rejectQuery(Map<String, String> query, java.util.Set<String> allowed) {
        for (String k : query.keySet()) {
            if (!allowed.contains(k)) {
                throw ApiException.badRequest("未知查询参数 '" + k + "'；可用：" + allowed + "。",
                        "Unknown query parameter '" + k + "'; expected one of " + allowed + ".");
            }
        }
    }
}
