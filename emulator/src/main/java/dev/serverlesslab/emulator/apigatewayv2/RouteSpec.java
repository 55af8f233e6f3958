package dev.serverlesslab.emulator.apigatewayv2;

/** What CreateRoute asks for; {@code target} is {@code integrations/{integrationId}} or null. */
public record RouteSpec(String routeKey, String target, String authorizationType, String authorizerId) {

    public RouteSpec(String routeKey, String target, String authorizationType) {
        this(routeKey, target, authorizationType, null);
    }
}
