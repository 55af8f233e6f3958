package dev.serverlesslab.emulator.apigateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.emulator.Emulator;
import dev.serverlesslab.emulator.EmulatorConfig;
import dev.serverlesslab.emulator.lambda.ExecutionRole;
import dev.serverlesslab.emulator.lambda.FunctionZips;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
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
import software.amazon.awssdk.services.apigateway.model.AuthorizerType;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * REST API Lambda authorizers end to end: TOKEN and REQUEST authorizers deployed as functions, their policies
 * enforced on the method ARN, and their context handed to the integration.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiGatewayAuthorizerTests {

    private static final String STAGE = "prod";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private Emulator emulator;
    private ApiGatewayClient apigateway;
    private LambdaClient lambda;
    private String apiId;
    private String root;
    private String tokenAuthorizer;

    @BeforeAll
    void deploy(@TempDir Path workDir) {
        emulator = Emulator.start(EmulatorConfig.defaults().withPort(0).withWorkDir(workDir));
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        lambda = LambdaClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        apigateway = ApiGatewayClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        // Lambda assumes only roles that exist and trust it, as on AWS.
        ExecutionRole.create(emulator.endpoint(), credentials, "lambda-role");
        String echo = function("echo", EventEcho.class.getName(), FunctionZips.of(EventEcho.class));
        String authorizer = function("authorizer", PolicyAuthorizer.class.getName(),
                FunctionZips.of(PolicyAuthorizer.class));
        var api = apigateway.createRestApi(b -> b.name("guarded"));
        apiId = api.id();
        root = api.rootResourceId();
        String uri = FunctionTarget.integrationUri("us-east-1", authorizer);
        tokenAuthorizer = apigateway.createAuthorizer(b -> b.restApiId(apiId).name("token")
                .type(AuthorizerType.TOKEN).authorizerUri(uri)
                .identitySource("method.request.header.Authorization").authorizerResultTtlInSeconds(0)).id();
        String requestAuthorizer = apigateway.createAuthorizer(b -> b.restApiId(apiId).name("request")
                .type(AuthorizerType.REQUEST).authorizerUri(uri)
                .identitySource("method.request.querystring.user").authorizerResultTtlInSeconds(0)).id();
        integrate(resource("token"), "GET", tokenAuthorizer, echo);
        integrate(resource("request"), "GET", requestAuthorizer, echo);
        apigateway.createDeployment(b -> b.restApiId(apiId).stageName(STAGE));
    }

    @AfterAll
    void stop() {
        apigateway.close();
        lambda.close();
        emulator.close();
    }

    @Test
    void tokenAllowed_reachesTheIntegrationWithThePrincipalAndContext() throws Exception {
        HttpResponse<String> response = call("/token", "allow");

        assertEquals(200, response.statusCode(), response.body());
        JsonNode authorizer = json.readTree(response.body()).path("requestContext").path("authorizer");
        assertEquals("user-1", authorizer.path("principalId").asText(), authorizer.toString());
        assertEquals("allow", authorizer.path("user").asText());
        assertEquals(7, authorizer.path("level").asInt());
    }

    @Test
    void tokenRefusals_answerAsApiGatewayDoes() throws Exception {
        HttpResponse<String> missing = call("/token", null);
        HttpResponse<String> rejected = call("/token", "reject");
        HttpResponse<String> denied = call("/token", "deny");
        HttpResponse<String> notCovered = call("/token", "elsewhere");
        HttpResponse<String> broken = call("/token", "broken");

        assertEquals(401, missing.statusCode());
        assertEquals("{\"message\":\"Unauthorized\"}", missing.body());
        assertEquals(401, rejected.statusCode(), rejected.body());
        assertEquals(403, denied.statusCode());
        assertEquals("{\"Message\":\"User is not authorized to access this resource with an explicit deny\"}",
                denied.body());
        assertEquals(403, notCovered.statusCode());
        assertEquals("{\"Message\":\"User is not authorized to access this resource\"}", notCovered.body());
        assertEquals(500, broken.statusCode());
        assertEquals("AuthorizerConfigurationException",
                broken.headers().firstValue("x-amzn-ErrorType").orElse(""));
    }

    @Test
    void wildcardResource_allowsTheMethodItCovers() throws Exception {
        assertEquals(200, call("/token", "wildcard").statusCode());
    }

    @Test
    void requestAuthorizer_decidesOnTheQueryString() throws Exception {
        HttpResponse<String> ann = http.send(HttpRequest.newBuilder(url("/request?user=ann")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> nobody = http.send(HttpRequest.newBuilder(url("/request")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> bob = http.send(HttpRequest.newBuilder(url("/request?user=bob")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, ann.statusCode(), ann.body());
        assertEquals("ann", json.readTree(ann.body()).path("requestContext").path("authorizer").path("user")
                .asText());
        assertEquals(401, nobody.statusCode());
        assertEquals(401, bob.statusCode());
    }

    @Test
    void controlPlane_describesAuthorizers_andRefusesWhatItWouldNotEnforce() {
        var got = apigateway.getAuthorizer(b -> b.restApiId(apiId).authorizerId(tokenAuthorizer));
        assertEquals("token", got.name());
        assertEquals(AuthorizerType.TOKEN, got.type());
        assertEquals(0, got.authorizerResultTtlInSeconds());
        assertEquals(2, apigateway.getAuthorizers(b -> b.restApiId(apiId)).items().size());
        assertEquals(tokenAuthorizer, apigateway.getMethod(b -> b.restApiId(apiId)
                .resourceId(resourceId("/token")).httpMethod("GET")).authorizerId());

        String other = apigateway.createResource(b -> b.restApiId(apiId).parentId(root).pathPart("iam")).id();
        BadRequestException iam = assertThrows(BadRequestException.class, () -> apigateway.putMethod(b -> b
                .restApiId(apiId).resourceId(other).httpMethod("GET").authorizationType("AWS_IAM")));
        assertTrue(iam.getMessage().contains("AWS_IAM is not emulated"), iam.getMessage());
        assertThrows(BadRequestException.class, () -> apigateway.createAuthorizer(b -> b.restApiId(apiId)
                .name("cognito").type(AuthorizerType.COGNITO_USER_POOLS).providerARNs("arn:x")));
    }

    private HttpResponse<String> call(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path));
        if (token != null) {
            request.header("Authorization", token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create(emulator.endpoint() + "/_aws/execute-api/" + apiId + "/" + STAGE + path);
    }

    private String function(String name, String handler, byte[] zip) {
        return lambda.createFunction(b -> b.functionName(name).runtime(Runtime.JAVA17)
                .role("arn:aws:iam::000000000000:role/lambda-role").handler(handler).memorySize(256).timeout(10)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip)))).functionArn();
    }

    private String resource(String pathPart) {
        return apigateway.createResource(b -> b.restApiId(apiId).parentId(root).pathPart(pathPart)).id();
    }

    private String resourceId(String path) {
        return apigateway.getResources(b -> b.restApiId(apiId)).items().stream()
                .filter(r -> path.equals(r.path())).findFirst().orElseThrow().id();
    }

    private void integrate(String resourceId, String method, String authorizerId, String functionArn) {
        apigateway.putMethod(b -> b.restApiId(apiId).resourceId(resourceId).httpMethod(method)
                .authorizationType("CUSTOM").authorizerId(authorizerId));
        apigateway.putIntegration(b -> b.restApiId(apiId).resourceId(resourceId).httpMethod(method)
                .type(IntegrationType.AWS_PROXY).integrationHttpMethod("POST")
                .uri(FunctionTarget.integrationUri("us-east-1", functionArn)));
    }
}
