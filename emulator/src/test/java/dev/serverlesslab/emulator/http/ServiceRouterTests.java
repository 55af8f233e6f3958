package dev.serverlesslab.emulator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.core.AccountRegion;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceRouterTests {

    private final FakeService lambda = new FakeService("lambda", List.of(), List.of("/2015-03-31/functions"));
    private final FakeService dynamodb = new FakeService("dynamodb", List.of("DynamoDB_20120810"), List.of());
    private final FakeService restApis = new FakeService("apigateway", List.of(), List.of("/restapis"));
    private final FakeService httpApis = new FakeService("apigateway", List.of(), List.of("/v2/apis"));
    private final ServiceRouter router = new ServiceRouter(List.of(lambda, dynamodb, restApis, httpApis));

    @Test
    void route_prefersTheSigningNameOverTargetAndPath() {
        AwsRequest request = request("/2015-03-31/functions", Map.of(
                "Authorization", signedFor("dynamodb"), "X-Amz-Target", "Other_1.Op"));

        assertEquals(Optional.of(dynamodb), router.route(request));
    }

    @Test
    void route_unsigned_usesTheTargetPrefixThenThePath() {
        assertEquals(Optional.of(dynamodb),
                router.route(request("/", Map.of("X-Amz-Target", "DynamoDB_20120810.GetItem"))));
        assertEquals(Optional.of(lambda), router.route(request("/2015-03-31/functions/f", Map.of())));
    }

    @Test
    void route_sharedSigningName_isSettledByThePath() {
        assertEquals(Optional.of(httpApis),
                router.route(request("/v2/apis/abc", Map.of("Authorization", signedFor("apigateway")))));
        assertEquals(Optional.of(restApis),
                router.route(request("/restapis/abc", Map.of("Authorization", signedFor("apigateway")))));
    }

    @Test
    void route_signedForAServiceWeDoNotServe_isEmpty() {
        assertTrue(router.route(request("/2015-03-31/functions", Map.of("Authorization", signedFor("s3")))).isEmpty());
    }

    static AwsRequest request(String path, Map<String, String> headers) {
        Map<String, List<String>> multi = new HashMap<>();
        headers.forEach((name, value) -> multi.put(name, List.of(value)));
        return new AwsRequest("id", "POST", path, null, multi, new byte[0],
                new AccountRegion(AccountRegion.DEFAULT_ACCOUNT, "us-east-1"));
    }

    static String signedFor(String service) {
        return "AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/" + service + "/aws4_request, Signature=0";
    }

    /** A service that only describes how to recognise its requests. */
    record FakeService(String signingName, List<String> targetPrefixes, List<String> pathPrefixes)
            implements AwsService {

        @Override
        public Protocol protocol() {
            return Protocol.REST_JSON;
        }

        @Override
        public AwsResponse handle(AwsRequest request) {
            return AwsResponse.empty(200);
        }
    }
}
