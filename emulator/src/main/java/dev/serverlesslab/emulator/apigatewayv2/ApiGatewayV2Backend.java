package dev.serverlesslab.emulator.apigatewayv2;

import dev.serverlesslab.emulator.apigateway.ApiGatewayErrors;
import dev.serverlesslab.emulator.apigateway.FunctionTarget;
import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.http.AwsRequest;
import dev.serverlesslab.emulator.lambda.InvocationType;
import dev.serverlesslab.emulator.lambda.InvokeRequest;
import dev.serverlesslab.emulator.lambda.InvokeResponse;
import dev.serverlesslab.emulator.lambda.LambdaBackend;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API Gateway HTTP API (v2) state and rules: APIs with their routes, integrations, stages and deployments per account
 * and region, which route answers a data-plane request, and the Lambda call behind it.
 */
public final class ApiGatewayV2Backend {

    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    /** API ids are 10 characters, as AWS's are; they must not collide with REST API ids, which share the host. */
    private static final int API_ID_LENGTH = 10;
    private static final int CHILD_ID_LENGTH = 7;

    private final Map<AccountRegion, Map<String, ApiState>> apis = new ConcurrentHashMap<>();
    private final FunctionInvoker lambda;
    private final SecureRandom random;
    private final Clock clock;
    private final HttpAuthorizers authorizers;
    private final JwtAuthorizers jwtAuthorizers = new JwtAuthorizers();

    public ApiGatewayV2Backend(FunctionInvoker lambda, SecureRandom random, Clock clock) {
        this.lambda = lambda;
        this.random = random;
        this.clock = clock;
        this.authorizers = new HttpAuthorizers(lambda, clock);
    }

    public ApiGatewayV2Backend(LambdaBackend lambda) {
        this(lambda::invoke, new SecureRandom(), Clock.systemUTC());
    }

    /**
     * Creates an HTTP API; with a {@code target} it is AWS's quick create: a Lambda proxy integration (payload 2.0),
     * a route ({@code routeKey} or {@code $default}) and a {@code $default} stage with auto-deploy.
     */
    public HttpApi createApi(AccountRegion scope, ApiSpec spec) {
        if (spec.name() == null || spec.name().isEmpty()) {
            throw ApiGatewayErrors.badRequest("name is required: give the API a name of 1 to 128 characters");
        }
        if (!"HTTP".equals(spec.protocolType())) {
            throw ApiGatewayErrors.badRequest("protocolType " + spec.protocolType() + " is not emulated; "
                    + "Serverless Lab's API Gateway v2 creates HTTP APIs (protocolType HTTP)");
        }
        if (spec.target() == null && spec.routeKey() != null) {
            throw ApiGatewayErrors.badRequest("routeKey is only used by quick create: give target (a Lambda "
                    + "function ARN) too, or create the route with CreateRoute");
        }
        Instant now = now();
        HttpApi api = new HttpApi(newId(API_ID_LENGTH), spec.name(), spec.description(), "HTTP",
                "${request.method} ${request.path}", "$request.header.x-api-key", spec.version(), now, spec.tags(),
                spec.corsConfiguration());
        ApiState state = new ApiState(api);
        if (spec.target() != null) {
            FunctionTarget.require(spec.target(), "target");
            Integration integration = state.createIntegration(newId(CHILD_ID_LENGTH),
                    new IntegrationSpec("AWS_PROXY", spec.target(), "POST", "2.0", null, null), true);
            String routeKey = spec.routeKey() == null ? RouteKey.DEFAULT : spec.routeKey();
            state.createRoute(newId(CHILD_ID_LENGTH),
                    new RouteSpec(routeKey, "integrations/" + integration.integrationId(), null), true);
            state.createStage(new StageSpec(Stage.DEFAULT, null, true, null, Map.of()), now, true);
        }
        apisOf(scope).put(api.apiId(), state);
        return api;
    }

    public HttpApi getApi(AccountRegion scope, String apiId) {
        return state(scope, apiId).api();
    }

    public List<HttpApi> getApis(AccountRegion scope) {
        return apisOf(scope).values().stream().map(ApiState::api)
                .sorted(Comparator.comparing(HttpApi::createdDate).thenComparing(HttpApi::apiId)).toList();
    }

    /** Changes the name and description; a null leaves that one as it is. */
    public HttpApi updateApi(AccountRegion scope, String apiId, String name, String description) {
        return state(scope, apiId).update(name, description);
    }

    /** Sets (or, with null, removes) the API's CORS configuration; it applies to the next call at once, as on AWS. */
    public HttpApi updateCors(AccountRegion scope, String apiId, CorsConfiguration cors) {
        return state(scope, apiId).updateCors(cors);
    }

    /** The CORS configuration of a deployed API, looked up by id alone as data-plane calls are. */
    Optional<CorsConfiguration> cors(String apiId) {
        return owner(apiId).map(entry -> entry.getValue().api().corsConfiguration());
    }

    public void deleteApi(AccountRegion scope, String apiId) {
        state(scope, apiId);
        apisOf(scope).remove(apiId);
    }

    /** @param spec the authorizer asked for; its id is ignored and a new one given */
    public HttpAuthorizer createAuthorizer(AccountRegion scope, String apiId, HttpAuthorizer spec) {
        ApiState state = state(scope, apiId);
        return state.createAuthorizer(new HttpAuthorizer(newId(CHILD_ID_LENGTH), spec.name(), spec.authorizerType(),
                spec.authorizerUri(), spec.identitySource(), spec.authorizerPayloadFormatVersion(),
                spec.enableSimpleResponses(), spec.authorizerResultTtlInSeconds(), spec.jwtConfiguration()));
    }

    public HttpAuthorizer getAuthorizer(AccountRegion scope, String apiId, String authorizerId) {
        return state(scope, apiId).authorizer(authorizerId);
    }

    public List<HttpAuthorizer> getAuthorizers(AccountRegion scope, String apiId) {
        return state(scope, apiId).authorizers();
    }

    public void deleteAuthorizer(AccountRegion scope, String apiId, String authorizerId) {
        state(scope, apiId).deleteAuthorizer(authorizerId);
    }

    /** Runs the call's route authorizer; a route without one is allowed with no context. */
    HttpAuthorizers.Outcome authorize(ApiCall call, String rawPath, AwsRequest request, Map<String, Object> event) {
        String type = call.route().authorizationType();
        if (!"CUSTOM".equals(type) && !"JWT".equals(type)) {
            return new HttpAuthorizers.Outcome(true, Map.of(), 200, null);
        }
        Optional<HttpAuthorizer> authorizer = owner(call.apiId()).flatMap(entry -> {
            try {
                return Optional.of(entry.getValue().authorizer(call.route().authorizerId()));
            } catch (RuntimeException gone) {
                return Optional.empty();
            }
        });
        if (authorizer.isEmpty()) {
            return HttpAuthorizers.Outcome.refused(500, "Internal Server Error");
        }
        if ("JWT".equals(type)) {
            Map<String, Object> jwt = jwtAuthorizers.authorize(authorizer.get(), call.route(), request);
            return jwt == null ? HttpAuthorizers.Outcome.refused(401, "Unauthorized")
                    : new HttpAuthorizers.Outcome(true, jwt, 200, null);
        }
        return authorizers.authorize(authorizer.get(), call, rawPath, request, event);
    }

    public Route updateRoute(AccountRegion scope, String apiId, String routeId, RouteSpec changes) {
        return state(scope, apiId).updateRoute(routeId, changes);
    }

    public Integration updateIntegration(AccountRegion scope, String apiId, String integrationId,
            IntegrationSpec changes) {
        return state(scope, apiId).updateIntegration(integrationId, changes);
    }

    public Stage updateStage(AccountRegion scope, String apiId, String stageName, String description,
            Boolean autoDeploy, String deploymentId, Map<String, String> variables) {
        return state(scope, apiId).updateStage(stageName, description, autoDeploy, deploymentId, variables, now());
    }

    public Route createRoute(AccountRegion scope, String apiId, RouteSpec spec) {
        return state(scope, apiId).createRoute(newId(CHILD_ID_LENGTH), spec, false);
    }

    public Route getRoute(AccountRegion scope, String apiId, String routeId) {
        return state(scope, apiId).route(routeId);
    }

    public List<Route> getRoutes(AccountRegion scope, String apiId) {
        return state(scope, apiId).routes();
    }

    public void deleteRoute(AccountRegion scope, String apiId, String routeId) {
        state(scope, apiId).deleteRoute(routeId);
    }

    public Integration createIntegration(AccountRegion scope, String apiId, IntegrationSpec spec) {
        return state(scope, apiId).createIntegration(newId(CHILD_ID_LENGTH), spec, false);
    }

    public Integration getIntegration(AccountRegion scope, String apiId, String integrationId) {
        return state(scope, apiId).integration(integrationId);
    }

    public List<Integration> getIntegrations(AccountRegion scope, String apiId) {
        return state(scope, apiId).integrations();
    }

    public void deleteIntegration(AccountRegion scope, String apiId, String integrationId) {
        state(scope, apiId).deleteIntegration(integrationId);
    }

    public Stage createStage(AccountRegion scope, String apiId, StageSpec spec) {
        return state(scope, apiId).createStage(spec, now(), false);
    }

    public Stage getStage(AccountRegion scope, String apiId, String stageName) {
        return state(scope, apiId).stage(stageName);
    }

    public List<Stage> getStages(AccountRegion scope, String apiId) {
        return state(scope, apiId).stages();
    }

    public void deleteStage(AccountRegion scope, String apiId, String stageName) {
        state(scope, apiId).deleteStage(stageName);
    }

    /** Freezes the current routes; with a stage name, that stage (which must not auto-deploy) serves them. */
    public Deployment createDeployment(AccountRegion scope, String apiId, String description, String stageName) {
        return state(scope, apiId).createDeployment(newId(CHILD_ID_LENGTH), description, stageName, now());
    }

    public List<Deployment> getDeployments(AccountRegion scope, String apiId) {
        return state(scope, apiId).deployments();
    }

    /** True when an API with this id exists in any account and region: the data plane is not signed. */
    public boolean hasApi(String apiId) {
        return owner(apiId).isPresent();
    }

    /**
     * The route that answers a data-plane request, chosen as AWS does: a full match of method and path first, then
     * a greedy {@code {proxy+}} path, then {@code ANY}, then {@code $default}; empty when nothing answers.
     *
     * @param segments the request path split at {@code /}, still percent-encoded, stage included if it has one
     */
    public Optional<ApiCall> resolve(String apiId, String method, List<String> segments) {
        Optional<Map.Entry<AccountRegion, ApiState>> owner = owner(apiId);
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        ApiState state = owner.get().getValue();
        ApiState.StagePath stagePath = state.stageFor(segments);
        ApiState.Routing routing = stagePath == null ? null : state.routing(stagePath.stage());
        if (routing == null) {
            return Optional.empty();
        }
        Comparator<Route> specificity = Comparator
                .comparing((Route route) -> RouteKey.ANY.equals(RouteKey.parse(route.routeKey()).method()))
                .thenComparing(route -> RouteKey.parse(route.routeKey()).greedy())
                .thenComparing(route -> -RouteKey.parse(route.routeKey()).literalCount());
        Optional<ApiCall> matched = routing.routes().stream()
                .sorted(specificity)
                .flatMap(route -> RouteKey.parse(route.routeKey()).match(method, stagePath.segments()).stream()
                        .map(parameters -> call(owner.get().getKey(), apiId, stagePath.stage(), route,
                                routing.integrationOf(route), parameters)))
                .findFirst();
        if (matched.isPresent()) {
            return matched;
        }
        return routing.routes().stream()
                .filter(route -> RouteKey.DEFAULT.equals(route.routeKey()))
                .findFirst()
                .map(route -> call(owner.get().getKey(), apiId, stagePath.stage(), route,
                        routing.integrationOf(route), Map.of()));
    }

    /** Calls the call's function synchronously with the event, in the account and region of its ARN. */
    public InvokeResponse invoke(ApiCall call, byte[] event) {
        FunctionTarget target = FunctionTarget.require(call.integration().integrationUri(), "integrationUri");
        return lambda.invoke(target.scope(),
                new InvokeRequest(target.functionArn(), null, InvocationType.RequestResponse, event, null));
    }

    private static ApiCall call(AccountRegion scope, String apiId, Stage stage, Route route, Integration integration,
            Map<String, String> parameters) {
        return new ApiCall(scope, apiId, stage, route, integration, parameters);
    }

    private Optional<Map.Entry<AccountRegion, ApiState>> owner(String apiId) {
        for (Map.Entry<AccountRegion, Map<String, ApiState>> entry : apis.entrySet()) {
            ApiState state = entry.getValue().get(apiId);
            if (state != null) {
                return Optional.of(Map.entry(entry.getKey(), state));
            }
        }
        return Optional.empty();
    }

    private ApiState state(AccountRegion scope, String apiId) {
        ApiState state = apisOf(scope).get(apiId);
        if (state == null) {
            throw ApiGatewayErrors.notFound("Invalid API identifier specified " + scope.accountId() + ":" + apiId
                    + " (no HTTP API with that id in region " + scope.region() + "); GetApis lists the APIs");
        }
        return state;
    }

    private Map<String, ApiState> apisOf(AccountRegion scope) {
        return apis.computeIfAbsent(scope, key -> new ConcurrentHashMap<>());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private String newId(int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }
}
