package dev.serverlesslab.emulator.apigatewayv2;

import java.time.Instant;
import java.util.Map;

/**
 * An HTTP API as CreateApi, GetApi and GetApis describe it.
 *
 * @param routeSelectionExpression always {@code ${request.method} ${request.path}} for HTTP APIs, as AWS sets it
 * @param corsConfiguration null when the API has none
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
        Map<String, String> tags,
        CorsConfiguration corsConfiguration) {

    public HttpApi {
        tags = Map.copyOf(tags);
    }

    HttpApi withNameAndDescription(String newName, String newDescription) {
        return new HttpApi(apiId, newName, newDescription, protocolType, routeSelectionExpression,
                apiKeySelectionExpression, version, createdDate, tags, corsConfiguration);
    }

    HttpApi withCors(CorsConfiguration cors) {
        return new HttpApi(apiId, name, description, protocolType, routeSelectionExpression,
                apiKeySelectionExpression, version, createdDate, tags, cors);
    }
}
