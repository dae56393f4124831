package org.fuyu.policy.packs;

import java.nio.charset.StandardCharsets;

/**
 * One rule file of a pack.
 *
 * @param name the file name inside the pack, e.g. {@code low-income-relief.drl}
 * @param location where it came from, for messages (a path or a class path location)
 * @param content the file's bytes
 */
public record PackResource(String name, String location, byte[] content) {

    public Kind kind() {
        return Kind.of(name);
    }

    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    /** The kinds of rule file a pack may hold. */
    public enum Kind {
        DRL, DECISION_TABLE_CSV, DECISION_TABLE_XLSX, OTHER;

        public static Kind of(String name) {
            if (name.endsWith(".drl")) {
                return DRL;
            }
            if (name.endsWith(".csv")) {
                return DECISION_TABLE_CSV;
            }
            if (name.endsWith(".xlsx")) {
                return DECISION_TABLE_XLSX;
            }
            return OTHER;
        }
    }
}
