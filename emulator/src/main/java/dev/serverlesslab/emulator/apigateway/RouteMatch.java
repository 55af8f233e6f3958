package dev.serverlesslab.emulator.apigateway;

import java.util.Map;

/**
 * The resource and method a data-plane call landed on.
 *
 * @param pathParameters decoded values of the resource's variables ({@code proxy} holds the rest of the path)
 */
public record RouteMatch(ApiResource resource, ApiMethod method, Map<String, String> pathParameters) {

    public RouteMatch {
        pathParameters = Map.copyOf(pathParameters);
    }
}
