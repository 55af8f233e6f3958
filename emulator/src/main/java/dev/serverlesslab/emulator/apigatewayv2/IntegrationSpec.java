package dev.serverlesslab.emulator.apigatewayv2;

/** What CreateIntegration asks for; null members take AWS's defaults. */
public record IntegrationSpec(
        String integrationType,
        String integrationUri,
        String integrationMethod,
        String payloadFormatVersion,
        Integer timeoutInMillis,
        String description) {
}
