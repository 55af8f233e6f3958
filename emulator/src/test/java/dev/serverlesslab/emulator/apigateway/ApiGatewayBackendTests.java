package dev.serverlesslab.emulator.apigateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.lambda.LambdaBackend;
import dev.serverlesslab.emulator.lambda.runtime.RuntimeClasspath;
import dev.serverlesslab.emulator.lambda.runtime.RuntimeSettings;
import dev.serverlesslab.emulator.lambda.runtime.Sandbox;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** REST API rules without HTTP: the resource tree, methods, integrations, deployments and stages. */
class ApiGatewayBackendTests {

    /** What confines environments on this machine, detected once for the class as an emulator does at start. */
    private static final Sandbox SANDBOX = Sandbox.detect();

    private static final AccountRegion SCOPE = new AccountRegion(AccountRegion.DEFAULT_ACCOUNT, "us-east-1");
    static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:000000000000:function:orders";

    @TempDir
    Path workDir;
    private LambdaBackend lambda;
    private ApiGatewayBackend backend;

    @BeforeEach
    void start() {
        Path runtime = workDir.resolve("runtime");
        lambda = new LambdaBackend(workDir.resolve("lambda"), new RuntimeSettings(RuntimeSettings.currentJava(),
                RuntimeClasspath.prepare(runtime), runtime, null, "http://127.0.0.1:4566"), SANDBOX);
        backend = new ApiGatewayBackend(lambda);
    }

    @AfterEach
    void stop() {
        backend.close();
        lambda.close();
    }

    @Test
    void createRestApi_givesTenCharacterIdsAndARootResource() {
        RestApi api = backend.createRestApi(SCOPE, RestApiSpec.named("shop"));

        assertTrue(api.id().matches("[a-z0-9]{10}"), api.id());
        assertTrue(api.rootResourceId().matches("[a-z0-9]{10}"), api.rootResourceId());
        List<ApiResource> resources = backend.getResources(SCOPE, api.id());
        assertEquals(1, resources.size());
        assertEquals("/", resources.get(0).path());
        assertNull(resources.get(0).parentId());
        assertEquals(List.of("EDGE"), api.endpointTypes());
    }

    @Test
    void getRestApi_ofUnknownId_namesAccountAndIdLikeAws() {
        AwsException error = assertThrows(AwsException.class, () -> backend.getRestApi(SCOPE, "abc"));

        assertEquals("NotFoundException", error.code());
        assertEquals(404, error.httpStatus());
        assertEquals("Invalid API identifier specified 000000000000:abc", error.getMessage());
    }

    @Test
    void restApis_areKeptPerAccountAndRegion() {
        RestApi api = backend.createRestApi(SCOPE, RestApiSpec.named("shop"));

        AccountRegion other = new AccountRegion(AccountRegion.DEFAULT_ACCOUNT, "eu-west-1");
        assertEquals(List.of(), backend.getRestApis(other));
        assertThrows(AwsException.class, () -> backend.getRestApi(other, api.id()));
        assertTrue(backend.hasApi(api.id()));
    }

    @Test
    void createResource_buildsPathsBelowTheParent() {
        RestApi api = backend.createRestApi(SCOPE, RestApiSpec.named("shop"));
        ApiResource orders = backend.createResource(SCOPE, api.id(), api.rootResourceId(), "orders");
        ApiResource order = backend.createResource(SCOPE, api.id(), orders.id(), "{id}");

        assertEquals("/orders", orders.path());
        assertEquals("/orders/{id}", order.path());
        assertEquals(orders.id(), order.parentId());
        assertEquals("id", order.variableName());
    }

    @Test
    void createResource_withASiblingOfTheSameName_isAConflict() {
        RestApi api = backend.createRestApi(SCOPE, RestApiSpec.named("shop"));
        backend.createResource(SCOPE, api.id(), api.rootResourceId(), "orders");

        AwsException error = assertThrows(AwsException.class,
                () -> backend.createResource(SCOPE, api.id(), api.rootResourceId(), "orders"));

        assertEquals("ConflictException", error.code());
        assertEquals("Another resource with the same parent already has this name: orders", error.getMessage());
    }

    @Test
    void createResource_rejectsBadPartsChildrenOfGreedyAndTwoVariableSiblings() {
        RestApi api = backend.createRestApi(SCOPE, RestApiSpec.named("shop"));
        String root = api.rootResourceId();
        ApiResource proxy = backend.createResource(SCOPE, api.id(), root, "{proxy+}");

        assertEquals("BadRequestException",
                assertThrows(AwsException.class, () -> backend.createResource(SCOPE, api.id(), root, "a b")).code());
        assertEquals("BadRequestException", assertThrows(AwsException.class,
                () -> backend.createResource(SCOPE, api.id(), proxy.id(), "more")).code());
        assertEquals("BadRequestException", assertThrows(AwsException.class,
                () -> backend.createResource(SCOPE, api.id(), root, "{id}")).code());
        assertEquals("NotFoundException", assertThrows(AwsException.class,
                () -> backend.createResource(SCOPE, api.id(), "nosuchpart", "x")).code());
    }

    @Test
    void deleteResource_removesItsChildrenButNeverTheRoot() {
        RestApi api = backend.createRestApi(SCOPE, RestApiSpec.named("shop"));
        ApiResource orders = backend.createResource(SCOPE, api.id(), api.rootResourceId(), "orders");
        ApiResource order = backend.createResource(SCOPE, api.id(), orders.id(), "{id}");

        backend.deleteResource(SCOPE, api.id(), orders.id());

        assertEquals(1, backend.getResources(SCOPE, api.id()).size());
        AwsException gone = assertThrows(AwsException.class, () -> backend.getResource(SCOPE, api.id(), order.id()));
        assertEquals("Invalid Resource identifier specified", gone.getMessage());
        assertEquals("BadRequestException", assertThrows(AwsException.class,
                () -> backend.deleteResource(SCOPE, api.id(), api.rootResourceId())).code());
    }

    @Test
    void putMethod_twice_isAConflict_andUnknownMethodsAreRefused() {
        RestApi api = backend.createRestApi(SCOPE, RestApiSpec.named("shop"));
        MethodSpec none = new MethodSpec("NONE", null, false, null, Map.of());
        backend.putMethod(SCOPE, api.id(), api.rootResourceId(), "GET", none);

        AwsException twice = assertThrows(AwsException.class,
                () -> backend.putMethod(SCOPE, api.id(), api.rootResourceId(), "GET", none));
        assertEquals("ConflictException", twice.code());
        assertEquals("Method already exists for this resource", twice.getMessage());
        assertEquals("BadRequestException", assertThrows(AwsException.class,
                () -> backend.putMethod(SCOPE, api.id(), api.rootResourceId(), "FETCH", none)).code());
        assertEquals("BadRequestException", assertThrows(AwsException.class, () -> backend.putMethod(SCOPE,
                api.id(), api.rootResourceId(), "POST", new MethodSpec(null, null, false, null, Map.of()))).code());
    }

    @Test
    void putIntegration_lambdaProxy_fillsAwsDefaults() {
        RestApi api = backend.createRestApi(SCOPE, RestApiSpec.named("shop"));
        backend.putMethod(SCOPE, api.id(), api.rootResourceId(), "ANY",
                new MethodSpec("NONE", null, false, null, Map.of()));

        ApiIntegration integration = backend.putIntegration(SCOPE, api.id(), api.rootResourceId(), "ANY",
                IntegrationSpec.lambdaProxy("us-east-1", FUNCTION_ARN));

        assertEquals(29_000, integration.timeoutInMillis());
        assertEquals("WHEN_NO_MATCH", integration.passthroughBehavior());
        assertEquals(api.rootResourceId(), integration.cacheNamespace());
        assertEquals(integration, backend.getMethod(SCOPE, api.id(), api.rootResourceId(), "ANY").integration());
        assertEquals(FUNCTION_ARN, FunctionTarget.fromUri(integration.uri()).orElseThrow().functionArn());
    }

    @Test
    void putIntegration_refusesOtherTypesBadUrisAndTimeouts() {
        RestApi api = backend.createRestApi(SCOPE, RestApiSpec.named("shop"));
        String root = api.rootResourceId();
        backend.putMethod(SCOPE, api.id(), root, "GET",
                new MethodSpec("NONE", null, false, null, Map.of()));
        String uri = FunctionTarget.integrationUri("us-east-1", FUNCTION_ARN);

        for (IntegrationSpec bad : List.of(
                new IntegrationSpec("MOCK", null, null, null, null, null, List.of()),
                new IntegrationSpec("AWS_PROXY", null, uri, null, null, null, List.of()),
                new IntegrationSpec("AWS_PROXY", "POST", "https://example.com", null, null, null, List.of()),
                new IntegrationSpec("AWS_PROXY", "POST", "arn:aws:apigateway:us-east-1:dynamodb:action/PutItem",
                        null, null, null, List.of()),
                new IntegrationSpec("AWS_PROXY", "POST", uri, 30_000, null, null, List.of()))) {
            AwsException error = assertThrows(AwsException.class,
                    () -> backend.putIntegration(SCOPE, api.id(), root, "GET", bad));
            assertEquals("BadRequestException", error.code(), bad.toString());
        }
        assertEquals("Invalid Integration identifier specified", assertThrows(AwsException.class,
                () -> backend.getIntegration(SCOPE, api.id(), root, "GET")).getMessage());
        assertEquals("Invalid Method identifier specified", assertThrows(AwsException.class,
                () -> backend.getIntegration(SCOPE, api.id(), root, "POST")).getMessage());
    }

    @Test
    void createDeployment_needsMethodsWithIntegrations() {
        RestApi api = backend.createRestApi(SCOPE, RestApiSpec.named("shop"));
        DeploymentSpec prod = new DeploymentSpec("prod", null, null, Map.of());

        assertEquals("The REST API doesn't contain any methods", assertThrows(AwsException.class,
                () -> backend.createDeployment(SCOPE, api.id(), prod)).getMessage());
        backend.putMethod(SCOPE, api.id(), api.rootResourceId(), "GET",
                new MethodSpec("NONE", null, false, null, Map.of()));
        assertTrue(assertThrows(AwsException.class, () -> backend.createDeployment(SCOPE, api.id(), prod))
                .getMessage().startsWith("No integration defined for method"));
    }

    @Test
    void createDeployment_snapshotsTheTree_andLaterChangesWaitForTheNextDeployment() {
        RestApi api = deployable();
        ApiDeployment first = backend.createDeployment(SCOPE, api.id(),
                new DeploymentSpec("prod", "live", "first", Map.of("table", "orders")));
        backend.createResource(SCOPE, api.id(), api.rootResourceId(), "later");

        DeployedStage served = backend.deployedStage(api.id(), "prod").orElseThrow();
        assertEquals(first.id(), served.stage().deploymentId());
        assertEquals(1, served.deployment().resources().size());
        assertEquals(Map.of("table", "orders"), served.stage().variables());
        assertEquals("live", served.stage().description());

        ApiDeployment second = backend.createDeployment(SCOPE, api.id(), new DeploymentSpec("prod", null, null,
                Map.of()));
        DeployedStage redeployed = backend.deployedStage(api.id(), "prod").orElseThrow();
        assertEquals(second.id(), redeployed.stage().deploymentId());
        assertEquals(2, redeployed.deployment().resources().size());
        assertEquals(Map.of("table", "orders"), redeployed.stage().variables());
        assertEquals(2, backend.getDeployments(SCOPE, api.id()).size());
    }

    @Test
    void createStage_pointsAtAnExistingDeployment_once() {
        RestApi api = deployable();
        ApiDeployment deployment = backend.createDeployment(SCOPE, api.id(), new DeploymentSpec(null, null, null,
                Map.of()));
        assertTrue(backend.getStages(SCOPE, api.id()).isEmpty());
        StageSpec dev = new StageSpec("dev", deployment.id(), "d", Map.of(), Map.of(), false);

        ApiStage stage = backend.createStage(SCOPE, api.id(), dev);

        assertEquals(deployment.id(), stage.deploymentId());
        assertEquals(stage, backend.getStage(SCOPE, api.id(), "dev"));
        assertEquals("Stage already exists",
                assertThrows(AwsException.class, () -> backend.createStage(SCOPE, api.id(), dev)).getMessage());
        assertEquals("Invalid Deployment identifier specified", assertThrows(AwsException.class,
                () -> backend.createStage(SCOPE, api.id(), new StageSpec("qa", "nope", null, Map.of(), Map.of(),
                        false))).getMessage());
    }

    @Test
    void deleteStage_thenTheStageIsNotServed() {
        RestApi api = deployable();
        backend.createDeployment(SCOPE, api.id(), new DeploymentSpec("prod", null, null, Map.of()));

        backend.deleteStage(SCOPE, api.id(), "prod");

        assertTrue(backend.deployedStage(api.id(), "prod").isEmpty());
        assertEquals("Invalid Stage identifier specified",
                assertThrows(AwsException.class, () -> backend.getStage(SCOPE, api.id(), "prod")).getMessage());
    }

    @Test
    void deleteRestApi_forgetsTheApiEverywhere() {
        RestApi api = deployable();

        backend.deleteRestApi(SCOPE, api.id());

        assertTrue(backend.getRestApis(SCOPE).isEmpty());
        assertTrue(!backend.hasApi(api.id()));
        assertThrows(AwsException.class, () -> backend.deleteRestApi(SCOPE, api.id()));
    }

    private RestApi deployable() {
        RestApi api = backend.createRestApi(SCOPE, RestApiSpec.named("shop"));
        backend.putMethod(SCOPE, api.id(), api.rootResourceId(), "GET",
                new MethodSpec("NONE", null, false, null, Map.of()));
        backend.putIntegration(SCOPE, api.id(), api.rootResourceId(), "GET",
                IntegrationSpec.lambdaProxy("us-east-1", FUNCTION_ARN));
        return api;
    }
}
