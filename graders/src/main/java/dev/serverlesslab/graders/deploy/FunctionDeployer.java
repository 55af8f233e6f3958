package dev.serverlesslab.graders.deploy;

import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.FunctionSpec;
import dev.serverlesslab.graders.backend.PlatformLog;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.FunctionCode;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** Creates a learner's function on a backend through the Lambda API, and removes it afterwards. */
public final class FunctionDeployer {

    /** Backends ignore the role (LocalStack's free image does not enforce IAM) but CreateFunction requires one. */
    static final String ROLE = "arn:aws:iam::000000000000:role/serverless-lab-grader";

    private final LambdaClient lambda;
    private final PlatformLog platform;
    private final java.time.Duration rolePropagation;
    private final SecureRandom random = new SecureRandom();

    public FunctionDeployer(LambdaClient lambda) {
        this(lambda, Optional.empty());
    }

    /** @param platform the backend's channel for Lambda's own log lines, where it has one */
    public FunctionDeployer(LambdaClient lambda, Optional<PlatformLog> platform) {
        this(lambda, platform, java.time.Duration.ZERO);
    }

    /**
     * @param rolePropagation how long CreateFunction is retried while Lambda says a just-created role cannot be
     *                        assumed yet (real AWS; emulators know the role at once)
     */
    public FunctionDeployer(LambdaClient lambda, Optional<PlatformLog> platform, java.time.Duration rolePropagation) {
        this.lambda = lambda;
        this.platform = platform.orElse(null);
        this.rolePropagation = rolePropagation;
    }

    /**
     * Deploys the zip as a new function with a name unique to this grading (so gradings can share a backend),
     * and waits until Lambda reports it Active, as the AWS console and SAM do before the first invoke.
     */
    public LambdaFunction deploy(Exercise exercise, byte[] zip, FunctionSettings settings) {
        return deploy(exercise, exercise.firstFunction(), zip, settings, null);
    }

    /**
     * Deploys every function of the exercise from the one zip, each with the settings {@code settings} gives it, and
     * waits until all are Active. When one fails, those already made are deleted before the exception is thrown.
     */
    public DeployedFunctions deployAll(Exercise exercise, byte[] zip,
                                       java.util.function.Function<FunctionSpec, FunctionSettings> settings) {
        DeployedFunctions deployed = new DeployedFunctions(new java.util.ArrayList<>());
        try {
            for (FunctionSpec spec : exercise.functions().values()) {
                deployed.add(spec.logicalName(), deploy(exercise, spec, zip, settings.apply(spec), deployed));
            }
        } catch (RuntimeException e) {
            removeAll(deployed);
            throw e;
        }
        return deployed;
    }

    private LambdaFunction deploy(Exercise exercise, FunctionSpec spec, byte[] zip, FunctionSettings settings,
                                  DeployedFunctions journalOf) {
        String name = settings.name() != null ? settings.name()
                : exercise.hasSeveralFunctions() ? uniqueName(exercise.id(), spec.logicalName())
                : uniqueName(exercise.id());
        CreateFunctionRequest request = CreateFunctionRequest.builder()
                .functionName(name)
                .runtime(Runtime.fromValue(exercise.runtime()))
                .handler(spec.handler())
                .role(settings.roleArn() == null ? ROLE : settings.roleArn())
                .environment(e -> e.variables(settings.environment()))
                .layers(settings.layerArns())
                .memorySize(spec.memory())
                .timeout(spec.timeout())
                .description("Serverless Lab grading of " + exercise.id()
                        + (exercise.hasSeveralFunctions() ? " (" + spec.logicalName() + ")" : ""))
                .code(FunctionCode.builder().zipFile(SdkBytes.fromByteArray(zip)).build())
                .tags(settings.tags())
                .build();
        String arn = NewRoleRetry.call(() -> lambda.createFunction(request).functionArn(), rolePropagation,
                Thread::sleep);
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
        return new LambdaFunction(lambda, name, arn, platform, journalOf == null ? null : journalOf.journal());
    }

    /** Deletes every function; never throws, since teardown must never fail a grading. */
    public List<String> removeAll(DeployedFunctions functions) {
        List<String> problems = new java.util.ArrayList<>();
        for (LambdaFunction function : functions.all().values()) {
            try {
                remove(function);
            } catch (RuntimeException e) {
                problems.add("could not delete " + function.name() + ": " + e.getMessage());
            }
        }
        return problems;
    }

    /** Deletes the function; one that is already gone is fine, since teardown must never fail a grading. */
    public void remove(LambdaFunction function) {
        try {
            lambda.deleteFunction(b -> b.functionName(function.name()));
        } catch (ResourceNotFoundException alreadyGone) {
            // Nothing left to clean up.
        }
    }

    /** {@code lab-<exercise>-<function>-<8 hex>}, the exercise id shortened so the whole stays within 64. */
    private String uniqueName(String exerciseId, String logical) {
        byte[] suffix = new byte[4];
        random.nextBytes(suffix);
        String base = exerciseId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-_]", "-");
        int room = 64 - "lab-".length() - logical.length() - 2 - 8;
        return "lab-" + (base.length() > room ? base.substring(0, room) : base) + "-" + logical + "-"
                + HexFormat.of().formatHex(suffix);
    }

    private String uniqueName(String exerciseId) {
        byte[] suffix = new byte[4];
        random.nextBytes(suffix);
        String base = exerciseId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-_]", "-");
        // Lambda names are at most 64 characters.
        String prefix = "lab-" + (base.length() > 48 ? base.substring(0, 48) : base);
        return prefix + "-" + HexFormat.of().formatHex(suffix);
    }
}
