package dev.serverlesslab.emulator.apigateway;

import dev.serverlesslab.emulator.http.AwsRequest;
import dev.serverlesslab.emulator.http.AwsResponse;
import dev.serverlesslab.emulator.http.AwsService;
import dev.serverlesslab.emulator.http.ExecuteApi;
import dev.serverlesslab.emulator.http.Protocol;
import dev.serverlesslab.emulator.http.OperationRouter;
import dev.serverlesslab.emulator.http.RestCall;
import dev.serverlesslab.emulator.http.RestOperations;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * API Gateway REST API (v1) wire format: maps {@code /restapis...} REST-JSON requests to {@link ApiGatewayBackend}
 * calls, and answers calls to deployed stages on the data plane.
 */
public final class ApiGatewayHandler implements AwsService, ExecuteApi {

    private final ApiGatewayBackend backend;
    private final DataPlane dataPlane;
    private final RestOperations operations;

    public ApiGatewayHandler(ApiGatewayBackend backend) {
        this.backend = backend;
        this.dataPlane = new DataPlane(backend, Clock.systemUTC());
        this.operations = new RestOperations("API Gateway", OperationRouter.forService("apigateway"), table());
    }

    @Override
    public String signingName() {
        return "apigateway";
    }

    @Override
    public Protocol protocol() {
        return Protocol.REST_JSON;
    }

    /**
     * Every path root of the REST API model ({@code /restapis}, {@code /usageplans}, {@code /apikeys}...), so that
     * an operation not served here is still named as API Gateway's rather than as an unknown service.
     */
    @Override
    public List<String> pathPrefixes() {
        return operations.router().pathPrefixes();
    }

    /** Stops waiting integration calls; the Lambda backend belongs to the Lambda service. */
    @Override
    public void close() {
        backend.close();
    }

    @Override
    public boolean hasApi(String apiId) {
        return backend.hasApi(apiId);
    }

    @Override
    public AwsResponse execute(String apiId, String rawPath, AwsRequest request) {
        return dataPlane.execute(apiId, rawPath, request);
    }

    @Override
    public AwsResponse handle(AwsRequest request) {
        return operations.dispatch(request);
    }

    /** The REST API operations this emulator serves, as registered. */
    @Override
    public List<String> operations() {
        return operations.supported();
    }

    private Map<String, RestOperations.Operation> table() {
        Map<String, RestOperations.Operation> table = new LinkedHashMap<>();
        table.put("CreateRestApi", this::createRestApi);
        table.put("GetRestApis", call -> ok(200, RestApiShapes.items(backend.getRestApis(call.scope()),
                RestApiShapes::restApi)));
        table.put("GetRestApi", call -> ok(200, RestApiShapes.restApi(backend.getRestApi(call.scope(), api(call)))));
        table.put("DeleteRestApi", call -> deleted(() -> backend.deleteRestApi(call.scope(), api(call)), 202));
        table.put("GetResources", call -> ok(200, RestApiShapes.items(backend.getResources(call.scope(), api(call)),
                resource -> RestApiShapes.resource(resource, embeds(call)))));
        table.put("GetResource", call -> ok(200, RestApiShapes.resource(
                backend.getResource(call.scope(), api(call), call.path("resource_id")), embeds(call))));
        table.put("CreateResource", call -> ok(201, RestApiShapes.resource(backend.createResource(call.scope(),
                api(call), call.path("parent_id"), ApiGatewayRequest.of(call.body()).text("pathPart")), false)));
        table.put("DeleteResource", call -> deleted(() -> backend.deleteResource(call.scope(), api(call),
                call.path("resource_id")), 202));
        table.put("PutMethod", this::putMethod);
        table.put("GetMethod", call -> ok(200, RestApiShapes.method(backend.getMethod(call.scope(), api(call),
                call.path("resource_id"), call.path("http_method")))));
        table.put("DeleteMethod", call -> deleted(() -> backend.deleteMethod(call.scope(), api(call),
                call.path("resource_id"), call.path("http_method")), 204));
        table.put("PutIntegration", this::putIntegration);
        table.put("UpdateRestApi", call -> ok(200, RestApiShapes.restApi(backend.updateRestApi(call.scope(),
                api(call), PatchOperation.read(ApiGatewayRequest.of(call.body()))))));
        table.put("UpdateStage", call -> ok(200, RestApiShapes.stage(backend.updateStage(call.scope(), api(call),
                call.path("stage_name"), PatchOperation.read(ApiGatewayRequest.of(call.body()))))));
        table.put("UpdateMethod", call -> ok(200, RestApiShapes.method(backend.updateMethod(call.scope(),
                api(call), call.path("resource_id"), call.path("http_method"),
                PatchOperation.read(ApiGatewayRequest.of(call.body()))))));
        table.put("UpdateIntegration", call -> ok(200, RestApiShapes.integration(backend.updateIntegration(
                call.scope(), api(call), call.path("resource_id"), call.path("http_method"),
                PatchOperation.read(ApiGatewayRequest.of(call.body()))))));
        table.put("CreateAuthorizer", this::createAuthorizer);
        table.put("GetAuthorizer", call -> ok(200, RestApiShapes.authorizer(backend.getAuthorizer(call.scope(),
                api(call), call.path("authorizer_id")))));
        table.put("GetAuthorizers", call -> ok(200, RestApiShapes.items(backend.getAuthorizers(call.scope(),
                api(call)), RestApiShapes::authorizer)));
        table.put("DeleteAuthorizer", call -> deleted(() -> backend.deleteAuthorizer(call.scope(), api(call),
                call.path("authorizer_id")), 202));
        table.put("GetIntegration", call -> ok(200, RestApiShapes.integration(backend.getIntegration(call.scope(),
                api(call), call.path("resource_id"), call.path("http_method")))));
        table.put("CreateDeployment", this::createDeployment);
        table.put("GetDeployments", call -> ok(200, RestApiShapes.items(backend.getDeployments(call.scope(),
                api(call)), RestApiShapes::deployment)));
        table.put("CreateStage", this::createStage);
        table.put("GetStages", call -> ok(200, Map.of("item", backend.getStages(call.scope(), api(call)).stream()
                .map(RestApiShapes::stage).toList())));
        table.put("GetStage", call -> ok(200, RestApiShapes.stage(backend.getStage(call.scope(), api(call),
                call.path("stage_name")))));
        table.put("DeleteStage", call -> deleted(() -> backend.deleteStage(call.scope(), api(call),
                call.path("stage_name")), 202));
        return table;
    }

    private static String api(RestCall call) {
        return call.path("restapi_id");
    }

    private AwsResponse createRestApi(RestCall call) {
        if (call.query("mode") != null) {
            // ?mode=import is ImportRestApi in the model; any other mode imports too, which is not emulated.
            throw operations.unsupported("ImportRestApi", call.request());
        }
        ApiGatewayRequest in = ApiGatewayRequest.of(call.body());
        RestApiSpec spec = new RestApiSpec(in.text("name"), in.text("description"), in.text("version"),
                in.texts("binaryMediaTypes"), in.text("apiKeySource"), in.endpointTypes(), in.stringMap("tags"),
                in.bool("disableExecuteApiEndpoint", false));
        return ok(201, RestApiShapes.restApi(backend.createRestApi(call.scope(), spec)));
    }

    private AwsResponse putMethod(RestCall call) {
        ApiGatewayRequest in = ApiGatewayRequest.of(call.body());
        MethodSpec spec = new MethodSpec(in.text("authorizationType"), in.text("authorizerId"),
                in.bool("apiKeyRequired", false),
                in.text("operationName"), in.booleanMap("requestParameters"));
        return ok(201, RestApiShapes.method(backend.putMethod(call.scope(), api(call), call.path("resource_id"),
                call.path("http_method"), spec)));
    }

    private AwsResponse createAuthorizer(RestCall call) {
        ApiGatewayRequest in = ApiGatewayRequest.of(call.body());
        for (String field : List.of("providerARNs", "authorizerCredentials", "authType")) {
            if (in.has(field)) {
                throw ApiGatewayErrors.badRequest(field + " is not emulated; Serverless Lab's Lambda authorizers "
                        + "are invoked with API Gateway's own permission (leave " + field + " out)");
            }
        }
        Integer ttl = in.wholeInt("authorizerResultTtlInSeconds");
        ApiAuthorizer spec = new ApiAuthorizer(null, in.text("name"), in.text("type"), in.text("authorizerUri"),
                in.text("identitySource"), in.text("identityValidationExpression"),
                ttl == null ? ApiAuthorizer.DEFAULT_TTL_SECONDS : ttl);
        return ok(201, RestApiShapes.authorizer(backend.createAuthorizer(call.scope(), api(call), spec)));
    }

    private AwsResponse putIntegration(RestCall call) {
        ApiGatewayRequest in = ApiGatewayRequest.of(call.body());
        // The wire member "httpMethod" is the integration's method; the path's is the method being integrated.
        IntegrationSpec spec = new IntegrationSpec(in.text("type"), in.text("httpMethod"), in.text("uri"),
                in.wholeInt("timeoutInMillis"), in.text("passthroughBehavior"), in.text("contentHandling"),
                in.texts("cacheKeyParameters"));
        return ok(201, RestApiShapes.integration(
                backend.putIntegration(call.scope(), api(call), call.path("resource_id"), call.path("http_method"),
                        spec)));
    }

    private AwsResponse createDeployment(RestCall call) {
        ApiGatewayRequest in = ApiGatewayRequest.of(call.body());
        DeploymentSpec spec = new DeploymentSpec(in.text("stageName"), in.text("stageDescription"),
                in.text("description"), in.stringMap("variables"));
        return ok(201, RestApiShapes.deployment(backend.createDeployment(call.scope(), api(call), spec)));
    }

    private AwsResponse createStage(RestCall call) {
        ApiGatewayRequest in = ApiGatewayRequest.of(call.body());
        StageSpec spec = new StageSpec(in.text("stageName"), in.text("deploymentId"), in.text("description"),
                in.stringMap("variables"), in.stringMap("tags"), in.bool("tracingEnabled", false));
        return ok(201, RestApiShapes.stage(backend.createStage(call.scope(), api(call), spec)));
    }

    /** {@code ?embed=methods}, which may be repeated or comma-separated as the model's list member allows. */
    private static boolean embeds(RestCall call) {
        return call.request().queryValues("embed").stream()
                .anyMatch(value -> List.of(value.split(",")).contains("methods"));
    }

    private static AwsResponse ok(int status, Object body) {
        return ApiGatewayRequest.JSON.ok(status, body);
    }

    private static AwsResponse deleted(Runnable delete, int status) {
        delete.run();
        return AwsResponse.empty(status);
    }
}
