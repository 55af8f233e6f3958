package dev.serverlesslab.emulator.apigatewayv2;

import java.util.List;

/**
 * A route of an HTTP API: a route key ({@code GET /items/{id}} or {@code $default}) and the integration it sends to.
 *
 * @param target {@code integrations/{integrationId}}, or null for a route that reaches nothing yet
 * @param authorizerId the authorizer of a {@code CUSTOM} or {@code JWT} route, else null
 * @param authorizationScopes scopes a JWT must carry one of; empty for none
 * @param apiGatewayManaged true for the route quick create made
 */
public record Route(
        String routeId,
        String routeKey,
        String target,
        String authorizationType,
        String authorizerId,
        List<String> authorizationScopes,
        boolean apiKeyRequired,
        boolean apiGatewayManaged) {

    public Route {
        authorizationScopes = authorizationScopes == null ? List.of() : List.copyOf(authorizationScopes);
    }
}
