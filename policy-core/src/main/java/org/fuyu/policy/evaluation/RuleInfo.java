package org.fuyu.policy.evaluation;

import org.fuyu.policy.SubjectType;

/**
 * What a generated rule records beside its logic, kept out of the DRL text: the decision code,
 * the rule's name as policy staff gave it (a code, or a decision-table row), the citation, and
 * the note to write when a county indicator is not decided. Generated DRL refers to it by index.
 *
 * @param otherwiseEn the note when the decision's preconditions do not hold (English), or null
 */
public record RuleInfo(int index, String code, String name, String citation, SubjectType subject,
                       String otherwiseEn, String otherwiseZh, String file, int line) {

    /** The note for a decision not made, both languages. */
    public String otherwise() {
        if (otherwiseEn == null) {
            return null;
        }
        return otherwiseZh == null ? otherwiseEn : otherwiseEn + " (" + otherwiseZh + ")";
    }
}
