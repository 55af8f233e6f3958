package dev.serverlesslab.emulator.apigatewayv2;

import static dev.serverlesslab.emulator.apigatewayv2.ApiGatewayV2BackendTests.SCOPE;
import static dev.serverlesslab.emulator.apigatewayv2.ApiGatewayV2BackendTests.lambda;
import static dev.serverlesslab.emulator.apigatewayv2.ApiGatewayV2BackendTests.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which route answers a data-plane request, by AWS's priorities, and which stage a path addresses. */
class RouteSelectionTests {

    private final ApiGatewayV2Backend backend =
            new ApiGatewayV2Backend((scope, request) -> null, new SecureRandom(), Clock.systemUTC());
    private String apiId;
    private String target;

    @BeforeEach
    void createApi() {
        apiId = backend.createApi(SCOPE, spec("routes", null, null)).apiId();
        target = "integrations/" + backend.createIntegration(SCOPE, apiId, lambda("2.0")).integrationId();
        for (String key : List.of("$default", "ANY /items/{id}", "GET /items/{proxy+}", "GET /items/{id}",
                "GET /items/special", "POST /items")) {
            backend.createRoute(SCOPE, apiId, new RouteSpec(key, target, null));
        }
        backend.createStage(SCOPE, apiId, new StageSpec("$default", null, true, null, Map.of()));
    }

    @Test
    void resolve_prefersLiteralPathOverVariable() {
        assertEquals("GET /items/special", routeKey("GET", "/items/special"));
    }

    @Test
    void resolve_prefersExactMethodOverGreedyAndAny() {
        ApiCall call = resolve("GET", "/items/7").orElseThrow();

        assertEquals("GET /items/{id}", call.route().routeKey());
        assertEquals(Map.of("id", "7"), call.pathParameters());
    }

    @Test
    void resolve_usesGreedyPathForDeeperPaths() {
        ApiCall call = resolve("GET", "/items/7/parts/2").orElseThrow();

        assertEquals("GET /items/{proxy+}", call.route().routeKey());
        assertEquals(Map.of("proxy", "7/parts/2"), call.pathParameters());
    }

    @Test
    void resolve_usesAnyWhenNoRouteHasTheMethod() {
        assertEquals("ANY /items/{id}", routeKey("DELETE", "/items/7"));
    }

    @Test
    void resolve_fallsBackToDefaultRoute() {
        assertEquals("$default", routeKey("PUT", "/elsewhere"));
        assertEquals("$default", routeKey("GET", "/items"));
    }

    @Test
    void resolve_withoutDefaultStage_findsNothing() {
        String bare = backend.createApi(SCOPE, spec("bare", null, null)).apiId();
        backend.createRoute(SCOPE, bare, new RouteSpec("GET /items", null, null));

        assertTrue(backend.resolve(bare, "GET", List.of("items")).isEmpty());
        assertTrue(backend.resolve("unknown123", "GET", List.of("items")).isEmpty());
    }

    @Test
    void resolve_withNamedStage_takesTheFirstSegmentAsStage() {
        String named = backend.createApi(SCOPE, spec("named", null, null)).apiId();
        String integration = backend.createIntegration(SCOPE, named, lambda("2.0")).integrationId();
        backend.createRoute(SCOPE, named, new RouteSpec("GET /items", "integrations/" + integration, null));
        backend.createStage(SCOPE, named, new StageSpec("dev", null, true, null, Map.of()));

        ApiCall call = backend.resolve(named, "GET", List.of("dev", "items")).orElseThrow();

        assertEquals("dev", call.stage().stageName());
        assertTrue(backend.resolve(named, "GET", List.of("items")).isEmpty());
    }

    @Test
    void resolve_onStageWithoutAutoDeploy_servesTheRoutesOfItsDeployment() {
        String api = backend.createApi(SCOPE, spec("deployed", null, null)).apiId();
        String integration = "integrations/" + backend.createIntegration(SCOPE, api, lambda("2.0")).integrationId();
        backend.createRoute(SCOPE, api, new RouteSpec("GET /old", integration, null));
        backend.createStage(SCOPE, api, new StageSpec("prod", null, false, null, Map.of()));
        assertTrue(backend.resolve(api, "GET", List.of("prod", "old")).isEmpty());

        backend.createDeployment(SCOPE, api, null, "prod");
        backend.createRoute(SCOPE, api, new RouteSpec("GET /new", integration, null));

        assertTrue(backend.resolve(api, "GET", List.of("prod", "old")).isPresent());
        assertTrue(backend.resolve(api, "GET", List.of("prod", "new")).isEmpty());
    }

    private String routeKey(String method, String path) {
        return resolve(method, path).orElseThrow().route().routeKey();
    }

    private java.util.Optional<ApiCall> resolve(String method, String path) {
        return backend.resolve(apiId, method, List.of(path.substring(1).split("/")));
    }
}
