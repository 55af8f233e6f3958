package dev.serverlesslab.emulator.lambda.url;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.emulator.apigatewayv2.ProxyResponses;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.http.AwsRequest;
import dev.serverlesslab.emulator.http.AwsResponse;
import dev.serverlesslab.emulator.lambda.InvocationType;
import dev.serverlesslab.emulator.lambda.InvokeRequest;
import dev.serverlesslab.emulator.lambda.InvokeResponse;
import dev.serverlesslab.emulator.lambda.ResourcePolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Calls to function URLs: who may call (AWS_IAM: a SigV4 {@code Authorization} with a key this emulator issued or
 * accepts, the signature itself not verified; NONE: the function's resource policy must allow
 * {@code lambda:InvokeFunctionUrl} to everyone, as on AWS), CORS preflights answered without invoking, the payload
 * 2.0 event in and the function's answer out by HTTP API's rules, CORS headers added.
 */
public final class UrlDataPlane {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FunctionUrls urls;
    private final ProxyResponses responses = new ProxyResponses(JSON);

    public UrlDataPlane(FunctionUrls urls) {
        this.urls = urls;
    }

    public boolean hasUrl(String urlId) {
        return urls.byId(urlId).isPresent();
    }

    public AwsResponse serve(String urlId, String rawPath, AwsRequest request, Optional<String> signedAccount) {
        Optional<FunctionUrls.Url> found = urls.byId(urlId);
        if (found.isEmpty()) {
            return message(404, "Not Found");
        }
        FunctionUrls.Url url = found.get();
        FunctionUrlConfig config = url.config();
        String origin = request.header("Origin");
        if (config.cors() != null && "OPTIONS".equals(request.method()) && origin != null
                && request.header("Access-Control-Request-Method") != null) {
            return preflight(config.cors(), origin);
        }
        String caller = null;
        if ("AWS_IAM".equals(config.authType())) {
            if (signedAccount.isEmpty()) {
                return message(403, "Forbidden. This function URL's AuthType is AWS_IAM: sign the request with "
                        + "SigV4 (service lambda) using credentials this emulator knows");
            }
            caller = signedAccount.get();
        } else if (!publicAccessGranted(url)) {
            return message(403, "Forbidden. The function's resource-based policy does not allow public calls to "
                    + "this URL; as on AWS, run AddPermission with Action lambda:InvokeFunctionUrl, Principal * and "
                    + "FunctionUrlAuthType NONE");
        }
        byte[] event;
        try {
            event = JSON.writeValueAsBytes(UrlEvents.of(urlId, rawPath, request, caller, Instant.now()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        InvokeResponse result;
        try {
            result = urls.backend().invoke(url.scope(), new InvokeRequest(url.functionName(),
                    "$LATEST".equals(url.qualifier()) ? null : url.qualifier(), InvocationType.RequestResponse,
                    event, null));
        } catch (AwsException e) {
            return "TooManyRequestsException".equals(e.code()) ? message(429, "Rate Exceeded.")
                    : message(502, "Internal Server Error");
        }
        if (result.functionError() != null) {
            return message(502, "Internal Server Error");
        }
        AwsResponse response = responses.v2(result.payload()).orElse(null);
        if (response == null) {
            return message(502, "Internal Server Error");
        }
        return config.cors() == null || origin == null ? response : withCors(response, config.cors(), origin);
    }

    private boolean publicAccessGranted(FunctionUrls.Url url) {
        ResourcePolicy policy;
        try {
            policy = urls.backend().permissions().getPolicy(url.scope(), url.functionName(),
                    "$LATEST".equals(url.qualifier()) ? null : url.qualifier());
        } catch (AwsException e) {
            return false;
        }
        return policy.statements().stream().anyMatch(statement -> "*".equals(statement.get("Principal"))
                && List.of("lambda:InvokeFunctionUrl", "lambda:*", "*").contains(statement.get("Action")));
    }

    private static AwsResponse preflight(FunctionUrlConfig.Cors cors, String origin) {
        AwsResponse response = AwsResponse.empty(200);
        String allowed = allowedOrigin(cors, origin);
        if (allowed == null) {
            return response;
        }
        response = response.withHeader("Access-Control-Allow-Origin", allowed);
        if (cors.allowMethods() != null) {
            response = response.withHeader("Access-Control-Allow-Methods", String.join(",", cors.allowMethods()));
        }
        if (cors.allowHeaders() != null) {
            response = response.withHeader("Access-Control-Allow-Headers", String.join(",", cors.allowHeaders()));
        }
        if (cors.maxAge() != null) {
            response = response.withHeader("Access-Control-Max-Age", String.valueOf(cors.maxAge()));
        }
        if (Boolean.TRUE.equals(cors.allowCredentials())) {
            response = response.withHeader("Access-Control-Allow-Credentials", "true");
        }
        return response;
    }

    private static AwsResponse withCors(AwsResponse response, FunctionUrlConfig.Cors cors, String origin) {
        String allowed = allowedOrigin(cors, origin);
        if (allowed == null) {
            return response;
        }
        response = response.withHeader("Access-Control-Allow-Origin", allowed);
        if (cors.exposeHeaders() != null) {
            response = response.withHeader("Access-Control-Expose-Headers", String.join(",", cors.exposeHeaders()));
        }
        if (Boolean.TRUE.equals(cors.allowCredentials())) {
            response = response.withHeader("Access-Control-Allow-Credentials", "true");
        }
        return response;
    }

    /** {@code *} or the request's origin when the configuration allows it, else null. */
    private static String allowedOrigin(FunctionUrlConfig.Cors cors, String origin) {
        List<String> origins = cors.allowOrigins() == null ? List.of() : cors.allowOrigins();
        if (origins.contains("*")) {
            return Boolean.TRUE.equals(cors.allowCredentials()) ? origin : "*";
        }
        return origins.stream().anyMatch(o -> o.equalsIgnoreCase(origin)) ? origin : null;
    }

    private static AwsResponse message(int status, String text) {
        try {
            return AwsResponse.json(status, JSON.writeValueAsBytes(Map.of("Message", text)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
