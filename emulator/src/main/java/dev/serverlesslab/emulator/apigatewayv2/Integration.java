package dev.serverlesslab.emulator.apigatewayv2;

/**
 * An integration of an HTTP API; only Lambda proxy integrations ({@code AWS_PROXY}) are emulated.
 *
 * @param integrationUri the function's ARN, or the {@code arn:aws:apigateway:...:lambda:path/...} form
 * @param payloadFormatVersion {@code 2.0} or {@code 1.0}: the event the function receives and how its answer is read
 */
public record Integration(
        String integrationId,
        String integrationType,
        String integrationUri,
        String integrationMethod,
        String payloadFormatVersion,
        int timeoutInMillis,
        String connectionType,
        String description,
        boolean apiGatewayManaged) {
}
