package dev.serverlesslab.emulator.lambda;

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
        String revisionId) {
}
