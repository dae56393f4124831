package org.fuyu.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One criterion of a decision as it was checked: the actual value, the operator, the required
 * value and the parameter (with the date its value took effect) the requirement came from.
 * The check itself and this record are made by one call (see
 * {@code org.fuyu.policy.evaluation.Criteria}), so the explanation cannot drift from the logic.
 *
 * @param criterion what was checked, in the policy's words (a fact field or derived value)
 * @param actual the case's value
 * @param operator {@code <}, {@code <=}, {@code >=}, {@code >}, {@code ==}, {@code !=},
 *     {@code in}, {@code not in}, {@code any of}, {@code none of}
 * @param required the value the case was checked against
 * @param parameter the parameter the required value came from, or null for a fixed fact
 * @param effective the date the parameter's value took effect
 * @param gap for a failed numeric criterion, how far the actual value is from the requirement
 * @param passed whether the case met it
 * @param anyOf for composite criteria, the parts
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"criterion", "passed", "actual", "operator", "required", "parameter", "effective", "gap", "anyOf"})
public record Criterion(String criterion, Object actual, String operator, Object required, String parameter,
                        LocalDate effective, BigDecimal gap, boolean passed, List<Criterion> anyOf) {

    public Criterion {
        anyOf = anyOf == null || anyOf.isEmpty() ? null : List.copyOf(anyOf);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(criterion).append(' ').append(actual).append(' ')
                .append(operator).append(' ').append(required);
        if (parameter != null) {
            sb.append(" (").append(parameter);
            if (effective != null) {
                sb.append(" from ").append(effective);
            }
            sb.append(')');
        }
        return sb.append(passed ? " ✓" : " ✗").toString();
    }
}
