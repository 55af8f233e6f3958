package dev.serverlesslab.emulator.apigateway;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.lambda.InvokeResponse;
import dev.serverlesslab.emulator.lambda.LambdaBackend;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API Gateway REST API (v1) state and rules: APIs, their resource trees, methods, Lambda proxy integrations,
 * deployments and stages per account and region, and the call of a deployed route's function.
 */
public final class ApiGatewayBackend implements AutoCloseable {

    static final int DEFAULT_TIMEOUT_MILLIS = 29_000;
    private static final Set<String> HTTP_METHODS = Set.of("GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS",
            "HEAD", "ANY");
    private static final Set<String> AUTHORIZATION_TYPES = Set.of("NONE", "AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS");

    private final Map<AccountRegion, Map<String, RestApiState>> apis = new ConcurrentHashMap<>();
    private final LambdaIntegration lambdaCalls;
    private final ApiIds ids;
    private final Clock clock;

    public ApiGatewayBackend(LambdaBackend lambda, SecureRandom random, Clock clock) {
        this.lambdaCalls = new LambdaIntegration(lambda);
        this.ids = new ApiIds(random);
        this.clock = clock;
    }

    public ApiGatewayBackend(LambdaBackend lambda) {
        this(lambda, new SecureRandom(), Clock.systemUTC());
    }

    public RestApi createRestApi(AccountRegion scope, RestApiSpec spec) {
        if (spec.name() == null || spec.name().isBlank()) {
            throw ApiGatewayErrors.badRequest("Invalid REST API name specified: name is required and must not be "
                    + "blank");
        }
        Map<String, RestApiState> region = region(scope);
        String id = ids.unique(10, region::containsKey);
        RestApi api = new RestApi(id, spec.name(), spec.description(), clock.instant(), spec.version(),
                spec.binaryMediaTypes(), spec.apiKeySource() == null ? "HEADER" : spec.apiKeySource(),
                spec.endpointTypes().isEmpty() ? List.of("EDGE") : spec.endpointTypes(), spec.tags(),
                spec.disableExecuteApiEndpoint(), ids.next(10));
        region.put(id, new RestApiState(scope, api));
        return api;
    }

    public RestApi getRestApi(AccountRegion scope, String apiId) {
        return state(scope, apiId).api;
    }

    public List<RestApi> getRestApis(AccountRegion scope) {
        return region(scope).values().stream().map(state -> state.api).toList();
    }

    public void deleteRestApi(AccountRegion scope, String apiId) {
        state(scope, apiId);
        region(scope).remove(apiId);
    }

    public List<ApiResource> getResources(AccountRegion scope, String apiId) {
        RestApiState state = state(scope, apiId);
        synchronized (state) {
            return List.copyOf(state.resources.values());
        }
    }

    public ApiResource getResource(AccountRegion scope, String apiId, String resourceId) {
        RestApiState state = state(scope, apiId);
        synchronized (state) {
            return state.resource(resourceId);
        }
    }

    public ApiResource createResource(AccountRegion scope, String apiId, String parentId, String pathPart) {
        RestApiState state = state(scope, apiId);
        synchronized (state) {
            return state.addResource(ids.unique(10, state.resources::containsKey), parentId, pathPart);
        }
    }

    public void deleteResource(AccountRegion scope, String apiId, String resourceId) {
        RestApiState state = state(scope, apiId);
        synchronized (state) {
            state.removeResource(resourceId);
        }
    }

    public ApiMethod putMethod(AccountRegion scope, String apiId, String resourceId, String httpMethod,
            MethodSpec spec) {
        RestApiState state = state(scope, apiId);
        synchronized (state) {
            ApiResource resource = state.resource(resourceId);
            requireHttpMethod(httpMethod);
            if (spec.authorizationType() == null || !AUTHORIZATION_TYPES.contains(spec.authorizationType())) {
                throw ApiGatewayErrors.badRequest("Invalid authorization type specified. Valid options are NONE, "
                        + "AWS_IAM, CUSTOM, COGNITO_USER_POOLS; got " + spec.authorizationType());
            }
            if (resource.methods().containsKey(httpMethod)) {
                throw ApiGatewayErrors.conflict("Method already exists for this resource");
            }
            String authorizerId = null;
            if ("CUSTOM".equals(spec.authorizationType())) {
                if (spec.authorizerId() == null) {
                    throw ApiGatewayErrors.badRequest("Invalid authorizer ID specified: a CUSTOM method needs the "
                            + "authorizerId of a Lambda authorizer (CreateAuthorizer)");
                }
                authorizerId = state.authorizer(spec.authorizerId()).id();
            } else if (!"NONE".equals(spec.authorizationType())) {
                // Accepting them and letting every call through would hide a mistake the learner meets on AWS.
                throw ApiGatewayErrors.badRequest("authorizationType " + spec.authorizationType() + " is not "
                        + "emulated; Serverless Lab's REST APIs enforce NONE and CUSTOM (Lambda authorizers)");
            }
            ApiMethod method = new ApiMethod(httpMethod, spec.authorizationType(), authorizerId,
                    spec.apiKeyRequired(), spec.operationName(), spec.requestParameters(), null);
            state.resources.put(resourceId, resource.withMethod(method));
            return method;
        }
    }

    public ApiAuthorizer createAuthorizer(AccountRegion scope, String apiId, ApiAuthorizer spec) {
        RestApiState state = state(scope, apiId);
        if (spec.name() == null || spec.name().isBlank()) {
            throw ApiGatewayErrors.badRequest("Authorizer name must be non-empty");
        }
        if (!"TOKEN".equals(spec.type()) && !"REQUEST".equals(spec.type())) {
            throw ApiGatewayErrors.badRequest("Authorizer type " + spec.type() + " is not emulated; Serverless "
                    + "Lab's REST APIs run Lambda authorizers of type TOKEN or REQUEST");
        }
        if (FunctionTarget.fromUri(spec.authorizerUri()).isEmpty()) {
            throw ApiGatewayErrors.badRequest("Invalid authorizer URI " + spec.authorizerUri() + ": give a Lambda "
                    + "function's invocation URI, arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/"
                    + "{functionArn}/invocations");
        }
        String sources = spec.identitySource() == null ? "" : spec.identitySource();
        if ("TOKEN".equals(spec.type()) && !sources.matches("method\\.request\\.header\\.[^,]+")) {
            throw ApiGatewayErrors.badRequest("Invalid identity source for a TOKEN authorizer: give one header, "
                    + "e.g. method.request.header.Authorization; got " + spec.identitySource());
        }
        for (String source : sources.split(",")) {
            String name = source.trim();
            if (!name.isEmpty() && !name.startsWith("method.request.header.")
                    && !name.startsWith("method.request.querystring.") && !name.startsWith("stageVariables.")) {
                throw ApiGatewayErrors.badRequest("Identity source " + name + " is not emulated; use "
                        + "method.request.header.*, method.request.querystring.* or stageVariables.*");
            }
        }
        if (spec.resultTtlSeconds() < 0 || spec.resultTtlSeconds() > ApiAuthorizer.MAX_TTL_SECONDS) {
            throw ApiGatewayErrors.badRequest("authorizerResultTtlInSeconds must be between 0 and "
                    + ApiAuthorizer.MAX_TTL_SECONDS + "; got " + spec.resultTtlSeconds());
        }
        synchronized (state) {
            ApiAuthorizer authorizer = new ApiAuthorizer(ids.unique(6, state.authorizers::containsKey), spec.name(),
                    spec.type(), spec.authorizerUri(), spec.identitySource(), spec.identityValidationExpression(),
                    spec.resultTtlSeconds());
            state.authorizers.put(authorizer.id(), authorizer);
            return authorizer;
        }
    }

    public ApiAuthorizer getAuthorizer(AccountRegion scope, String apiId, String authorizerId) {
        RestApiState state = state(scope, apiId);
        synchronized (state) {
            return state.authorizer(authorizerId);
        }
    }

    public List<ApiAuthorizer> getAuthorizers(AccountRegion scope, String apiId) {
        RestApiState state = state(scope, apiId);
        synchronized (state) {
            return List.copyOf(state.authorizers.values());
        }
    }

    public void deleteAuthorizer(AccountRegion scope, String apiId, String authorizerId) {
        RestApiState state = state(scope, apiId);
        synchronized (state) {
            state.authorizer(authorizerId);
            boolean used = state.resources.values().stream().flatMap(r -> r.methods().values().stream())
                    .anyMatch(m -> authorizerId.equals(m.authorizerId()));
            if (used) {
                throw ApiGatewayErrors.conflict("Cannot delete authorizer " + authorizerId + ": methods still use "
                        + "it; change or delete them first");
            }
            state.authorizers.remove(authorizerId);
        }
    }

    /** The authorizer of a deployed API, looked up by id alone as data-plane calls are. */
    Optional<ApiAuthorizer> authorizerOf(String apiId, String authorizerId) {
        for (Map<String, RestApiState> region : apis.values()) {
            RestApiState state = region.get(apiId);
            if (state != null) {
                synchronized (state) {
                    return Optional.ofNullable(state.authorizers.get(authorizerId));
                }
            }
        }
        return Optional.empty();
    }

    public ApiMethod getMethod(AccountRegion scope, String apiId, String resourceId, String httpMethod) {
        RestApiState state = state(scope, apiId);
        synchronized (state) {
            return state.method(resourceId, httpMethod);
        }
    }

    public void deleteMethod(AccountRegion scope, String apiId, String resourceId, String httpMethod) {
        RestApiState state = state(scope, apiId);
        synchronized (state) {
            state.method(resourceId, httpMethod);
            state.resources.put(resourceId, state.resource(resourceId).withoutMethod(httpMethod));
        }
    }

    public ApiIntegration putIntegration(AccountRegion scope, String apiId, String resourceId, String httpMethod,
            IntegrationSpec spec) {
        RestApiState state = state(scope, apiId);
        synchronized (state) {
            ApiMethod method = state.method(resourceId, httpMethod);
            ApiIntegration integration = IntegrationRules.integration(spec, resourceId);
            state.resources.put(resourceId, state.resource(resourceId).withMethod(method.withIntegration(integration)));
            return integration;
        }
    }

    public ApiIntegration getIntegration(AccountRegion scope, String apiId, String resourceId, String httpMethod) {
        RestApiState state = state(scope, apiId);
        synchronized (state) {
            ApiIntegration integration = state.method(resourceId, httpMethod).integration();
            if (integration == null) {
                throw ApiGatewayErrors.integrationNotFound();
            }
            return integration;
        }
    }

    /** Snapshots the resource tree; with a stage name, that stage (created if needed) serves the snapshot. */
    public ApiDeployment createDeployment(AccountRegion scope, String apiId, DeploymentSpec spec) {
        RestApiState state = state(scope, apiId);
        synchronized (state) {
            state.requireDeployable();
            Instant now = clock.instant();
            ApiDeployment deployment = new ApiDeployment(ids.unique(6, state.deployments::containsKey),
                    spec.description(), now, state.resources);
            state.deployments.put(deployment.id(), deployment);
            if (spec.stageName() != null && !spec.stageName().isEmpty()) {
                ApiStage existing = state.stages.get(spec.stageName());
                state.stages.put(spec.stageName(), existing == null
                        ? new ApiStage(spec.stageName(), deployment.id(), spec.stageDescription(), spec.variables(),
                                Map.of(), false, now, now)
                        : existing.deployed(deployment.id(), merged(existing.variables(), spec.variables()), now));
            }
            return deployment;
        }
    }

    public List<ApiDeployment> getDeployments(AccountRegion scope, String apiId) {
        RestApiState state = state(scope, apiId);
        synchronized (state) {
            return List.copyOf(state.deployments.values());
        }
    }

    public ApiStage createStage(AccountRegion scope, String apiId, StageSpec spec) {
        RestApiState state = state(scope, apiId);
        synchronized (state) {
            if (spec.stageName() == null || !spec.stageName().matches("[a-zA-Z0-9_-]{1,128}")) {
                throw ApiGatewayErrors.badRequest("Stage name only allows a-zA-Z0-9_- and must be 1 to 128 "
                        + "characters; got " + spec.stageName());
            }
            if (spec.deploymentId() == null || !state.deployments.containsKey(spec.deploymentId())) {
                throw ApiGatewayErrors.deploymentNotFound();
            }
            if (state.stages.containsKey(spec.stageName())) {
                throw ApiGatewayErrors.conflict("Stage already exists");
            }
            Instant now = clock.instant();
            ApiStage stage = new ApiStage(spec.stageName(), spec.deploymentId(), spec.description(),
                    spec.variables(), spec.tags(), spec.tracingEnabled(), now, now);
            state.stages.put(stage.stageName(), stage);
            return stage;
        }
    }

    /** UpdateRestApi: name, description and binaryMediaTypes (add or remove one type per operation). */
    public RestApi updateRestApi(AccountRegion scope, String apiId, List<PatchOperation> operations) {
        RestApiState state = state(scope, apiId);
        synchronized (state) {
            RestApi api = state.api;
            String name = api.name();
            String description = api.description();
            List<String> binary = new ArrayList<>(api.binaryMediaTypes());
            String served = "replace /name, /description; add or remove /binaryMediaTypes/{type}";
            for (PatchOperation op : operations) {
                String type = op.below("/binaryMediaTypes");
                if ("replace".equals(op.op()) && "/name".equals(op.path())) {
                    name = op.requiredValue();
                } else if ("replace".equals(op.op()) && "/description".equals(op.path())) {
                    description = op.value();
                } else if (type != null && "add".equals(op.op())) {
                    if (!binary.contains(type)) {
                        binary.add(type);
                    }
                } else if (type != null && "remove".equals(op.op())) {
                    binary.remove(type);
                } else {
                    throw op.invalid(served);
                }
            }
            state.api = new RestApi(api.id(), name, description, api.createdDate(), api.version(), binary,
                    api.apiKeySource(), api.endpointTypes(), api.tags(), api.disableExecuteApiEndpoint(),
                    api.rootResourceId());
            return state.api;
        }
    }

    /** UpdateStage: description, deploymentId (which must exist), tracingEnabled and single stage variables. */
    public ApiStage updateStage(AccountRegion scope, String apiId, String stageName,
            List<PatchOperation> operations) {
        RestApiState state = state(scope, apiId);
        synchronized (state) {
            ApiStage stage = state.stage(stageName);
            String description = stage.description();
            String deploymentId = stage.deploymentId();
            boolean tracing = stage.tracingEnabled();
            Map<String, String> variables = new LinkedHashMap<>(stage.variables());
            String served = "replace /description, /deploymentId, /tracingEnabled; add, replace or remove "
                    + "/variables/{name}";
            for (PatchOperation op : operations) {
                String variable = op.below("/variables");
                if ("replace".equals(op.op()) && "/description".equals(op.path())) {
                    description = op.value();
                } else if ("replace".equals(op.op()) && "/deploymentId".equals(op.path())) {
                    deploymentId = op.requiredValue();
                    if (!state.deployments.containsKey(deploymentId)) {
                        throw ApiGatewayErrors.deploymentNotFound();
                    }
                } else if ("replace".equals(op.op()) && "/tracingEnabled".equals(op.path())) {
                    tracing = Boolean.parseBoolean(op.requiredValue());
                } else if (variable != null && ("add".equals(op.op()) || "replace".equals(op.op()))) {
                    variables.put(variable, op.requiredValue());
                } else if (variable != null && "remove".equals(op.op())) {
                    variables.remove(variable);
                } else {
                    throw op.invalid(served);
                }
            }
            ApiStage updated = new ApiStage(stage.stageName(), deploymentId, description, variables, stage.tags(),
                    tracing, stage.createdDate(), clock.instant());
            state.stages.put(stageName, updated);
            return updated;
        }
    }

    /** UpdateMethod: authorizationType (NONE or CUSTOM) and authorizerId, checked as PutMethod checks them. */
    public ApiMethod updateMethod(AccountRegion scope, String apiId, String resourceId, String httpMethod,
            List<PatchOperation> operations) {
        RestApiState state = state(scope, apiId);
        synchronized (state) {
            ApiMethod method = state.method(resourceId, httpMethod);
            String type = method.authorizationType();
            String authorizerId = method.authorizerId();
            for (PatchOperation op : operations) {
                if ("replace".equals(op.op()) && "/authorizationType".equals(op.path())) {
                    type = op.requiredValue();
                } else if ("replace".equals(op.op()) && "/authorizerId".equals(op.path())) {
                    authorizerId = op.value();
                } else {
                    throw op.invalid("replace /authorizationType, /authorizerId");
                }
            }
            if ("CUSTOM".equals(type)) {
                authorizerId = state.authorizer(authorizerId).id();
            } else if ("NONE".equals(type)) {
                authorizerId = null;
            } else {
                throw ApiGatewayErrors.badRequest("authorizationType " + type + " is not emulated; Serverless Lab's "
                        + "REST APIs enforce NONE and CUSTOM (Lambda authorizers)");
            }
            ApiMethod updated = new ApiMethod(method.httpMethod(), type, authorizerId, method.apiKeyRequired(),
                    method.operationName(), method.requestParameters(), method.integration());
            state.resources.put(resourceId, state.resource(resourceId).withMethod(updated));
            return updated;
        }
    }

    /** UpdateIntegration: uri and timeoutInMillis, checked as PutIntegration checks them. */
    public ApiIntegration updateIntegration(AccountRegion scope, String apiId, String resourceId,
            String httpMethod, List<PatchOperation> operations) {
        RestApiState state = state(scope, apiId);
        synchronized (state) {
            ApiMethod method = state.method(resourceId, httpMethod);
            ApiIntegration old = method.integration();
            if (old == null) {
                throw ApiGatewayErrors.integrationNotFound();
            }
            String uri = old.uri();
            Integer timeout = old.timeoutInMillis();
            for (PatchOperation op : operations) {
                if ("replace".equals(op.op()) && "/uri".equals(op.path())) {
                    uri = op.requiredValue();
                } else if ("replace".equals(op.op()) && "/timeoutInMillis".equals(op.path())) {
                    try {
                        timeout = Integer.valueOf(op.requiredValue());
                    } catch (NumberFormatException e) {
                        throw ApiGatewayErrors.badRequest("timeoutInMillis must be a whole number; got "
                                + op.value());
                    }
                } else {
                    throw op.invalid("replace /uri, /timeoutInMillis");
                }
            }
            ApiIntegration updated = IntegrationRules.integration(new IntegrationSpec(old.type(), old.httpMethod(),
                    uri, timeout, old.passthroughBehavior(), old.contentHandling(), old.cacheKeyParameters()),
                    resourceId);
            state.resources.put(resourceId, state.resource(resourceId).withMethod(method.withIntegration(updated)));
            return updated;
        }
    }

    public ApiStage getStage(AccountRegion scope, String apiId, String stageName) {
        RestApiState state = state(scope, apiId);
        synchronized (state) {
            return state.stage(stageName);
        }
    }

    public List<ApiStage> getStages(AccountRegion scope, String apiId) {
        RestApiState state = state(scope, apiId);
        synchronized (state) {
            return List.copyOf(state.stages.values());
        }
    }

    public void deleteStage(AccountRegion scope, String apiId, String stageName) {
        RestApiState state = state(scope, apiId);
        synchronized (state) {
            state.stage(stageName);
            state.stages.remove(stageName);
        }
    }

    /** True when an API has this id in any account or region: the data plane carries no credentials. */
    public boolean hasApi(String apiId) {
        return apis.values().stream().anyMatch(region -> region.containsKey(apiId));
    }

    /** What a stage of an API serves, or empty when the API or the stage does not exist. */
    public Optional<DeployedStage> deployedStage(String apiId, String stageName) {
        for (Map<String, RestApiState> region : apis.values()) {
            RestApiState state = region.get(apiId);
            if (state != null) {
                synchronized (state) {
                    ApiStage stage = state.stages.get(stageName);
                    if (stage == null) {
                        return Optional.empty();
                    }
                    return Optional.of(new DeployedStage(state.scope, state.api, stage,
                            state.deployments.get(stage.deploymentId())));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Calls the function synchronously, giving up after the integration's timeout as API Gateway does.
     *
     * @return the function's answer, or empty when it did not answer in time
     */
    public Optional<InvokeResponse> invoke(FunctionTarget target, byte[] event, int timeoutMillis) {
        return lambdaCalls.call(target, event, timeoutMillis);
    }

    @Override
    public void close() {
        lambdaCalls.close();
    }

    private RestApiState state(AccountRegion scope, String apiId) {
        RestApiState state = apiId == null ? null : region(scope).get(apiId);
        if (state == null) {
            throw ApiGatewayErrors.apiNotFound(scope.accountId(), apiId);
        }
        return state;
    }

    private Map<String, RestApiState> region(AccountRegion scope) {
        return apis.computeIfAbsent(scope, s -> new ConcurrentHashMap<>());
    }

    private static void requireHttpMethod(String httpMethod) {
        if (!HTTP_METHODS.contains(httpMethod)) {
            throw ApiGatewayErrors.badRequest("Invalid HttpMethod specified. Valid options are "
                    + "GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY; got " + httpMethod);
        }
    }

    private static Map<String, String> merged(Map<String, String> old, Map<String, String> changes) {
        Map<String, String> result = new LinkedHashMap<>(old);
        result.putAll(changes);
        return result;
    }
}
