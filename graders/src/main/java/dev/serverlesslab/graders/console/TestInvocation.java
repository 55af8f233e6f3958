package dev.serverlesslab.graders.console;

import dev.serverlesslab.exercises.build.Build;
import dev.serverlesslab.exercises.build.SdkModules;
import dev.serverlesslab.exercises.build.SubmissionBuilder;
import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.LearnerDefinitions;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.graders.backend.AwsClients;
import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.graders.backend.BackendCredentials;
import dev.serverlesslab.graders.check.Invocation;
import dev.serverlesslab.graders.deploy.DeployedFunctions;
import dev.serverlesslab.graders.deploy.FunctionDeployer;
import dev.serverlesslab.graders.layer.SdkLayers;
import dev.serverlesslab.graders.layer.SdkLayers.SdkLayer;
import dev.serverlesslab.graders.provision.DefinitionRejectedException;
import dev.serverlesslab.graders.provision.ProvisionedResources;
import dev.serverlesslab.graders.provision.Provisioner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The test console's one run of a learner's code, like the Lambda console's Test button: compile, package, provision
 * and deploy in a fresh account exactly as a grading does, invoke once with {@code LogType=Tail}, tear everything
 * down. No checks run and nothing is graded; learner faults end in a {@link TestResult}, never in an exception.
 */
public final class TestInvocation {

    /** Publishing a layer of a few SDK modules uploads tens of MB. */
    private static final Duration PUBLISH_TIMEOUT = Duration.ofMinutes(2);

    private final Backend backend;
    private final SdkLayers layers;
    private final Supplier<BackendCredentials> accounts;
    private final SubmissionBuilder builder = new SubmissionBuilder();

    public TestInvocation(Backend backend) {
        this(backend, SdkLayers.inUserCache());
    }

    /** @param layers where SDK layers are cached; the platform publishes each once per backend, graders share it */
    public TestInvocation(Backend backend, SdkLayers layers) {
        this(backend, layers, backend::newAccount);
    }

    /** @param accounts hands each run the credentials of its own account; tests look into it afterwards */
    TestInvocation(Backend backend, SdkLayers layers, Supplier<BackendCredentials> accounts) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.layers = Objects.requireNonNull(layers, "layers");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
    }

    /**
     * Runs the learner's sources once with {@code event} (JSON text the caller has validated).
     *
     * @return compile errors, or what the invocation answered, or why the backend could not run it
     */
    public TestResult invoke(Exercise exercise, Submission submission, String event) {
        return invoke(exercise, submission, exercise.firstFunction().logicalName(), event);
    }

    /**
     * Runs the learner's sources once, invoking the function the exercise names {@code function} with {@code event};
     * every function of the exercise is deployed and wired as in a grading, since the one invoked may call others.
     *
     * @throws IllegalArgumentException when the exercise has no function of that name (the caller offers the names)
     */
    public TestResult invoke(Exercise exercise, Submission submission, String function, String event) {
        if (!exercise.functions().containsKey(function)) {
            throw new IllegalArgumentException("the exercise " + exercise.id() + " has no function '" + function
                    + "': its functions are " + String.join(", ", exercise.functions().keySet()));
        }
        long start = System.nanoTime();
        Path workDir = createWorkDir();
        try {
            SdkModules sdk = SdkModules.of(exercise.sdk());
            Build build = builder.build(submission, sdk, workDir);
            if (!build.success()) {
                return TestResult.compileFailed(build.compile().diagnostics(), millisSince(start));
            }
            LearnerDefinitions definitions = LearnerDefinitions.of(exercise, submission.files());
            if (!definitions.ok()) {
                return TestResult.compileFailed(definitions.problems(), millisSince(start));
            }
            return deployAndInvoke(exercise, build, sdk, function, event, definitions, start);
        } catch (RuntimeException broken) {
            // The backend or the provisioning broke down, not the learner's code: say so, as a grading would.
            String message = broken.getMessage() == null ? broken.getClass().getName() : broken.getMessage();
            return TestResult.couldNotRun(message, millisSince(start));
        } finally {
            deleteQuietly(workDir);
        }
    }

    private TestResult deployAndInvoke(Exercise exercise, Build build, SdkModules sdk, String function, String event,
                                       LearnerDefinitions definitions, long start) {
        Duration longest = Duration.ofSeconds(exercise.longestTimeout() + 30L);
        // A console run is as alone as a grading: an account of its own, whose credentials only its handler holds.
        AwsClients aws = new AwsClients(backend, accounts.get());
        try (LambdaClient lambda = aws.lambda(longest);
             Provisioner provisioner = new Provisioner(aws)) {
            ProvisionedResources resources = provisioner.provision(exercise);
            try {
                FunctionDeployer deployer = new FunctionDeployer(lambda, backend.platformLog());
                SdkLayer layer = sdk.isEmpty() ? null : platformLayer(sdk);
                List<String> layers = layer == null ? List.of() : List.of(layer.layerVersionArn());
                DeployedFunctions functions = deployer.deployAll(exercise, build.deploymentZip(),
                        spec -> resources.functionSettings(spec, layers));
                try {
                    try {
                        provisioner.connect(resources, exercise, functions, definitions.definitions());
                    } catch (DefinitionRejectedException rejected) {
                        return TestResult.compileFailed(List.of(rejected.diagnostic()), millisSince(start));
                    }
                    Invocation invocation = functions.get(function).invoke(event);
                    return TestResult.invoked(invocation, millisSince(start));
                } finally {
                    deployer.removeAll(functions);
                }
            } finally {
                provisioner.teardown(resources);
            }
        }
    }

    /** The SDK layer, published and shared from the platform's account, exactly as {@code Grader} finds it. */
    private SdkLayer platformLayer(SdkModules sdk) {
        try (LambdaClient platform = new AwsClients(backend, backend.platformAccount()).lambda(PUBLISH_TIMEOUT)) {
            return layers.layerFor(sdk, platform, backend.endpoint().toString());
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static Path createWorkDir() {
        try {
            return Files.createTempDirectory("lab-console-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a working directory for a test invocation", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temp directory is harmless.
        }
    }
}
