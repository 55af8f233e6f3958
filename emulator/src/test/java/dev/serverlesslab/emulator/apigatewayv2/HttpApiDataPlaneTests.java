package dev.serverlesslab.emulator.apigatewayv2;

import static dev.serverlesslab.emulator.apigatewayv2.ApiGatewayV2BackendTests.FUNCTION;
import static dev.serverlesslab.emulator.apigatewayv2.ApiGatewayV2BackendTests.SCOPE;
import static dev.serverlesslab.emulator.apigatewayv2.ApiGatewayV2BackendTests.lambda;
import static dev.serverlesslab.emulator.apigatewayv2.ApiGatewayV2BackendTests.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API data plane over the edge server's {@code /_aws/execute-api/{id}} path, with a stand-in function: the
 * events it is sent and how its answers become HTTP responses.
 */
class HttpApiDataPlaneTests {

    private final HttpApiWire wire = new HttpApiWire();

    @AfterEach
    void close() {
        wire.close();
    }

    @Test
    void call_sendsPayload2EventWithCookiesQueryAndPathParameters() throws Exception {
        String apiId = wire.backend.createApi(SCOPE, spec("orders", FUNCTION, "GET /orders/{id}")).apiId();

        HttpResponse<String> response = wire.send(HttpRequest.newBuilder(
                        wire.uri("/_aws/execute-api/" + apiId + "/orders/a%20b?tag=x&tag=y&q=1"))
                .header("Cookie", "session=s1; theme=dark")
                .header("X-Trace", "t1")
                .header("User-Agent", "lab-test"));

        assertEquals(200, response.statusCode(), response.body());
        JsonNode event = wire.lastEvent();
        assertEquals("2.0", event.path("version").asText());
        assertEquals("GET /orders/{id}", event.path("routeKey").asText());
        assertEquals("/orders/a%20b", event.path("rawPath").asText());
        assertEquals("tag=x&tag=y&q=1", event.path("rawQueryString").asText());
        assertEquals(List.of("session=s1", "theme=dark"), List.of(event.path("cookies").get(0).asText(),
                event.path("cookies").get(1).asText()));
        assertFalse(event.path("headers").has("cookie"), event.toString());
        assertEquals("t1", event.path("headers").path("x-trace").asText());
        assertEquals("x,y", event.path("queryStringParameters").path("tag").asText());
        assertEquals("a b", event.path("pathParameters").path("id").asText());
        JsonNode context = event.path("requestContext");
        assertEquals(apiId, context.path("apiId").asText());
        assertEquals("000000000000", context.path("accountId").asText());
        assertEquals(apiId + ".execute-api.localhost.localstack.cloud", context.path("domainName").asText());
        assertEquals(apiId, context.path("domainPrefix").asText());
        assertEquals("GET", context.path("http").path("method").asText());
        assertEquals("/orders/a b", context.path("http").path("path").asText());
        assertEquals("lab-test", context.path("http").path("userAgent").asText());
        assertEquals("$default", context.path("stage").asText());
        assertTrue(context.path("timeEpoch").asLong() > 0, context.toString());
        assertFalse(event.path("isBase64Encoded").asBoolean());
        assertEquals(FUNCTION, wire.lastInvoke().functionName());
    }

    @Test
    void call_withBinaryBody_sendsItBase64Encoded() throws Exception {
        String apiId = wire.backend.createApi(SCOPE, spec("upload", FUNCTION, null)).apiId();

        wire.send(HttpRequest.newBuilder(wire.uri("/_aws/execute-api/" + apiId + "/upload"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3})));

        assertTrue(wire.lastEvent().path("isBase64Encoded").asBoolean());
        assertEquals("AQID", wire.lastEvent().path("body").asText());
    }

    @Test
    void response_withStatusCode_mapsHeadersCookiesAndBody() throws Exception {
        String apiId = wire.backend.createApi(SCOPE, spec("orders", FUNCTION, null)).apiId();
        wire.functionReturns("{\"statusCode\":201,\"headers\":{\"content-type\":\"text/plain\",\"x-id\":\"7\"},"
                + "\"cookies\":[\"a=1\",\"b=2\"],\"body\":\"created\"}", null);

        HttpResponse<String> response = get(apiId, "/orders");

        assertEquals(201, response.statusCode());
        assertEquals("created", response.body());
        assertEquals("text/plain", response.headers().firstValue("content-type").orElse(""));
        assertEquals("7", response.headers().firstValue("x-id").orElse(""));
        assertEquals(List.of("a=1", "b=2"), response.headers().allValues("set-cookie"));
    }

    @Test
    void response_base64Encoded_isDecoded() throws Exception {
        String apiId = wire.backend.createApi(SCOPE, spec("orders", FUNCTION, null)).apiId();
        wire.functionReturns("{\"statusCode\":200,\"isBase64Encoded\":true,\"body\":\"aGk=\"}", null);

        assertEquals("hi", get(apiId, "/").body());
    }

    @Test
    void response_bareString_becomes200JsonWithThatJsonAsBody() throws Exception {
        String apiId = wire.backend.createApi(SCOPE, spec("orders", FUNCTION, null)).apiId();
        wire.functionReturns("\"hello\"", null);

        HttpResponse<String> response = get(apiId, "/anything");

        assertEquals(200, response.statusCode());
        assertEquals("\"hello\"", response.body());
        assertEquals("application/json", response.headers().firstValue("content-type").orElse(""));
    }

    @Test
    void response_objectWithoutStatusCode_becomes200Json() throws Exception {
        String apiId = wire.backend.createApi(SCOPE, spec("orders", FUNCTION, null)).apiId();
        wire.functionReturns("{\"total\":3}", null);

        HttpResponse<String> response = get(apiId, "/anything");

        assertEquals(200, response.statusCode());
        assertEquals("{\"total\":3}", response.body());
    }

    @Test
    void functionError_answers500InternalServerError() throws Exception {
        String apiId = wire.backend.createApi(SCOPE, spec("orders", FUNCTION, null)).apiId();
        wire.functionReturns("{\"errorMessage\":\"boom\"}", "Unhandled");

        HttpResponse<String> response = get(apiId, "/orders");

        assertEquals(500, response.statusCode());
        assertEquals("{\"message\":\"Internal Server Error\"}", response.body());
    }

    @Test
    void noMatchingRoute_answers404NotFound() throws Exception {
        String apiId = wire.backend.createApi(SCOPE, spec("orders", FUNCTION, "GET /orders")).apiId();

        HttpResponse<String> response = get(apiId, "/customers");

        assertEquals(404, response.statusCode());
        assertEquals("{\"message\":\"Not Found\"}", response.body());
    }

    @Test
    void payload1_0Integration_sendsTheRestProxyEventAndNeedsStatusCode() throws Exception {
        String apiId = wire.backend.createApi(SCOPE, spec("v1", null, null)).apiId();
        String integration = wire.backend.createIntegration(SCOPE, apiId, lambda("1.0")).integrationId();
        wire.backend.createRoute(SCOPE, apiId, new RouteSpec("GET /items/{id}", "integrations/" + integration,
                null));
        wire.backend.createStage(SCOPE, apiId, new StageSpec("dev", null, true, null, Map.of("env", "dev")));
        wire.functionReturns("{\"statusCode\":202,\"multiValueHeaders\":{\"x-a\":[\"1\",\"2\"]},\"body\":\"ok\"}",
                null);

        HttpResponse<String> response = get(apiId, "/dev/items/9?x=1&x=2");

        assertEquals(202, response.statusCode());
        assertEquals(List.of("1", "2"), response.headers().allValues("x-a"));
        JsonNode event = wire.lastEvent();
        assertEquals("1.0", event.path("version").asText());
        assertEquals("/items/{id}", event.path("resource").asText());
        assertEquals("GET", event.path("httpMethod").asText());
        assertEquals("9", event.path("pathParameters").path("id").asText());
        assertEquals("2", event.path("queryStringParameters").path("x").asText());
        assertEquals("[\"1\",\"2\"]", event.path("multiValueQueryStringParameters").path("x").toString());
        assertEquals("dev", event.path("stageVariables").path("env").asText());
        assertEquals("dev", event.path("requestContext").path("stage").asText());

        wire.functionReturns("\"no status\"", null);
        assertEquals(500, get(apiId, "/dev/items/9").statusCode());
    }

    @Test
    void call_invokesInTheAccountAndRegionOfTheFunctionArn() throws Exception {
        String arn = "arn:aws:lambda:eu-west-1:111111111111:function:orders:live";
        String apiId = wire.backend.createApi(SCOPE, spec("orders", arn, null)).apiId();

        get(apiId, "/");

        assertEquals("eu-west-1", wire.lastScope().region());
        assertEquals("111111111111", wire.lastScope().accountId());
        assertEquals(arn, wire.lastInvoke().functionName());
    }

    @Test
    void events_carryTheForwardingHeadersApiGatewayAdds() throws Exception {
        String apiId = wire.backend.createApi(SCOPE, spec("fwd", FUNCTION, null)).apiId();

        wire.send(HttpRequest.newBuilder(wire.uri("/_aws/execute-api/" + apiId + "/x"))
                .header("X-Forwarded-For", "203.0.113.9"));

        JsonNode headers = wire.lastEvent().path("headers");
        assertEquals("203.0.113.9, 127.0.0.1", headers.path("x-forwarded-for").asText(), headers.toString());
        assertEquals(String.valueOf(wire.uri("/").getPort()), headers.path("x-forwarded-port").asText());
        assertEquals("http", headers.path("x-forwarded-proto").asText());
        // sourceIp is the connection's address, not what a caller claims in X-Forwarded-For.
        assertEquals("127.0.0.1", wire.lastEvent().path("requestContext").path("http").path("sourceIp").asText());
    }

    @Test
    void cors_preflightIsAnsweredByApiGatewayWithoutCallingTheFunction() throws Exception {
        String apiId = corsApi();

        HttpResponse<String> allowed = preflight(apiId, "https://app.example");
        HttpResponse<String> other = preflight(apiId, "https://evil.example");

        assertEquals(204, allowed.statusCode(), allowed.body());
        assertEquals("https://app.example", allowed.headers().firstValue("access-control-allow-origin").orElse(""));
        assertEquals("GET,POST", allowed.headers().firstValue("access-control-allow-methods").orElse(""));
        assertEquals("content-type", allowed.headers().firstValue("access-control-allow-headers").orElse(""));
        assertEquals("300", allowed.headers().firstValue("access-control-max-age").orElse(""));
        assertEquals(null, wire.lastInvoke(), "the function must not see a preflight");
        assertEquals(204, other.statusCode());
        assertFalse(other.headers().firstValue("access-control-allow-origin").isPresent(), other.headers().toString());
    }

    @Test
    void cors_headersAreAddedToTheFunctionsAnswer_andItsOwnCorsHeadersIgnored() throws Exception {
        String apiId = corsApi();
        wire.functionReturns("{\"statusCode\":200,\"headers\":{\"access-control-allow-origin\":\"*\","
                + "\"x-id\":\"7\"},\"body\":\"ok\"}", null);

        HttpResponse<String> fromApp = wire.send(HttpRequest.newBuilder(wire.uri("/_aws/execute-api/" + apiId
                + "/orders")).header("Origin", "https://app.example"));
        HttpResponse<String> noOrigin = get(apiId, "/orders");

        assertEquals("ok", fromApp.body());
        assertEquals(List.of("https://app.example"), fromApp.headers().allValues("access-control-allow-origin"));
        assertEquals("x-id", fromApp.headers().firstValue("access-control-expose-headers").orElse(""));
        assertEquals("7", fromApp.headers().firstValue("x-id").orElse(""));
        assertFalse(noOrigin.headers().firstValue("access-control-allow-origin").isPresent(),
                noOrigin.headers().toString());
    }

    @Test
    void lambdaAuthorizer_simpleResponse_decides_andItsContextReachesTheIntegration() throws Exception {
        String authorizerArn = "arn:aws:lambda:us-east-1:000000000000:function:authorizer";
        String apiId = authorizedApi(authorizerArn, true);
        wire.functionAnswers(authorizerArn, "{\"isAuthorized\":true,\"context\":{\"user\":\"ann\"}}", null);

        HttpResponse<String> missing = get(apiId, "/orders");
        assertEquals(401, missing.statusCode());
        assertEquals("{\"message\":\"Unauthorized\"}", missing.body());
        assertEquals(0, wire.invokes().size(), "no identity, no call");

        HttpResponse<String> allowed = wire.send(HttpRequest.newBuilder(wire.uri("/_aws/execute-api/" + apiId
                + "/orders")).header("Authorization", "token-1"));
        assertEquals(200, allowed.statusCode(), allowed.body());
        JsonNode authorizerEvent = wire.read(new String(wire.invokes().get(0).payload(),
                java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("REQUEST", authorizerEvent.path("type").asText());
        assertEquals("[\"token-1\"]", authorizerEvent.path("identitySource").toString());
        assertEquals("arn:aws:execute-api:us-east-1:000000000000:" + apiId + "/$default/GET/orders",
                authorizerEvent.path("routeArn").asText());
        assertEquals("ann", wire.lastEvent().path("requestContext").path("authorizer").path("lambda").path("user")
                .asText(), wire.lastEvent().toString());

        wire.functionAnswers(authorizerArn, "{\"isAuthorized\":false}", null);
        HttpResponse<String> refused = wire.send(HttpRequest.newBuilder(wire.uri("/_aws/execute-api/" + apiId
                + "/orders")).header("Authorization", "token-2"));
        assertEquals(403, refused.statusCode());
        assertEquals("{\"message\":\"Forbidden\"}", refused.body());
    }

    @Test
    void lambdaAuthorizer_iamPolicyResponse_isEvaluatedOnTheRouteArn() throws Exception {
        String authorizerArn = "arn:aws:lambda:us-east-1:000000000000:function:policy";
        String apiId = authorizedApi(authorizerArn, false);
        String policy = "{\"principalId\":\"u\",\"policyDocument\":{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Action\":\"execute-api:Invoke\",\"Effect\":\"%s\",\"Resource\":"
                + "\"arn:aws:execute-api:us-east-1:000000000000:" + apiId + "/*/GET/orders\"}]}}";

        wire.functionAnswers(authorizerArn, String.format(policy, "Allow"), null);
        HttpResponse<String> allowed = wire.send(HttpRequest.newBuilder(wire.uri("/_aws/execute-api/" + apiId
                + "/orders")).header("Authorization", "a"));
        wire.functionAnswers(authorizerArn, String.format(policy, "Deny"), null);
        HttpResponse<String> denied = wire.send(HttpRequest.newBuilder(wire.uri("/_aws/execute-api/" + apiId
                + "/orders")).header("Authorization", "b"));
        wire.functionAnswers(authorizerArn, "{\"errorMessage\":\"boom\"}", "Unhandled");
        HttpResponse<String> failed = wire.send(HttpRequest.newBuilder(wire.uri("/_aws/execute-api/" + apiId
                + "/orders")).header("Authorization", "c"));

        assertEquals(200, allowed.statusCode(), allowed.body());
        assertEquals(403, denied.statusCode());
        assertEquals(500, failed.statusCode());
    }

    private String authorizedApi(String authorizerArn, boolean simple) throws Exception {
        String apiId = wire.backend.createApi(SCOPE, spec("guarded", null, null)).apiId();
        HttpResponse<String> authorizer = wire.control("POST", "/v2/apis/" + apiId + "/authorizers", "{\"name\":"
                + "\"auth\",\"authorizerType\":\"REQUEST\",\"authorizerUri\":\"" + authorizerArn + "\","
                + "\"identitySource\":[\"$request.header.Authorization\"],\"authorizerPayloadFormatVersion\":"
                + "\"2.0\",\"enableSimpleResponses\":" + simple + "}");
        assertEquals(201, authorizer.statusCode(), authorizer.body());
        String authorizerId = wire.read(authorizer.body()).path("authorizerId").asText();
        String integration = wire.backend.createIntegration(SCOPE, apiId, lambda("2.0")).integrationId();
        wire.backend.createRoute(SCOPE, apiId, new RouteSpec("GET /orders", "integrations/" + integration,
                "CUSTOM", authorizerId));
        wire.backend.createStage(SCOPE, apiId, new StageSpec("$default", null, true, null, Map.of()));
        return apiId;
    }

    private String corsApi() throws Exception {
        HttpResponse<String> created = wire.control("POST", "/v2/apis", "{\"name\":\"cors\",\"protocolType\":"
                + "\"HTTP\",\"target\":\"" + FUNCTION + "\",\"corsConfiguration\":{\"allowOrigins\":"
                + "[\"https://app.example\"],\"allowMethods\":[\"GET\",\"POST\"],\"allowHeaders\":"
                + "[\"content-type\"],\"exposeHeaders\":[\"x-id\"],\"maxAge\":300}}");
        assertEquals(201, created.statusCode(), created.body());
        return wire.read(created.body()).path("apiId").asText();
    }

    private HttpResponse<String> preflight(String apiId, String origin) throws Exception {
        return wire.send(HttpRequest.newBuilder(wire.uri("/_aws/execute-api/" + apiId + "/orders"))
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    }

    private HttpResponse<String> get(String apiId, String path) throws Exception {
        return wire.send(HttpRequest.newBuilder(wire.uri("/_aws/execute-api/" + apiId + path)));
    }
}
