package dev.serverlesslab.emulator.apigatewayv2;

import dev.serverlesslab.emulator.apigateway.ApiGatewayErrors;
import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.http.AwsRequest;
import dev.serverlesslab.emulator.http.AwsResponse;
import dev.serverlesslab.emulator.http.AwsService;
import dev.serverlesslab.emulator.http.ExecuteApi;
import dev.serverlesslab.emulator.http.JsonRequest;
import dev.serverlesslab.emulator.http.OperationRouter;
import dev.serverlesslab.emulator.http.Protocol;
import dev.serverlesslab.emulator.http.RestCall;
import dev.serverlesslab.emulator.http.RestJson;
import dev.serverlesslab.emulator.http.RestOperations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * API Gateway v2's REST-JSON wire format for HTTP APIs: maps {@code /v2/apis...} requests to
 * {@link ApiGatewayV2Backend} calls, and answers calls to deployed APIs through {@link HttpApiProxy}.
 */
public final class ApiGatewayV2Handler implements AwsService, ExecuteApi {

    private final ApiGatewayV2Backend backend;
    private final RestJson json = RestJson.asNamed(why -> ApiGatewayErrors.badRequest("Could not read the "
            + "request: " + why));
    private final HttpApiProxy proxy;
    private final RestOperations operations;
    private final int port;

    /** @param port the emulator's port, for the {@code apiEndpoint} clients are told to call */
    public ApiGatewayV2Handler(ApiGatewayV2Backend backend, int port) {
        this.backend = backend;
        this.port = port;
        this.proxy = new HttpApiProxy(backend);
        this.operations = new RestOperations("API Gateway v2", OperationRouter.forService("apigatewayv2"), table());
    }

    @Override
    public String signingName() {
        return "apigateway";
    }

    @Override
    public Protocol protocol() {
        return Protocol.REST_JSON;
    }

    /** REST APIs (v1) sign as {@code apigateway} too; the router tells them apart by this prefix. */
    @Override
    public List<String> pathPrefixes() {
        return operations.router().pathPrefixes();
    }

    @Override
    public boolean hasApi(String apiId) {
        return backend.hasApi(apiId);
    }

    @Override
    public AwsResponse execute(String apiId, String rawPath, AwsRequest request) {
        return proxy.execute(apiId, rawPath, request);
    }

    @Override
    public AwsResponse handle(AwsRequest request) {
        try {
            return operations.dispatch(request);
        } catch (AwsException e) {
            return error(e);
        }
    }

    /** The error as API Gateway v2 writes it; a member of the wrong type is a BadRequestException there. */
    private AwsResponse error(AwsException error) {
        String code = "SerializationException".equals(error.code()) ? "BadRequestException" : error.code();
        return json.ok(error.httpStatus(), Map.of("message", String.valueOf(error.getMessage())))
                .withHeader("X-Amzn-ErrorType", code);
    }

    /** The HTTP API operations this emulator serves, as registered. */
    @Override
    public List<String> operations() {
        return operations.supported();
    }

    private Map<String, RestOperations.Operation> table() {
        Map<String, RestOperations.Operation> table = new LinkedHashMap<>();
        table.put("CreateApi", call -> json.ok(201, api(backend.createApi(call.scope(), apiSpec(json.object(call.body()))))));
        table.put("GetApi", call -> json.ok(200, api(backend.getApi(call.scope(), apiId(call)))));
        table.put("GetApis", call -> json.ok(200,
                Map.of("items", backend.getApis(call.scope()).stream().map(this::api).toList())));
        table.put("UpdateApi", call -> updateApi(call.scope(), apiId(call), json.object(call.body())));
        table.put("DeleteCorsConfiguration", call -> {
            backend.updateCors(call.scope(), apiId(call), null);
            return AwsResponse.empty(204);
        });
        table.put("DeleteApi", call -> deleted(() -> backend.deleteApi(call.scope(), apiId(call))));
        table.put("CreateRoute", call -> json.ok(201, backend.createRoute(call.scope(), apiId(call),
                routeSpec(only(json.object(call.body()), "CreateRoute", "routeKey", "target", "authorizationType",
                        "authorizerId", "authorizationScopes")))));
        table.put("GetRoute", call -> json.ok(200, backend.getRoute(call.scope(), apiId(call), call.path("routeId"))));
        table.put("GetRoutes", call -> json.ok(200, Map.of("items", backend.getRoutes(call.scope(), apiId(call)))));
        table.put("DeleteRoute", call -> deleted(() -> backend.deleteRoute(call.scope(), apiId(call),
                call.path("routeId"))));
        table.put("CreateIntegration", call -> json.ok(201,
                backend.createIntegration(call.scope(), apiId(call), integrationSpec(json.object(call.body())))));
        table.put("GetIntegration", call -> json.ok(200,
                backend.getIntegration(call.scope(), apiId(call), call.path("integrationId"))));
        table.put("GetIntegrations", call -> json.ok(200,
                Map.of("items", backend.getIntegrations(call.scope(), apiId(call)))));
        table.put("DeleteIntegration", call -> deleted(() -> backend.deleteIntegration(call.scope(), apiId(call),
                call.path("integrationId"))));
        table.put("CreateStage", call -> json.ok(201,
                backend.createStage(call.scope(), apiId(call), stageSpec(json.object(call.body())))));
        table.put("GetStage", call -> json.ok(200, backend.getStage(call.scope(), apiId(call),
                call.path("stageName"))));
        table.put("GetStages", call -> json.ok(200, Map.of("items", backend.getStages(call.scope(), apiId(call)))));
        table.put("DeleteStage", call -> deleted(() -> backend.deleteStage(call.scope(), apiId(call),
                call.path("stageName"))));
        table.put("UpdateRoute", call -> json.ok(200, backend.updateRoute(call.scope(), apiId(call),
                call.path("routeId"), routeSpec(only(json.object(call.body()), "UpdateRoute", "routeKey", "target",
                        "authorizationType", "authorizerId", "authorizationScopes")))));
        table.put("CreateAuthorizer", call -> {
            JsonRequest in = only(json.object(call.body()), "CreateAuthorizer", "name", "authorizerType",
                    "authorizerUri", "identitySource", "authorizerPayloadFormatVersion", "enableSimpleResponses",
                    "authorizerResultTtlInSeconds", "jwtConfiguration");
            Integer ttl = in.wholeInt("authorizerResultTtlInSeconds");
            JwtConfiguration jwt = null;
            if (in.has("jwtConfiguration")) {
                JsonRequest config = only(new JsonRequest(in.node().get("jwtConfiguration")), "jwtConfiguration",
                        "audience", "issuer");
                jwt = new JwtConfiguration(config.texts("audience"), config.text("issuer"));
            }
            return json.ok(201, backend.createAuthorizer(call.scope(), apiId(call), new HttpAuthorizer(null,
                    in.text("name"), in.text("authorizerType"), in.text("authorizerUri"), in.texts("identitySource"),
                    in.text("authorizerPayloadFormatVersion"), in.bool("enableSimpleResponses", false),
                    ttl == null ? 0 : ttl, jwt)));
        });
        table.put("GetAuthorizer", call -> json.ok(200, backend.getAuthorizer(call.scope(), apiId(call),
                call.path("authorizerId"))));
        table.put("GetAuthorizers", call -> json.ok(200, Map.of("items", backend.getAuthorizers(call.scope(),
                apiId(call)))));
        table.put("DeleteAuthorizer", call -> deleted(() -> backend.deleteAuthorizer(call.scope(), apiId(call),
                call.path("authorizerId"))));
        table.put("UpdateIntegration", call -> json.ok(200, backend.updateIntegration(call.scope(), apiId(call),
                call.path("integrationId"), integrationSpec(only(json.object(call.body()), "UpdateIntegration",
                        "integrationType", "integrationUri", "integrationMethod", "payloadFormatVersion",
                        "timeoutInMillis", "description")))));
        table.put("UpdateStage", call -> {
            JsonRequest in = only(json.object(call.body()), "UpdateStage", "description", "autoDeploy",
                    "deploymentId", "stageVariables");
            return json.ok(200, backend.updateStage(call.scope(), apiId(call), call.path("stageName"),
                    in.text("description"), in.has("autoDeploy") ? in.bool("autoDeploy", false) : null,
                    in.text("deploymentId"), in.stringMap("stageVariables")));
        });
        table.put("CreateDeployment", call -> createDeployment(call.scope(), apiId(call), json.object(call.body())));
        table.put("GetDeployments", call -> json.ok(200,
                Map.of("items", backend.getDeployments(call.scope(), apiId(call)))));
        return table;
    }

    private static String apiId(RestCall call) {
        return call.path("apiId");
    }

    private Map<String, Object> api(HttpApi api) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("apiId", api.apiId());
        body.put("name", api.name());
        body.put("description", api.description());
        body.put("protocolType", api.protocolType());
        body.put("routeSelectionExpression", api.routeSelectionExpression());
        body.put("apiKeySelectionExpression", api.apiKeySelectionExpression());
        body.put("version", api.version());
        body.put("createdDate", api.createdDate());
        body.put("apiEndpoint", "http://" + api.apiId() + ".execute-api.localhost.localstack.cloud:" + port);
        body.put("disableExecuteApiEndpoint", false);
        body.put("tags", api.tags());
        if (api.corsConfiguration() != null) {
            body.put("corsConfiguration", api.corsConfiguration().describe());
        }
        return body;
    }

    private static ApiSpec apiSpec(JsonRequest in) {
        return new ApiSpec(in.text("name"), in.text("description"), in.text("protocolType"), in.text("target"),
                in.text("routeKey"), in.text("version"), in.stringMap("tags"), cors(in));
    }

    private AwsResponse updateApi(AccountRegion scope, String apiId, JsonRequest in) {
        for (String field : List.of("target", "routeKey", "credentialsArn",
                "routeSelectionExpression", "apiKeySelectionExpression", "version")) {
            if (in.has(field)) {
                throw ApiGatewayErrors.badRequest("UpdateApi here changes only name and description; " + field
                        + " is not emulated (recreate the API, or change routes with CreateRoute/DeleteRoute)");
            }
        }
        if (in.has("corsConfiguration")) {
            // UpdateApi replaces the whole configuration with the one given, as AWS does.
            backend.updateCors(scope, apiId, cors(in));
        }
        return json.ok(200, api(backend.updateApi(scope, apiId, in.text("name"), in.text("description"))));
    }

    private static CorsConfiguration cors(JsonRequest in) {
        if (!in.has("corsConfiguration") || in.node().get("corsConfiguration").isNull()) {
            return null;
        }
        if (!in.node().get("corsConfiguration").isObject()) {
            throw JsonRequest.wrongType("corsConfiguration", "an object");
        }
        return CorsConfiguration.read(new JsonRequest(in.node().get("corsConfiguration")));
    }

    /** The body, refused when it sets a member this emulator would otherwise drop. */
    private static JsonRequest only(JsonRequest in, String operation, String... served) {
        List<String> allowed = List.of(served);
        for (var names = in.node().fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ApiGatewayErrors.badRequest(operation + " here changes only " + String.join(", ", allowed)
                        + "; " + name + " is not emulated");
            }
        }
        return in;
    }

    private static RouteSpec routeSpec(JsonRequest in) {
        return new RouteSpec(in.text("routeKey"), in.text("target"), in.text("authorizationType"),
                in.text("authorizerId"), in.has("authorizationScopes") ? in.texts("authorizationScopes") : null);
    }

    private static IntegrationSpec integrationSpec(JsonRequest in) {
        return new IntegrationSpec(in.text("integrationType"), in.text("integrationUri"),
                in.text("integrationMethod"), in.text("payloadFormatVersion"), in.wholeInt("timeoutInMillis"),
                in.text("description"));
    }

    private static StageSpec stageSpec(JsonRequest in) {
        return new StageSpec(in.text("stageName"), in.text("description"), in.bool("autoDeploy", false),
                in.text("deploymentId"), in.stringMap("stageVariables"));
    }

    private AwsResponse createDeployment(AccountRegion scope, String apiId, JsonRequest in) {
        return json.ok(201, backend.createDeployment(scope, apiId, in.text("description"), in.text("stageName")));
    }

    private static AwsResponse deleted(Runnable deletion) {
        deletion.run();
        return AwsResponse.empty(204);
    }
}
