package dev.serverlesslab.emulator.apigatewayv2;

import java.util.Map;

/**
 * What CreateApi asks for.
 *
 * @param target a Lambda ARN for quick create, or null
 * @param routeKey the route quick create makes; null means {@code $default}
 * @param corsConfiguration null for none
 */
public record ApiSpec(
        String name,
        String description,
        String protocolType,
        String target,
        String routeKey,
        String version,
        Map<String, String> tags,
        CorsConfiguration corsConfiguration) {

    public ApiSpec {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
}
