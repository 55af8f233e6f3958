package dev.serverlesslab.emulator.apigateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.emulator.Emulator;
import dev.serverlesslab.emulator.EmulatorConfig;
import dev.serverlesslab.emulator.lambda.ExecutionRole;
import dev.serverlesslab.emulator.lambda.FunctionZips;
import fixtures.ApiGatewayHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.joda.time.DateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * Real Java handlers behind a deployed REST API, called over HTTP the two ways LocalStack offers: what the handler
 * saw in its proxy event, how its answer came back, and API Gateway's own 403, 502 and 504 answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiGatewayEndToEndTests {

    private static final String STAGE = "test";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private Emulator emulator;
    private LambdaClient lambda;
    private ApiGatewayClient apigateway;
    private String apiId;
    private String orderResourceId;

    @BeforeAll
    void deploy(@TempDir Path workDir) {
        emulator = Emulator.start(EmulatorConfig.defaults().withPort(0).withWorkDir(workDir));
        ExecutionRole.create(emulator.endpoint(), StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")), "lambda-role");
        lambda = LambdaClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        apigateway = ApiGatewayClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        String echo = function("echo", EventEcho.class.getName(), FunctionZips.of(EventEcho.class));
        String typed = function("typed", ApiGatewayHandler.class.getName(), FunctionZips.withLibraries(
                List.of(ApiGatewayHandler.class), List.of(APIGatewayProxyRequestEvent.class, DateTime.class)));

        var api = apigateway.createRestApi(b -> b.name("orders-api").binaryMediaTypes("application/octet-stream",
                "image/*"));
        apiId = api.id();
        String root = api.rootResourceId();
        String orders = resource(root, "orders");
        orderResourceId = resource(orders, "{id}");
        integrate(orderResourceId, "ANY", echo, null);
        integrate(resource(resource(root, "typed"), "{id}"), "GET", typed, null);
        integrate(resource(root, "{proxy+}"), "ANY", echo, null);
        integrate(resource(root, "slow"), "GET", echo, 100);
        integrate(resource(root, "ghost"), "GET", "arn:aws:lambda:us-east-1:000000000000:function:ghost", null);
        apigateway.createDeployment(b -> b.restApiId(apiId).stageName(STAGE).variables(Map.of("table", "orders")));
    }

    @AfterAll
    void stop() {
        apigateway.close();
        lambda.close();
        emulator.close();
    }

    @Test
    void userRequestPath_handlerSeesThePayload10EventOfTheMatchedResource() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(userRequest("/orders/7?color=red&color=blue"
                + "&size=L")).header("X-Custom", "a").build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        JsonNode event = json.readTree(response.body());
        assertEquals("/orders/{id}", event.get("resource").asText());
        assertEquals("/orders/7", event.get("path").asText());
        assertEquals("GET", event.get("httpMethod").asText());
        assertEquals(json.readTree("{\"id\":\"7\"}"), event.get("pathParameters"));
        assertEquals(json.readTree("{\"color\":\"blue\",\"size\":\"L\"}"), event.get("queryStringParameters"));
        assertEquals(json.readTree("{\"color\":[\"red\",\"blue\"],\"size\":[\"L\"]}"),
                event.get("multiValueQueryStringParameters"));
        assertEquals("a", header(event.get("headers"), "X-Custom").asText());
        assertEquals("a", header(event.get("multiValueHeaders"), "X-Custom").get(0).asText());
        assertEquals(json.readTree("{\"table\":\"orders\"}"), event.get("stageVariables"));
        assertTrue(event.get("body").isNull());
        assertFalse(event.get("isBase64Encoded").asBoolean());
        JsonNode context = event.get("requestContext");
        assertEquals("000000000000", context.get("accountId").asText());
        assertEquals(orderResourceId, context.get("resourceId").asText());
        assertEquals(STAGE, context.get("stage").asText());
        assertEquals(response.headers().firstValue("x-amzn-RequestId").orElse(""), context.get("requestId").asText());
        assertEquals("127.0.0.1", context.get("identity").get("sourceIp").asText());
        assertEquals("/orders/{id}", context.get("resourcePath").asText());
        assertEquals("GET", context.get("httpMethod").asText());
        assertEquals(apiId, context.get("apiId").asText());
        assertEquals("HTTP/1.1", context.get("protocol").asText());
        assertTrue(context.get("requestTime").asText().matches("\\d{2}/\\w{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000"),
                context.get("requestTime").asText());
        assertTrue(context.get("requestTimeEpoch").isIntegralNumber());
        assertEquals("/" + STAGE + "/orders/7", context.get("path").asText());
    }

    @Test
    void userRequestPath_mapsTheHandlersStatusHeadersAndMultiValueHeaders() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(userRequest("/orders/8")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertEquals("yes", response.headers().firstValue("X-Echo").orElse(""));
        assertEquals(List.of("a=1", "b=2"), response.headers().allValues("Set-Cookie"));
        assertTrue(response.headers().firstValue("x-amz-apigw-id").isPresent());
        assertTrue(response.headers().firstValue("X-Amzn-Trace-Id").orElse("").startsWith("Root=1-"));
    }

    @Test
    void awsExecuteApiPath_greedyResourceGetsTheRestOfThePathAndTheBody() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(executeApi("/any/deep/path"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"tea\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        JsonNode event = json.readTree(response.body());
        assertEquals("/{proxy+}", event.get("resource").asText());
        assertEquals("/any/deep/path", event.get("path").asText());
        assertEquals("POST", event.get("httpMethod").asText());
        assertEquals("any/deep/path", event.get("pathParameters").get("proxy").asText());
        assertEquals("{\"item\":\"tea\"}", event.get("body").asText());
        assertFalse(event.get("isBase64Encoded").asBoolean());
        assertTrue(event.get("queryStringParameters").isNull());
        assertTrue(event.get("multiValueQueryStringParameters").isNull());
    }

    @Test
    void headerNames_reachTheHandlerExactlyAsTheClientSentThem() throws Exception {
        // Handlers look headers up with Map.get, case-sensitively: getHeaders().get("Content-Type") must work.
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(executeApi("/orders/10"))
                .version(HttpClient.Version.HTTP_1_1)
                .header("Content-Type", "application/json")
                .header("x-lower-case", "l")
                .header("X-MiXeD-Case", "m")
                .header("X-Repeated", "one")
                .header("X-Repeated", "two")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        JsonNode event = json.readTree(response.body());
        JsonNode headers = event.get("headers");
        JsonNode multi = event.get("multiValueHeaders");
        assertEquals("application/json", headers.path("Content-Type").asText(null), headers.toString());
        assertEquals("l", headers.path("x-lower-case").asText(null), headers.toString());
        assertEquals("m", headers.path("X-MiXeD-Case").asText(null), headers.toString());
        assertEquals("two", headers.path("X-Repeated").asText(null), headers.toString());
        assertEquals(json.readTree("[\"application/json\"]"), multi.get("Content-Type"), multi.toString());
        assertEquals(json.readTree("[\"one\",\"two\"]"), multi.get("X-Repeated"), multi.toString());
        assertFalse(headers.has("Content-type"), headers.toString());
    }

    @Test
    void binaryBody_reachesTheHandlerBase64Encoded() throws Exception {
        byte[] bytes = {0, 1, 2, (byte) 0xff};
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(executeApi("/orders/9"))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());

        JsonNode event = json.readTree(response.body());
        assertTrue(event.get("isBase64Encoded").asBoolean());
        assertEquals(Base64.getEncoder().encodeToString(bytes), event.get("body").asText());
    }

    @Test
    void bodyOfATypeNotInBinaryMediaTypes_reachesTheHandlerAsText_evenIfNotText() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(executeApi("/orders/9"))
                .header("Content-Type", "application/pdf")
                .PUT(HttpRequest.BodyPublishers.ofString("%PDF-1.4")).build(), HttpResponse.BodyHandlers.ofString());

        JsonNode event = json.readTree(response.body());
        assertFalse(event.get("isBase64Encoded").asBoolean());
        assertEquals("%PDF-1.4", event.get("body").asText());
    }

    @Test
    void base64Answer_isDecodedOnlyForACallerWhoseFirstAcceptTypeIsBinary() throws Exception {
        HttpResponse<byte[]> image = http.send(HttpRequest.newBuilder(executeApi("/orders/binary"))
                .header("Accept", "image/png, text/html").build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<String> text = http.send(HttpRequest.newBuilder(executeApi("/orders/binary"))
                .header("Accept", "text/html, image/png").build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, image.statusCode());
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 255}, image.body());
        assertEquals("AAEC/w==", text.body());
    }

    @Test
    void typedHandler_readsTheEventThroughApiGatewayProxyRequestEvent() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(userRequest("/typed/42")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("GET /typed/42 id=42", response.body());
        assertEquals("text/plain", response.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void failingOrMalformedHandler_answers502InternalServerError() throws Exception {
        for (String path : List.of("/orders/fail", "/orders/malformed")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(userRequest(path)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(502, response.statusCode(), path);
            assertEquals("{\"message\": \"Internal server error\"}", response.body());
        }
    }

    @Test
    void routeWithoutMethodOrUnknownStage_answers403MissingAuthenticationToken() throws Exception {
        for (URI uri : List.of(userRequest("/"), URI.create(emulator.endpoint() + "/restapis/" + apiId
                + "/nostage/_user_request_/orders/7"))) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(403, response.statusCode(), uri.toString());
            assertEquals("{\"message\":\"Missing Authentication Token\"}", response.body());
            assertEquals("MissingAuthenticationTokenException",
                    response.headers().firstValue("x-amzn-ErrorType").orElse(""));
        }
    }

    @Test
    void handlerSlowerThanTheIntegrationTimeout_answers504() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(userRequest("/slow")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(504, response.statusCode());
        assertEquals("{\"message\": \"Endpoint request timed out\"}", response.body());
    }

    @Test
    void routeToAFunctionThatDoesNotExist_answers500() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(executeApi("/ghost")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(500, response.statusCode());
        assertEquals("{\"message\": \"Internal server error\"}", response.body());
    }

    private URI userRequest(String path) {
        return URI.create(emulator.endpoint() + "/restapis/" + apiId + "/" + STAGE + "/_user_request_" + path);
    }

    private URI executeApi(String path) {
        return URI.create(emulator.endpoint() + "/_aws/execute-api/" + apiId + "/" + STAGE + path);
    }

    private static JsonNode header(JsonNode headers, String name) {
        var fields = headers.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (field.getKey().equalsIgnoreCase(name)) {
                return field.getValue();
            }
        }
        throw new AssertionError("no header " + name + " in " + headers);
    }

    private String function(String name, String handler, byte[] zip) {
        return lambda.createFunction(b -> b.functionName(name).runtime(Runtime.JAVA17)
                .role("arn:aws:iam::000000000000:role/lambda-role").handler(handler).memorySize(256).timeout(10)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip)))).functionArn();
    }

    private String resource(String parentId, String pathPart) {
        return apigateway.createResource(b -> b.restApiId(apiId).parentId(parentId).pathPart(pathPart)).id();
    }

    private void integrate(String resourceId, String method, String functionArn, Integer timeoutMillis) {
        apigateway.putMethod(b -> b.restApiId(apiId).resourceId(resourceId).httpMethod(method)
                .authorizationType("NONE"));
        apigateway.putIntegration(b -> b.restApiId(apiId).resourceId(resourceId).httpMethod(method)
                .type(IntegrationType.AWS_PROXY).integrationHttpMethod("POST").timeoutInMillis(timeoutMillis)
                .uri(FunctionTarget.integrationUri("us-east-1", functionArn)));
    }
}
