package dev.serverlesslab.emulator.apigateway;

import java.util.Map;

/**
 * A method on a resource as PutMethod sets it up; authorization is stored, not enforced (as in LocalStack's free
 * image).
 *
 * @param integration null until PutIntegration
 */
public record ApiMethod(
        String httpMethod,
        String authorizationType,
        boolean apiKeyRequired,
        String operationName,
        Map<String, Boolean> requestParameters,
        ApiIntegration integration) {

    public ApiMethod {
        requestParameters = Map.copyOf(requestParameters);
    }

    public ApiMethod withIntegration(ApiIntegration replacement) {
        return new ApiMethod(httpMethod, authorizationType, apiKeyRequired, operationName, requestParameters,
                replacement);
    }
}
