package dev.serverlesslab.emulator.apigatewayv2;

import java.util.List;

/** What CreateRoute asks for; {@code target} is {@code integrations/{integrationId}} or null. */
public record RouteSpec(String routeKey, String target, String authorizationType, String authorizerId,
        List<String> authorizationScopes) {

    public RouteSpec(String routeKey, String target, String authorizationType) {
        this(routeKey, target, authorizationType, null, null);
    }

    public RouteSpec(String routeKey, String target, String authorizationType, String authorizerId) {
        this(routeKey, target, authorizationType, authorizerId, null);
    }
}
