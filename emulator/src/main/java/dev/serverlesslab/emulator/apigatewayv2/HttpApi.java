package dev.serverlesslab.emulator.apigatewayv2;

import java.time.Instant;
import java.util.Map;

/**
 * An HTTP API as CreateApi, GetApi and GetApis describe it.
 *
 * @param routeSelectionExpression always {@code ${request.method} ${request.path}} for HTTP APIs, as AWS sets it
 */
public record HttpApi(
        String apiId,
        String name,
        String description,
        String protocolType,
        String routeSelectionExpression,
        String apiKeySelectionExpression,
        String version,
        Instant createdDate,
        Map<String, String> tags) {

    public HttpApi {
        tags = Map.copyOf(tags);
    }

    HttpApi withNameAndDescription(String newName, String newDescription) {
        return new HttpApi(apiId, newName, newDescription, protocolType, routeSelectionExpression,
                apiKeySelectionExpression, version, createdDate, tags);
    }
}
