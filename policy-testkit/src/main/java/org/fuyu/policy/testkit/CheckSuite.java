package org.fuyu.policy.testkit;

import java.time.LocalDate;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.PropagationMode;
import org.fuyu.policy.PolicyEngine;

/**
 * The property suite as {@link PolicyCheck} runs it: the engine, date, tries and seed of the
 * check in progress. Not for use in a build; subclass {@link PolicyPropertySuite} there.
 */
@AddLifecycleHook(value = CheckHook.class, propagateTo = PropagationMode.ALL_DESCENDANTS)
public class CheckSuite extends PolicyPropertySuite {

    @Override
    protected PolicyEngine engine() {
        return PolicyCheck.current().engine();
    }

    @Override
    protected LocalDate asOf() {
        return PolicyCheck.current().options().asOf();
    }

    @Override
    protected void evaluated(Evaluation evaluation) {
        PolicyCheck.current().evaluated(evaluation);
    }
}
