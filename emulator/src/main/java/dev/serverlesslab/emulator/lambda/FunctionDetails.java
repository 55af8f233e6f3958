package dev.serverlesslab.emulator.lambda;

import java.util.Map;

/**
 * What GetFunction returns besides the code location: the configuration and the function's tags.
 */
public record FunctionDetails(FunctionConfiguration configuration, Map<String, String> tags) {
}
