package dev.serverlesslab.emulator.apigatewayv2;

/**
 * A route of an HTTP API: a route key ({@code GET /items/{id}} or {@code $default}) and the integration it sends to.
 *
 * @param target {@code integrations/{integrationId}}, or null for a route that reaches nothing yet
 * @param authorizerId the Lambda authorizer of a {@code CUSTOM} route, else null
 * @param apiGatewayManaged true for the route quick create made
 */
public record Route(
        String routeId,
        String routeKey,
        String target,
        String authorizationType,
        String authorizerId,
        boolean apiKeyRequired,
        boolean apiGatewayManaged) {
}
