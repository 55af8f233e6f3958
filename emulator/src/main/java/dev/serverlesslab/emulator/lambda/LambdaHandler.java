package dev.serverlesslab.emulator.lambda;

import com.fasterxml.jackson.core.JsonParser;
import dev.serverlesslab.emulator.http.AwsException;
import dev.serverlesslab.emulator.http.AwsRequest;
import dev.serverlesslab.emulator.http.AwsResponse;
import dev.serverlesslab.emulator.http.AwsService;
import dev.serverlesslab.emulator.http.Protocol;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda's REST-JSON wire format: maps {@code /2015-03-31/functions...} requests to {@link LambdaBackend} calls and
 * their results back to Lambda's JSON and headers.
 */
public final class LambdaHandler implements AwsService {

    private static final String FUNCTIONS = "/2015-03-31/functions";
    private static final String SUPPORTED = "CreateFunction, GetFunction, GetFunctionConfiguration, ListFunctions, "
            + "Invoke, DeleteFunction, UpdateFunctionCode, UpdateFunctionConfiguration, PublishVersion, "
            + "ListVersionsByFunction, CreateAlias, GetAlias, UpdateAlias, DeleteAlias, ListAliases, "
            + "PutFunctionConcurrency, GetFunctionConcurrency, DeleteFunctionConcurrency, PublishLayerVersion, "
            + "GetLayerVersion, ListLayerVersions, ListLayers, DeleteLayerVersion, AddLayerVersionPermission, "
            + "GetLayerVersionPolicy, RemoveLayerVersionPermission, AddPermission, GetPolicy, "
            + "RemovePermission";
    private static final Pattern CONCURRENCY =
            Pattern.compile("/(?:2017-10-31|2019-09-30)/functions/([^/]+)/concurrency");
    /** What {@code X-Amz-Log-Type: Tail} returns: the end of the invocation's log. */
    static final int LOG_TAIL_BYTES = 4096;

    private final LambdaBackend backend;
    private final LambdaJson json = new LambdaJson();
    private final ControlPlaneRoutes routes;
    private final LayerRoutes layerRoutes;

    public LambdaHandler(LambdaBackend backend) {
        this.backend = backend;
        this.routes = new ControlPlaneRoutes(backend, json);
        this.layerRoutes = new LayerRoutes(backend.layers(), json);
    }

    @Override
    public String signingName() {
        return "lambda";
    }

    @Override
    public Protocol protocol() {
        return Protocol.REST_JSON;
    }

    @Override
    public List<String> pathPrefixes() {
        return List.of(FUNCTIONS, "/2015-03-31/", "/2016-08-19/", "/2017-03-31/", "/2017-10-31/", "/2018-10-31/",
                "/2019-09-25/", "/2019-09-30/", "/2020-04-22/", "/2020-06-30/", "/2021-10-31/");
    }

    /** The state and rules behind this handler, for in-process callers of the emulator. */
    public LambdaBackend backend() {
        return backend;
    }

    /** Stops every function's environments: the backend belongs to this service. */
    @Override
    public void close() {
        backend.close();
    }

    @Override
    public AwsResponse handle(AwsRequest request) {
        String path = request.rawPath();
        Matcher concurrency = CONCURRENCY.matcher(path);
        if (concurrency.matches()) {
            return orUnsupported(routes.concurrency(request, segments(concurrency.group(1)).get(0)), request);
        }
        if (path.equals(LayerRoutes.PREFIX) || path.startsWith(LayerRoutes.PREFIX + "/")) {
            return orUnsupported(layerRoutes.handle(request), request);
        }
        if (!path.equals(FUNCTIONS) && !path.startsWith(FUNCTIONS + "/")) {
            throw unsupported(request);
        }
        List<String> segments = segments(path.substring(FUNCTIONS.length()));
        String method = request.method();
        String qualifier = request.queryParameters().get("Qualifier");
        if (segments.isEmpty() && "POST".equals(method)) {
            return createFunction(request);
        }
        if (segments.isEmpty() && "GET".equals(method)) {
            return listFunctions(request);
        }
        if (segments.size() == 1 && "GET".equals(method)) {
            return getFunction(request, segments.get(0), qualifier);
        }
        if (segments.size() == 1 && "DELETE".equals(method)) {
            backend.deleteFunction(request.scope(), segments.get(0), qualifier);
            return AwsResponse.empty(204);
        }
        if (segments.size() == 2 && "configuration".equals(segments.get(1)) && "GET".equals(method)) {
            return json.ok(200, backend.getFunctionConfiguration(request.scope(), segments.get(0), qualifier));
        }
        if (segments.size() == 2 && "invocations".equals(segments.get(1)) && "POST".equals(method)) {
            return invoke(request, segments.get(0), qualifier);
        }
        if (segments.size() == 2) {
            return orUnsupported(routes.functionPart(request, segments.get(0), segments.get(1), method), request);
        }
        if (segments.size() == 3 && "aliases".equals(segments.get(1))) {
            return orUnsupported(routes.alias(request, segments.get(0), segments.get(2), method), request);
        }
        if (segments.size() == 3 && "policy".equals(segments.get(1))) {
            return orUnsupported(routes.statement(request, segments.get(0), segments.get(2), method), request);
        }
        throw unsupported(request);
    }

    private AwsResponse createFunction(AwsRequest request) {
        CreateFunctionRequest create = json.read(request.body(), CreateFunctionRequest.class);
        return json.ok(201, backend.createFunction(request.scope(), create));
    }

    private AwsResponse listFunctions(AwsRequest request) {
        String versions = request.queryParameters().get("FunctionVersion");
        if (versions != null && !"ALL".equals(versions)) {
            throw LambdaErrors.validation(List.of(LambdaErrors.violation(versions, "functionVersion",
                    "Member must satisfy enum value set: [ALL]")));
        }
        List<FunctionConfiguration> functions = versions == null ? backend.listFunctions(request.scope())
                : backend.listFunctionVersions(request.scope());
        ListPage<FunctionConfiguration> page = ListPage.of(functions, request.queryParameters(),
                ListPage.MAX_LIST_ITEMS);
        return json.ok(200, LambdaJson.page("Functions", page));
    }

    private AwsResponse getFunction(AwsRequest request, String functionName, String qualifier) {
        FunctionDetails details = backend.getFunction(request.scope(), functionName, qualifier);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Configuration", details.configuration());
        body.put("Code", Map.of("RepositoryType", "S3"));
        if (!details.tags().isEmpty()) {
            body.put("Tags", details.tags());
        }
        return json.ok(200, body);
    }

    private AwsResponse invoke(AwsRequest request, String functionName, String qualifier) {
        InvocationType type = invocationType(request.header("X-Amz-Invocation-Type"));
        boolean tail = logType(request.header("X-Amz-Log-Type"));
        byte[] payload = request.body().length == 0
                ? "{}".getBytes(StandardCharsets.UTF_8)
                : requireJson(request.body());
        InvokeResponse result;
        try {
            result = backend.invoke(request.scope(), new InvokeRequest(functionName, qualifier, type, payload,
                    request.header("X-Amz-Client-Context")));
        } catch (ThrottledException e) {
            // The generic error writer knows no Reason; SDKs read it from the body to say which limit applied.
            Map<String, String> body = new LinkedHashMap<>();
            body.put("Type", "User");
            body.put("message", e.getMessage());
            body.put("Reason", e.reason());
            return AwsResponse.json(429, json.raw(body)).withHeader("X-Amzn-ErrorType", e.code());
        }
        if (result.statusCode() != 200) {
            return AwsResponse.empty(result.statusCode()).withHeader("x-amzn-RequestId", result.requestId());
        }
        AwsResponse response = AwsResponse.json(200, result.payload())
                .withHeader("x-amzn-RequestId", result.requestId())
                .withHeader("X-Amz-Executed-Version", result.executedVersion());
        if (result.functionError() != null) {
            response = response.withHeader("X-Amz-Function-Error", result.functionError());
        }
        if (tail && result.log() != null) {
            response = response.withHeader("X-Amz-Log-Result", logTail(result.log()));
        }
        return response;
    }

    /** Base64 of the last 4 KB of the log, cut at a character boundary so it decodes cleanly. */
    static String logTail(String log) {
        byte[] bytes = log.getBytes(StandardCharsets.UTF_8);
        int start = Math.max(0, bytes.length - LOG_TAIL_BYTES);
        while (start < bytes.length && (bytes[start] & 0xC0) == 0x80) {
            start++;
        }
        return Base64.getEncoder().encodeToString(Arrays.copyOfRange(bytes, start, bytes.length));
    }

    private static InvocationType invocationType(String header) {
        if (header == null) {
            return InvocationType.RequestResponse;
        }
        for (InvocationType type : InvocationType.values()) {
            if (type.name().equals(header)) {
                return type;
            }
        }
        throw LambdaErrors.validation(List.of(LambdaErrors.violation(header, "invocationType",
                "Member must satisfy enum value set: [Event, RequestResponse, DryRun]")));
    }

    private static boolean logType(String header) {
        if (header == null || "None".equals(header)) {
            return false;
        }
        if ("Tail".equals(header)) {
            return true;
        }
        throw LambdaErrors.validation(List.of(LambdaErrors.violation(header, "logType",
                "Member must satisfy enum value set: [None, Tail]")));
    }

    private byte[] requireJson(byte[] payload) {
        try (JsonParser parser = json.mapper().getFactory().createParser(payload)) {
            while (parser.nextToken() != null) {
                parser.skipChildren();
            }
            return payload;
        } catch (IOException e) {
            throw LambdaErrors.invalidRequestContent("Could not parse request body into json: Could not parse payload "
                    + "into json: " + LambdaJson.firstLine(e.getMessage()));
        }
    }

    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                // Decoded per segment, so an ARN's ':' (sent as %3A) never splits a name.
                segments.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    private static AwsResponse orUnsupported(AwsResponse response, AwsRequest request) {
        if (response == null) {
            throw unsupported(request);
        }
        return response;
    }

    private static AwsException unsupported(AwsRequest request) {
        String operation = UnsupportedOperations.name(request);
        return new AwsException("UnknownOperationException", "Serverless Lab's emulator does not support "
                + request.describe() + (operation == null ? "" : ", the Lambda operation " + operation)
                + " (Lambda operations supported: " + SUPPORTED + ")", 404);
    }
}
