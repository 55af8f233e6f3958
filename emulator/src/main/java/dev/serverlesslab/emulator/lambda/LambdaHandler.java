package dev.serverlesslab.emulator.lambda;

import com.fasterxml.jackson.core.JsonParser;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.http.AwsRequest;
import dev.serverlesslab.emulator.http.AwsResponse;
import dev.serverlesslab.emulator.http.RestJson;
import dev.serverlesslab.emulator.http.AwsService;
import dev.serverlesslab.emulator.http.FunctionUrlEndpoint;
import dev.serverlesslab.emulator.http.OperationRouter;
import dev.serverlesslab.emulator.http.Protocol;
import dev.serverlesslab.emulator.http.RestCall;
import dev.serverlesslab.emulator.http.RestOperations;
import dev.serverlesslab.emulator.lambda.async.EventInvokeConfigRoutes;
import dev.serverlesslab.emulator.lambda.esm.EventSourceMappingRoutes;
import dev.serverlesslab.emulator.lambda.esm.EventSourceMappings;
import dev.serverlesslab.emulator.lambda.url.FunctionUrlRoutes;
import dev.serverlesslab.emulator.lambda.url.FunctionUrls;
import dev.serverlesslab.emulator.lambda.url.UrlDataPlane;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lambda's REST-JSON wire format: each request is resolved to its operation by Lambda's service model
 * ({@link OperationRouter}), and the operations served here, with {@link ControlPlaneRoutes} and
 * {@link LayerRoutes}, map it to {@link LambdaBackend} calls and their results back to Lambda's JSON and headers.
 */
public final class LambdaHandler implements AwsService, FunctionUrlEndpoint {

    /** What {@code X-Amz-Log-Type: Tail} returns: the end of the invocation's log. */
    static final int LOG_TAIL_BYTES = 4096;

    private final LambdaBackend backend;
    private final RestJson json = RestJson.upperCamelCase(
            problem -> LambdaErrors.invalidRequestContent("Could not parse request body into json: " + problem));
    private final RestOperations operations;
    private final EventSourceMappings mappings;
    private final UrlDataPlane urls;

    /** Lambda without event sources (CreateEventSourceMapping refuses every source), URLs naming port 4566. */
    public LambdaHandler(LambdaBackend backend) {
        this(backend, new EventSourceMappings(backend, request -> {
            throw new AwsException("ResourceNotFoundException", "DynamoDB is not served by this emulator", 400);
        }), 4566);
    }

    /**
     * Lambda whose event source mappings read what {@code mappings} can reach.
     *
     * @param port the emulator's port, which function URLs name
     */
    public LambdaHandler(LambdaBackend backend, EventSourceMappings mappings, int port) {
        this.backend = backend;
        this.mappings = mappings;
        FunctionUrls functionUrls = new FunctionUrls(backend, port);
        this.urls = new UrlDataPlane(functionUrls);
        Map<String, RestOperations.Operation> table = new LinkedHashMap<>();
        table.put("CreateFunction", this::createFunction);
        table.put("GetFunction", this::getFunction);
        table.put("GetFunctionConfiguration", call -> json.ok(200,
                backend.getFunctionConfiguration(call.scope(), call.path("FunctionName"), call.query("Qualifier"))));
        table.put("ListFunctions", this::listFunctions);
        table.put("Invoke", this::invoke);
        table.put("DeleteFunction", call -> {
            backend.deleteFunction(call.scope(), call.path("FunctionName"), call.query("Qualifier"));
            return AwsResponse.empty(204);
        });
        table.putAll(new ControlPlaneRoutes(backend, json).operations());
        table.putAll(new LayerRoutes(backend.layers(), json).operations());
        table.putAll(new AccountRoutes(backend, json).operations());
        table.putAll(new EventSourceMappingRoutes(mappings, json).operations());
        table.putAll(new EventInvokeConfigRoutes(backend, json).operations());
        table.putAll(new FunctionUrlRoutes(functionUrls, json).operations());
        this.operations = new RestOperations("Lambda", OperationRouter.forService("lambda"), table);
    }

    @Override
    public String signingName() {
        return "lambda";
    }

    @Override
    public Protocol protocol() {
        return Protocol.REST_JSON;
    }

    /** Every dated path root of Lambda's model ({@code /2015-03-31}, {@code /2018-10-31}, ...). */
    @Override
    public List<String> pathPrefixes() {
        return operations.router().pathPrefixes();
    }

    /** The state and rules behind this handler, for in-process callers of the emulator. */
    public LambdaBackend backend() {
        return backend;
    }

    /** Stops every function's environments: the backend belongs to this service. */
    @Override
    public void close() {
        mappings.close();
        backend.close();
    }

    @Override
    public boolean hasUrl(String urlId) {
        return urls.hasUrl(urlId);
    }

    @Override
    public AwsResponse serveUrl(String urlId, String rawPath, AwsRequest request, Optional<String> signedAccount) {
        return urls.serve(urlId, rawPath, request, signedAccount);
    }

    @Override
    public AwsResponse handle(AwsRequest request) {
        return operations.dispatch(request);
    }

    /** The Lambda operations this emulator serves, as registered. */
    @Override
    public List<String> operations() {
        return operations.supported();
    }

    private AwsResponse createFunction(RestCall call) {
        CreateFunctionRequest create = json.read(call.body(), CreateFunctionRequest.class);
        FunctionSettingsCheck.refuseUnemulated(json.object(call.body()).node(), create.functionName());
        return json.ok(201, backend.createFunction(call.scope(), create));
    }

    private AwsResponse listFunctions(RestCall call) {
        String versions = call.query("FunctionVersion");
        if (versions != null && !"ALL".equals(versions)) {
            throw LambdaErrors.validation(List.of(LambdaErrors.violation(versions, "functionVersion",
                    "Member must satisfy enum value set: [ALL]")));
        }
        List<FunctionConfiguration> functions = versions == null ? backend.listFunctions(call.scope())
                : backend.listFunctionVersions(call.scope());
        ListPage<FunctionConfiguration> page = ListPage.of(functions, call.queryParameters(),
                ListPage.MAX_LIST_ITEMS);
        return json.ok(200, ListPage.body("Functions", page));
    }

    private AwsResponse getFunction(RestCall call) {
        FunctionDetails details = backend.getFunction(call.scope(), call.path("FunctionName"), call.query("Qualifier"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Configuration", details.configuration());
        body.put("Code", Map.of("RepositoryType", "S3"));
        if (!details.tags().isEmpty()) {
            body.put("Tags", details.tags());
        }
        return json.ok(200, body);
    }

    private AwsResponse invoke(RestCall call) {
        AwsRequest request = call.request();
        String functionName = call.path("FunctionName");
        String qualifier = call.query("Qualifier");
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
            return AwsResponse.json(429, RestJson.raw(body)).withHeader("X-Amzn-ErrorType", e.code());
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
                    + "into json: " + RestJson.firstLine(e.getMessage()));
        }
    }
}
