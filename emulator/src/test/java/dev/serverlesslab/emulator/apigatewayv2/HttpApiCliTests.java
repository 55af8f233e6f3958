package dev.serverlesslab.emulator.apigatewayv2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.emulator.Emulator;
import dev.serverlesslab.emulator.EmulatorConfig;
import dev.serverlesslab.emulator.ExternalClients;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP API CORS configurations and authorizers as the aws CLI (botocore's serializer and parser, a client nobody
 * here wrote) sends and reads them, and the preflight API Gateway answers from them. Skipped, saying why, where the
 * CLI is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpApiCliTests {

    private static final String FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:orders";

    @TempDir
    Path workDir;
    private Emulator emulator;
    private String endpoint;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    void start() {
        assumeTrue(ExternalClients.installed("aws", "--version"), "the aws CLI is not installed on this machine");
        emulator = Emulator.start(EmulatorConfig.defaults().withPort(0).withWorkDir(workDir));
        endpoint = emulator.endpoint().toString();
    }

    @AfterAll
    void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void corsConfiguration_setByCreateApi_isShownUpdatedDeleted_andAnswersPreflights() throws Exception {
        JsonNode api = aws("create-api", "--name", "cors-api", "--protocol-type", "HTTP", "--cors-configuration",
                "{\"AllowOrigins\":[\"https://shop.example.com\"],\"AllowMethods\":[\"GET\",\"POST\"],"
                        + "\"AllowHeaders\":[\"content-type\"],\"ExposeHeaders\":[\"x-request-id\"],\"MaxAge\":300,"
                        + "\"AllowCredentials\":true}");
        String apiId = api.path("ApiId").asText();
        aws("create-stage", "--api-id", apiId, "--stage-name", "$default", "--auto-deploy");

        JsonNode cors = aws("get-api", "--api-id", apiId).path("CorsConfiguration");
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(emulator.endpoint().resolve(
                "/_aws/execute-api/" + apiId + "/orders")).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://shop.example.com").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type").build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(List.of("https://shop.example.com"), texts(cors.path("AllowOrigins")));
        assertEquals(List.of("GET", "POST"), texts(cors.path("AllowMethods")));
        assertEquals(List.of("x-request-id"), texts(cors.path("ExposeHeaders")));
        assertEquals(300, cors.path("MaxAge").asInt());
        assertTrue(cors.path("AllowCredentials").asBoolean(), cors.toString());
        assertEquals(204, preflight.statusCode());
        assertEquals("https://shop.example.com",
                preflight.headers().firstValue("access-control-allow-origin").orElse(""));
        assertTrue(preflight.headers().firstValue("access-control-allow-methods").orElse("").contains("POST"),
                preflight.headers().map().toString());
        assertEquals("300", preflight.headers().firstValue("access-control-max-age").orElse(""));
        assertEquals("true", preflight.headers().firstValue("access-control-allow-credentials").orElse(""));

        aws("update-api", "--api-id", apiId, "--cors-configuration", "{\"AllowOrigins\":[\"*\"]}");
        assertEquals(List.of("*"), texts(aws("get-api", "--api-id", apiId).path("CorsConfiguration")
                .path("AllowOrigins")));
        aws("delete-cors-configuration", "--api-id", apiId);
        assertTrue(aws("get-api", "--api-id", apiId).path("CorsConfiguration").isMissingNode(),
                "no CorsConfiguration after delete-cors-configuration");
    }

    @Test
    void createAuthorizer_requestAndJwt_areReadBackByTheCli_andAJwtRouteRefusesAMissingToken() throws Exception {
        String apiId = aws("create-api", "--name", "auth-api", "--protocol-type", "HTTP").path("ApiId").asText();
        JsonNode request = aws("create-authorizer", "--api-id", apiId, "--name", "header-check",
                "--authorizer-type", "REQUEST", "--identity-source", "$request.header.Authorization",
                "--authorizer-uri", "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/" + FUNCTION
                        + "/invocations",
                "--authorizer-payload-format-version", "2.0", "--enable-simple-responses");
        JsonNode jwt = aws("create-authorizer", "--api-id", apiId, "--name", "tokens", "--authorizer-type", "JWT",
                "--identity-source", "$request.header.Authorization", "--jwt-configuration",
                "Audience=orders-app,Issuer=https://issuer.example.com");
        String integration = aws("create-integration", "--api-id", apiId, "--integration-type", "AWS_PROXY",
                "--integration-uri", FUNCTION, "--payload-format-version", "2.0").path("IntegrationId").asText();
        aws("create-route", "--api-id", apiId, "--route-key", "GET /orders", "--target", "integrations/"
                + integration, "--authorization-type", "JWT", "--authorizer-id", jwt.path("AuthorizerId").asText());
        aws("create-stage", "--api-id", apiId, "--stage-name", "$default", "--auto-deploy");

        JsonNode listed = aws("get-authorizers", "--api-id", apiId);
        JsonNode readBack = aws("get-authorizer", "--api-id", apiId, "--authorizer-id",
                jwt.path("AuthorizerId").asText());
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(emulator.endpoint().resolve(
                "/_aws/execute-api/" + apiId + "/orders")).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertEquals("REQUEST", request.path("AuthorizerType").asText());
        assertEquals(List.of("$request.header.Authorization"), texts(request.path("IdentitySource")));
        assertTrue(request.path("EnableSimpleResponses").asBoolean(), request.toString());
        assertEquals("2.0", request.path("AuthorizerPayloadFormatVersion").asText());
        assertEquals("JWT", readBack.path("AuthorizerType").asText());
        assertEquals("https://issuer.example.com", readBack.path("JwtConfiguration").path("Issuer").asText());
        assertEquals(List.of("orders-app"), texts(readBack.path("JwtConfiguration").path("Audience")));
        assertEquals(List.of("header-check", "tokens"), texts(listed.path("Items"), "Name").stream().sorted()
                .toList());
        assertEquals(401, anonymous.statusCode());
        assertEquals("{\"message\":\"Unauthorized\"}", anonymous.body());
        assertFalse(jwt.path("AuthorizerId").asText().isEmpty());
    }

    private JsonNode aws(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("apigatewayv2"));
        command.addAll(List.of(args));
        return ExternalClients.awsJson(endpoint, command.toArray(String[]::new));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(item -> out.add(item.asText()));
        return out;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(item -> out.add(item.path(field).asText()));
        return out;
    }
}
