package org.fuyu.policy.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A rejected input record: which file, which line, which field (a path such as
 * {@code members[1].age}, empty for the whole record) and what was expected — in Chinese and
 * English when the language is Chinese ({@link RecordMessages}), in English otherwise.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"file", "line", "field", "message", "id"})
public record RecordError(String file, int line, String field, String message, String id) {

    /** In Chinese ({@link org.fuyu.policy.Lang#ZH}) a message is given in Chinese first, then in English. */
    public RecordError {
        message = RecordMessages.localize(message);
    }

    public RecordError(String file, int line, String field, String message) {
        this(file, line, field, message, null);
    }

    @Override
    public String toString() {
        return file + ":" + line + ": " + (field == null || field.isEmpty() ? "" : field + ": ") + message;
    }
}
