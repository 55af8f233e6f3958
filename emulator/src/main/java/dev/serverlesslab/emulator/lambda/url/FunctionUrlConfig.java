package dev.serverlesslab.emulator.lambda.url;

import java.util.List;

/**
 * Lambda's {@code FunctionUrlConfig}: the URL, the function (with its alias) behind it, how callers authenticate, its
 * CORS settings and when it was made and last changed (ISO 8601 strings, as AWS writes them).
 */
public record FunctionUrlConfig(
        String functionUrl,
        String functionArn,
        String authType,
        Cors cors,
        String creationTime,
        String lastModifiedTime,
        String invokeMode) {

    /** {@code Cors}: what the URL answers to a browser's preflight and adds to responses. */
    public record Cors(Boolean allowCredentials, List<String> allowHeaders, List<String> allowMethods,
            List<String> allowOrigins, List<String> exposeHeaders, Integer maxAge) {
    }
}
