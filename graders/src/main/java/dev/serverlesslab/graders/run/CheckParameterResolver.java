package dev.serverlesslab.graders.run;

import dev.serverlesslab.graders.check.DeployedFunction;
import dev.serverlesslab.graders.check.Functions;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import java.util.Optional;

/**
 * Hands checks the objects of the grading that runs them. The grader puts its {@link CheckContext} into the launcher
 * session's store, so the same resolver serves gradings that run side by side without any static state.
 * It is registered through JUnit's extension auto-detection, switched on only for grading runs.
 */
public final class CheckParameterResolver implements ParameterResolver {

    static final String NAMESPACE = "dev.serverlesslab.graders";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        // Outside a grading there is no context; claiming the function anyway gives the clear message below.
        return type == DeployedFunction.class
                || context(extension).map(context -> context.offers(type)).orElse(false);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        CheckContext context = context(extension).orElseThrow(() -> new ParameterResolutionException(
                "No " + type.getSimpleName() + " to inject: checks run only inside a Serverless Lab grading"));
        if (type == DeployedFunction.class && !context.offers(DeployedFunction.class)
                && context.offers(Functions.class)) {
            List<String> names = ((Functions) context.parameter(Functions.class).orElseThrow()).names();
            throw new ParameterResolutionException("This exercise deploys several functions (" + String.join(", ",
                    names) + "): take a Functions parameter and pick one, e.g. functions.get(\"" + names.get(0)
                    + "\")");
        }
        return context.parameter(type).orElseThrow(() -> new ParameterResolutionException(
                "This grading offers no " + type.getSimpleName() + " to checks"));
    }

    private static Optional<CheckContext> context(ExtensionContext extension) {
        return Optional.ofNullable(extension
                .getStore(ExtensionContext.StoreScope.LAUNCHER_SESSION, Namespace.create(NAMESPACE))
                .get(CheckContext.class, CheckContext.class));
    }
}
