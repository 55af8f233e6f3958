package dev.serverlesslab.exercises.exercise;

/**
 * An API Gateway API in front of the exercise's function, declared as {@code resources.api}.
 *
 * @param type which API Gateway flavour proxies every request to the function
 * @param function the logical name of the function it proxies to; null for the exercise's only function
 */
public record ApiSpec(Type type, String function) {

    /** An API in front of the exercise's only function. */
    public ApiSpec(Type type) {
        this(type, null);
    }

    /** The two API Gateway flavours an exercise can ask for. */
    public enum Type {
        /** HTTP API (API Gateway v2), Lambda proxy payload format 2.0, the {@code $default} stage. */
        HTTP,
        /** REST API (API Gateway v1), Lambda proxy integration on {@code /{proxy+}} and {@code /}, stage {@code test}. */
        REST
    }
}
