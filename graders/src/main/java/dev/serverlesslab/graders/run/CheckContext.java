package dev.serverlesslab.graders.run;

import dev.serverlesslab.graders.check.DeployedFunction;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a grading offers its checks as parameters, by the exact parameter type a check method declares: always the
 * {@link DeployedFunction}, and whatever else the grading registers (resource names, an HTTP client for the API
 * stage, SDK clients pointed at the backend).
 */
public final class CheckContext {

    private final Map<Class<?>, Object> parameters;

    private CheckContext(Map<Class<?>, Object> parameters) {
        this.parameters = parameters;
    }

    /** A context offering only the deployed function. */
    public static CheckContext of(DeployedFunction function) {
        Map<Class<?>, Object> parameters = new LinkedHashMap<>();
        parameters.put(DeployedFunction.class, function);
        return new CheckContext(parameters);
    }

    /** A copy that also offers {@code value} to checks declaring a parameter of type {@code type}. */
    public <T> CheckContext with(Class<T> type, T value) {
        Map<Class<?>, Object> copy = new LinkedHashMap<>(parameters);
        copy.put(type, type.cast(value));
        return new CheckContext(copy);
    }

    public DeployedFunction function() {
        return (DeployedFunction) parameters.get(DeployedFunction.class);
    }

    /** What a check asking for {@code type} gets, or empty when this grading offers no such thing. */
    public Optional<Object> parameter(Class<?> type) {
        return Optional.ofNullable(parameters.get(type));
    }
}
