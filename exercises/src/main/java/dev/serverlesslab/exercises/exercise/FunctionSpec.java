package dev.serverlesslab.exercises.exercise;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One Lambda function of an exercise, built from the learner's sources like every other function of it.
 *
 * @param logicalName how the descriptor, targets and checks name it ({@code function} for an exercise with a single
 *                    top-level {@code handler:})
 * @param environment the variables as written (the exercise's top-level ones, overridden by the function's own),
 *                    possibly holding {@link ResourceReference}s
 */
public record FunctionSpec(String logicalName, String handler, int memory, int timeout,
                           Map<String, String> environment) {

    public FunctionSpec {
        Objects.requireNonNull(logicalName, "logicalName");
        Objects.requireNonNull(handler, "handler");
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }
}
