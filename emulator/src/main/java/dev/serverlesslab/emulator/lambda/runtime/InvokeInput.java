package dev.serverlesslab.emulator.lambda.runtime;

/**
 * One invocation as the backend asks for it.
 *
 * @param payload the event JSON, never empty (the backend substitutes {@code {}} as Lambda does)
 * @param clientContext the caller's base64 {@code X-Amz-Client-Context}, or null
 * @param invokedFunctionArn the ARN as the caller named the function, with the alias or version it used (what
 *     {@code Context.getInvokedFunctionArn()} answers); null for the deployment's own ARN
 */
public record InvokeInput(String requestId, byte[] payload, String clientContext, String invokedFunctionArn) {

    /** An invocation of the deployment under its own ARN. */
    public InvokeInput(String requestId, byte[] payload, String clientContext) {
        this(requestId, payload, clientContext, null);
    }
}
