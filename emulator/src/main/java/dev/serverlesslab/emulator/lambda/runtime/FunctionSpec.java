package dev.serverlesslab.emulator.lambda.runtime;

import java.nio.file.Path;
import java.util.Map;

/**
 * What an execution environment needs to know about its function, fixed for the environment's lifetime.
 *
 * @param taskRoot the unpacked code (Lambda's {@code /var/task})
 * @param environmentsDir where each environment gets its own working directory
 * @param version {@code $LATEST} or the published version number the environments run
 */
public record FunctionSpec(
        String accountId,
        String region,
        String functionName,
        String functionArn,
        String runtime,
        String handler,
        int memoryMb,
        int timeoutSeconds,
        Map<String, String> variables,
        Path taskRoot,
        Path environmentsDir,
        String version) {

    public FunctionSpec {
        variables = Map.copyOf(variables);
    }

    /** A spec for $LATEST. */
    public FunctionSpec(String accountId, String region, String functionName, String functionArn, String runtime,
            String handler, int memoryMb, int timeoutSeconds, Map<String, String> variables, Path taskRoot,
            Path environmentsDir) {
        this(accountId, region, functionName, functionArn, runtime, handler, memoryMb, timeoutSeconds, variables,
                taskRoot, environmentsDir, "$LATEST");
    }

    public String logGroupName() {
        return "/aws/lambda/" + functionName;
    }
}
