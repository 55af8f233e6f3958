package dev.serverlesslab.emulator.apigateway;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The model records as API Gateway's JSON shapes ({@code RestApi}, {@code Resource}, {@code Method}, ...). */
final class RestApiShapes {

    private RestApiShapes() {
    }

    static Map<String, Object> restApi(RestApi api) {
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("id", api.id());
        shape.put("name", api.name());
        shape.put("description", api.description());
        shape.put("createdDate", epochSeconds(api.createdDate()));
        shape.put("version", api.version());
        shape.put("binaryMediaTypes", api.binaryMediaTypes().isEmpty() ? null : api.binaryMediaTypes());
        shape.put("apiKeySource", api.apiKeySource());
        shape.put("endpointConfiguration", Map.of("types", api.endpointTypes()));
        shape.put("tags", api.tags().isEmpty() ? null : api.tags());
        shape.put("disableExecuteApiEndpoint", api.disableExecuteApiEndpoint());
        shape.put("rootResourceId", api.rootResourceId());
        return shape;
    }

    /**
     * @param embedMethods true for GetResources with {@code embed=methods}: whole methods instead of empty objects
     */
    static Map<String, Object> resource(ApiResource resource, boolean embedMethods) {
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("id", resource.id());
        shape.put("parentId", resource.parentId());
        shape.put("pathPart", resource.pathPart());
        shape.put("path", resource.path());
        if (!resource.methods().isEmpty()) {
            Map<String, Object> methods = new LinkedHashMap<>();
            resource.methods().forEach((name, method) -> methods.put(name, embedMethods ? method(method) : Map.of()));
            shape.put("resourceMethods", methods);
        }
        return shape;
    }

    static Map<String, Object> method(ApiMethod method) {
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("httpMethod", method.httpMethod());
        shape.put("authorizationType", method.authorizationType());
        shape.put("authorizerId", method.authorizerId());
        shape.put("apiKeyRequired", method.apiKeyRequired());
        shape.put("operationName", method.operationName());
        shape.put("requestParameters", method.requestParameters().isEmpty() ? null : method.requestParameters());
        shape.put("methodIntegration", method.integration() == null ? null : integration(method.integration()));
        return shape;
    }

    static Map<String, Object> authorizer(ApiAuthorizer authorizer) {
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("id", authorizer.id());
        shape.put("name", authorizer.name());
        shape.put("type", authorizer.type());
        shape.put("authType", "custom");
        shape.put("authorizerUri", authorizer.authorizerUri());
        shape.put("identitySource", authorizer.identitySource());
        shape.put("identityValidationExpression", authorizer.identityValidationExpression());
        shape.put("authorizerResultTtlInSeconds", authorizer.resultTtlSeconds());
        return shape;
    }

    static Map<String, Object> integration(ApiIntegration integration) {
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("type", integration.type());
        shape.put("httpMethod", integration.httpMethod());
        shape.put("uri", integration.uri());
        shape.put("passthroughBehavior", integration.passthroughBehavior());
        shape.put("contentHandling", integration.contentHandling());
        shape.put("timeoutInMillis", integration.timeoutInMillis());
        shape.put("cacheNamespace", integration.cacheNamespace());
        shape.put("cacheKeyParameters", integration.cacheKeyParameters());
        return shape;
    }

    static Map<String, Object> deployment(ApiDeployment deployment) {
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("id", deployment.id());
        shape.put("description", deployment.description());
        shape.put("createdDate", epochSeconds(deployment.createdDate()));
        return shape;
    }

    static Map<String, Object> stage(ApiStage stage) {
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("deploymentId", stage.deploymentId());
        shape.put("stageName", stage.stageName());
        shape.put("description", stage.description());
        shape.put("cacheClusterEnabled", false);
        shape.put("cacheClusterStatus", "NOT_AVAILABLE");
        shape.put("methodSettings", Map.of());
        shape.put("variables", stage.variables().isEmpty() ? null : stage.variables());
        shape.put("tracingEnabled", stage.tracingEnabled());
        shape.put("tags", stage.tags().isEmpty() ? null : stage.tags());
        shape.put("createdDate", epochSeconds(stage.createdDate()));
        shape.put("lastUpdatedDate", epochSeconds(stage.lastUpdatedDate()));
        return shape;
    }

    /** A list answer: API Gateway names the member {@code item}. */
    static <T> Map<String, Object> items(List<T> items, Function<T, Map<String, Object>> shape) {
        return Map.of("item", items.stream().map(shape).toList());
    }

    /** REST-JSON timestamps are epoch seconds, with the milliseconds as a fraction. */
    private static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3);
    }
}
