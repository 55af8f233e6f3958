package dev.serverlesslab.exercises.exercise;

import java.util.Optional;

/**
 * An API Gateway API in front of the exercise's function, declared as {@code resources.api}.
 *
 * @param type which API Gateway flavour proxies every request to the function
 * @param function the logical name of the function it proxies to; null for the exercise's only function
 * @param authorizer the Lambda authorizer guarding every method; null when calls need no authorization
 */
public record ApiSpec(Type type, String function, Authorizer authorizer) {

    /** An API in front of the exercise's only function. */
    public ApiSpec(Type type) {
        this(type, null, null);
    }

    /** An API with no authorizer in front of the function named {@code function}. */
    public ApiSpec(Type type, String function) {
        this(type, function, null);
    }

    /** The authorizer, when the API has one. */
    public Optional<Authorizer> authorizerSpec() {
        return Optional.ofNullable(authorizer);
    }

    /** The two API Gateway flavours an exercise can ask for. */
    public enum Type {
        /** HTTP API (API Gateway v2), Lambda proxy payload format 2.0, the {@code $default} stage. */
        HTTP,
        /** REST API (API Gateway v1), Lambda proxy integration on {@code /{proxy+}} and {@code /}, stage {@code test}. */
        REST
    }

    /**
     * A REST API {@code TOKEN} Lambda authorizer ({@code resources.api.authorizer}): API Gateway hands the function
     * the {@code Authorization} header and lets the call through only when the policy it answers allows it. Results
     * are not cached (a TTL of 0), so every call reaches the learner's authorizer.
     *
     * @param function the logical name of the authorizer function
     */
    public record Authorizer(String function) {
    }
}
