package dev.serverlesslab.emulator.apigatewayv2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.serverlesslab.emulator.Emulator;
import dev.serverlesslab.emulator.EmulatorConfig;
import dev.serverlesslab.emulator.lambda.ExecutionRole;
import dev.serverlesslab.emulator.apigatewayv2.handlers.BareGreeting;
import dev.serverlesslab.emulator.apigatewayv2.handlers.HttpEventReport;
import dev.serverlesslab.emulator.http.ExecuteApi;
import dev.serverlesslab.emulator.lambda.FunctionZips;
import fixtures.ApiGatewayHandler;
import fixtures.Failing;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
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
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * HTTP APIs end to end: real Java handlers deployed to the emulator's Lambda, APIs made with the SDK, and calls through
 * LocalStack's {@code /_aws/execute-api/{id}} path (the JDK client cannot set Host, so host routing is checked on
 * {@link ExecuteApi.Target}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpApiEndToEndTests {

    private static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";

    @TempDir
    Path workDir;
    private Emulator emulator;
    private LambdaClient lambda;
    private ApiGatewayV2Client apis;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() {
        emulator = Emulator.start(EmulatorConfig.defaults().withPort(0).withWorkDir(workDir));
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        ExecutionRole.create(emulator.endpoint(), credentials, "lambda-role");
        lambda = LambdaClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        apis = ApiGatewayV2Client.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        List<Class<?>> events = List.of(APIGatewayProxyRequestEvent.class, DateTime.class);
        deploy("report", HttpEventReport.class, FunctionZips.withLibraries(List.of(HttpEventReport.class), events));
        deploy("greeting", BareGreeting.class, FunctionZips.of(BareGreeting.class));
        deploy("proxy-v1", ApiGatewayHandler.class,
                FunctionZips.withLibraries(List.of(ApiGatewayHandler.class), events));
        deploy("failing", Failing.class, FunctionZips.of(Failing.class));
    }

    @AfterAll
    void stop() {
        apis.close();
        lambda.close();
        emulator.close();
    }

    @Test
    void payload2Handler_seesCookiesQueryAndPathParameters_andSetsCookies() throws Exception {
        String apiId = apis.createApi(r -> r.name("report").protocolType(ProtocolType.HTTP)
                .target(arn("report")).routeKey("GET /orders/{id}")).apiId();

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        call(apiId, "/orders/42?expand=items&expand=customer"))
                .header("Cookie", "session=abc; theme=dark").build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("route=GET /orders/{id} method=GET rawPath=/orders/42 query=expand=items&expand=customer "
                + "cookies=[session=abc, theme=dark] id=42 stage=$default cookieHeader=false", response.body());
        assertEquals(List.of("seen=1", "visits=2"), response.headers().allValues("set-cookie"));
        assertEquals("text/plain", response.headers().firstValue("content-type").orElse(""));
    }

    @Test
    void bareStringResponse_becomes200Json() throws Exception {
        String apiId = apis.createApi(r -> r.name("greeting").protocolType(ProtocolType.HTTP)
                .target(arn("greeting"))).apiId();

        HttpResponse<String> response = get(apiId, "/hi/there");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("\"hello from /hi/there\"", response.body());
        assertEquals("application/json", response.headers().firstValue("content-type").orElse(""));
    }

    @Test
    void payload1Integration_onNamedStage_sendsTheRestProxyEvent() throws Exception {
        String apiId = apis.createApi(r -> r.name("v1").protocolType(ProtocolType.HTTP)).apiId();
        String integrationId = apis.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.AWS_PROXY)
                .integrationUri(arn("proxy-v1")).payloadFormatVersion("1.0")).integrationId();
        apis.createRoute(r -> r.apiId(apiId).routeKey("GET /orders/{id}").target("integrations/" + integrationId));
        apis.createStage(r -> r.apiId(apiId).stageName("dev").autoDeploy(true));

        HttpResponse<String> response = get(apiId, "/dev/orders/7");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("GET /dev/orders/7 id=7", response.body());
    }

    @Test
    void missingRoute_answers404NotFound() throws Exception {
        String apiId = apis.createApi(r -> r.name("narrow").protocolType(ProtocolType.HTTP)
                .target(arn("greeting")).routeKey("GET /only")).apiId();

        HttpResponse<String> response = get(apiId, "/elsewhere");

        assertEquals(404, response.statusCode());
        assertEquals("{\"message\":\"Not Found\"}", response.body());
    }

    @Test
    void failingHandler_answers500InternalServerError() throws Exception {
        String apiId = apis.createApi(r -> r.name("failing").protocolType(ProtocolType.HTTP)
                .target(arn("failing"))).apiId();

        HttpResponse<String> response = get(apiId, "/orders");

        assertEquals(500, response.statusCode());
        assertEquals("{\"message\":\"Internal Server Error\"}", response.body());
    }

    @Test
    void quickCreate_isReachableAtOnceAndByItsEndpointHost() throws Exception {
        var api = apis.createApi(r -> r.name("quick").protocolType(ProtocolType.HTTP).target(arn("greeting")));

        assertEquals(200, get(api.apiId(), "/").statusCode());
        URI endpoint = URI.create(api.apiEndpoint());
        assertEquals(new ExecuteApi.Target(api.apiId(), "/path"),
                ExecuteApi.Target.of(endpoint.getHost() + ":" + endpoint.getPort(), "/path").orElseThrow());
        assertTrue(api.apiEndpoint().endsWith(":" + emulator.port()), api.apiEndpoint());
    }

    private void deploy(String name, Class<?> handler, byte[] zip) {
        lambda.createFunction(b -> b.functionName(name).runtime(Runtime.JAVA17).role(ROLE)
                .handler(handler.getName()).memorySize(256).timeout(20)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
    }

    private static String arn(String function) {
        return "arn:aws:lambda:us-east-1:000000000000:function:" + function;
    }

    private URI call(String apiId, String path) {
        return emulator.endpoint().resolve("/_aws/execute-api/" + apiId + path);
    }

    private HttpResponse<String> get(String apiId, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(call(apiId, path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
