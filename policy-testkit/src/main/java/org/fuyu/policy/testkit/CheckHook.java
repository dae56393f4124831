package org.fuyu.policy.testkit;

import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/** Gives every property of {@link CheckSuite} the check's tries and seed, and records how it ended. */
public final class CheckHook implements AroundPropertyHook {

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        PolicyCheck.Run run = PolicyCheck.current();
        context.attributes().setTries(run.options().tries());
        context.attributes().setSeed(run.options().seed());
        context.attributes().setAfterFailure(AfterFailureMode.RANDOM_SEED);
        PropertyExecutionResult result = property.execute();
        run.record(context.label(), context.targetMethod().getName(), result);
        return result;
    }
}
