package dev.serverlesslab.emulator.lambda;

import dev.serverlesslab.emulator.lambda.runtime.EnvironmentPool;
import java.nio.file.Path;
import java.util.Map;

/**
 * One function's state: its configuration, tags, where its code lives and its execution environments.
 */
final class LambdaFunction {

    private final Path directory;
    private final Map<String, String> tags;
    private final EnvironmentPool environments;
    private volatile FunctionConfiguration configuration;

    LambdaFunction(FunctionConfiguration configuration, Map<String, String> tags, Path directory,
            EnvironmentPool environments) {
        this.configuration = configuration;
        this.tags = Map.copyOf(tags);
        this.directory = directory;
        this.environments = environments;
    }

    FunctionConfiguration configuration() {
        return configuration;
    }

    void activate() {
        configuration = configuration.active();
    }

    Map<String, String> tags() {
        return tags;
    }

    Path directory() {
        return directory;
    }

    EnvironmentPool environments() {
        return environments;
    }
}
