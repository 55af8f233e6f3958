package dev.serverlesslab.emulator.apigatewayv2;

import dev.serverlesslab.emulator.apigateway.ApiGatewayErrors;
import dev.serverlesslab.emulator.apigateway.FunctionTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One HTTP API's routes, integrations, stages and deployments, and the rules between them. Every method is
 * synchronized: the control plane changes an API while its data plane is being called.
 */
final class ApiState {

    private static final String TARGET_PREFIX = "integrations/";
    private static final Set<String> PAYLOAD_VERSIONS = Set.of("1.0", "2.0");

    private HttpApi api;
    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final Map<String, HttpAuthorizer> authorizers = new LinkedHashMap<>();
    private final Map<String, Integration> integrations = new LinkedHashMap<>();
    private final Map<String, Stage> stages = new LinkedHashMap<>();
    private final Map<String, Deployment> deployments = new LinkedHashMap<>();
    /** What each deployment froze: the routes and integrations a stage without auto-deploy keeps serving. */
    private final Map<String, Routing> snapshots = new LinkedHashMap<>();

    ApiState(HttpApi api) {
        this.api = api;
    }

    synchronized HttpApi api() {
        return api;
    }

    synchronized HttpApi update(String name, String description) {
        api = api.withNameAndDescription(name == null ? api.name() : name,
                description == null ? api.description() : description);
        return api;
    }

    synchronized HttpApi updateCors(CorsConfiguration cors) {
        api = api.withCors(cors);
        return api;
    }

    synchronized Route createRoute(String routeId, RouteSpec spec, boolean managed) {
        RouteKey.parse(spec.routeKey());
        for (Route existing : routes.values()) {
            if (existing.routeKey().equals(spec.routeKey())) {
                throw ApiGatewayErrors.conflict("Route with key " + spec.routeKey() + " already exists for API "
                        + api.apiId() + " (route " + existing.routeId() + "); delete it first or use another key");
            }
        }
        if (spec.target() != null) {
            requireIntegration(spec.target());
        }
        String type = spec.authorizationType() == null ? "NONE" : spec.authorizationType();
        String authorizerId = null;
        if ("CUSTOM".equals(type) || "JWT".equals(type)) {
            HttpAuthorizer authorizer = authorizer(spec.authorizerId());
            String needed = "CUSTOM".equals(type) ? "REQUEST" : "JWT";
            if (!needed.equals(authorizer.authorizerType())) {
                throw ApiGatewayErrors.badRequest("authorizationType " + type + " needs an authorizer of type "
                        + needed + "; " + authorizer.authorizerId() + " is " + authorizer.authorizerType());
            }
            authorizerId = authorizer.authorizerId();
        } else if (!"NONE".equals(type)) {
            throw ApiGatewayErrors.badRequest("authorizationType " + type + " is not emulated; Serverless Lab's "
                    + "HTTP APIs support NONE, CUSTOM (Lambda REQUEST authorizers) and JWT");
        }
        if (spec.authorizationScopes() != null && !spec.authorizationScopes().isEmpty() && !"JWT".equals(type)) {
            throw ApiGatewayErrors.badRequest("authorizationScopes apply to JWT routes only");
        }
        Route route = new Route(routeId, spec.routeKey(), spec.target(), type, authorizerId,
                spec.authorizationScopes(), false, managed);
        routes.put(routeId, route);
        return route;
    }

    /** UpdateRoute: the given members replace the route's, checked as CreateRoute checks them. */
    synchronized Route updateRoute(String routeId, RouteSpec changes) {
        Route old = route(routeId);
        RouteSpec merged = new RouteSpec(changes.routeKey() == null ? old.routeKey() : changes.routeKey(),
                changes.target() == null ? old.target() : changes.target(),
                changes.authorizationType() == null ? old.authorizationType() : changes.authorizationType(),
                changes.authorizerId() == null ? old.authorizerId() : changes.authorizerId(),
                changes.authorizationScopes() == null ? old.authorizationScopes() : changes.authorizationScopes());
        routes.remove(routeId);
        try {
            return createRoute(routeId, merged, old.apiGatewayManaged());
        } catch (RuntimeException e) {
            routes.put(routeId, old);
            throw e;
        }
    }

    synchronized HttpAuthorizer createAuthorizer(HttpAuthorizer authorizer) {
        if (authorizer.name() == null || authorizer.name().isBlank()) {
            throw ApiGatewayErrors.badRequest("name is required for an authorizer");
        }
        if ("JWT".equals(authorizer.authorizerType())) {
            JwtConfiguration jwt = authorizer.jwtConfiguration();
            if (jwt == null || jwt.issuer() == null || jwt.audience().isEmpty()) {
                throw ApiGatewayErrors.badRequest("A JWT authorizer needs jwtConfiguration with issuer and at least "
                        + "one audience");
            }
            if (authorizer.identitySource().size() != 1
                    || !authorizer.identitySource().get(0).startsWith("$request.header.")) {
                throw ApiGatewayErrors.badRequest("A JWT authorizer takes its token from one header: identitySource "
                        + "[\"$request.header.Authorization\"]");
            }
            authorizers.put(authorizer.authorizerId(), authorizer);
            return authorizer;
        }
        if (!"REQUEST".equals(authorizer.authorizerType())) {
            throw ApiGatewayErrors.badRequest("authorizerType " + authorizer.authorizerType() + " is not emulated; "
                    + "Serverless Lab's HTTP APIs run REQUEST (Lambda) and JWT authorizers");
        }
        if (authorizer.jwtConfiguration() != null) {
            throw ApiGatewayErrors.badRequest("jwtConfiguration applies to JWT authorizers only");
        }
        if (!"2.0".equals(authorizer.authorizerPayloadFormatVersion())) {
            throw ApiGatewayErrors.badRequest("authorizerPayloadFormatVersion " + authorizer
                    .authorizerPayloadFormatVersion() + " is not emulated; use 2.0 (simple or IAM policy answers)");
        }
        FunctionTarget.require(authorizer.authorizerUri(), "authorizerUri");
        for (String source : authorizer.identitySource()) {
            if (!source.startsWith("$request.header.") && !source.startsWith("$request.querystring.")
                    && !source.startsWith("$stageVariables.")) {
                throw ApiGatewayErrors.badRequest("identitySource " + source + " is not emulated; use "
                        + "$request.header.*, $request.querystring.* or $stageVariables.*");
            }
        }
        if (authorizer.authorizerResultTtlInSeconds() > 0 && authorizer.identitySource().isEmpty()) {
            throw ApiGatewayErrors.badRequest("identitySource is required when authorizerResultTtlInSeconds is "
                    + "greater than 0: results are cached per identity");
        }
        if (authorizer.authorizerResultTtlInSeconds() < 0 || authorizer.authorizerResultTtlInSeconds() > 3600) {
            throw ApiGatewayErrors.badRequest("authorizerResultTtlInSeconds must be between 0 and 3600");
        }
        authorizers.put(authorizer.authorizerId(), authorizer);
        return authorizer;
    }

    synchronized HttpAuthorizer authorizer(String authorizerId) {
        return found(authorizerId == null ? null : authorizers.get(authorizerId), "Authorizer", authorizerId);
    }

    synchronized List<HttpAuthorizer> authorizers() {
        return List.copyOf(authorizers.values());
    }

    synchronized void deleteAuthorizer(String authorizerId) {
        authorizer(authorizerId);
        for (Route route : routes.values()) {
            if (authorizerId.equals(route.authorizerId())) {
                throw ApiGatewayErrors.conflict("Authorizer " + authorizerId + " is used by route " + route.routeKey()
                        + " (" + route.routeId() + "); change that route first");
            }
        }
        authorizers.remove(authorizerId);
    }

    synchronized Route route(String routeId) {
        return found(routes.get(routeId), "Route", routeId);
    }

    synchronized List<Route> routes() {
        return List.copyOf(routes.values());
    }

    synchronized void deleteRoute(String routeId) {
        route(routeId);
        routes.remove(routeId);
    }

    synchronized Integration createIntegration(String integrationId, IntegrationSpec spec, boolean managed) {
        if (!"AWS_PROXY".equals(spec.integrationType())) {
            throw ApiGatewayErrors.badRequest("integrationType " + spec.integrationType() + " is not emulated; "
                    + "Serverless Lab's HTTP APIs support AWS_PROXY integrations with a Lambda function");
        }
        FunctionTarget.require(spec.integrationUri(), "integrationUri");
        String payloadVersion = spec.payloadFormatVersion() == null ? "1.0" : spec.payloadFormatVersion();
        if (!PAYLOAD_VERSIONS.contains(payloadVersion)) {
            throw ApiGatewayErrors.badRequest("payloadFormatVersion " + payloadVersion + " is not valid for a "
                    + "Lambda proxy integration; use 2.0 or 1.0");
        }
        int timeout = spec.timeoutInMillis() == null ? 30_000 : spec.timeoutInMillis();
        if (timeout < 50 || timeout > 30_000) {
            throw ApiGatewayErrors.badRequest("timeoutInMillis " + timeout + " is out of range; HTTP APIs allow "
                    + "50 to 30000");
        }
        Integration integration = new Integration(integrationId, "AWS_PROXY", spec.integrationUri(),
                spec.integrationMethod() == null ? "POST" : spec.integrationMethod(), payloadVersion, timeout,
                "INTERNET", spec.description(), managed);
        integrations.put(integrationId, integration);
        return integration;
    }

    /** UpdateIntegration: the given members replace the integration's, checked as CreateIntegration checks them. */
    synchronized Integration updateIntegration(String integrationId, IntegrationSpec changes) {
        Integration old = integration(integrationId);
        IntegrationSpec merged = new IntegrationSpec(
                changes.integrationType() == null ? old.integrationType() : changes.integrationType(),
                changes.integrationUri() == null ? old.integrationUri() : changes.integrationUri(),
                changes.integrationMethod() == null ? old.integrationMethod() : changes.integrationMethod(),
                changes.payloadFormatVersion() == null ? old.payloadFormatVersion() : changes.payloadFormatVersion(),
                changes.timeoutInMillis() == null ? old.timeoutInMillis() : changes.timeoutInMillis(),
                changes.description() == null ? old.description() : changes.description());
        integrations.remove(integrationId);
        try {
            return createIntegration(integrationId, merged, old.apiGatewayManaged());
        } catch (RuntimeException e) {
            integrations.put(integrationId, old);
            throw e;
        }
    }

    synchronized Integration integration(String integrationId) {
        return found(integrations.get(integrationId), "Integration", integrationId);
    }

    synchronized List<Integration> integrations() {
        return List.copyOf(integrations.values());
    }

    synchronized void deleteIntegration(String integrationId) {
        integration(integrationId);
        for (Route route : routes.values()) {
            if ((TARGET_PREFIX + integrationId).equals(route.target())) {
                // AWS refuses too: a route would be left pointing at nothing.
                throw ApiGatewayErrors.conflict("Integration " + integrationId + " is the target of route "
                        + route.routeKey() + " (" + route.routeId() + "); delete that route first");
            }
        }
        integrations.remove(integrationId);
    }

    synchronized Stage createStage(StageSpec spec, Instant now, boolean managed) {
        String name = spec.stageName();
        if (name == null || !(Stage.DEFAULT.equals(name) || name.matches("[A-Za-z0-9_-]{1,128}"))) {
            throw ApiGatewayErrors.badRequest("stageName '" + name + "' is not valid; use $default or letters, "
                    + "digits, - and _ (at most 128)");
        }
        if (stages.containsKey(name)) {
            throw ApiGatewayErrors.conflict("Stage " + name + " already exists for API " + api.apiId()
                    + "; delete it first or choose another stageName");
        }
        if (spec.deploymentId() != null && !deployments.containsKey(spec.deploymentId())) {
            throw ApiGatewayErrors.badRequest("Deployment " + spec.deploymentId() + " does not exist in API "
                    + api.apiId() + "; GetDeployments lists them");
        }
        Stage stage = new Stage(name, spec.description(), spec.autoDeploy(), spec.deploymentId(),
                spec.stageVariables(), now, now, managed);
        stages.put(name, stage);
        return stage;
    }

    /** UpdateStage: description, autoDeploy, deploymentId; the stage variables given are set, the others kept. */
    synchronized Stage updateStage(String stageName, String description, Boolean autoDeploy, String deploymentId,
            Map<String, String> variables, Instant now) {
        Stage old = stage(stageName);
        if (deploymentId != null && !deployments.containsKey(deploymentId)) {
            throw ApiGatewayErrors.badRequest("Deployment " + deploymentId + " does not exist in API "
                    + api.apiId() + "; GetDeployments lists them");
        }
        Map<String, String> merged = new java.util.LinkedHashMap<>(old.stageVariables());
        merged.putAll(variables);
        Stage stage = new Stage(old.stageName(), description == null ? old.description() : description,
                autoDeploy == null ? old.autoDeploy() : autoDeploy,
                deploymentId == null ? old.deploymentId() : deploymentId, merged, old.createdDate(), now,
                old.apiGatewayManaged());
        stages.put(stageName, stage);
        return stage;
    }

    synchronized Stage stage(String stageName) {
        return found(stages.get(stageName), "Stage", stageName);
    }

    synchronized List<Stage> stages() {
        return List.copyOf(stages.values());
    }

    synchronized void deleteStage(String stageName) {
        stage(stageName);
        stages.remove(stageName);
    }

    synchronized Deployment createDeployment(String deploymentId, String description, String stageName,
            Instant now) {
        Stage stage = stageName == null ? null : stage(stageName);
        if (stage != null && stage.autoDeploy()) {
            throw ApiGatewayErrors.badRequest("Stage " + stageName + " has autoDeploy enabled and deploys "
                    + "itself; create the deployment without stageName or use a stage without autoDeploy");
        }
        Deployment deployment = new Deployment(deploymentId, description, now, false, "DEPLOYED");
        deployments.put(deploymentId, deployment);
        snapshots.put(deploymentId, new Routing(List.copyOf(routes.values()), Map.copyOf(integrations)));
        if (stage != null) {
            stages.put(stageName, stage.deployed(deploymentId, now));
        }
        return deployment;
    }

    synchronized List<Deployment> deployments() {
        return List.copyOf(deployments.values());
    }

    /** The stage a data-plane path addresses and the path below it: a named stage first, then {@code $default}. */
    synchronized StagePath stageFor(List<String> segments) {
        if (!segments.isEmpty() && !Stage.DEFAULT.equals(segments.get(0)) && stages.containsKey(segments.get(0))) {
            return new StagePath(stages.get(segments.get(0)), segments.subList(1, segments.size()));
        }
        Stage fallback = stages.get(Stage.DEFAULT);
        return fallback == null ? null : new StagePath(fallback, segments);
    }

    /** The routes a stage serves: the current ones with auto-deploy, else its deployment's; null when none. */
    synchronized Routing routing(Stage stage) {
        if (stage.autoDeploy()) {
            return new Routing(List.copyOf(routes.values()), Map.copyOf(integrations));
        }
        return stage.deploymentId() == null ? null : snapshots.get(stage.deploymentId());
    }

    private void requireIntegration(String target) {
        if (!target.startsWith(TARGET_PREFIX)) {
            throw ApiGatewayErrors.badRequest("target '" + target + "' is not valid; use integrations/{id} "
                    + "with the id CreateIntegration returned");
        }
        if (!integrations.containsKey(target.substring(TARGET_PREFIX.length()))) {
            throw ApiGatewayErrors.badRequest("target " + target + " names no integration of API "
                    + api.apiId() + "; GetIntegrations lists them");
        }
    }

    private <T> T found(T item, String kind, String id) {
        if (item == null) {
            throw ApiGatewayErrors.notFound(kind + " " + id + " does not exist in API " + api.apiId()
                    + "; Get" + kind + "s lists the existing ones");
        }
        return item;
    }

    /** A stage and the request path segments below it. */
    record StagePath(Stage stage, List<String> segments) {
    }

    /** The routes and integrations a stage serves. */
    record Routing(List<Route> routes, Map<String, Integration> integrations) {

        Integration integrationOf(Route route) {
            if (route.target() == null || !route.target().startsWith(TARGET_PREFIX)) {
                return null;
            }
            return integrations.get(route.target().substring(TARGET_PREFIX.length()));
        }
    }
}
