package dev.serverlesslab.emulator.lambda;

/**
 * An Invoke call: which function, how, and the event.
 *
 * @param qualifier null or {@code $LATEST}; versions and aliases are not emulated
 * @param clientContext the base64 {@code X-Amz-Client-Context}, or null
 */
public record InvokeRequest(
        String functionName,
        String qualifier,
        InvocationType invocationType,
        byte[] payload,
        String clientContext) {
}
