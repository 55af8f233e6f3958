package dev.serverlesslab.emulator.apigateway;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A REST API as GetRestApi describes it; its resources, deployments and stages are held beside it.
 *
 * @param binaryMediaTypes content types whose request bodies reach the function base64-encoded
 * @param endpointTypes EDGE, REGIONAL or PRIVATE; stored, not emulated
 */
public record RestApi(
        String id,
        String name,
        String description,
        Instant createdDate,
        String version,
        List<String> binaryMediaTypes,
        String apiKeySource,
        List<String> endpointTypes,
        Map<String, String> tags,
        boolean disableExecuteApiEndpoint,
        String rootResourceId) {

    public RestApi {
        binaryMediaTypes = List.copyOf(binaryMediaTypes);
        endpointTypes = List.copyOf(endpointTypes);
        tags = Map.copyOf(tags);
    }
}
