package dev.serverlesslab.graders.run;

import dev.serverlesslab.graders.check.DeployedFunction;
import dev.serverlesslab.graders.check.Functions;
import dev.serverlesslab.graders.report.CheckInvocation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a grading offers its checks as parameters, by the exact parameter type a check method declares: the
 * {@link Functions} of the exercise, the {@link DeployedFunction} when it has only one, and whatever else the grading
 * registers (resource names, an HTTP client for the API stage, SDK clients pointed at the backend).
 */
public final class CheckContext {

    private final Map<Class<?>, Supplier<?>> parameters;
    private final Supplier<List<CheckInvocation>> invocations;

    private CheckContext(Map<Class<?>, Supplier<?>> parameters, Supplier<List<CheckInvocation>> invocations) {
        this.parameters = parameters;
        this.invocations = invocations;
    }

    /** A context offering only the deployed function. */
    public static CheckContext of(DeployedFunction function) {
        Map<Class<?>, Supplier<?>> parameters = new LinkedHashMap<>();
        parameters.put(DeployedFunction.class, () -> function);
        return new CheckContext(parameters, List::of);
    }

    /**
     * A copy whose {@link #invocationsSoFar()} asks {@code log}: every invocation of the function so far, in order, so
     * the runner can tell which ones each check made (checks run one at a time).
     */
    public CheckContext withInvocationLog(Supplier<List<CheckInvocation>> log) {
        return new CheckContext(parameters, log);
    }

    /** Every invocation the checks have made of the function so far, oldest first; empty when nobody keeps them. */
    public List<CheckInvocation> invocationsSoFar() {
        return invocations.get();
    }

    /** A copy that also offers {@code value} to checks declaring a parameter of type {@code type}. */
    public <T> CheckContext with(Class<T> type, T value) {
        T checked = type.cast(value);
        return withSupplier(type, () -> checked);
    }

    /**
     * A copy that offers what {@code supplier} gives to checks declaring a parameter of type {@code type}, asking it
     * only when a check does: an SDK client no check uses is never built.
     */
    public <T> CheckContext withSupplier(Class<T> type, Supplier<? extends T> supplier) {
        Map<Class<?>, Supplier<?>> copy = new LinkedHashMap<>(parameters);
        copy.put(type, supplier);
        return new CheckContext(copy, invocations);
    }

    /**
     * A context offering every function by logical name, and the function itself as a {@link DeployedFunction} when
     * there is only one; with several, a check must say which it means.
     */
    public static CheckContext of(Functions functions) {
        Map<Class<?>, Supplier<?>> parameters = new LinkedHashMap<>();
        parameters.put(Functions.class, () -> functions);
        if (functions.names().size() == 1) {
            DeployedFunction only = functions.get(functions.names().get(0));
            parameters.put(DeployedFunction.class, () -> only);
        }
        return new CheckContext(parameters, List::of);
    }

    /** Whether a check may ask for {@code type}, without building it. */
    public boolean offers(Class<?> type) {
        return parameters.containsKey(type);
    }

    /** What a check asking for {@code type} gets, or empty when this grading offers no such thing. */
    public Optional<Object> parameter(Class<?> type) {
        Supplier<?> supplier = parameters.get(type);
        return supplier == null ? Optional.empty() : Optional.ofNullable(supplier.get());
    }
}
