package dev.serverlesslab.emulator.apigateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.http.EdgeServer;
import dev.serverlesslab.emulator.http.ServiceRouter;
import dev.serverlesslab.emulator.lambda.LambdaBackend;
import dev.serverlesslab.emulator.lambda.runtime.RuntimeClasspath;
import dev.serverlesslab.emulator.lambda.runtime.RuntimeSettings;
import dev.serverlesslab.emulator.lambda.runtime.Sandbox;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ApiGatewayException;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.ConflictException;
import software.amazon.awssdk.services.apigateway.model.CreateDeploymentResponse;
import software.amazon.awssdk.services.apigateway.model.CreateResourceResponse;
import software.amazon.awssdk.services.apigateway.model.CreateRestApiResponse;
import software.amazon.awssdk.services.apigateway.model.EndpointType;
import software.amazon.awssdk.services.apigateway.model.GetMethodResponse;
import software.amazon.awssdk.services.apigateway.model.GetStageResponse;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigateway.model.PutIntegrationResponse;
import software.amazon.awssdk.services.apigateway.model.Resource;

/** The AWS SDK v2 ApiGatewayClient against the emulator's HTTP endpoint: every operation, its shapes and errors. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiGatewayClientTests {

    /** What confines environments on this machine, detected once for the class as an emulator does at start. */
    private static final Sandbox SANDBOX = Sandbox.detect();

    private static final String URI_OF_FUNCTION =
            FunctionTarget.integrationUri("us-east-1", ApiGatewayBackendTests.FUNCTION_ARN);

    private LambdaBackend lambda;
    private EdgeServer edge;
    private ApiGatewayClient apigateway;

    @BeforeAll
    void start(@TempDir Path workDir) {
        Path runtime = workDir.resolve("runtime");
        lambda = new LambdaBackend(workDir.resolve("lambda"), new RuntimeSettings(RuntimeSettings.currentJava(),
                RuntimeClasspath.prepare(runtime), runtime, null, "http://127.0.0.1:4566"), SANDBOX);
        edge = EdgeServer.bind("127.0.0.1", 0, "us-east-1", "test");
        edge.start(new ServiceRouter(List.of(new ApiGatewayHandler(new ApiGatewayBackend(lambda)))));
        apigateway = ApiGatewayClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + edge.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    void stop() {
        apigateway.close();
        edge.close();
        lambda.close();
    }

    @Test
    void createRestApi_thenGetRestApiAndGetRestApis_describeIt() {
        CreateRestApiResponse created = apigateway.createRestApi(b -> b.name("shop").description("orders")
                .binaryMediaTypes("image/png").tags(Map.of("course", "lab"))
                .endpointConfiguration(e -> e.types(EndpointType.REGIONAL)));

        assertTrue(created.id().matches("[a-z0-9]{10}"), created.id());
        assertNotNull(created.createdDate());
        assertNotNull(created.rootResourceId());
        assertEquals(List.of(EndpointType.REGIONAL), created.endpointConfiguration().types());
        var fetched = apigateway.getRestApi(b -> b.restApiId(created.id()));
        assertEquals("shop", fetched.name());
        assertEquals("orders", fetched.description());
        assertEquals(List.of("image/png"), fetched.binaryMediaTypes());
        assertEquals(Map.of("course", "lab"), fetched.tags());
        assertEquals(created.createdDate(), fetched.createdDate());
        assertTrue(apigateway.getRestApis().items().stream().anyMatch(api -> api.id().equals(created.id())));
    }

    @Test
    void getRestApi_ofUnknownId_throwsNotFoundWithAwsMessage() {
        NotFoundException error = assertThrows(NotFoundException.class,
                () -> apigateway.getRestApi(b -> b.restApiId("abc")));

        assertEquals(404, error.statusCode());
        assertEquals("Invalid API identifier specified 000000000000:abc", error.awsErrorDetails().errorMessage());
    }

    @Test
    void deleteRestApi_thenGetIsNotFound() {
        String id = apigateway.createRestApi(b -> b.name("short-lived")).id();

        apigateway.deleteRestApi(b -> b.restApiId(id));

        assertThrows(NotFoundException.class, () -> apigateway.getRestApi(b -> b.restApiId(id)));
        assertThrows(NotFoundException.class, () -> apigateway.deleteRestApi(b -> b.restApiId(id)));
    }

    @Test
    void createResource_getResource_getResources_deleteResource() {
        CreateRestApiResponse api = apigateway.createRestApi(b -> b.name("tree"));
        CreateResourceResponse orders = apigateway.createResource(b -> b.restApiId(api.id())
                .parentId(api.rootResourceId()).pathPart("orders"));
        CreateResourceResponse proxy = apigateway.createResource(b -> b.restApiId(api.id())
                .parentId(orders.id()).pathPart("{proxy+}"));

        assertEquals("/orders/{proxy+}", proxy.path());
        assertEquals(orders.id(), apigateway.getResource(b -> b.restApiId(api.id()).resourceId(proxy.id())).parentId());
        List<Resource> all = apigateway.getResources(b -> b.restApiId(api.id())).items();
        assertEquals(List.of("/", "/orders", "/orders/{proxy+}"), all.stream().map(Resource::path).toList());

        apigateway.deleteResource(b -> b.restApiId(api.id()).resourceId(orders.id()));

        assertEquals(1, apigateway.getResources(b -> b.restApiId(api.id())).items().size());
        NotFoundException gone = assertThrows(NotFoundException.class,
                () -> apigateway.getResource(b -> b.restApiId(api.id()).resourceId(proxy.id())));
        assertEquals("Invalid Resource identifier specified", gone.awsErrorDetails().errorMessage());
    }

    @Test
    void createResource_errors_conflictAndBadRequest() {
        CreateRestApiResponse api = apigateway.createRestApi(b -> b.name("clash"));
        apigateway.createResource(b -> b.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("a"));

        assertThrows(ConflictException.class, () -> apigateway.createResource(b -> b.restApiId(api.id())
                .parentId(api.rootResourceId()).pathPart("a")));
        assertThrows(BadRequestException.class, () -> apigateway.createResource(b -> b.restApiId(api.id())
                .parentId(api.rootResourceId()).pathPart("{bad")));
        assertThrows(NotFoundException.class, () -> apigateway.createResource(b -> b.restApiId(api.id())
                .parentId("missing000").pathPart("b")));
    }

    @Test
    void putMethod_getMethod_deleteMethod() {
        CreateRestApiResponse api = apigateway.createRestApi(b -> b.name("methods"));
        String root = api.rootResourceId();
        apigateway.putMethod(b -> b.restApiId(api.id()).resourceId(root).httpMethod("GET")
                .authorizationType("NONE").requestParameters(Map.of("method.request.querystring.q", false)));

        GetMethodResponse method = apigateway.getMethod(b -> b.restApiId(api.id()).resourceId(root).httpMethod("GET"));
        assertEquals("NONE", method.authorizationType());
        assertFalse(method.apiKeyRequired());
        assertEquals(Map.of("method.request.querystring.q", false), method.requestParameters());
        assertTrue(apigateway.getResource(b -> b.restApiId(api.id()).resourceId(root)).resourceMethods()
                .containsKey("GET"));
        assertThrows(ConflictException.class, () -> apigateway.putMethod(b -> b.restApiId(api.id()).resourceId(root)
                .httpMethod("GET").authorizationType("NONE")));

        apigateway.deleteMethod(b -> b.restApiId(api.id()).resourceId(root).httpMethod("GET"));

        NotFoundException gone = assertThrows(NotFoundException.class,
                () -> apigateway.getMethod(b -> b.restApiId(api.id()).resourceId(root).httpMethod("GET")));
        assertEquals("Invalid Method identifier specified", gone.awsErrorDetails().errorMessage());
    }

    @Test
    void putIntegration_getIntegration_andTheMethodEmbedsIt() {
        CreateRestApiResponse api = apigateway.createRestApi(b -> b.name("integrated"));
        String root = api.rootResourceId();
        apigateway.putMethod(b -> b.restApiId(api.id()).resourceId(root).httpMethod("ANY").authorizationType("NONE"));

        PutIntegrationResponse put = apigateway.putIntegration(b -> b.restApiId(api.id()).resourceId(root)
                .httpMethod("ANY").type(IntegrationType.AWS_PROXY).integrationHttpMethod("POST").uri(URI_OF_FUNCTION));

        assertEquals(IntegrationType.AWS_PROXY, put.type());
        assertEquals("POST", put.httpMethod());
        assertEquals(29_000, put.timeoutInMillis());
        var fetched = apigateway.getIntegration(b -> b.restApiId(api.id()).resourceId(root).httpMethod("ANY"));
        assertEquals(URI_OF_FUNCTION, fetched.uri());
        assertEquals(URI_OF_FUNCTION, apigateway.getMethod(b -> b.restApiId(api.id()).resourceId(root)
                .httpMethod("ANY")).methodIntegration().uri());
    }

    @Test
    void putIntegration_errors_mockIsRefusedAndAMissingIntegrationIsNotFound() {
        CreateRestApiResponse api = apigateway.createRestApi(b -> b.name("mocked"));
        String root = api.rootResourceId();
        apigateway.putMethod(b -> b.restApiId(api.id()).resourceId(root).httpMethod("GET").authorizationType("NONE"));

        BadRequestException mock = assertThrows(BadRequestException.class, () -> apigateway.putIntegration(b -> b
                .restApiId(api.id()).resourceId(root).httpMethod("GET").type(IntegrationType.MOCK)));
        assertTrue(mock.awsErrorDetails().errorMessage().contains("AWS_PROXY"), mock.getMessage());
        assertThrows(BadRequestException.class, () -> apigateway.putIntegration(b -> b.restApiId(api.id())
                .resourceId(root).httpMethod("GET").type(IntegrationType.AWS_PROXY).uri(URI_OF_FUNCTION)));
        assertThrows(NotFoundException.class,
                () -> apigateway.getIntegration(b -> b.restApiId(api.id()).resourceId(root).httpMethod("GET")));
        assertThrows(NotFoundException.class, () -> apigateway.putIntegration(b -> b.restApiId(api.id())
                .resourceId(root).httpMethod("POST").type(IntegrationType.AWS_PROXY).integrationHttpMethod("POST")
                .uri(URI_OF_FUNCTION)));
    }

    @Test
    void createDeployment_withStageName_createsTheStage_andGetDeploymentsListsIt() {
        String id = integratedApi("deployed");

        CreateDeploymentResponse deployment = apigateway.createDeployment(b -> b.restApiId(id).stageName("prod")
                .description("first").variables(Map.of("mode", "live")));

        assertTrue(deployment.id().matches("[a-z0-9]+"), deployment.id());
        assertNotNull(deployment.createdDate());
        assertEquals(List.of(deployment.id()), apigateway.getDeployments(b -> b.restApiId(id)).items().stream()
                .map(d -> d.id()).toList());
        GetStageResponse stage = apigateway.getStage(b -> b.restApiId(id).stageName("prod"));
        assertEquals(deployment.id(), stage.deploymentId());
        assertEquals(Map.of("mode", "live"), stage.variables());
        assertNotNull(stage.createdDate());
    }

    @Test
    void createDeployment_ofAnApiWithoutMethods_isABadRequest() {
        String id = apigateway.createRestApi(b -> b.name("empty")).id();

        BadRequestException error = assertThrows(BadRequestException.class,
                () -> apigateway.createDeployment(b -> b.restApiId(id).stageName("prod")));
        assertEquals("The REST API doesn't contain any methods", error.awsErrorDetails().errorMessage());
    }

    @Test
    void createStage_getStages_deleteStage_andTheirErrors() {
        String id = integratedApi("staged");
        String deploymentId = apigateway.createDeployment(b -> b.restApiId(id)).id();

        apigateway.createStage(b -> b.restApiId(id).stageName("dev").deploymentId(deploymentId)
                .description("for students"));

        assertEquals(List.of("dev"), apigateway.getStages(b -> b.restApiId(id)).item().stream()
                .map(s -> s.stageName()).toList());
        assertThrows(ConflictException.class,
                () -> apigateway.createStage(b -> b.restApiId(id).stageName("dev").deploymentId(deploymentId)));
        assertThrows(NotFoundException.class,
                () -> apigateway.createStage(b -> b.restApiId(id).stageName("qa").deploymentId("nope00")));
        apigateway.deleteStage(b -> b.restApiId(id).stageName("dev"));
        NotFoundException gone = assertThrows(NotFoundException.class,
                () -> apigateway.getStage(b -> b.restApiId(id).stageName("dev")));
        assertEquals("Invalid Stage identifier specified", gone.awsErrorDetails().errorMessage());
        assertThrows(NotFoundException.class, () -> apigateway.deleteStage(b -> b.restApiId(id).stageName("dev")));
    }

    @Test
    void anOperationNotEmulated_isNamedInTheError() {
        String id = apigateway.createRestApi(b -> b.name("modelled")).id();

        ApiGatewayException error = assertThrows(ApiGatewayException.class,
                () -> apigateway.getModels(b -> b.restApiId(id)));

        assertEquals("UnknownOperationException", error.awsErrorDetails().errorCode());
        assertTrue(error.awsErrorDetails().errorMessage().contains("GetModels"), error.getMessage());
    }

    @Test
    void anOperationOutsideRestApis_isNamedAsApiGateways_notAsAnUnservedService() {
        // /usageplans is API Gateway's too: the error must name the operation, not call apigateway unsupported.
        ApiGatewayException error = assertThrows(ApiGatewayException.class, () -> apigateway.getUsagePlans(b -> { }));

        assertEquals(404, error.statusCode());
        assertEquals("UnknownOperationException", error.awsErrorDetails().errorCode());
        assertTrue(error.awsErrorDetails().errorMessage().startsWith("The API Gateway operation GetUsagePlans (GET "
                + "/usageplans) is not supported by this emulator"), error.awsErrorDetails().errorMessage());
        assertTrue(error.awsErrorDetails().errorMessage().contains("operations supported: CreateRestApi, "),
                error.awsErrorDetails().errorMessage());
    }

    @Test
    void patchOperations_updateRestApiStageMethodAndIntegration_andRefuseOtherPaths() {
        String apiId = integratedApi("patched");
        String root = apigateway.getRestApi(b -> b.restApiId(apiId)).rootResourceId();
        apigateway.createDeployment(b -> b.restApiId(apiId).stageName("dev").variables(Map.of("old", "1")));
        String authorizer = apigateway.createAuthorizer(b -> b.restApiId(apiId).name("auth").type("TOKEN")
                .authorizerUri(URI_OF_FUNCTION).identitySource("method.request.header.Authorization")).id();
        try (ApiGatewayClient patching = ApiGatewayClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + edge.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(ApacheHttpClient.create())
                .build()) {

            var api = patching.updateRestApi(b -> b.restApiId(apiId).patchOperations(
                    op -> op.op(Op.ADD).path("/binaryMediaTypes/image~1png"),
                    op -> op.op(Op.REPLACE).path("/description").value("now binary")));
            var stage = patching.updateStage(b -> b.restApiId(apiId).stageName("dev").patchOperations(
                    op -> op.op(Op.REPLACE).path("/variables/table").value("orders"),
                    op -> op.op(Op.REMOVE).path("/variables/old")));
            var method = patching.updateMethod(b -> b.restApiId(apiId).resourceId(root).httpMethod("GET")
                    .patchOperations(op -> op.op(Op.REPLACE).path("/authorizationType").value("CUSTOM"),
                            op -> op.op(Op.REPLACE).path("/authorizerId").value(authorizer)));
            var integration = patching.updateIntegration(b -> b.restApiId(apiId).resourceId(root).httpMethod("GET")
                    .patchOperations(op -> op.op(Op.REPLACE).path("/timeoutInMillis").value("1000")));

            assertEquals(List.of("image/png"), api.binaryMediaTypes());
            assertEquals("now binary", apigateway.getRestApi(b -> b.restApiId(apiId)).description());
            assertEquals(Map.of("table", "orders"), stage.variables());
            assertEquals(Map.of("table", "orders"), apigateway.getStage(b -> b.restApiId(apiId).stageName("dev"))
                    .variables());
            assertEquals("CUSTOM", method.authorizationType());
            assertEquals(authorizer, apigateway.getMethod(b -> b.restApiId(apiId).resourceId(root)
                    .httpMethod("GET")).authorizerId());
            assertEquals(1000, integration.timeoutInMillis());
            BadRequestException refused = assertThrows(BadRequestException.class, () -> patching.updateStage(b -> b
                    .restApiId(apiId).stageName("dev").patchOperations(op -> op.op(Op.REPLACE)
                            .path("/cacheClusterEnabled").value("true"))));
            assertTrue(refused.getMessage().contains("Invalid patch path /cacheClusterEnabled"),
                    refused.getMessage());
            assertThrows(BadRequestException.class, () -> patching.updateIntegration(b -> b.restApiId(apiId)
                    .resourceId(root).httpMethod("GET").patchOperations(op -> op.op(Op.REPLACE)
                            .path("/timeoutInMillis").value("90000"))));
        }
    }

    private String integratedApi(String name) {
        CreateRestApiResponse api = apigateway.createRestApi(b -> b.name(name));
        apigateway.putMethod(b -> b.restApiId(api.id()).resourceId(api.rootResourceId()).httpMethod("GET")
                .authorizationType("NONE"));
        apigateway.putIntegration(b -> b.restApiId(api.id()).resourceId(api.rootResourceId()).httpMethod("GET")
                .type(IntegrationType.AWS_PROXY).integrationHttpMethod("POST").uri(URI_OF_FUNCTION));
        return api.id();
    }
}
