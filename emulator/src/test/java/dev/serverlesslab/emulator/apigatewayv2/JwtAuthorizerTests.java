package dev.serverlesslab.emulator.apigatewayv2;

import static dev.serverlesslab.emulator.apigatewayv2.ApiGatewayV2BackendTests.SCOPE;
import static dev.serverlesslab.emulator.apigatewayv2.ApiGatewayV2BackendTests.lambda;
import static dev.serverlesslab.emulator.apigatewayv2.ApiGatewayV2BackendTests.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HTTP API JWT authorizers against an issuer this test serves (discovery document and JWKS), with tokens signed by
 * nimbus-jose-jwt: what API Gateway accepts reaches the integration with its claims, anything else is a 401.
 */
class JwtAuthorizerTests {

    private final HttpApiWire wire = new HttpApiWire();
    private HttpServer issuerServer;
    private String issuer;
    private RSAKey key;
    private RSAKey otherKey;

    @BeforeEach
    void serveIssuer() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        otherKey = new RSAKeyGenerator(2048).keyID("k1").generate();
        issuerServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer = "http://127.0.0.1:" + issuerServer.getAddress().getPort();
        serve("/.well-known/openid-configuration", "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer
                + "/keys\"}");
        serve("/keys", new JWKSet(key.toPublicJWK()).toString());
        issuerServer.start();
    }

    @AfterEach
    void stop() {
        issuerServer.stop(0);
        wire.close();
    }

    @Test
    void validToken_reachesTheIntegrationWithItsClaims() throws Exception {
        String apiId = jwtApi(List.of());

        HttpResponse<String> response = call(apiId, "Bearer " + token(key, issuer, "my-app", 300, "read"));

        assertEquals(200, response.statusCode(), response.body());
        JsonNode jwt = wire.lastEvent().path("requestContext").path("authorizer").path("jwt");
        assertEquals("ann", jwt.path("claims").path("sub").asText(), jwt.toString());
        assertEquals("read", jwt.path("scopes").get(0).asText());
    }

    @Test
    void tokensApiGatewayRefuses_answer401WithoutCallingTheIntegration() throws Exception {
        String apiId = jwtApi(List.of("write"));

        List<HttpResponse<String>> refused = List.of(
                call(apiId, null),
                call(apiId, token(key, issuer, "other-app", 300, "write")),
                call(apiId, token(key, "https://elsewhere.example", "my-app", 300, "write")),
                call(apiId, token(otherKey, issuer, "my-app", 300, "write")),
                call(apiId, token(key, issuer, "my-app", -120, "write")),
                call(apiId, token(key, issuer, "my-app", 300, "read")),
                call(apiId, "not.a.jwt"));

        for (HttpResponse<String> response : refused) {
            assertEquals(401, response.statusCode(), response.body());
            assertEquals("{\"message\":\"Unauthorized\"}", response.body());
        }
        assertEquals(0, wire.invokes().size());
        assertEquals(200, call(apiId, token(key, issuer, "my-app", 300, "write")).statusCode());
    }

    private String jwtApi(List<String> scopes) throws Exception {
        String apiId = wire.backend.createApi(SCOPE, spec("jwt", null, null)).apiId();
        HttpResponse<String> created = wire.control("POST", "/v2/apis/" + apiId + "/authorizers", "{\"name\":"
                + "\"jwt\",\"authorizerType\":\"JWT\",\"identitySource\":[\"$request.header.Authorization\"],"
                + "\"jwtConfiguration\":{\"issuer\":\"" + issuer + "\",\"audience\":[\"my-app\"]}}");
        assertEquals(201, created.statusCode(), created.body());
        String authorizerId = wire.read(created.body()).path("authorizerId").asText();
        String integration = wire.backend.createIntegration(SCOPE, apiId, lambda("2.0")).integrationId();
        wire.backend.createRoute(SCOPE, apiId, new RouteSpec("GET /orders", "integrations/" + integration, "JWT",
                authorizerId, scopes));
        wire.backend.createStage(SCOPE, apiId, new StageSpec("$default", null, true, null, Map.of()));
        return apiId;
    }

    private HttpResponse<String> call(String apiId, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(wire.uri("/_aws/execute-api/" + apiId + "/orders"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return wire.send(request);
    }

    private static String token(RSAKey signingKey, String iss, String aud, int expiresInSeconds, String scope)
            throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("ann").issuer(iss).audience(aud)
                .claim("scope", scope)
                .expirationTime(new Date(System.currentTimeMillis() + expiresInSeconds * 1000L)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(),
                claims);
        jwt.sign(new RSASSASigner(signingKey));
        return jwt.serialize();
    }

    private void serve(String path, String body) {
        issuerServer.createContext(path, exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
    }
}
