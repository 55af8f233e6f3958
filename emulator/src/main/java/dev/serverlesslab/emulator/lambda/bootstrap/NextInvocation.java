package dev.serverlesslab.emulator.lambda.bootstrap;

/**
 * One event from {@code GET /runtime/invocation/next}: the payload and the headers the Context is built from.
 */
record NextInvocation(
        String requestId,
        long deadlineMillis,
        String invokedFunctionArn,
        String traceId,
        String clientContext,
        byte[] payload) {
}
