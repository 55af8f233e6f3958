package dev.serverlesslab.emulator.apigateway;

import java.util.List;
import java.util.Map;

/** What CreateRestApi asks for. */
public record RestApiSpec(
        String name,
        String description,
        String version,
        List<String> binaryMediaTypes,
        String apiKeySource,
        List<String> endpointTypes,
        Map<String, String> tags,
        boolean disableExecuteApiEndpoint) {

    public RestApiSpec {
        binaryMediaTypes = List.copyOf(binaryMediaTypes);
        endpointTypes = List.copyOf(endpointTypes);
        tags = Map.copyOf(tags);
    }

    /** An API with only a name, as most callers create one. */
    public static RestApiSpec named(String name) {
        return new RestApiSpec(name, null, null, List.of(), null, List.of(), Map.of(), false);
    }
}
