package dev.serverlesslab.emulator.apigateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.emulator.http.AwsRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Lambda proxy integration event, payload format 1.0, built member for member as API Gateway sends it
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html).
 */
final class ProxyEvent {

    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
    // Null members stay in: AWS sends "pathParameters": null and handlers test for it.
    private final ObjectMapper json = new ObjectMapper();

    /**
     * One call as the event needs it: who, where, and the ids API Gateway gave it.
     *
     * @param authorizer what a Lambda authorizer allowed the call with ({@code principalId} and its context), or
     *     null when the method has none
     */
    record Call(AwsRequest request, DeployedStage deployed, RouteMatch match, String path, String requestId,
            String traceId, Instant time, Map<String, Object> authorizer) {
    }

    byte[] build(Call call) {
        AwsRequest request = call.request();
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("resource", call.match().resource().path());
        event.put("path", call.path());
        event.put("httpMethod", request.method());
        Map<String, List<String>> headers = headers(request, call.traceId());
        event.put("headers", headers.isEmpty() ? null : lastValues(headers));
        event.put("multiValueHeaders", headers.isEmpty() ? null : headers);
        Map<String, List<String>> query = request.query();
        event.put("queryStringParameters", query.isEmpty() ? null : lastValues(query));
        event.put("multiValueQueryStringParameters", query.isEmpty() ? null : query);
        Map<String, String> pathParameters = call.match().pathParameters();
        event.put("pathParameters", pathParameters.isEmpty() ? null : pathParameters);
        Map<String, String> variables = call.deployed().stage().variables();
        event.put("stageVariables", variables.isEmpty() ? null : variables);
        event.put("requestContext", requestContext(call));
        boolean binary = BinaryTypes.isBinary(request.header("Content-Type"), call.deployed().api().binaryMediaTypes());
        byte[] body = request.body();
        event.put("body", body.length == 0 ? null
                : binary ? Base64.getEncoder().encodeToString(body) : new String(body, StandardCharsets.UTF_8));
        event.put("isBase64Encoded", body.length > 0 && binary);
        try {
            return json.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The proxy event failed to serialize", e);
        }
    }

    private static Map<String, Object> requestContext(Call call) {
        AwsRequest request = call.request();
        Map<String, Object> identity = new LinkedHashMap<>();
        for (String absent : List.of("cognitoIdentityPoolId", "accountId", "cognitoIdentityId", "caller", "apiKey",
                "principalOrgId", "cognitoAuthenticationType", "cognitoAuthenticationProvider", "userArn", "user",
                "accessKey")) {
            identity.put(absent, null);
        }
        identity.put("sourceIp", sourceIp(request));
        identity.put("userAgent", request.header("User-Agent"));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("resourceId", call.match().resource().id());
        context.put("resourcePath", call.match().resource().path());
        context.put("httpMethod", request.method());
        context.put("extendedRequestId", call.requestId());
        context.put("requestTime", REQUEST_TIME.format(call.time()));
        context.put("path", "/" + call.deployed().stage().stageName() + call.path());
        context.put("accountId", call.deployed().scope().accountId());
        context.put("protocol", "HTTP/1.1");
        context.put("stage", call.deployed().stage().stageName());
        context.put("domainPrefix", call.deployed().api().id());
        context.put("requestTimeEpoch", call.time().toEpochMilli());
        context.put("requestId", call.requestId());
        context.put("identity", identity);
        if (call.authorizer() != null) {
            context.put("authorizer", call.authorizer());
        }
        context.put("domainName", request.header("Host"));
        context.put("deploymentId", call.deployed().deployment().id());
        context.put("apiId", call.deployed().api().id());
        return context;
    }

    /** The address of the connection that reached API Gateway, as AWS reports it (not a forwarded header). */
    private static String sourceIp(AwsRequest request) {
        return request.peer().sourceIp();
    }

    private static Map<String, List<String>> headers(AwsRequest request, String traceId) {
        Map<String, List<String>> headers = ForwardedHeaders.of(request);
        // API Gateway adds its trace header to what the function sees.
        headers.put("X-Amzn-Trace-Id", List.of(traceId));
        return headers;
    }

    private static <T> Map<String, T> lastValues(Map<String, List<T>> multi) {
        Map<String, T> last = new LinkedHashMap<>();
        multi.forEach((name, values) -> last.put(name, values.get(values.size() - 1)));
        return last;
    }
}
