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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

    /** Off ({@code -Dserverlesslab.provisionBesideCompile=0}) only to measure what it saves. */
    private static final boolean BESIDE = !"0".equals(System.getProperty("serverlesslab.provisionBesideCompile"));

    /**
     * Threads for what a grading does beside its compiler (the backend's answer, provisioning): as many as gradings
     * run at once, daemons, so they never hold a JVM open.
     */
    private static final ExecutorService BESIDE_COMPILE = Executors.newCachedThreadPool(work -> {
        Thread thread = new Thread(work, "grading-beside-compile");
        thread.setDaemon(true);
        return thread;
    });

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
        Duration longest = Duration.ofSeconds(exercise.longestTimeout() + 30L);
        // The backend's answer and, on an emulator, the grading's resources are made on another thread while this
        // one compiles: an emulator still starting (the first grading after 'lab serve') and provisioning then
        // overlap the compiler instead of coming before or after it. Neither needs anything compiled.
        CompletableFuture<List<String>> refusals = CompletableFuture.supplyAsync(() -> backend.refusals(exercise),
                BESIDE_COMPILE);
        CompletableFuture<Provisioned> early = refusals.thenApplyAsync(refused -> refused.isEmpty() && BESIDE
                && backend.provisionsWhileCompiling() ? provision(exercise, longest) : null, BESIDE_COMPILE);
        if (!BESIDE) {
            early.exceptionally(failed -> null).join(); // the order before: the backend's answer, then compiling
        }
        boolean taken = false;
        try {
            CompileResult checks = run.timed(Stage.COMPILE, () -> checkCompiler.compile(exercise,
                    workDir.resolve("checks")));
            SdkModules sdk = SdkModules.of(sdkOf.apply(exercise));
            Build build = !checks.success() ? null : run.timed(Stage.COMPILE, () -> builder.build(submission, sdk,
                    JavaRelease.of(exercise.runtime()), workDir.resolve("submission")));
            // A backend that could not start answers no refusals here; its failure is thrown where provisioning
            // takes what was made beside the compiler, as an error of that stage, unless the learner's code did not
            // compile, which is the verdict either way.
            List<String> refused = refusals.handle((answer, failed) -> answer == null ? List.<String>of() : answer)
                    .join();
            if (!refused.isEmpty()) {
                // Told before any compile result: the exercise cannot be graded here whatever the learner wrote.
                return run.brokenExercise(Stage.PROVISION, "the " + backend.name() + " backend will not grade "
                        + exercise.id() + ": " + String.join(" ", refused));
            }
            if (!checks.success()) {
                return run.brokenExercise(Stage.COMPILE, "the exercise's checks do not compile: "
                        + checks.diagnostics().stream().map(Object::toString).toList());
            }
            if (!build.success()) {
                return run.compileFailed(build.compile().diagnostics().stream().map(Object::toString).toList());
            }
            run.stageDone(Stage.COMPILE, Status.PASSED, "compiled " + submission.files().size() + " file(s)");
            run.passed(Stage.PACKAGE, () -> "deployment zip of " + size(build.deploymentZip().length));

            Provisioned provisioned = run.timed(Stage.PROVISION, () -> Optional.ofNullable(join(early))
                    .orElseGet(() -> provision(exercise, longest)));
            taken = true;
            try (provisioned) {
                // Its own time, though it ran beside the compiler: the report says what provisioning costs.
                run.tookElsewhere(Stage.PROVISION, provisioned.nanos());
                ProvisionedResources resources = provisioned.resources();
                run.stageDone(Stage.PROVISION, Status.PASSED, resources.summary());
                List<String> deleted = new ArrayList<>();
                try {
                    deployAndCheck(exercise, new LearnerFiles(submission.files()), definitions, build, checks, sdk,
                            run, provisioned.aws(), provisioned.lambda(), provisioned.provisioner(), resources,
                            deleted);
                } finally {
                    // Resources outlive a failed deploy or crashed checks too; deleting them never changes the
                    // verdict.
                    deleted.add(run.timed(Stage.TEARDOWN, () -> tearDown(provisioned)));
                    run.stageDone(Stage.TEARDOWN, Status.PASSED, String.join(", ", deleted));
                }
            }
            return run.report();
        } finally {
            if (!taken) {
                discard(early);
            }
        }
    }

    /**
     * Deletes what was provisioned beside the compiler for a grading that ended before deploying (it did not
     * compile, or the exercise was refused): waited for, so that a one-shot 'lab grade' against an endpoint leaves
     * nothing behind when its JVM exits. Provisioning usually ends before the compiler does.
     */
    private void discard(CompletableFuture<Provisioned> early) {
        Provisioned provisioned;
        try {
            provisioned = early.join();
        } catch (CompletionException | java.util.concurrent.CancellationException failed) {
            return; // provisioning failed and deleted what it had made; nothing is left
        }
        if (provisioned != null) {
            try (provisioned) {
                tearDown(provisioned);
            }
        }
    }

    /** Deletes what the grading provisioned and tells the backend the grading is over; says what was done. */
    private String tearDown(Provisioned provisioned) {
        String deleted = provisioned.provisioner().teardown(provisioned.resources());
        backend.gradingFinished(provisioned.resources().gradingId());
        return deleted;
    }

    /**
     * A grading's resources with the clients that made them: in its own account, whose handler gets credentials
     * for it alone. Closing closes the clients, not the resources ({@link Provisioner#teardown} deletes those).
     *
     * @param nanos how long provisioning took
     */
    private record Provisioned(AwsClients aws, LambdaClient lambda, Provisioner provisioner,
                               ProvisionedResources resources, long nanos) implements AutoCloseable {

        @Override
        public void close() {
            try (lambda; provisioner) {
                // both closed, the provisioner's clients first
            }
        }
    }

    /** Creates everything the exercise declares in a fresh account; the clients are closed again if it fails. */
    private Provisioned provision(Exercise exercise, Duration longest) {
        long start = System.nanoTime();
        AwsClients aws = new AwsClients(backend, accounts.get());
        LambdaClient lambda = aws.lambda(longest);
        Provisioner provisioner = new Provisioner(aws, backend.naming());
        try {
            ProvisionedResources resources = provisioner.provision(exercise, backend::gradingStarted);
            return new Provisioned(aws, lambda, provisioner, resources, System.nanoTime() - start);
        } catch (RuntimeException e) {
            try (lambda; provisioner) {
                throw e;
            }
        }
    }

    /** The future's value, or what it failed with as thrown there (a RuntimeException or an Error). */
    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
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
