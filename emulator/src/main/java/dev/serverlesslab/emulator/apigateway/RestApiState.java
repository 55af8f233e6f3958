package dev.serverlesslab.emulator.apigateway;

import dev.serverlesslab.emulator.core.AccountRegion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One REST API with its resource tree, deployments and stages, and the rules for changing the tree. Callers hold
 * the object's lock while reading or changing it, so a deployment snapshots a consistent tree.
 */
final class RestApiState {

    // AWS's rule for a path part: a literal, or a whole {name} / {name+} variable.
    private static final Pattern PATH_PART =
            Pattern.compile("^([a-zA-Z0-9._:-]+|\\{[a-zA-Z0-9._-]+\\+?})$");

    final AccountRegion scope;
    RestApi api;
    final Map<String, ApiResource> resources = new LinkedHashMap<>();
    final Map<String, ApiDeployment> deployments = new LinkedHashMap<>();
    final Map<String, ApiStage> stages = new LinkedHashMap<>();
    final Map<String, ApiAuthorizer> authorizers = new LinkedHashMap<>();

    RestApiState(AccountRegion scope, RestApi api) {
        this.scope = scope;
        this.api = api;
        resources.put(api.rootResourceId(), new ApiResource(api.rootResourceId(), null, null, "/", Map.of()));
    }

    ApiResource resource(String resourceId) {
        ApiResource resource = resourceId == null ? null : resources.get(resourceId);
        if (resource == null) {
            throw ApiGatewayErrors.resourceNotFound();
        }
        return resource;
    }

    ApiResource addResource(String id, String parentId, String pathPart) {
        ApiResource parent = resource(parentId);
        if (pathPart == null || !PATH_PART.matcher(pathPart).matches()) {
            throw ApiGatewayErrors.badRequest("Resource's path part only allow a-zA-Z0-9._- and curly braces at the "
                    + "beginning and the end and an optional plus sign before the closing brace. Got: " + pathPart);
        }
        if (parent.isGreedy()) {
            throw ApiGatewayErrors.badRequest("Cannot create a child of a resource with a greedy path variable: "
                    + parent.path());
        }
        ApiResource created = new ApiResource(id, parent.id(), pathPart,
                ("/".equals(parent.path()) ? "" : parent.path()) + "/" + pathPart, Map.of());
        for (ApiResource sibling : children(parent.id())) {
            if (sibling.pathPart().equals(pathPart)) {
                throw ApiGatewayErrors.conflict("Another resource with the same parent already has this name: "
                        + pathPart);
            }
            if (sibling.isVariable() && created.isVariable()) {
                throw ApiGatewayErrors.badRequest("A sibling (" + sibling.pathPart() + ") of this resource already "
                        + "has a variable path part -- only one is allowed");
            }
        }
        resources.put(id, created);
        return created;
    }

    void removeResource(String resourceId) {
        ApiResource resource = resource(resourceId);
        if (resource.parentId() == null) {
            throw ApiGatewayErrors.badRequest("The root resource " + resourceId + " cannot be deleted; delete the "
                    + "REST API instead");
        }
        // Deleting a resource deletes everything below it, as AWS does.
        List<String> doomed = new ArrayList<>(List.of(resourceId));
        for (int i = 0; i < doomed.size(); i++) {
            children(doomed.get(i)).forEach(child -> doomed.add(child.id()));
        }
        doomed.forEach(resources::remove);
    }

    ApiMethod method(String resourceId, String httpMethod) {
        ApiMethod method = resource(resourceId).methods().get(httpMethod);
        if (method == null) {
            throw ApiGatewayErrors.methodNotFound();
        }
        return method;
    }

    ApiAuthorizer authorizer(String authorizerId) {
        ApiAuthorizer authorizer = authorizerId == null ? null : authorizers.get(authorizerId);
        if (authorizer == null) {
            throw ApiGatewayErrors.notFound("Invalid authorizer ID specified");
        }
        return authorizer;
    }

    List<ApiResource> children(String parentId) {
        return resources.values().stream().filter(r -> parentId.equals(r.parentId())).toList();
    }

    ApiStage stage(String stageName) {
        ApiStage stage = stageName == null ? null : stages.get(stageName);
        if (stage == null) {
            throw ApiGatewayErrors.stageNotFound();
        }
        return stage;
    }

    /** Checks the tree can be deployed, with AWS's messages for the two ways it cannot. */
    void requireDeployable() {
        boolean anyMethod = false;
        for (ApiResource resource : resources.values()) {
            for (ApiMethod method : resource.methods().values()) {
                anyMethod = true;
                if (method.integration() == null) {
                    throw ApiGatewayErrors.badRequest("No integration defined for method " + method.httpMethod()
                            + " " + resource.path() + "; call PutIntegration before CreateDeployment");
                }
            }
        }
        if (!anyMethod) {
            throw ApiGatewayErrors.badRequest("The REST API doesn't contain any methods");
        }
    }
}
