package dev.serverlesslab.graders;

import dev.serverlesslab.exercises.build.Build;
import dev.serverlesslab.exercises.build.CompileResult;
import dev.serverlesslab.exercises.build.JavaRelease;
import dev.serverlesslab.exercises.build.SdkModules;
import dev.serverlesslab.exercises.build.SubmissionBuilder;
import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.LearnerDefinitions;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.graders.backend.AwsClients;
import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.graders.backend.BackendCredentials;
import dev.serverlesslab.graders.check.ApiClient;
import dev.serverlesslab.graders.check.EmulatorTime;
import dev.serverlesslab.graders.check.LearnerFiles;
import dev.serverlesslab.graders.check.Resources;
import dev.serverlesslab.graders.deploy.DeployedFunctions;
import dev.serverlesslab.graders.deploy.FunctionDeployer;
import dev.serverlesslab.graders.deploy.FunctionLogs;
import dev.serverlesslab.graders.deploy.LambdaFunction;
import dev.serverlesslab.graders.layer.SdkLayers;
import dev.serverlesslab.graders.layer.SdkLayers.SdkLayer;
import dev.serverlesslab.graders.provision.DefinitionRejectedException;
import dev.serverlesslab.graders.provision.ProvisionedResources;
import dev.serverlesslab.graders.provision.Provisioner;
import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Stage;
import dev.serverlesslab.graders.report.Status;
import dev.serverlesslab.graders.run.CheckCompiler;
import dev.serverlesslab.graders.run.CheckContext;
import dev.serverlesslab.graders.run.CheckHelpers;
import dev.serverlesslab.graders.run.CheckRunner;
import dev.serverlesslab.graders.run.SdkClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Grades one submission of one exercise: compile, package, provision resources, deploy to the backend, run the
 * checks, tear down, report.
 * Learner faults (compile errors, failing checks, crashing handlers) end in a report, never in an exception.
 */
public final class Grader {

    /** Publishing a layer of a few SDK modules uploads tens of MB. */
    private static final Duration PUBLISH_TIMEOUT = Duration.ofMinutes(2);

    private final Backend backend;
    private final SdkLayers layers;
    private final Function<Exercise, List<String>> sdkOf;
    private final Supplier<BackendCredentials> accounts;
    private final SubmissionBuilder builder = new SubmissionBuilder();
    private final CheckCompiler checkCompiler = new CheckCompiler();
    private final CheckRunner checkRunner = new CheckRunner();

    public Grader(Backend backend) {
        this(backend, SdkLayers.inUserCache(), Exercise::sdk);
    }

    /**
     * @param layers where SDK layers are cached; one per grader, so each layer is published once per backend
     * @param sdkOf  the AWS SDK module names an exercise allows (its {@code sdk:} list)
     */
    public Grader(Backend backend, SdkLayers layers, Function<Exercise, List<String>> sdkOf) {
        this(backend, layers, sdkOf, backend::newAccount);
    }

    /** @param accounts hands each grading the credentials of its own account; tests watch which ones */
    Grader(Backend backend, SdkLayers layers, Function<Exercise, List<String>> sdkOf,
           Supplier<BackendCredentials> accounts) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.layers = Objects.requireNonNull(layers, "layers");
        this.sdkOf = Objects.requireNonNull(sdkOf, "sdkOf");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
    }

    /** Grades the submission; the listener hears about every stage and check as it finishes. */
    public GradingReport grade(Exercise exercise, Submission submission, GradingListener listener) {
        Path workDir = createWorkDir();
        GradingRun run = new GradingRun(exercise, listener);
        try {
            return grade(exercise, submission, run, workDir);
        } catch (RuntimeException unexpected) {
            return run.error(unexpected);
        } finally {
            deleteQuietly(workDir);
        }
    }

    private GradingReport grade(Exercise exercise, Submission submission, GradingRun run, Path workDir) {
        LearnerDefinitions definitions = run.timed(Stage.VALIDATE, () -> LearnerDefinitions.of(exercise,
                submission.files()));
        if (!definitions.ok()) {
            return run.definitionRejected(Stage.VALIDATE, definitions.problems().stream().map(Object::toString)
                    .toList());
        }
        run.passed(Stage.VALIDATE, () -> submission.files().size() + " source file(s)");
        List<String> refusals = backend.refusals(exercise);
        if (!refusals.isEmpty()) {
            // Refused before anything is compiled or created, rather than half-created.
            return run.brokenExercise(Stage.PROVISION, "the " + backend.name() + " backend will not grade "
                    + exercise.id() + ": " + String.join(" ", refusals));
        }

        CompileResult checks = run.timed(Stage.COMPILE, () -> checkCompiler.compile(exercise, workDir.resolve("checks")));
        if (!checks.success()) {
            return run.brokenExercise(Stage.COMPILE, "the exercise's checks do not compile: "
                    + checks.diagnostics().stream().map(Object::toString).toList());
        }
        SdkModules sdk = SdkModules.of(sdkOf.apply(exercise));
        Build build = run.timed(Stage.COMPILE, () -> builder.build(submission, sdk,
                JavaRelease.of(exercise.runtime()), workDir.resolve("submission")));
        if (!build.success()) {
            return run.compileFailed(build.compile().diagnostics().stream().map(Object::toString).toList());
        }
        run.stageDone(Stage.COMPILE, Status.PASSED, "compiled " + submission.files().size() + " file(s)");
        run.passed(Stage.PACKAGE, () -> "deployment zip of " + size(build.deploymentZip().length));

        Duration longest = Duration.ofSeconds(exercise.longestTimeout() + 30L);
        // Everything of this grading lives in an account of its own; its handler gets credentials for it alone.
        AwsClients aws = new AwsClients(backend, accounts.get());
        try (LambdaClient lambda = aws.lambda(longest);
             Provisioner provisioner = new Provisioner(aws, backend.naming())) {
            ProvisionedResources resources = run.timed(Stage.PROVISION, () -> provisioner.provision(exercise,
                    backend::gradingStarted));
            run.stageDone(Stage.PROVISION, Status.PASSED, resources.summary());
            List<String> deleted = new ArrayList<>();
            try {
                deployAndCheck(exercise, new LearnerFiles(submission.files()), definitions, build, checks, sdk, run,
                        aws, lambda, provisioner, resources, deleted);
            } finally {
                // Resources outlive a failed deploy or crashed checks too; deleting them never changes the verdict.
                deleted.add(run.timed(Stage.TEARDOWN, () -> provisioner.teardown(resources)));
                backend.gradingFinished(resources.gradingId());
                run.stageDone(Stage.TEARDOWN, Status.PASSED, String.join(", ", deleted));
            }
        }
        return run.report();
    }

    private void deployAndCheck(Exercise exercise, LearnerFiles learnerFiles, LearnerDefinitions definitions,
                                Build build, CompileResult checks, SdkModules sdk, GradingRun run, AwsClients aws,
                                LambdaClient lambda, Provisioner provisioner, ProvisionedResources resources,
                                List<String> deleted) {
        Duration longest = Duration.ofSeconds(exercise.longestTimeout() + 30L);
        FunctionDeployer deployer = new FunctionDeployer(lambda, backend.platformLog(), backend.rolePropagation());
        SdkLayer layer = sdk.isEmpty() ? null : run.timed(Stage.DEPLOY, () -> platformLayer(sdk));
        List<String> layers = layer == null ? List.of() : List.of(layer.layerVersionArn());
        DeployedFunctions functions = run.timed(Stage.DEPLOY, () -> deployer.deployAll(exercise,
                build.deploymentZip(), spec -> resources.functionSettings(spec, layers)));
        try (SdkClients clients = new SdkClients(aws)) {
            Optional<DefinitionRejectedException> rejected = run.timed(Stage.DEPLOY, () -> {
                try {
                    provisioner.connect(resources, exercise, functions, definitions.definitions());
                    return Optional.empty();
                } catch (DefinitionRejectedException e) {
                    return Optional.of(e);
                }
            });
            if (rejected.isPresent()) {
                run.definitionRejected(Stage.DEPLOY, List.of(rejected.get().diagnostic().toString()));
                return;
            }
            run.stageDone(Stage.DEPLOY, Status.PASSED, functions.describe() + " on " + backend.name()
                    + (layer == null ? "" : "; " + layer.detail())
                    + resources.apiDescription().map(api -> "; " + api).orElse(""));
            CheckContext context = CheckHelpers.offerTo(clients.offerTo(CheckContext.of(functions)), resources)
                    .with(Resources.class, resources)
                    .with(LearnerFiles.class, learnerFiles)
                    .withSupplier(EmulatorTime.class, () -> backend.time().orElseThrow(() ->
                            new UnsupportedOperationException("the " + backend.name() + " backend has no clock "
                                    + "checks can move; grade with Serverless Lab's emulator")))
                    .withInvocationLog(functions::invocationLog);
            CheckContext withLogs = context;
            functions.all().values().forEach(function -> function.readLogsWith(() ->
                    (CloudWatchLogsClient) withLogs.parameter(CloudWatchLogsClient.class).orElseThrow()));
            if (resources.apiUrl().isPresent()) {
                context = context.with(ApiClient.class, new ApiClient(URI.create(resources.apiUrl().get()), longest));
            }
            CheckContext checkContext = context;
            try {
                List<CheckResult> results = run.timed(Stage.CHECK, () ->
                        checkRunner.run(checks.classesDir(), checkContext, longest, run.listener()));
                run.checksDone(results);
            } finally {
                CloudWatchLogsClient logsClient = (CloudWatchLogsClient) checkContext
                        .parameter(CloudWatchLogsClient.class).orElseThrow();
                boolean invokedOtherwise = resources.apiUrl().isPresent()
                        || !exercise.resources().events().isEmpty();
                functions.all().forEach((logical, function) -> {
                    FunctionLogs.Collected logs = FunctionLogs.collect(function, logsClient, invokedOtherwise);
                    List<String> lines = new ArrayList<>(logs.logs());
                    if (!functions.single()) {
                        // Several functions' logs in one report: say whose each block is, as the console's log
                        // groups do.
                        lines.add(0, "=== " + logical + " (/aws/lambda/" + function.name() + ") ===");
                    }
                    run.invocations(lines, logs.reportLines());
                });
            }
        } finally {
            List<String> problems = run.timed(Stage.TEARDOWN, () -> deployer.removeAll(functions));
            deleted.add(problems.isEmpty() ? "deleted " + String.join(", ", functions.all().values().stream()
                    .map(LambdaFunction::name).toList()) : String.join("; ", problems));
        }
    }

    /** The SDK layer, published and shared from the platform's account, which no grading can act in. */
    private SdkLayer platformLayer(SdkModules sdk) {
        try (LambdaClient platform = new AwsClients(backend, backend.platformAccount()).lambda(PUBLISH_TIMEOUT)) {
            // Shared with every account only where gradings have accounts of their own; in a real AWS account the
            // gradings act in the platform's own account, and a grant to "*" would make the layer public.
            return layers.layerFor(sdk, platform, backend.endpoint().toString(), !backend.naming().tagged());
        }
    }

    private static String size(int bytes) {
        return bytes < 10 * 1024 ? bytes + " bytes" : bytes / 1024 + " KB";
    }

    private static Path createWorkDir() {
        try {
            return Files.createTempDirectory("lab-grading-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a working directory for grading", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temp directory is harmless; the report matters more.
        }
    }
}
