package dev.serverlesslab.emulator.lambda;

import java.util.List;
import java.util.Map;

/**
 * The CreateFunction request members the emulator uses (names as in the Lambda API); absent members are null.
 */
public record CreateFunctionRequest(
        String functionName,
        String runtime,
        String role,
        String handler,
        FunctionCode code,
        String description,
        Integer timeout,
        Integer memorySize,
        Boolean publish,
        String packageType,
        Environment environment,
        Map<String, String> tags,
        List<String> architectures,
        List<String> layers,
        FunctionConfiguration.EphemeralStorage ephemeralStorage,
        FunctionConfiguration.TracingConfig tracingConfig,
        FunctionConfiguration.DeadLetterConfig deadLetterConfig,
        FunctionConfiguration.LoggingConfig loggingConfig) {

    /** The request with Lambda's default logging. */
    public CreateFunctionRequest(String functionName, String runtime, String role, String handler, FunctionCode code,
            String description, Integer timeout, Integer memorySize, Boolean publish, String packageType,
            Environment environment, Map<String, String> tags, List<String> architectures, List<String> layers,
            FunctionConfiguration.EphemeralStorage ephemeralStorage, FunctionConfiguration.TracingConfig tracingConfig,
            FunctionConfiguration.DeadLetterConfig deadLetterConfig) {
        this(functionName, runtime, role, handler, code, description, timeout, memorySize, publish, packageType,
                environment, tags, architectures, layers, ephemeralStorage, tracingConfig, deadLetterConfig, null);
    }

    /** The request without a dead-letter queue. */
    public CreateFunctionRequest(String functionName, String runtime, String role, String handler, FunctionCode code,
            String description, Integer timeout, Integer memorySize, Boolean publish, String packageType,
            Environment environment, Map<String, String> tags, List<String> architectures, List<String> layers,
            FunctionConfiguration.EphemeralStorage ephemeralStorage,
            FunctionConfiguration.TracingConfig tracingConfig) {
        this(functionName, runtime, role, handler, code, description, timeout, memorySize, publish, packageType,
                environment, tags, architectures, layers, ephemeralStorage, tracingConfig, null, null);
    }

    /** The request with Lambda's default tracing ({@code PassThrough}). */
    public CreateFunctionRequest(String functionName, String runtime, String role, String handler, FunctionCode code,
            String description, Integer timeout, Integer memorySize, Boolean publish, String packageType,
            Environment environment, Map<String, String> tags, List<String> architectures, List<String> layers,
            FunctionConfiguration.EphemeralStorage ephemeralStorage) {
        this(functionName, runtime, role, handler, code, description, timeout, memorySize, publish, packageType,
                environment, tags, architectures, layers, ephemeralStorage, null, null, null);
    }

    /** The request without ephemeral storage (/tmp keeps its default size). */
    public CreateFunctionRequest(String functionName, String runtime, String role, String handler, FunctionCode code,
            String description, Integer timeout, Integer memorySize, Boolean publish, String packageType,
            Environment environment, Map<String, String> tags, List<String> architectures, List<String> layers) {
        this(functionName, runtime, role, handler, code, description, timeout, memorySize, publish, packageType,
                environment, tags, architectures, layers, null, null, null, null);
    }

    /** The request without layers, as most callers build it. */
    public CreateFunctionRequest(String functionName, String runtime, String role, String handler, FunctionCode code,
            String description, Integer timeout, Integer memorySize, Boolean publish, String packageType,
            Environment environment, Map<String, String> tags, List<String> architectures) {
        this(functionName, runtime, role, handler, code, description, timeout, memorySize, publish, packageType,
                environment, tags, architectures, null, null, null, null, null);
    }

    /** {@code Code}: a direct upload ({@code ZipFile}) or an object of the emulator's S3; images are refused. */
    public record FunctionCode(byte[] zipFile, String s3Bucket, String s3Key, String s3ObjectVersion, String imageUri) {
    }

    /** {@code Environment}: the function's own variables. */
    public record Environment(Map<String, String> variables) {
    }
}
