package org.fuyu.policy.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fuyu.policy.io.FactSource;

/**
 * The body of {@code POST /v1/evaluate} (and of {@code /v1/compare}): the envelope
 * ({@code asOf}, {@code explainDenials}, …) is checked here, strictly — malformed JSON or an
 * unknown or repeated top-level field is a 400. The records of each fact array are not read
 * here: each element's bytes become one JSON Lines record, named after its array, and the
 * evaluation reads them with the same fact reader as {@code fuyu evaluate}, so a malformed
 * record is rejected with the same file/line/field/message as there ({@code line} is then the
 * element's line in that JSON Lines view, the array index + 1; {@link #index} turns it back).
 */
final class RequestFacts {
    static final List<String> KINDS = List.of("households", "businesses", "villages", "counties");

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
                    .maxStringLength(64 << 20).build())
            .build();

    LocalDate asOf;
    boolean explainDenials;
    /** Change sets per denial asked for ({@code "whatWouldChange": N}, 1–20), or 0. */
    int whatWouldChange;
    /** For compare: the reform file's content and the benefit codes (null: the default). */
    String reform;
    List<String> benefitCodes;
    final Map<String, byte[]> records = new LinkedHashMap<>();
    final Map<String, Integer> counts = new LinkedHashMap<>();

    private RequestFacts() {
    }

    /**
     * @param compare whether the compare fields ({@code reform}, {@code benefitCodes}) are allowed
     * @throws ApiException 400 for malformed JSON, an unknown or repeated field, a bad asOf
     */
    static RequestFacts parse(byte[] body, boolean compare) {
        RequestFacts f = new RequestFacts();
        Set<String> seen = new HashSet<>();
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw ApiException.badRequest("请求体应为一个 JSON 对象：{\"asOf\":\"YYYY-MM-DD\",\"households\":[...]}。",
                        "The body must be one JSON object: {\"asOf\":\"YYYY-MM-DD\",\"households\":[...]}.");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                if (!seen.add(field)) {
                    throw ApiException.badRequest("字段 '" + field + "' 出现了两次；每个字段只写一次。",
                            "Field '" + field + "' appears twice; give each field once.");
                }
                JsonToken v = p.nextToken();
                switch (field) {
                    case "asOf" -> f.asOf = date(p, v);
                    case "explainDenials" -> {
                        if (v != JsonToken.VALUE_TRUE && v != JsonToken.VALUE_FALSE) {
                            throw ApiException.badRequest("explainDenials 应为 true 或 false。",
                                    "explainDenials must be true or false.");
                        }
                        f.explainDenials = v == JsonToken.VALUE_TRUE;
                    }
                    case "whatWouldChange" -> {
                        if (compare) {
                            throw unknown(field, true);
                        }
                        if (v != JsonToken.VALUE_NUMBER_INT || p.getLongValue() < 1
                                || p.getLongValue() > org.fuyu.policy.EvaluationOptions.MAX_CHANGE_SETS) {
                            throw ApiException.badRequest("whatWouldChange 应为 1 到 " + org.fuyu.policy.EvaluationOptions.MAX_CHANGE_SETS
                                    + " 的整数（每个拒绝给出的改变组合数）。", "whatWouldChange must be a whole number 1 to "
                                    + org.fuyu.policy.EvaluationOptions.MAX_CHANGE_SETS + " (change sets per denial).");
                        }
                        f.whatWouldChange = p.getIntValue();
                    }
                    case "households", "businesses", "villages", "counties" -> f.array(field, p, v, body);
                    case "reform" -> {
                        if (!compare || v != JsonToken.VALUE_STRING) {
                            throw unknownOrWrong(field, compare, "the reform file's content as a string");
                        }
                        f.reform = p.getText();
                    }
                    case "benefitCodes" -> {
                        if (!compare || v != JsonToken.START_ARRAY) {
                            throw unknownOrWrong(field, compare, "an array of codes");
                        }
                        f.benefitCodes = new ArrayList<>();
                        while (p.nextToken() == JsonToken.VALUE_STRING) {
                            f.benefitCodes.add(p.getText());
                        }
                        if (p.currentToken() != JsonToken.END_ARRAY) {
                            throw unknownOrWrong(field, true, "an array of codes");
                        }
                    }
                    default -> throw unknown(field, compare);
                }
            }
            if (p.nextToken() != null) {
                throw ApiException.badRequest("JSON 对象之后还有内容；请只发送一个对象。",
                        "There is content after the JSON object; send one object only.");
            }
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("请求体不是有效的 JSON（第 " + line(e) + " 行）：" + e.getOriginalMessage()
                            + "。请修正后重发。",
                    "The body is not valid JSON (line " + line(e) + "): " + e.getOriginalMessage() + ". Fix it and resend.");
        } catch (IOException e) {
            throw ApiException.badRequest("无法读取请求体。", "Cannot read the body: " + e.getMessage());
        }
        return f;
    }

    private static int line(JsonProcessingException e) {
        return e.getLocation() == null ? 0 : e.getLocation().getLineNr();
    }

    private static LocalDate date(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_STRING) {
            try {
                return LocalDate.parse(p.getText());
            } catch (DateTimeParseException e) {
                // fall through
            }
        }
        throw ApiException.badRequest("asOf 应为日期 YYYY-MM-DD，例如 \"2025-06-30\"。",
                "asOf must be a date YYYY-MM-DD, e.g. \"2025-06-30\".");
    }

    private static ApiException unknown(String field, boolean compare) {
        String fields = "asOf, explainDenials" + (compare ? "" : ", whatWouldChange") + ", households, businesses, villages, counties"
                + (compare ? ", reform, benefitCodes" : "");
        return ApiException.badRequest("未知字段 '" + field + "'；可用字段：" + fields + "。",
                "Unknown field '" + field + "'; expected one of: " + fields + ".");
    }

    private static ApiException unknownOrWrong(String field, boolean compare, String expected) {
        if (!compare) {
            return unknown(field, false);
        }
        return ApiException.badRequest("字段 '" + field + "' 的值有误，应为：" + expected + "。",
                "Field '" + field + "' must be " + expected + ".");
    }

    /** Copies each element of a fact array as one JSON Lines record (raw bytes; line breaks between tokens become spaces). */
    private void array(String kind, JsonParser p, JsonToken v, byte[] body) throws IOException {
        if (v != JsonToken.START_ARRAY) {
            throw ApiException.badRequest("字段 '" + kind + "' 应为数组（与输入文件中的记录格式相同）。",
                    "Field '" + kind + "' must be an array of records (the shape of the input files).");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 2));
        int n = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                int start = (int) p.currentTokenLocation().getByteOffset();
                p.skipChildren();
                int end = (int) p.currentLocation().getByteOffset();
                for (int i = start; i < end; i++) {
                    byte b = body[i];
                    out.write(b == '\n' || b == '\r' ? ' ' : b); // raw line breaks can only stand between tokens
                }
            } else {
                // a scalar where a record belongs: written back as JSON, the reader rejects it
                try (JsonGenerator g = JSON.createGenerator(out)) {
                    g.copyCurrentEvent(p);
                }
            }
            out.write('\n');
            n++;
        }
        records.put(kind, out.toByteArray());
        counts.put(kind, n);
    }

    FactSource.Inputs inputs() {
        return new FactSource.Inputs(source("households"), source("businesses"), source("villages"), source("counties"));
    }

    private FactSource source(String kind) {
        byte[] b = records.get(kind);
        return b == null ? null : FactSource.of(kind, b);
    }

    int households() {
        return counts.getOrDefault("households", 0);
    }

    /** A JSON Lines line of one of the request's arrays back to the array index; other lines as they are. */
    static int index(String file, int line) {
        return KINDS.contains(file) ? line - 1 : line;
    }
}
