package dev.serverlesslab.emulator.lambda;

import dev.serverlesslab.emulator.lambda.runtime.JavaRuntimes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The rules CreateFunction enforces, in Lambda's order: the API model's constraints (answered together as a
 * ValidationException), then Lambda's own checks (InvalidParameterValueException).
 */
final class FunctionRules {

    static final int DEFAULT_MEMORY_MB = 128;
    static final int DEFAULT_TIMEOUT_SECONDS = 3;
    static final int MAX_MEMORY_MB = 10_240;
    static final int MAX_TIMEOUT_SECONDS = 900;
    /** EphemeralStorage.Size bounds in MB, from the Lambda API model; 512 is also the default. */
    static final int MIN_EPHEMERAL_STORAGE_MB = 512;
    static final int MAX_EPHEMERAL_STORAGE_MB = 10_240;
    /** The Java runtimes a function here may use, each on a JDK of its own release or newer. */
    static final Set<String> JAVA_RUNTIMES = JavaRuntimes.FEATURE_RELEASE.keySet();

    /** Set by Lambda itself, so a function may not define them (developer guide: "Reserved environment variables"). */
    static final Set<String> RESERVED_VARIABLES = Set.of("_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION",
            "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
            "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
            "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR");

    /** Every runtime name the API model accepts; other names fail model validation. */
    private static final List<String> MODEL_RUNTIMES = List.of("nodejs", "nodejs4.3", "nodejs6.10", "nodejs8.10",
            "nodejs10.x", "nodejs12.x", "nodejs14.x", "nodejs16.x", "java8", "java8.al2", "java11", "python2.7",
            "python3.6", "python3.7", "python3.8", "python3.9", "dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1",
            "dotnetcore3.1", "dotnet6", "dotnet8", "nodejs4.3-edge", "go1.x", "ruby2.5", "ruby2.7", "provided",
            "provided.al2", "nodejs18.x", "python3.10", "java17", "ruby3.2", "ruby3.3", "ruby3.4", "python3.11",
            "nodejs20.x", "provided.al2023", "python3.12", "java21", "python3.13", "nodejs22.x", "nodejs24.x",
            "python3.14", "java25", "dotnet10", "ruby4.0");
    private static final Pattern ROLE =
            Pattern.compile("arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[a-zA-Z]([a-zA-Z0-9_])+");
    private static final Pattern HANDLER = Pattern.compile("[^\\s]+");
    private static final int MAX_VARIABLES_BYTES = 4096;

    private FunctionRules() {
    }

    static void validate(CreateFunctionRequest request) {
        modelConstraints(request);
        if (request.packageType() != null && !"Zip".equals(request.packageType())) {
            throw LambdaErrors.invalidParameter("Serverless Lab's emulator runs only Zip functions (PackageType Zip); "
                    + "got PackageType " + request.packageType());
        }
        if (request.runtime() == null || request.handler() == null) {
            throw LambdaErrors.invalidParameter(
                    "Runtime and Handler are mandatory parameters for functions created with deployment packages.");
        }
        if ("java8".equals(request.runtime())) {
            throw LambdaErrors.invalidParameter("The runtime parameter of java8 is no longer supported for creating or "
                    + "updating AWS Lambda functions. We recommend you use a supported runtime while creating or "
                    + "updating functions.");
        }
        if (!JAVA_RUNTIMES.contains(request.runtime())) {
            throw LambdaErrors.invalidParameter("Serverless Lab's emulator runs only Java functions (Runtime "
                    + String.join(", ", new TreeSet<>(JAVA_RUNTIMES)) + "); got Runtime " + request.runtime());
        }
        if (request.memorySize() != null && request.memorySize() > MAX_MEMORY_MB) {
            throw LambdaErrors.invalidParameter("'MemorySize' value failed to satisfy constraint: "
                    + "Member must have value less than or equal to " + MAX_MEMORY_MB);
        }
        if (request.code() == null) {
            throw LambdaErrors.invalidParameter("Please provide a source for function code.");
        }
        if (request.code().imageUri() != null) {
            throw LambdaErrors.invalidParameter("Please don't provide ImageUri when creating a function with "
                    + "packageType Zip.");
        }
        variableRules(variables(request));
    }

    static int memorySize(CreateFunctionRequest request) {
        return request.memorySize() == null ? DEFAULT_MEMORY_MB : request.memorySize();
    }

    /** The /tmp size in MB: the request's EphemeralStorage.Size, or Lambda's default. */
    static int ephemeralStorage(CreateFunctionRequest request) {
        return request.ephemeralStorage() == null ? MIN_EPHEMERAL_STORAGE_MB : request.ephemeralStorage().size();
    }

    static int timeout(CreateFunctionRequest request) {
        return request.timeout() == null ? DEFAULT_TIMEOUT_SECONDS : request.timeout();
    }

    static Map<String, String> variables(CreateFunctionRequest request) {
        if (request.environment() == null || request.environment().variables() == null) {
            return Map.of();
        }
        return request.environment().variables();
    }

    /**
     * The function's {@code Architectures}, {@code x86_64} unless set. {@code arm64} is honoured as a setting and
     * reported back; the JVM is the host's either way (Java bytecode does not care, native libraries would).
     */
    static List<String> architectures(CreateFunctionRequest request) {
        return request.architectures() == null || request.architectures().isEmpty() ? List.of("x86_64")
                : List.copyOf(request.architectures());
    }

    /** The tracing mode as set, {@code PassThrough} unless set; anything else fails the model's enum. */
    static FunctionConfiguration.TracingConfig tracing(FunctionConfiguration.TracingConfig requested) {
        String mode = requested == null || requested.mode() == null ? "PassThrough" : requested.mode();
        if (!List.of("Active", "PassThrough").contains(mode)) {
            throw LambdaErrors.validation(List.of(LambdaErrors.violation(mode, "tracingConfig.mode",
                    "Member must satisfy enum value set: [Active, PassThrough]")));
        }
        return new FunctionConfiguration.TracingConfig(mode);
    }

    private static void modelConstraints(CreateFunctionRequest request) {
        List<String> violations = new ArrayList<>();
        String name = request.functionName();
        if (name == null) {
            violations.add(LambdaErrors.violation(null, "functionName", "Member must not be null"));
        } else if (name.isEmpty() || name.length() > 64 || !name.matches("[a-zA-Z0-9-_]+")) {
            violations.add(LambdaErrors.violation(name, "functionName",
                    "Member must satisfy regular expression pattern: [a-zA-Z0-9-_]+ and have length at most 64"));
        }
        if (request.role() == null) {
            violations.add(LambdaErrors.violation(null, "role", "Member must not be null"));
        } else if (!ROLE.matcher(request.role()).matches()) {
            violations.add(LambdaErrors.violation(request.role(), "role",
                    "Member must satisfy regular expression pattern: " + ROLE.pattern()));
        }
        if (request.runtime() != null && !MODEL_RUNTIMES.contains(request.runtime())) {
            violations.add(LambdaErrors.violation(request.runtime(), "runtime",
                    "Member must satisfy enum value set: " + MODEL_RUNTIMES));
        }
        if (request.handler() != null && (request.handler().length() > 128
                || !HANDLER.matcher(request.handler()).matches())) {
            violations.add(LambdaErrors.violation(request.handler(), "handler",
                    "Member must satisfy regular expression pattern: [^\\s]+ and have length at most 128"));
        }
        if (request.memorySize() != null && request.memorySize() < DEFAULT_MEMORY_MB) {
            violations.add(LambdaErrors.violation(request.memorySize(), "memorySize",
                    "Member must have value greater than or equal to " + DEFAULT_MEMORY_MB));
        }
        if (request.timeout() != null && request.timeout() < 1) {
            violations.add(LambdaErrors.violation(request.timeout(), "timeout",
                    "Member must have value greater than or equal to 1"));
        } else if (request.timeout() != null && request.timeout() > MAX_TIMEOUT_SECONDS) {
            violations.add(LambdaErrors.violation(request.timeout(), "timeout",
                    "Member must have value less than or equal to " + MAX_TIMEOUT_SECONDS));
        }
        if (request.ephemeralStorage() != null && request.ephemeralStorage().size() < MIN_EPHEMERAL_STORAGE_MB) {
            violations.add(LambdaErrors.violation(request.ephemeralStorage().size(), "ephemeralStorage.size",
                    "Member must have value greater than or equal to " + MIN_EPHEMERAL_STORAGE_MB));
        } else if (request.ephemeralStorage() != null
                && request.ephemeralStorage().size() > MAX_EPHEMERAL_STORAGE_MB) {
            violations.add(LambdaErrors.violation(request.ephemeralStorage().size(), "ephemeralStorage.size",
                    "Member must have value less than or equal to " + MAX_EPHEMERAL_STORAGE_MB));
        }
        List<String> architectures = request.architectures() == null ? List.of() : request.architectures();
        if (architectures.size() > 1) {
            violations.add(LambdaErrors.violation(architectures, "architectures",
                    "Member must have length less than or equal to 1"));
        } else if (architectures.stream().anyMatch(a -> !List.of("x86_64", "arm64").contains(a))) {
            violations.add(LambdaErrors.violation(architectures, "architectures",
                    "Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64]]"));
        }
        if (request.description() != null && request.description().length() > 256) {
            violations.add(LambdaErrors.violation(request.description(), "description",
                    "Member must have length less than or equal to 256"));
        }
        if (variables(request).keySet().stream().anyMatch(key -> !VARIABLE_NAME.matcher(key).matches())) {
            // Lambda hides the values: variables are marked sensitive in the model.
            violations.add("Value at 'environment.variables' failed to satisfy constraint: Map keys must satisfy "
                    + "constraint: [Member must satisfy regular expression pattern: " + VARIABLE_NAME.pattern() + "]");
        }
        if (!violations.isEmpty()) {
            throw LambdaErrors.validation(violations);
        }
    }

    private static void variableRules(Map<String, String> variables) {
        List<String> reserved = variables.keySet().stream().filter(RESERVED_VARIABLES::contains).sorted().toList();
        if (!reserved.isEmpty()) {
            throw LambdaErrors.invalidParameter("Lambda was unable to configure your environment variables because the "
                    + "environment variables you have provided contains reserved keys that are currently not "
                    + "supported for modification. Reserved keys used in this request: " + String.join(", ", reserved));
        }
        int size = variables.entrySet().stream()
                .mapToInt(entry -> entry.getKey().getBytes(StandardCharsets.UTF_8).length
                        + (entry.getValue() == null ? 0 : entry.getValue().getBytes(StandardCharsets.UTF_8).length))
                .sum();
        if (size > MAX_VARIABLES_BYTES) {
            throw LambdaErrors.invalidParameter("Lambda was unable to configure your environment variables because the "
                    + "environment variables you have provided exceeded the 4KB limit. String measured: " + size
                    + " bytes");
        }
    }
}
