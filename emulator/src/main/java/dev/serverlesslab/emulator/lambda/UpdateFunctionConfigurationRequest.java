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
        List<String> layers,
        FunctionConfiguration.EphemeralStorage ephemeralStorage,
        FunctionConfiguration.TracingConfig tracingConfig,
        FunctionConfiguration.DeadLetterConfig deadLetterConfig,
        FunctionConfiguration.LoggingConfig loggingConfig) {

    /** The request without a logging change. */
    public UpdateFunctionConfigurationRequest(String role, String handler, String description, Integer timeout,
            Integer memorySize, CreateFunctionRequest.Environment environment, String runtime, String revisionId,
            List<String> layers, FunctionConfiguration.EphemeralStorage ephemeralStorage,
            FunctionConfiguration.TracingConfig tracingConfig, FunctionConfiguration.DeadLetterConfig deadLetterConfig) {
        this(role, handler, description, timeout, memorySize, environment, runtime, revisionId, layers,
                ephemeralStorage, tracingConfig, deadLetterConfig, null);
    }

    /** The request without a dead-letter queue change. */
    public UpdateFunctionConfigurationRequest(String role, String handler, String description, Integer timeout,
            Integer memorySize, CreateFunctionRequest.Environment environment, String runtime, String revisionId,
            List<String> layers, FunctionConfiguration.EphemeralStorage ephemeralStorage,
            FunctionConfiguration.TracingConfig tracingConfig) {
        this(role, handler, description, timeout, memorySize, environment, runtime, revisionId, layers,
                ephemeralStorage, tracingConfig, null, null);
    }

    /** The request without tracing, which then stays as it is. */
    public UpdateFunctionConfigurationRequest(String role, String handler, String description, Integer timeout,
            Integer memorySize, CreateFunctionRequest.Environment environment, String runtime, String revisionId,
            List<String> layers, FunctionConfiguration.EphemeralStorage ephemeralStorage) {
        this(role, handler, description, timeout, memorySize, environment, runtime, revisionId, layers,
                ephemeralStorage, null, null, null);
    }

    /** The request without ephemeral storage, which then stays as it is. */
    public UpdateFunctionConfigurationRequest(String role, String handler, String description, Integer timeout,
            Integer memorySize, CreateFunctionRequest.Environment environment, String runtime, String revisionId,
            List<String> layers) {
        this(role, handler, description, timeout, memorySize, environment, runtime, revisionId, layers, null, null,
                null, null);
    }

    /** The request without layers, as most callers build it. */
    public UpdateFunctionConfigurationRequest(String role, String handler, String description, Integer timeout,
            Integer memorySize, CreateFunctionRequest.Environment environment, String runtime, String revisionId) {
        this(role, handler, description, timeout, memorySize, environment, runtime, revisionId, null, null, null,
                null, null);
    }
}
