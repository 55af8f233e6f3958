package dev.serverlesslab.emulator.apigateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which resource of a deployment answers a path: literal over {param} over {proxy+}, exact method over ANY. */
class RouteMatcherTests {

    private final Map<String, ApiResource> tree = new LinkedHashMap<>();

    RouteMatcherTests() {
        add("root", null, null, "/", "GET");
        add("proxy", "root", "{proxy+}", "/{proxy+}", "ANY");
        add("orders", "root", "orders", "/orders", "GET", "POST");
        add("order", "orders", "{id}", "/orders/{id}", "GET");
        add("latest", "orders", "latest", "/orders/latest", "GET");
    }

    @Test
    void match_literalWinsOverVariable() {
        assertEquals("latest", match("GET", "orders", "latest").resource().id());
    }

    @Test
    void match_variableTakesOneSegment_andNamesIt() {
        RouteMatch match = match("GET", "orders", "7");

        assertEquals("order", match.resource().id());
        assertEquals(Map.of("id", "7"), match.pathParameters());
    }

    @Test
    void match_greedyVariableTakesTheRestOfThePath() {
        RouteMatch match = match("DELETE", "a", "b", "c");

        assertEquals("proxy", match.resource().id());
        assertEquals(Map.of("proxy", "a/b/c"), match.pathParameters());
        assertEquals("ANY", match.method().httpMethod());
    }

    @Test
    void match_methodMissingOnTheBestResource_fallsBackToTheGreedyOne() {
        assertEquals("proxy", match("PUT", "orders", "7").resource().id());
    }

    @Test
    void match_root_andNothingBelowItWithoutTheMethod() {
        assertEquals("root", match("GET").resource().id());
        assertTrue(new RouteMatcher(deployment()).match("POST", List.of()).isEmpty());
    }

    @Test
    void match_withoutAGreedyResource_missesUnknownPaths() {
        tree.remove("proxy");

        assertTrue(new RouteMatcher(deployment()).match("GET", List.of("nowhere")).isEmpty());
        assertTrue(new RouteMatcher(deployment()).match("DELETE", List.of("orders", "7")).isEmpty());
    }

    private RouteMatch match(String method, String... segments) {
        return new RouteMatcher(deployment()).match(method, List.of(segments)).orElseThrow();
    }

    private ApiDeployment deployment() {
        return new ApiDeployment("dep1", null, Instant.EPOCH, tree);
    }

    private void add(String id, String parent, String part, String path, String... methods) {
        Map<String, ApiMethod> byName = new LinkedHashMap<>();
        for (String method : methods) {
            byName.put(method, new ApiMethod(method, "NONE", null, false, null, Map.of(), null));
        }
        tree.put(id, new ApiResource(id, parent, part, path, byName));
    }
}
