package dev.serverlesslab.emulator.lambda;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
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

/**
 * Lambda's REST-JSON wire format: maps {@code /2015-03-31/functions...} requests to {@link LambdaBackend} calls and
 * their results back to Lambda's JSON and headers.
 */
public final class LambdaHandler implements AwsService {

    private static final String FUNCTIONS = "/2015-03-31/functions";
    private static final String SUPPORTED = "CreateFunction, GetFunction, GetFunctionConfiguration, ListFunctions, "
            + "Invoke, DeleteFunction, UpdateFunctionCode, UpdateFunctionConfiguration, PublishVersion, "
            + "ListVersionsByFunction, CreateAlias, GetAlias, UpdateAlias, DeleteAlias, ListAliases";
    /** What {@code X-Amz-Log-Type: Tail} returns: the end of the invocation's log. */
    static final int LOG_TAIL_BYTES = 4096;

    private final LambdaBackend backend;
    private final ObjectMapper json = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
            .defaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public LambdaHandler(LambdaBackend backend) {
        this.backend = backend;
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

    /** Stops every function's environments: the backend belongs to this service. */
    @Override
    public void close() {
        backend.close();
    }

    @Override
    public AwsResponse handle(AwsRequest request) {
        String path = request.rawPath();
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
            return ok(200, backend.getFunctionConfiguration(request.scope(), segments.get(0), qualifier));
        }
        if (segments.size() == 2 && "invocations".equals(segments.get(1)) && "POST".equals(method)) {
            return invoke(request, segments.get(0), qualifier);
        }
        if (segments.size() == 2) {
            return functionPart(request, segments.get(0), segments.get(1), method);
        }
        if (segments.size() == 3 && "aliases".equals(segments.get(1))) {
            return alias(request, segments.get(0), segments.get(2), method);
        }
        throw unsupported(request);
    }

    /** Operations on one part of a function: its code, configuration or versions. */
    private AwsResponse functionPart(AwsRequest request, String functionName, String part, String method) {
        if ("code".equals(part) && "PUT".equals(method)) {
            return ok(200, backend.updateFunctionCode(request.scope(), functionName,
                    read(request.body(), UpdateFunctionCodeRequest.class)));
        }
        if ("configuration".equals(part) && "PUT".equals(method)) {
            return ok(200, backend.updateFunctionConfiguration(request.scope(), functionName,
                    read(request.body(), UpdateFunctionConfigurationRequest.class)));
        }
        if ("versions".equals(part) && "POST".equals(method)) {
            PublishVersionRequest publish = request.body().length == 0
                    ? new PublishVersionRequest(null, null, null)
                    : read(request.body(), PublishVersionRequest.class);
            return ok(201, backend.publishVersion(request.scope(), functionName, publish));
        }
        if ("versions".equals(part) && "GET".equals(method)) {
            return ok(200, Map.of("Versions", backend.listVersions(request.scope(), functionName)));
        }
        if ("aliases".equals(part) && "POST".equals(method)) {
            return ok(201, backend.aliases().createAlias(request.scope(), functionName,
                    read(request.body(), AliasRequest.class)));
        }
        if ("aliases".equals(part) && "GET".equals(method)) {
            return ok(200, Map.of("Aliases", backend.aliases().listAliases(request.scope(), functionName,
                    request.queryParameters().get("FunctionVersion"))));
        }
        throw unsupported(request);
    }

    private AwsResponse alias(AwsRequest request, String functionName, String aliasName, String method) {
        FunctionAliases aliases = backend.aliases();
        switch (method) {
            case "GET":
                return ok(200, aliases.getAlias(request.scope(), functionName, aliasName));
            case "PUT":
                return ok(200, aliases.updateAlias(request.scope(), functionName, aliasName,
                        read(request.body(), AliasRequest.class)));
            case "DELETE":
                aliases.deleteAlias(request.scope(), functionName, aliasName);
                return AwsResponse.empty(204);
            default:
                throw unsupported(request);
        }
    }

    private AwsResponse createFunction(AwsRequest request) {
        CreateFunctionRequest create = read(request.body(), CreateFunctionRequest.class);
        return ok(201, backend.createFunction(request.scope(), create));
    }

    private AwsResponse listFunctions(AwsRequest request) {
        return ok(200, Map.of("Functions", backend.listFunctions(request.scope())));
    }

    private AwsResponse getFunction(AwsRequest request, String functionName, String qualifier) {
        FunctionDetails details = backend.getFunction(request.scope(), functionName, qualifier);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Configuration", details.configuration());
        body.put("Code", Map.of("RepositoryType", "S3"));
        if (!details.tags().isEmpty()) {
            body.put("Tags", details.tags());
        }
        return ok(200, body);
    }

    private AwsResponse invoke(AwsRequest request, String functionName, String qualifier) {
        InvocationType type = invocationType(request.header("X-Amz-Invocation-Type"));
        boolean tail = logType(request.header("X-Amz-Log-Type"));
        byte[] payload = request.body().length == 0
                ? "{}".getBytes(StandardCharsets.UTF_8)
                : requireJson(request.body());
        InvokeResponse result = backend.invoke(request.scope(),
                new InvokeRequest(functionName, qualifier, type, payload, request.header("X-Amz-Client-Context")));
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
        try (JsonParser parser = json.getFactory().createParser(payload)) {
            while (parser.nextToken() != null) {
                parser.skipChildren();
            }
            return payload;
        } catch (IOException e) {
            throw LambdaErrors.invalidRequestContent("Could not parse request body into json: Could not parse payload "
                    + "into json: " + firstLine(e.getMessage()));
        }
    }

    private <T> T read(byte[] body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw LambdaErrors.invalidRequestContent("Could not parse request body into json: " + firstLine(
                    e.getMessage()));
        }
    }

    private AwsResponse ok(int status, Object body) {
        try {
            return AwsResponse.json(status, json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Lambda's response model failed to serialize", e);
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

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static AwsException unsupported(AwsRequest request) {
        return new AwsException("UnknownOperationException", "Serverless Lab's emulator does not support "
                + request.describe() + " (Lambda operations supported: " + SUPPORTED + ")", 404);
    }
}
