package dev.serverlesslab.emulator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.core.AccountRegion;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OperationRouterTests {

    private final OperationRouter lambda = OperationRouter.forService("lambda");
    private final OperationRouter restApis = OperationRouter.forService("apigateway");
    private final OperationRouter httpApis = OperationRouter.forService("apigatewayv2");

    @Test
    void resolve_namesTheOperationAndDecodesItsPathParameters() {
        OperationRouter.Resolved invoke = resolve(lambda, "POST",
                "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Af/invocations",
                null).orElseThrow();

        assertEquals("Invoke", invoke.operation());
        assertEquals(Map.of("FunctionName", "arn:aws:lambda:us-east-1:000000000000:function:f"),
                invoke.pathParameters());
    }

    @Test
    void resolve_aTrailingSlashInTheModel_matchesAPathWithout() {
        // The model writes ListFunctions as GET /2015-03-31/functions/; the SDKs send it without the slash.
        assertEquals("ListFunctions", name(lambda, "GET", "/2015-03-31/functions", null));
        assertEquals("CreateFunction", name(lambda, "POST", "/2015-03-31/functions/", null));
    }

    @Test
    void resolve_theQueryPartOfTheTemplate_wins_whenTheRequestCarriesIt() {
        assertEquals("GetLayerVersionByArn", name(lambda, "GET", "/2018-10-31/layers",
                "find=LayerVersion&Arn=arn%3Aaws%3Alambda%3Aus-east-1%3A1%3Alayer%3Ax%3A1"));
        assertEquals("ListLayers", name(lambda, "GET", "/2018-10-31/layers", "MaxItems=5"));
        assertEquals("ListProvisionedConcurrencyConfigs",
                name(lambda, "GET", "/2019-09-30/functions/f/provisioned-concurrency", "List=ALL"));
        assertEquals("GetProvisionedConcurrencyConfig",
                name(lambda, "GET", "/2019-09-30/functions/f/provisioned-concurrency", "Qualifier=live"));
        assertEquals("ImportRestApi", name(restApis, "POST", "/restapis", "mode=import"));
        assertEquals("CreateRestApi", name(restApis, "POST", "/restapis", null));
    }

    @Test
    void resolve_aLiteralSegment_beatsALabel() {
        OperationRouter router = OperationRouter.of("test", List.of(
                RestOperation.parse("GET /things/{Id} GetThing"),
                RestOperation.parse("GET /things/special ListSpecialThings")));

        assertEquals("ListSpecialThings", name(router, "GET", "/things/special", null));
        assertEquals("GetThing", name(router, "GET", "/things/other", null));
    }

    @Test
    void resolve_aGreedyLabel_takesTheRestOfThePath_andLosesToAnythingMoreSpecific() {
        OperationRouter router = OperationRouter.of("test", List.of(
                RestOperation.parse("GET /{Bucket}/{Key+} GetObject"),
                RestOperation.parse("GET /{Bucket}/{Key+}?tagging GetObjectTagging"),
                RestOperation.parse("GET /{Bucket}/index/{Name} GetIndex"),
                RestOperation.parse("GET /{Bucket} ListObjects")));

        OperationRouter.Resolved object = resolve(router, "GET", "/b/a/deep/key%2Bplus+.txt", null).orElseThrow();
        assertEquals("GetObject", object.operation());
        assertEquals(Map.of("Bucket", "b", "Key", "a/deep/key+plus+.txt"), object.pathParameters());
        assertEquals("GetObjectTagging", name(router, "GET", "/b/a/key", "tagging"));
        assertEquals("GetIndex", name(router, "GET", "/b/index/n", null));
        assertEquals("GetObject", name(router, "GET", "/b/index/n/more", null));
        assertEquals("ListObjects", name(router, "GET", "/b", null));
    }

    @Test
    void resolve_aPathOrMethodTheModelLacks_isEmpty() {
        assertEquals(Optional.empty(), resolve(lambda, "PUT", "/2015-03-31/functions/f/concurrency", null));
        assertEquals(Optional.empty(), resolve(lambda, "PATCH", "/2015-03-31/functions/f", null));
        assertEquals(Optional.empty(), resolve(httpApis, "GET", "/v2/nothing-here", null));
    }

    @Test
    void resolve_sharedPathsAreToldApartByMethod() {
        assertEquals("UpdateApi", name(httpApis, "PATCH", "/v2/apis/a1", null));
        assertEquals("DeleteStage", name(httpApis, "DELETE", "/v2/apis/a1/stages/dev", null));
        assertEquals("UpdateRestApi", name(restApis, "PATCH", "/restapis/a1", null));
        assertEquals("GetUsagePlans", name(restApis, "GET", "/usageplans", null));
    }

    @Test
    void pathPrefixes_areTheModelsPathRoots() {
        assertEquals(List.of("/v2"), httpApis.pathPrefixes());
        assertTrue(restApis.pathPrefixes().containsAll(List.of("/restapis", "/usageplans", "/apikeys")),
                restApis.pathPrefixes().toString());
        assertTrue(lambda.pathPrefixes().containsAll(List.of("/2015-03-31", "/2018-10-31")),
                lambda.pathPrefixes().toString());
    }

    @Test
    void parse_refusesTemplatesItCannotRoute() {
        assertThrows(IllegalArgumentException.class, () -> RestOperation.parse("GET /a/{Key+}/b Op"));
        assertThrows(IllegalArgumentException.class, () -> RestOperation.parse("GET /a/x{Id} Op"));
        assertThrows(IllegalArgumentException.class, () -> RestOperation.parse("GET /a"));
    }

    @Test
    void restOperations_refuseAHandlerForAnOperationTheModelLacks() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new RestOperations(
                "Lambda", lambda, Map.of("CreateFuntcion", call -> AwsResponse.empty(200))));

        assertTrue(error.getMessage().contains("CreateFuntcion"), error.getMessage());
    }

    private static String name(OperationRouter router, String method, String path, String query) {
        return resolve(router, method, path, query).map(OperationRouter.Resolved::operation).orElse(null);
    }

    private static Optional<OperationRouter.Resolved> resolve(OperationRouter router, String method, String path,
            String query) {
        return router.resolve(new AwsRequest("id", method, path, query, Map.of(), new byte[0],
                new AccountRegion(AccountRegion.DEFAULT_ACCOUNT, "us-east-1")));
    }
}
