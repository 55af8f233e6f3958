package dev.serverlesslab.graders.deploy;

import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.graders.backend.PlatformLog;
import java.security.SecureRandom;
import java.util.HexFormat;
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
    private final SecureRandom random = new SecureRandom();

    public FunctionDeployer(LambdaClient lambda) {
        this(lambda, Optional.empty());
    }

    /** @param platform the backend's channel for Lambda's own log lines, where it has one */
    public FunctionDeployer(LambdaClient lambda, Optional<PlatformLog> platform) {
        this.lambda = lambda;
        this.platform = platform.orElse(null);
    }

    /**
     * Deploys the zip as a new function with a name unique to this grading (so gradings can share a backend),
     * and waits until Lambda reports it Active, as the AWS console and SAM do before the first invoke.
     */
    public LambdaFunction deploy(Exercise exercise, byte[] zip, FunctionSettings settings) {
        String name = uniqueName(exercise.id());
        String arn = lambda.createFunction(CreateFunctionRequest.builder()
                .functionName(name)
                .runtime(Runtime.fromValue(exercise.runtime()))
                .handler(exercise.handler())
                .role(settings.roleArn() == null ? ROLE : settings.roleArn())
                .environment(e -> e.variables(settings.environment()))
                .layers(settings.layerArns())
                .memorySize(exercise.memory())
                .timeout(exercise.timeout())
                .description("Serverless Lab grading of " + exercise.id())
                .code(FunctionCode.builder().zipFile(SdkBytes.fromByteArray(zip)).build())
                .build()).functionArn();
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
        return new LambdaFunction(lambda, name, arn, platform);
    }

    /** Deletes the function; one that is already gone is fine, since teardown must never fail a grading. */
    public void remove(LambdaFunction function) {
        try {
            lambda.deleteFunction(b -> b.functionName(function.name()));
        } catch (ResourceNotFoundException alreadyGone) {
            // Nothing left to clean up.
        }
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
