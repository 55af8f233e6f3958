package dev.serverlesslab.emulator.lambda.runtime;

/**
 * One invocation as the backend asks for it.
 *
 * @param payload the event JSON, never empty (the backend substitutes {@code {}} as Lambda does)
 * @param clientContext the caller's base64 {@code X-Amz-Client-Context}, or null
 */
public record InvokeInput(String requestId, byte[] payload, String clientContext) {
}
