package checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.graders.check.ApiClient;
import dev.serverlesslab.graders.check.ApiResponse;
import dev.serverlesslab.graders.check.Functions;
import dev.serverlesslab.graders.check.Hidden;
import dev.serverlesslab.graders.check.Hint;
import dev.serverlesslab.graders.check.Invocation;
import dev.serverlesslab.graders.check.LearnerFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Calls the REST API through API Gateway, whose TOKEN authorizer is the learner's function, with tokens made up for
 * each grading (users, tenants, expiry, and forgeries signed with random keys), and reads the learner's policy.json
 * as a document: what IAM would allow with it is decided statically.
 */
class ProtectedApiChecks {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String TABLE_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/orders";
    private static final String READ = "dynamodb:GetItem";
    private static final String API_ID = "a1b2c3d4e5";
    private static final String API_ARN = "arn:aws:execute-api:us-east-1:123456789012:" + API_ID;
    private static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:orders";
    private static final String INVOKE = "lambda:InvokeFunction";

    @Test
    @DisplayName("a valid token gets through, and the orders function answers with the caller's user and tenant")
    @Hint("Allow execute-api:Invoke on event.getMethodArn(), with principalId = the token's sub and context "
            + "{\"tenant\": ...}; Orders reads both from event.getRequestContext().getAuthorizer().")
    void validTokenReachesTheFunction(ApiClient api, Functions functions, LambdaClient lambda) {
        String secret = secret(functions, lambda);
        for (int i = 0; i < 2; i++) {
            String user = "u-" + hex(4);
            String tenant = "t-" + hex(3);
            ApiResponse response = call(api, "Bearer " + token(secret, user, tenant, inMinutes(5 + RANDOM.nextInt(55))));
            assertEquals(200, response.status(), () -> "GET /orders with a valid token for " + user + " should be "
                    + "let through to the orders function: " + describe(response));
            JsonNode body = body(response);
            assertEquals(user, body.path("user").asText(), () -> "\"user\" in the orders function's answer should "
                    + "be the token's sub, passed on by the authorizer as principalId: " + response.body());
            assertEquals(tenant, body.path("tenant").asText(), () -> "\"tenant\" in the orders function's answer "
                    + "should be the token's tenant, passed on in the authorizer's context: " + response.body());
        }
    }

    @Test
    @DisplayName("a request without a token, or with one that is no token of the sign-in service, is refused")
    @Hint("Anything that is not \"Bearer \" followed by a token Jwt.parse reads must be denied, not throw.")
    void missingOrMalformedTokensAreRefused(ApiClient api) {
        ApiResponse none = api.send("GET", "/orders", Map.of(), null);
        assertEquals(401, none.status(), () -> "without an Authorization header API Gateway answers 401 itself: "
                + describe(none));
        for (String header : List.of("Bearer " + hex(24), "Bearer " + hex(6) + "." + hex(6) + "." + hex(6),
                "Basic " + Base64.getEncoder().encodeToString(("u-" + hex(3) + ":" + hex(6)).getBytes()))) {
            assertRefused(call(api, header), "an Authorization header of " + shorten(header)
                    + " (no \"Bearer <token>\" of the sign-in service)");
        }
    }

    @Test
    @DisplayName("a token with a forged signature is denied")
    @Hint("Compute Jwt.hs256(TOKEN_SECRET, jwt.signingInput()) and compare it with jwt.signature() "
            + "(MessageDigest.isEqual): anyone can write claims, only the sign-in service can sign them.")
    void forgedTokensAreDenied(ApiClient api, Functions functions, LambdaClient lambda) {
        String secret = secret(functions, lambda);
        String user = "u-" + hex(4);
        String forged = token(hex(16), user, "t-" + hex(3), inMinutes(30));
        assertRefused(call(api, "Bearer " + forged), "a token for " + user + " signed with another key");

        String genuine = token(secret, "u-" + hex(4), "t-" + hex(3), inMinutes(30));
        String[] parts = genuine.split("\\.");
        String admin = "u-admin-" + hex(2);
        String swapped = parts[0] + "." + base64Url(claims(admin, "t-" + hex(3), inMinutes(30))) + "." + parts[2];
        assertRefused(call(api, "Bearer " + swapped), "a genuine token whose claims were changed to user " + admin
                + " after it was signed");
    }

    @Test
    @DisplayName("an expired token is denied")
    @Hint("exp is in seconds since the epoch: compare it with System.currentTimeMillis() / 1000.")
    void expiredTokensAreDenied(ApiClient api, Functions functions, LambdaClient lambda) {
        String secret = secret(functions, lambda);
        long ago = 60 + RANDOM.nextInt(24 * 3600);
        String expired = token(secret, "u-" + hex(4), "t-" + hex(3), now() - ago);
        assertRefused(call(api, "Bearer " + expired), "a correctly signed token that expired " + ago
                + " seconds ago");
    }

    @Test
    @DisplayName("policy.json lets the orders function read an order: dynamodb:GetItem on the orders table")
    @Hint("One statement: \"Effect\": \"Allow\", \"Action\": \"dynamodb:GetItem\", \"Resource\": \"" + TABLE_ARN
            + "\".")
    void policyAllowsReadingAnOrder(LearnerFiles files) {
        List<JsonNode> statements = statements(files);
        boolean allowed = statements.stream().anyMatch(statement -> "Allow".equals(statement.path("Effect").asText())
                && values(statement.path("Action")).stream().anyMatch(action -> matches(action, READ, true))
                && values(statement.path("Resource")).stream().anyMatch(resource -> matches(resource, TABLE_ARN,
                false)));
        boolean denied = statements.stream().anyMatch(statement -> "Deny".equals(statement.path("Effect").asText())
                && values(statement.path("Action")).stream().anyMatch(action -> matches(action, READ, true))
                && values(statement.path("Resource")).stream().anyMatch(resource -> matches(resource, TABLE_ARN,
                false)));
        assertTrue(allowed && !denied, "with policy.json IAM would not allow " + READ + " on " + TABLE_ARN
                + (denied ? " (a Deny statement matches it, and an explicit deny always wins)" : ""));
    }

    @Test
    @DisplayName("policy.json grants nothing more: no wildcard, no other action, no other resource")
    @Hint("Least privilege: name the one action and the table's full ARN. \"dynamodb:*\", \"*\" or "
            + "\"table/*\" would let a bug or an attacker do far more than read an order.")
    void policyGrantsNothingMore(LearnerFiles files) {
        for (JsonNode statement : statements(files)) {
            if (!"Allow".equals(statement.path("Effect").asText())) {
                continue;
            }
            for (String field : List.of("NotAction", "NotResource", "Principal")) {
                if (statement.has(field)) {
                    fail("policy.json: an Allow statement with " + field + " grants more than it names: use Action "
                            + "and Resource in an identity policy");
                }
            }
            for (String action : values(statement.path("Action"))) {
                assertTrue(action.equalsIgnoreCase(READ), () -> "policy.json allows the action \"" + action
                        + "\": the orders function needs only " + READ);
            }
            for (String resource : values(statement.path("Resource"))) {
                assertEquals(TABLE_ARN, resource, () -> "policy.json allows the resource \"" + resource
                        + "\": the orders function reads only the orders table");
            }
        }
    }

    @Test
    @DisplayName("invoke-policy.json lets only the shop's API invoke the orders function")
    @Hint("Without a condition on AWS:SourceArn, any API Gateway API, in any account, may invoke the function. Add "
            + "\"Condition\": {\"ArnLike\": {\"AWS:SourceArn\": \"arn:aws:execute-api:us-east-1:123456789012:"
            + API_ID + "/*/GET/orders\"}}.")
    void invokePolicyNamesTheApi(LearnerFiles files) {
        List<JsonNode> statements = statements(files, "invoke-policy.json");
        boolean grants = false;
        for (JsonNode statement : statements) {
            if (!"Allow".equals(statement.path("Effect").asText())) {
                continue;
            }
            grants = true;
            JsonNode principal = statement.path("Principal");
            assertEquals(List.of("apigateway.amazonaws.com"), values(principal.path("Service")), () -> "invoke-"
                    + "policy.json: the Principal should be {\"Service\": \"apigateway.amazonaws.com\"}, got "
                    + principal);
            assertEquals(1, principal.size(), () -> "invoke-policy.json: only API Gateway may be the principal, got "
                    + principal);
            for (String action : values(statement.path("Action"))) {
                assertTrue(action.equalsIgnoreCase(INVOKE), () -> "invoke-policy.json allows \"" + action + "\": "
                        + "API Gateway needs only " + INVOKE);
            }
            for (String resource : values(statement.path("Resource"))) {
                assertEquals(FUNCTION_ARN, resource, () -> "invoke-policy.json: the resource is the orders function");
            }
            List<String> sources = sourceArns(statement.path("Condition"));
            assertTrue(!sources.isEmpty(), "invoke-policy.json: with no condition on AWS:SourceArn (ArnLike or "
                    + "ArnEquals), every API Gateway API of every account may invoke the orders function");
            for (String source : sources) {
                assertTrue(source.startsWith(API_ARN + "/"), () -> "invoke-policy.json: AWS:SourceArn \"" + source
                        + "\" should name the shop's API, " + API_ARN + "/..., with no wildcard in the account or "
                        + "the API id");
            }
        }
        assertTrue(grants, "invoke-policy.json allows nothing: API Gateway could not invoke the orders function");
    }

    @Test
    @Hidden
    @DisplayName("the authorizer allows exactly the method that was called, for the token's user")
    void allowPolicyNamesOnlyTheCalledMethod(Functions functions, LambdaClient lambda) throws IOException {
        String secret = secret(functions, lambda);
        String user = "u-" + hex(4);
        String methodArn = "arn:aws:execute-api:us-east-1:" + (100_000_000_000L + (long) (RANDOM.nextDouble()
                * 899_999_999_999L)) + ":" + hex(5) + "/test/" + List.of("GET", "POST", "DELETE").get(
                RANDOM.nextInt(3)) + "/orders/o-" + hex(3);
        String event = JSON.createObjectNode().put("type", "TOKEN")
                .put("authorizationToken", "Bearer " + token(secret, user, "t-" + hex(3), inMinutes(10)))
                .put("methodArn", methodArn).toString();

        Invocation answer = functions.get("authorizer").invoke(event);

        assertTrue(answer.succeeded(), () -> "the authorizer failed: " + answer.failure());
        JsonNode policy = JSON.readTree(answer.payload());
        assertEquals(user, policy.path("principalId").asText(), () -> "principalId: " + answer.payload());
        for (JsonNode statement : policy.path("policyDocument").path("Statement")) {
            assertEquals(List.of(methodArn), values(statement.path("Resource")), () -> "the Allow should name only "
                    + "the called method's ARN, not the whole API: " + answer.payload());
        }
    }

    // ---- calls ----

    private static ApiResponse call(ApiClient api, String authorization) {
        return api.send("GET", "/orders", Map.of("Authorization", authorization), null);
    }

    private static void assertRefused(ApiResponse response, String what) {
        assertTrue(response.status() == 401 || response.status() == 403, () -> "API Gateway should refuse "
                + what + " with 403 (your authorizer's Deny) or 401 (Unauthorized), before the orders function "
                + "runs: " + describe(response));
    }

    private static String describe(ApiResponse response) {
        return "got " + response.status() + " " + shorten(response.body())
                + (response.status() == 500 ? " (500 means the authorizer failed or answered no usable policy: see "
                + "its log)" : "");
    }

    private static JsonNode body(ApiResponse response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("the orders function should answer JSON, got " + shorten(response.body()));
        }
    }

    // ---- tokens ----

    // The secret the sign-in service shares with the authorizer is in the authorizer's environment, set by
    // exercise.yml: read it there so that file stays its only source.
    private static String secret(Functions functions, LambdaClient lambda) {
        return lambda.getFunctionConfiguration(b -> b.functionName(functions.get("authorizer").name()))
                .environment().variables().get("TOKEN_SECRET");
    }

    private static String token(String secret, String user, String tenant, long exp) {
        String input = base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + base64Url(claims(user, tenant, exp));
        return input + "." + hs256(secret, input);
    }

    private static String claims(String user, String tenant, long exp) {
        return "{\"sub\":\"" + user + "\",\"tenant\":\"" + tenant + "\",\"exp\":" + exp + "}";
    }

    private static String hs256(String secret, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(input.getBytes(
                    StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static long inMinutes(int minutes) {
        return now() + minutes * 60L;
    }

    // ---- policy.json ----

    private static List<JsonNode> statements(LearnerFiles files) {
        return statements(files, "policy.json");
    }

    private static List<JsonNode> statements(LearnerFiles files, String file) {
        JsonNode policy;
        try {
            policy = JSON.readTree(files.text(file));
        } catch (JsonProcessingException e) {
            throw new AssertionError(file + " is not valid JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ")");
        }
        assertEquals("2012-10-17", policy.path("Version").asText(), file + ": \"Version\" should be "
                + "\"2012-10-17\", the policy language version that supports every feature");
        JsonNode statement = policy.path("Statement");
        List<JsonNode> statements = new ArrayList<>();
        if (statement.isObject()) {
            statements.add(statement);
        } else {
            statement.forEach(statements::add);
        }
        assertTrue(!statements.isEmpty(), file + " has no \"Statement\"");
        return statements;
    }

    private static List<String> values(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isTextual()) {
            values.add(node.asText());
        } else {
            node.forEach(value -> values.add(value.asText()));
        }
        return values;
    }

    // The values of AWS:SourceArn (condition keys ignore case) under ArnLike or ArnEquals.
    private static List<String> sourceArns(JsonNode condition) {
        List<String> arns = new ArrayList<>();
        condition.fields().forEachRemaining(operator -> {
            if (operator.getKey().equals("ArnLike") || operator.getKey().equals("ArnEquals")) {
                operator.getValue().fields().forEachRemaining(key -> {
                    if (key.getKey().equalsIgnoreCase("aws:SourceArn")) {
                        arns.addAll(values(key.getValue()));
                    }
                });
            }
        });
        return arns;
    }

    // IAM's matching: '*' any run of characters, '?' one; action names ignore case, ARNs do not.
    private static boolean matches(String pattern, String value, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
        }
        return java.util.regex.Pattern.compile(regex.toString(), ignoreCase
                ? java.util.regex.Pattern.CASE_INSENSITIVE : 0).matcher(value).matches();
    }

    // ---- random values ----

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static String shorten(String text) {
        return text == null ? "null" : text.length() <= 120 ? text : text.substring(0, 120) + "…";
    }
}
