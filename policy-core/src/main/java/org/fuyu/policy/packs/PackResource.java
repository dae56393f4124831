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

    /**
     * The kinds of rule file a pack may hold: rule-language files ({@code *.rules.yaml}) and
     * their decision tables ({@code *.table.csv}, {@code *.table.xlsx}) anywhere; DRL and Drools
     * decision tables ({@code *.drl}, {@code *.drl.csv}, {@code *.drl.xlsx}) only in trusted packs.
     */
    public enum Kind {
        RULES, TABLE_CSV, TABLE_XLSX, DRL, DECISION_TABLE_CSV, DECISION_TABLE_XLSX, OTHER;

        public static Kind of(String name) {
            if (name.endsWith(".rules.yaml") || name.endsWith(".rules.yml")) {
                return RULES;
            }
            if (name.endsWith(".table.csv")) {
                return TABLE_CSV;
            }
            if (name.endsWith(".table.xlsx")) {
                return TABLE_XLSX;
            }
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

        /** Whether files of this kind are written in Fuyu's rule language (compiled by Fuyu, fenced by its grammar). */
        public boolean ruleLanguage() {
            return this == RULES || this == TABLE_CSV || this == TABLE_XLSX;
        }

        /** Whether files of this kind hold Java or DRL that only a trusted pack may carry. */
        public boolean code() {
            return this == DRL || this == DECISION_TABLE_CSV || this == DECISION_TABLE_XLSX;
        }
    }
}
