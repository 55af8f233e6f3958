package dev.serverlesslab.emulator.apigateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.serverlesslab.emulator.http.AccountRegion;
import dev.serverlesslab.emulator.http.AwsException;
import dev.serverlesslab.emulator.http.AwsRequest;
import dev.serverlesslab.emulator.http.AwsResponse;
import dev.serverlesslab.emulator.http.AwsService;
import dev.serverlesslab.emulator.http.ExecuteApi;
import dev.serverlesslab.emulator.http.Protocol;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * API Gateway REST API (v1) wire format: maps {@code /restapis...} REST-JSON requests to {@link ApiGatewayBackend}
 * calls, and answers calls to deployed stages on the data plane.
 */
public final class ApiGatewayHandler implements AwsService, ExecuteApi {

    private static final String PREFIX = "/restapis";
    private static final String SUPPORTED = "CreateRestApi, GetRestApi, GetRestApis, DeleteRestApi, GetResources, "
            + "GetResource, CreateResource, DeleteResource, PutMethod, GetMethod, DeleteMethod, PutIntegration, "
            + "GetIntegration, CreateDeployment, GetDeployments, CreateStage, GetStage, GetStages, DeleteStage";

    private final ApiGatewayBackend backend;
    private final DataPlane dataPlane;
    private final OperationNames operations = OperationNames.load();
    private final ObjectMapper json = JsonMapper.builder()
            .defaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();

    public ApiGatewayHandler(ApiGatewayBackend backend) {
        this.backend = backend;
        this.dataPlane = new DataPlane(backend, Clock.systemUTC());
    }

    @Override
    public String signingName() {
        return "apigateway";
    }

    @Override
    public Protocol protocol() {
        return Protocol.REST_JSON;
    }

    @Override
    public List<String> pathPrefixes() {
        return List.of(PREFIX);
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
        String path = request.rawPath();
        if (!path.equals(PREFIX) && !path.startsWith(PREFIX + "/")) {
            throw unsupported(request);
        }
        List<String> s = segments(path.substring(PREFIX.length()));
        String method = request.method();
        AccountRegion scope = request.scope();
        String route = method + " " + shape(s);
        return switch (route) {
            case "POST /" -> createRestApi(request);
            case "GET /" -> ok(200, RestApiShapes.items(backend.getRestApis(scope), RestApiShapes::restApi));
            case "GET /a" -> ok(200, RestApiShapes.restApi(backend.getRestApi(scope, s.get(0))));
            case "DELETE /a" -> deleted(() -> backend.deleteRestApi(scope, s.get(0)), 202);
            case "GET /a/resources" -> getResources(request, s.get(0));
            case "GET /a/resources/b" ->
                    ok(200, RestApiShapes.resource(backend.getResource(scope, s.get(0), s.get(2)), embeds(request)));
            case "POST /a/resources/b" -> createResource(request, s.get(0), s.get(2));
            case "DELETE /a/resources/b" -> deleted(() -> backend.deleteResource(scope, s.get(0), s.get(2)), 202);
            case "PUT /a/resources/b/methods/c" -> putMethod(request, s.get(0), s.get(2), s.get(4));
            case "GET /a/resources/b/methods/c" ->
                    ok(200, RestApiShapes.method(backend.getMethod(scope, s.get(0), s.get(2), s.get(4))));
            case "DELETE /a/resources/b/methods/c" ->
                    deleted(() -> backend.deleteMethod(scope, s.get(0), s.get(2), s.get(4)), 204);
            case "PUT /a/resources/b/methods/c/integration" -> putIntegration(request, s.get(0), s.get(2), s.get(4));
            case "GET /a/resources/b/methods/c/integration" ->
                    ok(200, RestApiShapes.integration(backend.getIntegration(scope, s.get(0), s.get(2), s.get(4))));
            case "POST /a/deployments" -> createDeployment(request, s.get(0));
            case "GET /a/deployments" ->
                    ok(200, RestApiShapes.items(backend.getDeployments(scope, s.get(0)), RestApiShapes::deployment));
            case "POST /a/stages" -> createStage(request, s.get(0));
            case "GET /a/stages" ->
                    ok(200, Map.of("item", backend.getStages(scope, s.get(0)).stream().map(RestApiShapes::stage)
                            .toList()));
            case "GET /a/stages/b" -> ok(200, RestApiShapes.stage(backend.getStage(scope, s.get(0), s.get(2))));
            case "DELETE /a/stages/b" -> deleted(() -> backend.deleteStage(scope, s.get(0), s.get(2)), 202);
            default -> throw unsupported(request);
        };
    }

    private AwsResponse createRestApi(AwsRequest request) {
        if (request.queryParameters().containsKey("mode")) {
            throw unsupported(request);
        }
        ApiGatewayRequest in = ApiGatewayRequest.of(request.body());
        RestApiSpec spec = new RestApiSpec(in.text("name"), in.text("description"), in.text("version"),
                in.texts("binaryMediaTypes"), in.text("apiKeySource"), in.endpointTypes(), in.stringMap("tags"),
                in.bool("disableExecuteApiEndpoint", false));
        return ok(201, RestApiShapes.restApi(backend.createRestApi(request.scope(), spec)));
    }

    private AwsResponse getResources(AwsRequest request, String apiId) {
        boolean embed = embeds(request);
        return ok(200, RestApiShapes.items(backend.getResources(request.scope(), apiId),
                resource -> RestApiShapes.resource(resource, embed)));
    }

    private AwsResponse createResource(AwsRequest request, String apiId, String parentId) {
        ApiGatewayRequest in = ApiGatewayRequest.of(request.body());
        return ok(201, RestApiShapes.resource(
                backend.createResource(request.scope(), apiId, parentId, in.text("pathPart")), false));
    }

    private AwsResponse putMethod(AwsRequest request, String apiId, String resourceId, String httpMethod) {
        ApiGatewayRequest in = ApiGatewayRequest.of(request.body());
        MethodSpec spec = new MethodSpec(in.text("authorizationType"), in.bool("apiKeyRequired", false),
                in.text("operationName"), in.booleanMap("requestParameters"));
        return ok(201, RestApiShapes.method(backend.putMethod(request.scope(), apiId, resourceId, httpMethod, spec)));
    }

    private AwsResponse putIntegration(AwsRequest request, String apiId, String resourceId, String httpMethod) {
        ApiGatewayRequest in = ApiGatewayRequest.of(request.body());
        // The wire member "httpMethod" is the integration's method; the path's is the method being integrated.
        IntegrationSpec spec = new IntegrationSpec(in.text("type"), in.text("httpMethod"), in.text("uri"),
                in.wholeInt("timeoutInMillis"), in.text("passthroughBehavior"), in.text("contentHandling"),
                in.texts("cacheKeyParameters"));
        return ok(201, RestApiShapes.integration(
                backend.putIntegration(request.scope(), apiId, resourceId, httpMethod, spec)));
    }

    private AwsResponse createDeployment(AwsRequest request, String apiId) {
        ApiGatewayRequest in = ApiGatewayRequest.of(request.body());
        DeploymentSpec spec = new DeploymentSpec(in.text("stageName"), in.text("stageDescription"),
                in.text("description"), in.stringMap("variables"));
        return ok(201, RestApiShapes.deployment(backend.createDeployment(request.scope(), apiId, spec)));
    }

    private AwsResponse createStage(AwsRequest request, String apiId) {
        ApiGatewayRequest in = ApiGatewayRequest.of(request.body());
        StageSpec spec = new StageSpec(in.text("stageName"), in.text("deploymentId"), in.text("description"),
                in.stringMap("variables"), in.stringMap("tags"), in.bool("tracingEnabled", false));
        return ok(201, RestApiShapes.stage(backend.createStage(request.scope(), apiId, spec)));
    }

    private static boolean embeds(AwsRequest request) {
        String embed = request.rawQuery() == null ? "" : URLDecoder.decode(request.rawQuery(), StandardCharsets.UTF_8);
        return embed.contains("embed=methods");
    }

    private AwsResponse ok(int status, Object body) {
        try {
            return AwsResponse.json(status, json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An API Gateway answer failed to serialize", e);
        }
    }

    private static AwsResponse deleted(Runnable delete, int status) {
        delete.run();
        return AwsResponse.empty(status);
    }

    /** The path's shape with ids replaced by letters, e.g. {@code /a/resources/b}, to switch on. */
    private static String shape(List<String> segments) {
        List<String> shape = new ArrayList<>();
        String placeholders = "abc";
        int next = 0;
        for (int i = 0; i < segments.size(); i++) {
            // Ids sit at even positions: /{api}/resources/{resource}/methods/{method}/integration.
            boolean id = i % 2 == 0 && next < placeholders.length();
            shape.add(id ? String.valueOf(placeholders.charAt(next++)) : segments.get(i));
        }
        return "/" + String.join("/", shape);
    }

    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String raw : path.split("/")) {
            if (!raw.isEmpty()) {
                segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    private AwsException unsupported(AwsRequest request) {
        String operation = operations.name(request.method(), request.rawPath())
                .map(name -> "the API Gateway operation " + name + " (" + request.describe() + ")")
                .orElse(request.describe());
        if (request.queryParameters().containsKey("mode") && "POST".equals(request.method())) {
            operation = "the API Gateway operation ImportRestApi (" + request.describe() + ")";
        }
        return new AwsException("UnknownOperationException", "Serverless Lab's emulator does not support "
                + operation + "; API Gateway REST API operations supported: " + SUPPORTED, 404);
    }
}
