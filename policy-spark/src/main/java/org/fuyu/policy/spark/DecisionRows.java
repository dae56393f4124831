package org.fuyu.policy.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.fuyu.policy.io.FactMapper;
import org.fuyu.policy.io.RecordError;

/**
 * Decision lines (the exact text of {@code decisions.jsonl}) as {@link Schemas#DECISIONS} rows,
 * and rejected records as {@link Schemas#ERRORS} rows and back to {@code errors.jsonl} lines.
 * Values whose type varies (a criterion's actual and required value, its gap) stay JSON text,
 * so nothing is rounded or retyped on the way.
 */
final class DecisionRows {
    /** Decimals read as written ("0.50" stays 0.50, as in the decision line). */
    private static final ObjectMapper JSON = FactMapper.get().copy()
            .configure(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    private static final com.fasterxml.jackson.databind.ObjectWriter LINE = JSON.writer()
            .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

    private DecisionRows() {
    }

    static Row decision(String line) {
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not a decision line: " + e.getOriginalMessage(), e);
        }
        List<Row> reasons = new ArrayList<>();
        for (JsonNode c : n.path("reasons")) {
            reasons.add(criterion(c));
        }
        return RowFactory.create(text(n, "subjectType"), text(n, "subjectId"), text(n, "code"), text(n, "outcome"),
                n.hasNonNull("amountYuan") ? n.get("amountYuan").longValue() : null, text(n, "pack"),
                text(n, "packVersion"), text(n, "rule"), scala.jdk.javaapi.CollectionConverters.asScala(reasons).toSeq(),
                text(n, "citation"), date(n, "asOf"));
    }

    private static Row criterion(JsonNode c) {
        return RowFactory.create(text(c, "criterion"), c.path("passed").asBoolean(), json(c, "actual"),
                text(c, "operator"), json(c, "required"), text(c, "parameter"), date(c, "effective"), json(c, "gap"),
                json(c, "anyOf"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static java.sql.Date date(JsonNode n, String field) {
        String s = text(n, field);
        return s == null ? null : java.sql.Date.valueOf(java.time.LocalDate.parse(s));
    }

    /** A value as the JSON text decisions.jsonl has for it (decimals keep their digits). */
    private static String json(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            return LINE.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An {@code errors.jsonl} line, exactly as {@code fuyu evaluate} writes it. */
    static String errorLine(Row r) {
        RecordError e = new RecordError(r.getString(0), r.getInt(1), r.getString(2), r.getString(3),
                r.isNullAt(4) ? null : r.getString(4), r.isNullAt(5) ? null : r.getString(5), r.isNullAt(6) ? null : r.getString(6));
        try {
            return LINE.writeValueAsString(e);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
