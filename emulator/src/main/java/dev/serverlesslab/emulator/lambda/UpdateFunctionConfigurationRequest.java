package dev.serverlesslab.emulator.lambda;

import java.util.List;

/**
 * The UpdateFunctionConfiguration request members the emulator uses (names as in the Lambda API); absent members are
 * null and keep their current value.
 */
public record UpdateFunctionConfigurationRequest(
        String role,
        String handler,
        String description,
        Integer timeout,
        Integer memorySize,
        CreateFunctionRequest.Environment environment,
        String runtime,
        String revisionId,
        List<String> layers) {

    /** The request without layers, as most callers build it. */
    public UpdateFunctionConfigurationRequest(String role, String handler, String description, Integer timeout,
            Integer memorySize, CreateFunctionRequest.Environment environment, String runtime, String revisionId) {
        this(role, handler, description, timeout, memorySize, environment, runtime, revisionId, null);
    }
}
