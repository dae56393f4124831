package org.fuyu.policy.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A line of {@code errors.jsonl}: a rejected input record — which file, which line, which field (a
 * path such as {@code members[1].age}, empty for the whole record) and what was expected — or a
 * record that was evaluated but lacks a decision: {@code code} names the decision not made and
 * {@code parameter} the parameter without a value on the run's date.
 * Messages are in Chinese and English when the language is Chinese ({@link RecordMessages}), in
 * English otherwise.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"file", "line", "field", "message", "id", "code", "parameter"})
public record RecordError(String file, int line, String field, String message, String id, String code, String parameter) {

    /** In Chinese ({@link org.fuyu.policy.Lang#ZH}) a message is given in Chinese first, then in English. */
    public RecordError {
        message = RecordMessages.localize(message);
    }

    public RecordError(String file, int line, String field, String message) {
        this(file, line, field, message, null, null, null);
    }

    public RecordError(String file, int line, String field, String message, String id) {
        this(file, line, field, message, id, null, null);
    }

    @Override
    public String toString() {
        return file + ":" + line + ": " + (field == null || field.isEmpty() ? "" : field + ": ") + message;
    }
}
