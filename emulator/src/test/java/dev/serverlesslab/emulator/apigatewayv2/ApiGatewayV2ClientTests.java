package dev.serverlesslab.emulator.apigatewayv2;

import static dev.serverlesslab.emulator.apigatewayv2.ApiGatewayV2BackendTests.FUNCTION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.http.EdgeServer;
import dev.serverlesslab.emulator.http.ServiceRouter;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.Api;
import software.amazon.awssdk.services.apigatewayv2.model.BadRequestException;
import software.amazon.awssdk.services.apigatewayv2.model.ConflictException;
import software.amazon.awssdk.services.apigatewayv2.model.CreateApiResponse;
import software.amazon.awssdk.services.apigatewayv2.model.CreateDeploymentResponse;
import software.amazon.awssdk.services.apigatewayv2.model.CreateIntegrationResponse;
import software.amazon.awssdk.services.apigatewayv2.model.CreateRouteResponse;
import software.amazon.awssdk.services.apigatewayv2.model.CreateStageResponse;
import software.amazon.awssdk.services.apigatewayv2.model.DeploymentStatus;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.NotFoundException;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/**
 * The AWS SDK v2 ApiGatewayV2Client against the emulator's endpoint: every operation and its error codes. UpdateApi
 * is a PATCH, which the JDK's HttpURLConnection behind url-connection-client cannot send, so that test uses the
 * Apache HTTP client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiGatewayV2ClientTests {

    private EdgeServer edge;
    private ApiGatewayV2Client client;

    @BeforeAll
    void start() {
        edge = EdgeServer.bind("127.0.0.1", 0, "us-east-1", "test");
        ApiGatewayV2Backend backend =
                new ApiGatewayV2Backend((scope, request) -> null, new SecureRandom(), Clock.systemUTC());
        edge.start(new ServiceRouter(List.of(new ApiGatewayV2Handler(backend, edge.port()))));
        client = ApiGatewayV2Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + edge.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    void stop() {
        client.close();
        edge.close();
    }

    @Test
    void createApi_thenGetApi_returnsTheSameApi() {
        CreateApiResponse created = client.createApi(r -> r.name("orders").description("d")
                .protocolType(ProtocolType.HTTP).tags(Map.of("course", "lab")));

        var got = client.getApi(r -> r.apiId(created.apiId()));

        assertEquals("orders", got.name());
        assertEquals("d", got.description());
        assertEquals(ProtocolType.HTTP, got.protocolType());
        assertEquals(created.createdDate(), got.createdDate());
        assertEquals(Map.of("course", "lab"), got.tags());
        assertEquals("http://" + created.apiId() + ".execute-api.localhost.localstack.cloud:" + edge.port(),
                got.apiEndpoint());
    }

    @Test
    void getApis_listsCreatedApis() {
        String apiId = client.createApi(r -> r.name("listed").protocolType(ProtocolType.HTTP)).apiId();

        List<Api> items = client.getApis(r -> { }).items();

        assertTrue(items.stream().anyMatch(api -> api.apiId().equals(apiId) && api.name().equals("listed")));
    }

    @Test
    void updateApi_changesNameAndDescription() {
        String apiId = client.createApi(r -> r.name("before").protocolType(ProtocolType.HTTP)).apiId();
        try (ApiGatewayV2Client patching = ApiGatewayV2Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + edge.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(ApacheHttpClient.create())
                .build()) {

            var updated = patching.updateApi(r -> r.apiId(apiId).name("after").description("now"));

            assertEquals("after", updated.name());
            assertEquals("now", client.getApi(r -> r.apiId(apiId)).description());
            assertThrows(NotFoundException.class, () -> patching.updateApi(r -> r.apiId("nosuchapi1").name("x")));
        }
    }

    @Test
    void corsConfiguration_isCreatedReplacedByUpdateApiShownByGetApiAndDeleted() {
        String apiId = client.createApi(r -> r.name("cors").protocolType(ProtocolType.HTTP)
                .corsConfiguration(c -> c.allowOrigins("https://app.example").allowMethods("GET", "POST")
                        .allowHeaders("content-type").exposeHeaders("x-id").maxAge(300).allowCredentials(true)))
                .apiId();

        var cors = client.getApi(r -> r.apiId(apiId)).corsConfiguration();
        assertEquals(List.of("https://app.example"), cors.allowOrigins());
        assertEquals(List.of("GET", "POST"), cors.allowMethods());
        assertEquals(List.of("content-type"), cors.allowHeaders());
        assertEquals(List.of("x-id"), cors.exposeHeaders());
        assertEquals(300, cors.maxAge());
        assertEquals(true, cors.allowCredentials());

        try (ApiGatewayV2Client patching = ApiGatewayV2Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + edge.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(ApacheHttpClient.create())
                .build()) {
            var updated = patching.updateApi(r -> r.apiId(apiId).corsConfiguration(c -> c.allowOrigins("*")));
            assertEquals(List.of("*"), updated.corsConfiguration().allowOrigins());
            assertTrue(updated.corsConfiguration().allowMethods().isEmpty(), updated.toString());
        }

        client.deleteCorsConfiguration(r -> r.apiId(apiId));
        assertEquals(null, client.getApi(r -> r.apiId(apiId)).corsConfiguration());
    }

    @Test
    void deleteApi_thenGetApi_throwsNotFound() {
        String apiId = client.createApi(r -> r.name("gone").protocolType(ProtocolType.HTTP)).apiId();

        client.deleteApi(r -> r.apiId(apiId));

        NotFoundException error = assertThrows(NotFoundException.class, () -> client.getApi(r -> r.apiId(apiId)));
        assertEquals(404, error.statusCode());
        assertTrue(error.getMessage().contains(apiId), error.getMessage());
    }

    @Test
    void createApi_withWebSocket_throwsBadRequest() {
        assertThrows(BadRequestException.class,
                () -> client.createApi(r -> r.name("ws").protocolType(ProtocolType.WEBSOCKET)));
    }

    @Test
    void createApi_quickCreate_makesIntegrationRouteAndDefaultStage() {
        String apiId = client.createApi(r -> r.name("quick").protocolType(ProtocolType.HTTP).target(FUNCTION)
                .routeKey("GET /hello")).apiId();

        var integration = client.getIntegrations(r -> r.apiId(apiId)).items().get(0);
        var route = client.getRoutes(r -> r.apiId(apiId)).items().get(0);
        var stage = client.getStages(r -> r.apiId(apiId)).items().get(0);
        assertEquals(IntegrationType.AWS_PROXY, integration.integrationType());
        assertEquals("2.0", integration.payloadFormatVersion());
        assertEquals("GET /hello", route.routeKey());
        assertEquals("integrations/" + integration.integrationId(), route.target());
        assertEquals("$default", stage.stageName());
        assertTrue(stage.autoDeploy());
        assertTrue(route.apiGatewayManaged());
    }

    @Test
    void integrationsAndRoutes_createGetAndDelete() {
        String apiId = client.createApi(r -> r.name("parts").protocolType(ProtocolType.HTTP)).apiId();
        CreateIntegrationResponse integration = client.createIntegration(r -> r.apiId(apiId)
                .integrationType(IntegrationType.AWS_PROXY).integrationUri(FUNCTION).payloadFormatVersion("1.0"));
        CreateRouteResponse route = client.createRoute(r -> r.apiId(apiId).routeKey("POST /orders")
                .target("integrations/" + integration.integrationId()));

        assertEquals("1.0", client.getIntegration(r -> r.apiId(apiId).integrationId(integration.integrationId()))
                .payloadFormatVersion());
        assertEquals("POST /orders", client.getRoute(r -> r.apiId(apiId).routeId(route.routeId())).routeKey());

        client.deleteRoute(r -> r.apiId(apiId).routeId(route.routeId()));
        client.deleteIntegration(r -> r.apiId(apiId).integrationId(integration.integrationId()));

        assertThrows(NotFoundException.class, () -> client.getRoute(r -> r.apiId(apiId).routeId(route.routeId())));
        assertThrows(NotFoundException.class,
                () -> client.getIntegration(r -> r.apiId(apiId).integrationId(integration.integrationId())));
        assertTrue(client.getRoutes(r -> r.apiId(apiId)).items().isEmpty());
        assertTrue(client.getIntegrations(r -> r.apiId(apiId)).items().isEmpty());
    }

    @Test
    void updateRouteIntegrationAndStage_changeWhatTheyName_andRefuseWhatIsNotEmulated() {
        String apiId = client.createApi(r -> r.name("updated").protocolType(ProtocolType.HTTP)).apiId();
        String integrationId = client.createIntegration(r -> r.apiId(apiId)
                .integrationType(IntegrationType.AWS_PROXY).integrationUri(FUNCTION).payloadFormatVersion("1.0"))
                .integrationId();
        String routeId = client.createRoute(r -> r.apiId(apiId).routeKey("GET /a")).routeId();
        client.createStage(r -> r.apiId(apiId).stageName("dev").stageVariables(Map.of("table", "t1")));
        try (ApiGatewayV2Client patching = ApiGatewayV2Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + edge.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(ApacheHttpClient.create())
                .build()) {

            var route = patching.updateRoute(r -> r.apiId(apiId).routeId(routeId).routeKey("POST /b")
                    .target("integrations/" + integrationId));
            var integration = patching.updateIntegration(r -> r.apiId(apiId).integrationId(integrationId)
                    .payloadFormatVersion("2.0").timeoutInMillis(5000));
            var stage = patching.updateStage(r -> r.apiId(apiId).stageName("dev").autoDeploy(true)
                    .stageVariables(Map.of("mode", "fast")));

            assertEquals("POST /b", route.routeKey());
            assertEquals("integrations/" + integrationId, client.getRoute(r -> r.apiId(apiId).routeId(routeId))
                    .target());
            assertEquals("2.0", integration.payloadFormatVersion());
            assertEquals(5000, client.getIntegration(r -> r.apiId(apiId).integrationId(integrationId))
                    .timeoutInMillis());
            assertEquals(true, stage.autoDeploy());
            assertEquals(Map.of("table", "t1", "mode", "fast"), client.getStage(r -> r.apiId(apiId)
                    .stageName("dev")).stageVariables());
            assertThrows(BadRequestException.class, () -> patching.updateIntegration(r -> r.apiId(apiId)
                    .integrationId(integrationId).payloadFormatVersion("3.0")));
            assertEquals("2.0", client.getIntegration(r -> r.apiId(apiId).integrationId(integrationId))
                    .payloadFormatVersion(), "a refused update changes nothing");
            assertThrows(BadRequestException.class, () -> patching.updateRoute(r -> r.apiId(apiId)
                    .routeId(routeId).apiKeyRequired(true)));
            assertThrows(NotFoundException.class, () -> patching.updateStage(r -> r.apiId(apiId)
                    .stageName("nosuch").autoDeploy(true)));
        }
    }

    @Test
    void createRoute_twice_throwsConflict() {
        String apiId = client.createApi(r -> r.name("dup").protocolType(ProtocolType.HTTP)).apiId();
        client.createRoute(r -> r.apiId(apiId).routeKey("GET /a"));

        assertThrows(ConflictException.class, () -> client.createRoute(r -> r.apiId(apiId).routeKey("GET /a")));
    }

    @Test
    void createIntegration_withHttpProxy_throwsBadRequestNamingTheType() {
        String apiId = client.createApi(r -> r.name("http").protocolType(ProtocolType.HTTP)).apiId();

        BadRequestException error = assertThrows(BadRequestException.class, () -> client.createIntegration(
                r -> r.apiId(apiId).integrationType(IntegrationType.HTTP_PROXY).integrationUri("https://x.test")));
        assertTrue(error.getMessage().contains("HTTP_PROXY"), error.getMessage());
    }

    @Test
    void stagesAndDeployments_createGetAndDelete() {
        String apiId = client.createApi(r -> r.name("staged").protocolType(ProtocolType.HTTP)).apiId();
        CreateStageResponse stage = client.createStage(r -> r.apiId(apiId).stageName("prod")
                .stageVariables(Map.of("table", "orders")));
        CreateDeploymentResponse deployment = client.createDeployment(r -> r.apiId(apiId).stageName("prod")
                .description("first"));

        assertFalse(stage.autoDeploy());
        assertEquals(DeploymentStatus.DEPLOYED, deployment.deploymentStatus());
        assertNotNull(deployment.createdDate());
        var got = client.getStage(r -> r.apiId(apiId).stageName("prod"));
        assertEquals(deployment.deploymentId(), got.deploymentId());
        assertEquals(Map.of("table", "orders"), got.stageVariables());
        assertEquals(deployment.deploymentId(),
                client.getDeployments(r -> r.apiId(apiId)).items().get(0).deploymentId());

        client.deleteStage(r -> r.apiId(apiId).stageName("prod"));

        assertThrows(NotFoundException.class, () -> client.getStage(r -> r.apiId(apiId).stageName("prod")));
    }

    @Test
    void createStage_twice_throwsConflict() {
        String apiId = client.createApi(r -> r.name("stages").protocolType(ProtocolType.HTTP)).apiId();
        client.createStage(r -> r.apiId(apiId).stageName("$default").autoDeploy(true));

        assertThrows(ConflictException.class,
                () -> client.createStage(r -> r.apiId(apiId).stageName("$default")));
    }

    @Test
    void childOperations_onUnknownApi_throwNotFound() {
        assertThrows(NotFoundException.class, () -> client.getRoutes(r -> r.apiId("nosuchapi1")));
        assertThrows(NotFoundException.class, () -> client.getDeployments(r -> r.apiId("nosuchapi1")));
        assertThrows(NotFoundException.class, () -> client.createStage(r -> r.apiId("nosuchapi1").stageName("x")));
    }
}
