package dev.serverlesslab.emulator.apigatewayv2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.AwsException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** HTTP API state and rules without HTTP: APIs, routes, integrations, stages, deployments and route selection. */
class ApiGatewayV2BackendTests {

    static final AccountRegion SCOPE = new AccountRegion("000000000000", "us-east-1");
    static final String FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:orders";

    private final ApiGatewayV2Backend backend =
            new ApiGatewayV2Backend((scope, request) -> null, new SecureRandom(), Clock.systemUTC());

    @Test
    void createApi_givesATenCharacterLowercaseId() {
        HttpApi api = backend.createApi(SCOPE, spec("orders", null, null));

        assertTrue(api.apiId().matches("[a-z0-9]{10}"), api.apiId());
        assertEquals("HTTP", api.protocolType());
        assertEquals("${request.method} ${request.path}", api.routeSelectionExpression());
        assertEquals(api, backend.getApi(SCOPE, api.apiId()));
    }

    @Test
    void createApi_withTarget_quickCreatesIntegrationRouteAndAutoDeployedDefaultStage() {
        HttpApi api = backend.createApi(SCOPE, spec("quick", FUNCTION, "GET /orders"));

        Integration integration = backend.getIntegrations(SCOPE, api.apiId()).get(0);
        Route route = backend.getRoutes(SCOPE, api.apiId()).get(0);
        Stage stage = backend.getStages(SCOPE, api.apiId()).get(0);
        assertEquals("AWS_PROXY", integration.integrationType());
        assertEquals("2.0", integration.payloadFormatVersion());
        assertEquals(FUNCTION, integration.integrationUri());
        assertEquals("GET /orders", route.routeKey());
        assertEquals("integrations/" + integration.integrationId(), route.target());
        assertEquals("$default", stage.stageName());
        assertTrue(stage.autoDeploy());
        assertTrue(route.apiGatewayManaged());
    }

    @Test
    void createApi_withTargetAndNoRouteKey_createsTheDefaultRoute() {
        HttpApi api = backend.createApi(SCOPE, spec("quick", FUNCTION, null));

        assertEquals("$default", backend.getRoutes(SCOPE, api.apiId()).get(0).routeKey());
    }

    @Test
    void createApi_withTargetThatIsNoFunctionArn_failsNamingTarget() {
        AwsException error = assertThrows(AwsException.class,
                () -> backend.createApi(SCOPE, spec("quick", "my-function", null)));

        assertEquals("BadRequestException", error.code());
        assertTrue(error.getMessage().startsWith("target 'my-function'"), error.getMessage());
        assertEquals(List.of(), backend.getApis(SCOPE));
    }

    @Test
    void createApi_withWebSocketProtocol_failsWithBadRequest() {
        assertError("BadRequestException", 400, () -> backend.createApi(SCOPE,
                new ApiSpec("ws", null, "WEBSOCKET", null, null, null, Map.of(), null)));
    }

    @Test
    void createApi_withoutName_failsWithBadRequest() {
        assertError("BadRequestException", 400, () -> backend.createApi(SCOPE, spec(null, null, null)));
    }

    @Test
    void getApi_ofAnotherRegion_failsWithNotFound() {
        HttpApi api = backend.createApi(SCOPE, spec("orders", null, null));

        assertError("NotFoundException", 404,
                () -> backend.getApi(new AccountRegion("000000000000", "eu-west-1"), api.apiId()));
        assertTrue(backend.hasApi(api.apiId()));
    }

    @Test
    void updateApi_changesNameAndKeepsTheRest() {
        HttpApi api = backend.createApi(SCOPE, new ApiSpec("old", "kept", "HTTP", null, null, null, Map.of(), null));

        HttpApi updated = backend.updateApi(SCOPE, api.apiId(), "new", null);

        assertEquals("new", updated.name());
        assertEquals("kept", updated.description());
        assertEquals(api.createdDate(), updated.createdDate());
    }

    @Test
    void deleteApi_removesItFromGetApisAndTheDataPlane() {
        HttpApi api = backend.createApi(SCOPE, spec("quick", FUNCTION, null));

        backend.deleteApi(SCOPE, api.apiId());

        assertEquals(List.of(), backend.getApis(SCOPE));
        assertFalse(backend.hasApi(api.apiId()));
        assertError("NotFoundException", 404, () -> backend.deleteApi(SCOPE, api.apiId()));
    }

    @Test
    void createRoute_withAKeyInUse_failsWithConflict() {
        HttpApi api = backend.createApi(SCOPE, spec("orders", null, null));
        backend.createRoute(SCOPE, api.apiId(), new RouteSpec("GET /orders", null, null));

        assertError("ConflictException", 409,
                () -> backend.createRoute(SCOPE, api.apiId(), new RouteSpec("GET /orders", null, null)));
    }

    @Test
    void createRoute_withMalformedKey_failsWithBadRequest() {
        HttpApi api = backend.createApi(SCOPE, spec("orders", null, null));

        assertError("BadRequestException", 400,
                () -> backend.createRoute(SCOPE, api.apiId(), new RouteSpec("FETCH /orders", null, null)));
        assertError("BadRequestException", 400,
                () -> backend.createRoute(SCOPE, api.apiId(), new RouteSpec("GET orders", null, null)));
    }

    @Test
    void createRoute_targetingAMissingIntegration_failsWithBadRequest() {
        HttpApi api = backend.createApi(SCOPE, spec("orders", null, null));

        assertError("BadRequestException", 400, () -> backend.createRoute(SCOPE, api.apiId(),
                new RouteSpec("GET /orders", "integrations/nothing", null)));
    }

    @Test
    void deleteRoute_thenGetRoute_failsWithNotFound() {
        HttpApi api = backend.createApi(SCOPE, spec("orders", null, null));
        Route route = backend.createRoute(SCOPE, api.apiId(), new RouteSpec("GET /orders", null, null));

        backend.deleteRoute(SCOPE, api.apiId(), route.routeId());

        assertError("NotFoundException", 404, () -> backend.getRoute(SCOPE, api.apiId(), route.routeId()));
    }

    @Test
    void createIntegration_withoutPayloadFormatVersion_defaultsTo1_0() {
        HttpApi api = backend.createApi(SCOPE, spec("orders", null, null));

        Integration integration = backend.createIntegration(SCOPE, api.apiId(), lambda(null));

        assertEquals("1.0", integration.payloadFormatVersion());
        assertEquals(30_000, integration.timeoutInMillis());
    }

    @Test
    void createIntegration_acceptsTheApiGatewayArnForm() {
        HttpApi api = backend.createApi(SCOPE, spec("orders", null, null));
        String uri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/" + FUNCTION + "/invocations";

        Integration integration = backend.createIntegration(SCOPE, api.apiId(),
                new IntegrationSpec("AWS_PROXY", uri, null, "2.0", null, null));

        assertEquals(uri, integration.integrationUri());
    }

    @Test
    void createIntegration_ofAnotherTypeOrUri_failsWithBadRequest() {
        HttpApi api = backend.createApi(SCOPE, spec("orders", null, null));

        assertError("BadRequestException", 400, () -> backend.createIntegration(SCOPE, api.apiId(),
                new IntegrationSpec("HTTP_PROXY", "https://example.com", null, "1.0", null, null)));
        assertError("BadRequestException", 400, () -> backend.createIntegration(SCOPE, api.apiId(),
                new IntegrationSpec("AWS_PROXY", "orders", null, "2.0", null, null)));
        assertError("BadRequestException", 400, () -> backend.createIntegration(SCOPE, api.apiId(), lambda("3.0")));
    }

    @Test
    void deleteIntegration_stillTargetedByARoute_failsWithConflict() {
        HttpApi api = backend.createApi(SCOPE, spec("quick", FUNCTION, null));
        Integration integration = backend.getIntegrations(SCOPE, api.apiId()).get(0);

        assertError("ConflictException", 409,
                () -> backend.deleteIntegration(SCOPE, api.apiId(), integration.integrationId()));
    }

    @Test
    void createStage_twice_failsWithConflict() {
        HttpApi api = backend.createApi(SCOPE, spec("orders", null, null));
        backend.createStage(SCOPE, api.apiId(), new StageSpec("dev", null, true, null, Map.of("table", "t")));

        assertEquals(Map.of("table", "t"), backend.getStage(SCOPE, api.apiId(), "dev").stageVariables());
        assertError("ConflictException", 409, () -> backend.createStage(SCOPE, api.apiId(),
                new StageSpec("dev", null, true, null, Map.of())));
    }

    @Test
    void deleteStage_ofUnknownStage_failsWithNotFound() {
        HttpApi api = backend.createApi(SCOPE, spec("orders", null, null));

        assertError("NotFoundException", 404, () -> backend.deleteStage(SCOPE, api.apiId(), "prod"));
    }

    @Test
    void createDeployment_toAStage_setsItsDeploymentAndIsListed() {
        HttpApi api = backend.createApi(SCOPE, spec("orders", null, null));
        backend.createStage(SCOPE, api.apiId(), new StageSpec("prod", null, false, null, Map.of()));

        Deployment deployment = backend.createDeployment(SCOPE, api.apiId(), "first", "prod");

        assertEquals("DEPLOYED", deployment.deploymentStatus());
        assertEquals(deployment.deploymentId(), backend.getStage(SCOPE, api.apiId(), "prod").deploymentId());
        assertEquals(List.of(deployment), backend.getDeployments(SCOPE, api.apiId()));
    }

    @Test
    void createDeployment_toAnAutoDeployStage_failsWithBadRequest() {
        HttpApi api = backend.createApi(SCOPE, spec("quick", FUNCTION, null));

        assertError("BadRequestException", 400,
                () -> backend.createDeployment(SCOPE, api.apiId(), null, "$default"));
    }

    @Test
    void apiIds_differBetweenApis() {
        assertNotEquals(backend.createApi(SCOPE, spec("a", null, null)).apiId(),
                backend.createApi(SCOPE, spec("b", null, null)).apiId());
    }

    static ApiSpec spec(String name, String target, String routeKey) {
        return new ApiSpec(name, null, "HTTP", target, routeKey, null, Map.of(), null);
    }

    static IntegrationSpec lambda(String payloadFormatVersion) {
        return new IntegrationSpec("AWS_PROXY", FUNCTION, null, payloadFormatVersion, null, null);
    }

    static void assertError(String code, int status, Executable call) {
        AwsException error = assertThrows(AwsException.class, call);
        assertEquals(code, error.code(), error.getMessage());
        assertEquals(status, error.httpStatus());
    }
}
