package dev.serverlesslab.emulator.apigatewayv2;

import dev.serverlesslab.emulator.core.AccountRegion;
import java.util.Map;

/**
 * A data-plane request matched to what will answer it: the API, its stage, the route and its integration.
 *
 * @param scope the account and region that own the API
 * @param pathParameters the route's path variables, still percent-encoded as the client sent them
 */
public record ApiCall(
        AccountRegion scope,
        String apiId,
        Stage stage,
        Route route,
        Integration integration,
        Map<String, String> pathParameters) {

    public ApiCall {
        pathParameters = Map.copyOf(pathParameters);
    }
}
