package org.fuyu.policy.testkit;

/**
 * One input record a reader must reject.
 *
 * @param file the input file it belongs in (households.jsonl, businesses.jsonl, villages.jsonl, counties.jsonl)
 * @param json the record, one line
 * @param field the field the error must name (a path such as {@code members[0].age}); empty when the
 *     record as a whole is unreadable (not JSON, a duplicate key)
 * @param defect what is wrong with it, in words
 */
public record InvalidRecord(String file, String json, String field, String defect) {

    /** The fact type its file holds. */
    public Class<?> type() {
        return switch (file) {
            case "households.jsonl" -> org.fuyu.policy.facts.Household.class;
            case "businesses.jsonl" -> org.fuyu.policy.facts.Business.class;
            case "villages.jsonl" -> org.fuyu.policy.facts.Village.class;
            case "counties.jsonl" -> org.fuyu.policy.facts.County.class;
            default -> throw new IllegalStateException(file);
        };
    }

    /** Whether a reported field path names this record's defect: the field itself or a part of it. */
    public boolean named(String reported) {
        if (field.isEmpty()) {
            return reported == null || reported.isEmpty();
        }
        return reported != null && (reported.equals(field) || reported.startsWith(field + "[")
                || reported.startsWith(field + "."));
    }

    @Override
    public String toString() {
        return file + " (" + defect + "): " + json;
    }
}
