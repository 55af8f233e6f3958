package dev.serverlesslab.emulator.apigatewayv2;

import dev.serverlesslab.emulator.http.AccountRegion;
import dev.serverlesslab.emulator.http.AwsException;
import dev.serverlesslab.emulator.http.AwsRequest;
import dev.serverlesslab.emulator.http.AwsResponse;
import dev.serverlesslab.emulator.http.AwsService;
import dev.serverlesslab.emulator.http.ExecuteApi;
import dev.serverlesslab.emulator.http.Protocol;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * API Gateway v2's REST-JSON wire format for HTTP APIs: maps {@code /v2/apis...} requests to
 * {@link ApiGatewayV2Backend} calls, and answers calls to deployed APIs through {@link HttpApiProxy}.
 */
public final class ApiGatewayV2Handler implements AwsService, ExecuteApi {

    private static final String PREFIX = "/v2/";
    private static final String SUPPORTED = "CreateApi, GetApi, GetApis, UpdateApi, DeleteApi, CreateRoute, "
            + "GetRoute, GetRoutes, DeleteRoute, CreateIntegration, GetIntegration, GetIntegrations, "
            + "DeleteIntegration, CreateStage, GetStage, GetStages, DeleteStage, CreateDeployment, GetDeployments";

    private final ApiGatewayV2Backend backend;
    private final ApiGatewayV2Json json = new ApiGatewayV2Json();
    private final HttpApiProxy proxy;
    private final int port;

    /** @param port the emulator's port, for the {@code apiEndpoint} clients are told to call */
    public ApiGatewayV2Handler(ApiGatewayV2Backend backend, int port) {
        this.backend = backend;
        this.port = port;
        this.proxy = new HttpApiProxy(backend);
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
        return List.of(PREFIX);
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
            return dispatch(request);
        } catch (AwsException e) {
            return json.error(e);
        }
    }

    private AwsResponse dispatch(AwsRequest request) {
        List<String> path = segments(request.rawPath());
        String operation = operation(request.method(), path);
        AccountRegion scope = request.scope();
        String apiId = path.size() > 1 ? path.get(1) : null;
        String childId = path.size() > 3 ? path.get(3) : null;
        return switch (operation) {
            case "CreateApi" -> json.ok(201, api(backend.createApi(scope, apiSpec(json.body(request)))));
            case "GetApi" -> json.ok(200, api(backend.getApi(scope, apiId)));
            case "GetApis" -> json.ok(200, Map.of("items", backend.getApis(scope).stream().map(this::api).toList()));
            case "UpdateApi" -> updateApi(scope, apiId, json.body(request));
            case "DeleteApi" -> deleted(() -> backend.deleteApi(scope, apiId));
            case "CreateRoute" -> json.ok(201, backend.createRoute(scope, apiId, routeSpec(json.body(request))));
            case "GetRoute" -> json.ok(200, backend.getRoute(scope, apiId, childId));
            case "GetRoutes" -> json.ok(200, Map.of("items", backend.getRoutes(scope, apiId)));
            case "DeleteRoute" -> deleted(() -> backend.deleteRoute(scope, apiId, childId));
            case "CreateIntegration" -> json.ok(201,
                    backend.createIntegration(scope, apiId, integrationSpec(json.body(request))));
            case "GetIntegration" -> json.ok(200, backend.getIntegration(scope, apiId, childId));
            case "GetIntegrations" -> json.ok(200, Map.of("items", backend.getIntegrations(scope, apiId)));
            case "DeleteIntegration" -> deleted(() -> backend.deleteIntegration(scope, apiId, childId));
            case "CreateStage" -> json.ok(201, backend.createStage(scope, apiId, stageSpec(json.body(request))));
            case "GetStage" -> json.ok(200, backend.getStage(scope, apiId, childId));
            case "GetStages" -> json.ok(200, Map.of("items", backend.getStages(scope, apiId)));
            case "DeleteStage" -> deleted(() -> backend.deleteStage(scope, apiId, childId));
            case "CreateDeployment" -> createDeployment(scope, apiId, json.body(request));
            case "GetDeployments" -> json.ok(200, Map.of("items", backend.getDeployments(scope, apiId)));
            default -> throw new AwsException("UnknownOperationException", "Serverless Lab's emulator does not "
                    + "implement API Gateway v2 " + operation + " (" + request.describe() + "); it implements: "
                    + SUPPORTED, 404);
        };
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
        return body;
    }

    private static ApiSpec apiSpec(ApiGatewayV2Json.Body in) {
        return new ApiSpec(in.text("name"), in.text("description"), in.text("protocolType"), in.text("target"),
                in.text("routeKey"), in.text("version"), in.stringMap("tags"));
    }

    private AwsResponse updateApi(AccountRegion scope, String apiId, ApiGatewayV2Json.Body in) {
        for (String field : List.of("target", "routeKey", "corsConfiguration", "credentialsArn",
                "routeSelectionExpression", "apiKeySelectionExpression", "version")) {
            if (in.has(field)) {
                throw ApiGatewayV2Errors.badRequest("UpdateApi here changes only name and description; " + field
                        + " is not emulated (recreate the API, or change routes with CreateRoute/DeleteRoute)");
            }
        }
        return json.ok(200, api(backend.updateApi(scope, apiId, in.text("name"), in.text("description"))));
    }

    private static RouteSpec routeSpec(ApiGatewayV2Json.Body in) {
        return new RouteSpec(in.text("routeKey"), in.text("target"), in.text("authorizationType"));
    }

    private static IntegrationSpec integrationSpec(ApiGatewayV2Json.Body in) {
        return new IntegrationSpec(in.text("integrationType"), in.text("integrationUri"),
                in.text("integrationMethod"), in.text("payloadFormatVersion"), in.wholeInt("timeoutInMillis"),
                in.text("description"));
    }

    private static StageSpec stageSpec(ApiGatewayV2Json.Body in) {
        return new StageSpec(in.text("stageName"), in.text("description"), in.bool("autoDeploy", false),
                in.text("deploymentId"), in.stringMap("stageVariables"));
    }

    private AwsResponse createDeployment(AccountRegion scope, String apiId, ApiGatewayV2Json.Body in) {
        return json.ok(201, backend.createDeployment(scope, apiId, in.text("description"), in.text("stageName")));
    }

    private static AwsResponse deleted(Runnable deletion) {
        deletion.run();
        return AwsResponse.empty(204);
    }

    /**
     * The operation a method and path name, derived as the model's URIs are built: {@code POST /v2/apis} is
     * CreateApi, {@code GET /v2/apis/{id}/routes} GetRoutes, {@code PATCH /v2/apis/{id}} UpdateApi. Deriving it
     * lets an unsupported operation be named in the error, not only the ones handled here.
     */
    static String operation(String method, List<String> path) {
        if (path.isEmpty()) {
            return method + " /v2/";
        }
        boolean collection = path.size() % 2 == 1;
        String resource = path.get(collection ? path.size() - 1 : path.size() - 2);
        String singular = singular(resource);
        String verb = switch (method) {
            case "POST" -> collection ? "Create" : "Post";
            case "GET" -> "Get";
            case "PATCH" -> "Update";
            case "PUT" -> "Put";
            case "DELETE" -> "Delete";
            default -> method;
        };
        return verb + (collection && "GET".equals(method) ? singular + "s" : singular);
    }

    private static String singular(String resource) {
        String name = resource.endsWith("s") ? resource.substring(0, resource.length() - 1) : resource;
        return name.isEmpty() ? name : name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }

    private static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        String rest = rawPath.startsWith(PREFIX) ? rawPath.substring(PREFIX.length()) : rawPath;
        for (String segment : rest.split("/")) {
            if (!segment.isEmpty()) {
                // A literal + in a path is a plus, not a space; only %XX escapes are decoded.
                segments.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }
}
