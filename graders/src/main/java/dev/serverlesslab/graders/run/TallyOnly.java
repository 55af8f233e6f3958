package dev.serverlesslab.graders.run;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.platform.engine.UniqueId;
import org.opentest4j.TestAbortedException;

/**
 * Lets a check run count its checks without running them ({@link CheckRunner#tally}): every test and every invocation
 * of a parameterized or repeated test is skipped, while classes, nested classes and test templates still start, so
 * they make the leaves a grading would see; a dynamic test (whose conditions Jupiter does not ask) is aborted before
 * its body runs. Auto-detected only for a tally; a grading never registers it.
 */
public final class TallyOnly implements ExecutionCondition, InvocationInterceptor {

    private static final ConditionEvaluationResult COUNT = ConditionEvaluationResult.disabled("counted, not run");
    private static final ConditionEvaluationResult START = ConditionEvaluationResult.enabled("makes checks");

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String leaf = UniqueId.parse(context.getUniqueId()).getLastSegment().getType();
        // "method" is a @Test; "test-template-invocation" one run of a @ParameterizedTest or @RepeatedTest. Their
        // parents ("class", "nested-class", "test-template", "test-factory") must start to make their children.
        return leaf.equals("method") || leaf.equals("test-template-invocation") ? COUNT : START;
    }

    @Override
    public void interceptDynamicTest(Invocation<Void> invocation, DynamicTestInvocationContext invocationContext,
                                     ExtensionContext extensionContext) {
        invocation.skip();
        throw new TestAbortedException("counted, not run");
    }

}
