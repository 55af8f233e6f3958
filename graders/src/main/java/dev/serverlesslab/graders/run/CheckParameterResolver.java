package dev.serverlesslab.graders.run;

import dev.serverlesslab.graders.check.DeployedFunction;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands checks the objects of the grading that runs them. The grader puts its {@link CheckContext} into the launcher
 * session's store, so the same resolver serves gradings that run side by side without any static state.
 * It is registered through JUnit's extension auto-detection, switched on only for grading runs.
 */
public final class CheckParameterResolver implements ParameterResolver {

    static final String NAMESPACE = "dev.serverlesslab.graders";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == DeployedFunction.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        CheckContext context = extension
                .getStore(ExtensionContext.StoreScope.LAUNCHER_SESSION, Namespace.create(NAMESPACE))
                .get(CheckContext.class, CheckContext.class);
        if (context == null) {
            throw new ParameterResolutionException(
                    "No deployed function to inject: checks run only inside a Serverless Lab grading");
        }
        return context.function();
    }
}
