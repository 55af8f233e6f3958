package dev.serverlesslab.emulator.lambda.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What an execution environment needs to know about its function, fixed for the environment's lifetime.
 *
 * @param taskRoot the unpacked code (Lambda's {@code /var/task})
 * @param environmentsDir where each environment gets its own working directory
 * @param version {@code $LATEST} or the published version number the environments run
 * @param layerJars the {@code java/lib} jars of the function's layers, in layer order (Lambda's {@code /opt/java/lib})
 * @param ephemeralStorageMb the size of /tmp (Lambda's {@code EphemeralStorage}, 512 MB unless configured)
 * @param credentials what the function's code calls AWS with; they act in the function's account
 * @param logging the function's {@code LoggingConfig}: format, levels and log group
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
        String version,
        List<Path> layerJars,
        int ephemeralStorageMb,
        FunctionCredentials credentials,
        LogSettings logging) {

    /** Lambda's default /tmp size. */
    public static final int DEFAULT_EPHEMERAL_STORAGE_MB = 512;

    public FunctionSpec {
        variables = Map.copyOf(variables);
        layerJars = List.copyOf(layerJars);
        credentials = credentials == null ? FunctionCredentials.localStack(accountId) : credentials;
        logging = logging == null ? LogSettings.text(functionName) : logging;
    }

    /** A spec with Lambda's default plain-text logging. */
    public FunctionSpec(String accountId, String region, String functionName, String functionArn, String runtime,
            String handler, int memoryMb, int timeoutSeconds, Map<String, String> variables, Path taskRoot,
            Path environmentsDir, String version, List<Path> layerJars, int ephemeralStorageMb,
            FunctionCredentials credentials) {
        this(accountId, region, functionName, functionArn, runtime, handler, memoryMb, timeoutSeconds, variables,
                taskRoot, environmentsDir, version, layerJars, ephemeralStorageMb, credentials, null);
    }

    /** A spec whose function calls AWS with LocalStack-style credentials for its account. */
    public FunctionSpec(String accountId, String region, String functionName, String functionArn, String runtime,
            String handler, int memoryMb, int timeoutSeconds, Map<String, String> variables, Path taskRoot,
            Path environmentsDir, String version, List<Path> layerJars, int ephemeralStorageMb) {
        this(accountId, region, functionName, functionArn, runtime, handler, memoryMb, timeoutSeconds, variables,
                taskRoot, environmentsDir, version, layerJars, ephemeralStorageMb, null);
    }

    /** A spec with the default /tmp size whose function calls AWS with {@code credentials}. */
    public FunctionSpec(String accountId, String region, String functionName, String functionArn, String runtime,
            String handler, int memoryMb, int timeoutSeconds, Map<String, String> variables, Path taskRoot,
            Path environmentsDir, String version, List<Path> layerJars, FunctionCredentials credentials) {
        this(accountId, region, functionName, functionArn, runtime, handler, memoryMb, timeoutSeconds, variables,
                taskRoot, environmentsDir, version, layerJars, DEFAULT_EPHEMERAL_STORAGE_MB, credentials);
    }

    /** A spec with the default /tmp size and LocalStack-style credentials. */
    public FunctionSpec(String accountId, String region, String functionName, String functionArn, String runtime,
            String handler, int memoryMb, int timeoutSeconds, Map<String, String> variables, Path taskRoot,
            Path environmentsDir, String version, List<Path> layerJars) {
        this(accountId, region, functionName, functionArn, runtime, handler, memoryMb, timeoutSeconds, variables,
                taskRoot, environmentsDir, version, layerJars, DEFAULT_EPHEMERAL_STORAGE_MB, null);
    }

    /** A spec without layers. */
    public FunctionSpec(String accountId, String region, String functionName, String functionArn, String runtime,
            String handler, int memoryMb, int timeoutSeconds, Map<String, String> variables, Path taskRoot,
            Path environmentsDir, String version) {
        this(accountId, region, functionName, functionArn, runtime, handler, memoryMb, timeoutSeconds, variables,
                taskRoot, environmentsDir, version, List.of());
    }

    /** A spec for $LATEST. */
    public FunctionSpec(String accountId, String region, String functionName, String functionArn, String runtime,
            String handler, int memoryMb, int timeoutSeconds, Map<String, String> variables, Path taskRoot,
            Path environmentsDir) {
        this(accountId, region, functionName, functionArn, runtime, handler, memoryMb, timeoutSeconds, variables,
                taskRoot, environmentsDir, "$LATEST");
    }

    /** The same function with its code read from {@code directory}: where a pre-warmed environment got a copy. */
    FunctionSpec withTaskRoot(Path directory) {
        return new FunctionSpec(accountId, region, functionName, functionArn, runtime, handler, memoryMb,
                timeoutSeconds, variables, directory, environmentsDir, version, layerJars, ephemeralStorageMb,
                credentials, logging);
    }

    public String logGroupName() {
        return logging.logGroup();
    }
}
