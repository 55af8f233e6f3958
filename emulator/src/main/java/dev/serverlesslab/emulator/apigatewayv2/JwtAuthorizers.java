package dev.serverlesslab.emulator.apigatewayv2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.serverlesslab.emulator.http.AwsRequest;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks an HTTP API route's JWT authorizer as API Gateway does
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html): the token (a leading
 * {@code Bearer } is dropped) must be signed by a key of the issuer's JWKS, found through
 * {@code {issuer}/.well-known/openid-configuration}; {@code iss} must equal the issuer, {@code aud} or
 * {@code client_id} must be one of the audiences, {@code exp}/{@code nbf} must hold, and the route's authorization
 * scopes, if any, must appear in {@code scope}. Signature and claim checks are nimbus-jose-jwt's.
 */
final class JwtAuthorizers {

    private static final Logger LOG = LoggerFactory.getLogger(JwtAuthorizers.class);
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    /** One key source per issuer: nimbus caches and refreshes the JWKS it fetched. */
    private final Map<String, JWKSource<SecurityContext>> keys = new ConcurrentHashMap<>();

    /** The claims of an accepted token, or null when API Gateway would answer 401. */
    Map<String, Object> authorize(HttpAuthorizer authorizer, Route route, AwsRequest request) {
        String source = authorizer.identitySource().isEmpty() ? "$request.header.Authorization"
                : authorizer.identitySource().get(0);
        String token = source.startsWith("$request.header.")
                ? request.header(source.substring("$request.header.".length())) : null;
        if (token == null || token.isBlank()) {
            return null;
        }
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = token.substring(7).trim();
        }
        JwtConfiguration configuration = authorizer.jwtConfiguration();
        try {
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS,
                    keys.computeIfAbsent(configuration.issuer(), this::keySource)));
            processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                    new JWTClaimsSet.Builder().issuer(configuration.issuer()).build(), Set.of("exp")));
            JWTClaimsSet claims = processor.process(token, null);
            List<String> audiences = new ArrayList<>(claims.getAudience() == null ? List.of() : claims.getAudience());
            if (claims.getClaim("client_id") instanceof String clientId) {
                audiences.add(clientId);
            }
            if (audiences.stream().noneMatch(configuration.audience()::contains)) {
                LOG.info("JWT authorizer {} refused a token for audience {} (expected one of {})", authorizer.name(),
                        audiences, configuration.audience());
                return null;
            }
            Object scope = claims.getClaim("scope");
            List<String> scopes = scope instanceof String text ? List.of(text.split(" ")) : List.of();
            if (!route.authorizationScopes().isEmpty()
                    && route.authorizationScopes().stream().noneMatch(scopes::contains)) {
                return null;
            }
            Map<String, Object> claimsOut = new LinkedHashMap<>();
            claims.getClaims().forEach((name, value) -> claimsOut.put(name, value instanceof java.util.Date date
                    ? String.valueOf(date.getTime() / 1000) : String.valueOf(value)));
            Map<String, Object> jwt = new LinkedHashMap<>();
            jwt.put("claims", claimsOut);
            jwt.put("scopes", scopes.isEmpty() ? null : scopes);
            return jwt;
        } catch (Exception e) {
            // A bad signature, an expired token or keys that cannot be read: the caller only learns "Unauthorized".
            LOG.info("JWT authorizer {} refused a token: {}", authorizer.name(), e.getMessage());
            return null;
        }
    }

    private JWKSource<SecurityContext> keySource(String issuer) {
        try {
            String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
            HttpResponse<String> discovery = http.send(HttpRequest.newBuilder(URI.create(base
                    + "/.well-known/openid-configuration")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode document = json.readTree(discovery.body());
            String jwksUri = document.path("jwks_uri").asText(null);
            if (discovery.statusCode() != 200 || jwksUri == null) {
                throw new IllegalStateException("no jwks_uri in " + base + "/.well-known/openid-configuration ("
                        + discovery.statusCode() + ")");
            }
            URL url = URI.create(jwksUri).toURL();
            return JWKSourceBuilder.create(url).retrying(false).build();
        } catch (IOException e) {
            throw new IllegalStateException("the issuer's discovery document could not be read: " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the issuer's discovery document", e);
        }
    }
}
