package dev.serverlesslab.emulator.lambda.runtime;

/**
 * One event handed to an execution environment through {@code GET /runtime/invocation/next}.
 *
 * @param deadlineMillis epoch milliseconds by which the function must answer ({@code Lambda-Runtime-Deadline-Ms})
 * @param clientContext the base64 client context from the caller, or null
 */
record Invocation(
        String requestId,
        byte[] payload,
        long deadlineMillis,
        String invokedFunctionArn,
        String traceId,
        String clientContext) {
}
