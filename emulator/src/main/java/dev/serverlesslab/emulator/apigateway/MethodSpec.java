package dev.serverlesslab.emulator.apigateway;

import java.util.Map;

/** What PutMethod asks for. */
public record MethodSpec(String authorizationType, String authorizerId, boolean apiKeyRequired, String operationName,
        Map<String, Boolean> requestParameters) {

    public MethodSpec {
        requestParameters = Map.copyOf(requestParameters);
    }
}
