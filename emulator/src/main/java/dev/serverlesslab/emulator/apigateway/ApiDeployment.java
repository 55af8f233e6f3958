package dev.serverlesslab.emulator.apigateway;

import java.time.Instant;
import java.util.Map;

/**
 * A deployment: the API's resources and methods as they were when it was created, which is what a stage serves.
 *
 * @param resources the snapshot, keyed by resource id
 */
public record ApiDeployment(String id, String description, Instant createdDate, Map<String, ApiResource> resources) {

    public ApiDeployment {
        resources = Map.copyOf(resources);
    }
}
