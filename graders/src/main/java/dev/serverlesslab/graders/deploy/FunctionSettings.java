package dev.serverlesslab.graders.deploy;

import java.util.List;
import java.util.Map;

/**
 * What a grading adds to the exercise's own function settings: the environment (with provisioned names filled in),
 * the execution role, and the layers (e.g. the AWS SDK modules the exercise allows).
 *
 * @param roleArn null to use the grader's default role
 * @param name    the function's name; null for a fresh {@code lab-...} name of the deployer's
 * @param tags    the function's tags (a real AWS account's gradings tag everything they create)
 */
public record FunctionSettings(Map<String, String> environment, String roleArn, List<String> layerArns, String name,
                               Map<String, String> tags) {

    public FunctionSettings {
        environment = Map.copyOf(environment);
        layerArns = List.copyOf(layerArns);
        tags = Map.copyOf(tags);
    }

    public FunctionSettings(Map<String, String> environment, String roleArn, List<String> layerArns) {
        this(environment, roleArn, layerArns, null, Map.of());
    }

    /** No environment, the default role, no layers: what a plain exercise like hello-lambda needs. */
    public static FunctionSettings none() {
        return new FunctionSettings(Map.of(), null, List.of());
    }
}
