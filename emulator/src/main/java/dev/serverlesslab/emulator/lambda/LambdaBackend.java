package dev.serverlesslab.emulator.lambda;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.ClockTimer;
import dev.serverlesslab.emulator.core.EmulatorClock;
import dev.serverlesslab.emulator.core.Targets;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.lambda.async.Destinations;
import dev.serverlesslab.emulator.lambda.async.EventInvokeConfigs;
import dev.serverlesslab.emulator.lambda.runtime.EnvironmentPool;
import dev.serverlesslab.emulator.lambda.runtime.FunctionCredentials;
import dev.serverlesslab.emulator.lambda.runtime.InvocationResult;
import dev.serverlesslab.emulator.lambda.runtime.InvokeInput;
import dev.serverlesslab.emulator.lambda.runtime.LogEvent;
import dev.serverlesslab.emulator.lambda.runtime.RuntimeJvms;
import dev.serverlesslab.emulator.lambda.runtime.RuntimeSettings;
import dev.serverlesslab.emulator.lambda.runtime.Sandbox;
import dev.serverlesslab.emulator.lambda.runtime.WarmEnvironments;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Lambda's state and rules, per account and region: functions, their code and environments, invocations and logs.
 */
public final class LambdaBackend implements AutoCloseable {

    /** Lambda's limit for a synchronous invocation's payload (6 MiB). */
    static final int MAX_SYNC_PAYLOAD_BYTES = 6_291_456;
    /** Lambda's limit for an asynchronous (Event) invocation's payload (1 MiB since 2025; it was 256 KB). */
    static final int MAX_ASYNC_PAYLOAD_BYTES = 1_048_576;
    /** Lambda reclaims environments nobody used for a while; a JVM held idle costs the student's RAM. */
    static final Duration IDLE_LIMIT = Duration.ofMinutes(10);

    private final Path functionsDir;
    private final RuntimeJvms jvms;
    private final ExecutionRoles roles;
    /**
     * How many pre-warmed execution environments may wait for functions ({@link WarmEnvironments}); 0 starts every
     * environment for its function, as before they existed. One per core unless set.
     */
    public static final String PREWARMED_PROPERTY = "serverlesslab.prewarmedEnvironments";

    /** Null when pre-warming is off. */
    private final WarmEnvironments warm;
    private final ExecutorService runtimeApiThreads = Executors.newCachedThreadPool(daemon("lambda-runtime-api"));
    private final ExecutorService asyncThreads = Executors.newCachedThreadPool(daemon("lambda-async"));
    private final ScheduledExecutorService housekeeping =
            Executors.newSingleThreadScheduledExecutor(daemon("lambda-housekeeping"));
    private final FunctionRegistry registry;
    private final LayerStore layers;
    private final FunctionAliases aliases;
    private final FunctionConcurrency concurrency;
    private final FunctionPermissions permissions;
    private final FunctionTags tags;
    private final EventQueue events;
    private final EmulatorClock clock;
    private final ClockTimer asyncTimer;
    private final EventInvokeConfigs invokeConfigs;
    private final Destinations destinations;
    private final CodeObjects codeObjects;
    private final Set<EnvironmentPool> drained = ConcurrentHashMap.newKeySet();

    /**
     * A backend whose functions call AWS with LocalStack-style credentials for their account.
     *
     * @param functionsDir where each function's code and environment directories go
     * @param sandbox what confines each execution environment
     */
    public LambdaBackend(Path functionsDir, RuntimeSettings settings, Sandbox sandbox) {
        this(functionsDir, RuntimeJvms.discover(settings), FunctionCredentials::localStack, sandbox);
    }

    /**
     * @param functionsDir where each function's code and environment directories go
     * @param jvms which JDK each runtime's environments start on
     * @param credentials the credentials a function of the given account id gets in its environment
     * @param sandbox what confines each execution environment
     */
    public LambdaBackend(Path functionsDir, RuntimeJvms jvms, Function<String, FunctionCredentials> credentials,
            Sandbox sandbox) {
        this(functionsDir, jvms, credentials, ExecutionRoles.UNCHECKED, new Targets(), CodeObjects.NONE, sandbox);
    }

    /**
     * @param functionsDir where each function's code and environment directories go
     * @param jvms which JDK each runtime's environments start on
     * @param credentials the credentials a function of the given account id gets in its environment
     * @param roles which execution roles Lambda can assume (the emulator's IAM)
     * @param targets the other services asynchronous outcomes can be sent to (SQS, SNS, EventBridge destinations)
     * @param codeObjects where code given as {@code S3Bucket}/{@code S3Key} is read (the emulator's S3)
     * @param sandbox what confines each execution environment (the emulator's, from its {@code EmulatorConfig})
     */
    public LambdaBackend(Path functionsDir, RuntimeJvms jvms, Function<String, FunctionCredentials> credentials,
            ExecutionRoles roles, Targets targets, CodeObjects codeObjects, Sandbox sandbox) {
        this(functionsDir, jvms, credentials, roles, targets, codeObjects, sandbox, new EmulatorClock());
    }

    /**
     * @param functionsDir where each function's code and environment directories go
     * @param jvms which JDK each runtime's environments start on
     * @param credentials the credentials a function of the given account id gets in its environment
     * @param roles which execution roles Lambda can assume (the emulator's IAM)
     * @param targets the other services asynchronous outcomes can be sent to (SQS, SNS, EventBridge destinations)
     * @param codeObjects where code given as {@code S3Bucket}/{@code S3Key} is read (the emulator's S3)
     * @param sandbox what confines each execution environment (the emulator's, from its {@code EmulatorConfig})
     * @param clock the emulator's clock: Event invocations' retry delays, throttling back-off and maximum event age
     *     run on it, so a grader advancing it need not wait Lambda's minutes
     */
    public LambdaBackend(Path functionsDir, RuntimeJvms jvms, Function<String, FunctionCredentials> credentials,
            ExecutionRoles roles, Targets targets, CodeObjects codeObjects, Sandbox sandbox, EmulatorClock clock) {
        this.clock = clock;
        this.asyncTimer = new ClockTimer(clock, "lambda-async-retries");
        this.destinations = new Destinations((scope, arn, record) ->
                invoke(scope, new InvokeRequest(arn, null, InvocationType.Event, record, null)), targets);
        this.invokeConfigs = new EventInvokeConfigs(destinations);
        this.functionsDir = functionsDir;
        this.jvms = jvms;
        this.roles = roles;
        // Beside the account directories, whose names are 12 digits.
        this.layers = new LayerStore(functionsDir.resolve("layers"), codeObjects);
        this.codeObjects = codeObjects;
        int prewarmed = Integer.getInteger(PREWARMED_PROPERTY, WarmEnvironments.defaultCapacity());
        this.warm = prewarmed <= 0 ? null
                : new WarmEnvironments(runtimeApiThreads, functionsDir.resolve("prewarmed"), prewarmed, sandbox);
        this.registry = new FunctionRegistry(jvms, sandbox, runtimeApiThreads, warm, layers, credentials);
        this.aliases = new FunctionAliases(registry);
        this.concurrency = new FunctionConcurrency(registry);
        this.permissions = new FunctionPermissions(registry);
        this.tags = new FunctionTags(registry);
        this.events = new EventQueue(asyncThreads, asyncTimer);
        housekeeping.scheduleWithFixedDelay(this::reapIdle, 1, 1, TimeUnit.MINUTES);
    }

    public FunctionConfiguration createFunction(AccountRegion scope, CreateFunctionRequest request) {
        FunctionRules.validate(request);
        requireJdk(request.runtime());
        requireAssumable(scope, request.role());
        if (request.deadLetterConfig() != null) {
            destinations.checkDeadLetterTarget(request.deadLetterConfig().targetArn());
        }
        FunctionLogging.resolve(request.loggingConfig(), null, request.functionName());
        String name = request.functionName();
        ConcurrentMap<String, LambdaFunction> region = registry.region(scope);
        if (region.containsKey(name)) {
            throw LambdaErrors.functionExists(name);
        }
        List<FunctionConfiguration.LayerReference> layerReferences = layers.resolve(scope, request.layers());
        Path directory = functionsDir.resolve(scope.accountId()).resolve(scope.region())
                .resolve(name + "-" + UUID.randomUUID().toString().substring(0, 8));
        Path taskRoot = directory.resolve("task");
        CreateFunctionRequest.FunctionCode source = request.code();
        byte[] zip = codeObjects.zip(scope, source.zipFile(), source.s3Bucket(), source.s3Key(),
                source.s3ObjectVersion());
        CodeArchive.Unpacked code;
        try {
            code = CodeArchive.unpack(zip, taskRoot);
        } catch (RuntimeException e) {
            CodeArchive.deleteQuietly(directory);
            throw e;
        }
        String arn = "arn:aws:lambda:" + scope.region() + ":" + scope.accountId() + ":function:" + name;
        FunctionConfiguration pending = FunctionChanges.created(request, arn, code).withLayers(layerReferences)
                .withRuntimeVersion(registry.runtimeVersion(scope, request.runtime()));
        Deployment latest = registry.deploy(scope, pending, taskRoot, directory.resolve("environments"));
        LambdaFunction function = new LambdaFunction(latest, request.tags() == null ? Map.of() : request.tags(),
                directory);
        if (region.putIfAbsent(name, function) != null) {
            latest.environments().close();
            CodeArchive.deleteQuietly(directory);
            throw LambdaErrors.functionExists(name);
        }
        // The code is unpacked before we answer, so the function is Active by the time a waiter first asks;
        // the answer itself says Pending, as CreateFunction's always does.
        function.activate();
        latest.environments().prewarm();
        if (Boolean.TRUE.equals(request.publish())) {
            publishVersion(scope, name, new PublishVersionRequest(null, null, null));
        }
        return pending;
    }

    /** New code for $LATEST: later invocations run it, warm environments of the old code stop. */
    public FunctionConfiguration updateFunctionCode(AccountRegion scope, String functionName,
            UpdateFunctionCodeRequest request) {
        LambdaFunction function = registry.function(scope, functionName);
        byte[] zip = codeObjects.zip(scope, request.zipFile(), request.s3Bucket(), request.s3Key(),
                request.s3ObjectVersion());
        synchronized (function) {
            FunctionChanges.checkRevision(request.revisionId(), function.configuration());
            Path taskRoot = function.newDirectory("task");
            CodeArchive.Unpacked code = CodeArchive.unpack(zip, taskRoot);
            FunctionConfiguration pending = FunctionChanges.code(function.configuration(), code);
            replaceLatest(scope, function, pending, taskRoot);
            if (Boolean.TRUE.equals(request.publish())) {
                return publishVersion(scope, functionName, new PublishVersionRequest(null, null, null));
            }
            return pending;
        }
    }

    /** New settings for $LATEST: later invocations run with them, warm environments of the old ones stop. */
    public FunctionConfiguration updateFunctionConfiguration(AccountRegion scope, String functionName,
            UpdateFunctionConfigurationRequest request) {
        LambdaFunction function = registry.function(scope, functionName);
        synchronized (function) {
            FunctionChanges.checkRevision(request.revisionId(), function.configuration());
            FunctionConfiguration pending = FunctionChanges.configuration(function.configuration(), request);
            requireJdk(pending.runtime());
            if (request.role() != null) {
                requireAssumable(scope, pending.role());
            }
            if (request.deadLetterConfig() != null) {
                destinations.checkDeadLetterTarget(request.deadLetterConfig().targetArn());
            }
            pending = pending.withRuntimeVersion(registry.runtimeVersion(scope, pending.runtime()));
            if (request.layers() != null) {
                pending = pending.withLayers(layers.resolve(scope, request.layers()));
            }
            replaceLatest(scope, function, pending, function.latest().taskRoot());
            return pending;
        }
    }

    /** Publishes $LATEST as an immutable, numbered version with environments of its own. */
    public FunctionConfiguration publishVersion(AccountRegion scope, String functionName,
            PublishVersionRequest request) {
        LambdaFunction function = registry.function(scope, functionName);
        String codeSha256 = request.codeSha256();
        String description = request.description();
        synchronized (function) {
            FunctionConfiguration latest = function.configuration();
            FunctionChanges.checkRevision(request.revisionId(), latest);
            if (codeSha256 != null && !codeSha256.equals(latest.codeSha256())) {
                throw LambdaErrors.invalidParameter("CodeSHA256 (" + codeSha256 + ") is different from current "
                        + "CodeSHA256 in $LATEST (" + latest.codeSha256() + "). Please try again");
            }
            Path taskRoot = function.latest().taskRoot();
            return function.publish(number -> registry.deploy(scope,
                    FunctionChanges.version(latest, number, description), taskRoot,
                    function.newDirectory("environments-v" + number))).configuration();
        }
    }

    /** $LATEST first, then the published versions in order. */
    public List<FunctionConfiguration> listVersions(AccountRegion scope, String functionName) {
        return registry.function(scope, functionName).deployments().stream().map(Deployment::configuration).toList();
    }

    public FunctionDetails getFunction(AccountRegion scope, String functionName, String qualifier) {
        LambdaFunction function = registry.function(scope, FunctionRef.parse(functionName, qualifier).name());
        return new FunctionDetails(registry.find(scope, functionName, qualifier).configuration(), function.tags());
    }

    public FunctionConfiguration getFunctionConfiguration(AccountRegion scope, String functionName,
            String qualifier) {
        return registry.find(scope, functionName, qualifier).configuration();
    }

    /** ListFunctions with {@code FunctionVersion=ALL}: every function's $LATEST followed by its published versions. */
    public List<FunctionConfiguration> listFunctionVersions(AccountRegion scope) {
        return registry.region(scope).values().stream()
                .sorted(Comparator.comparing(function -> function.configuration().functionName()))
                .flatMap(function -> function.deployments().stream().map(Deployment::configuration))
                .toList();
    }

    public List<FunctionConfiguration> listFunctions(AccountRegion scope) {
        return registry.region(scope).values().stream()
                .map(LambdaFunction::configuration)
                .sorted(Comparator.comparing(FunctionConfiguration::functionName))
                .toList();
    }

    /** Deletes the function with all its versions, or with a version number as qualifier only that version. */
    public void deleteFunction(AccountRegion scope, String functionName, String qualifier) {
        FunctionRef ref = FunctionRef.parse(functionName, qualifier);
        if (!ref.latest()) {
            deleteVersion(scope, ref);
            return;
        }
        LambdaFunction function = registry.region(scope).remove(ref.name());
        if (function == null) {
            throw LambdaErrors.functionNotFound(ref.arn(scope.region(), scope.accountId()));
        }
        function.deployments().forEach(deployment -> deployment.environments().close());
        invokeConfigs.forget(scope, ref.name());
        asyncThreads.execute(() -> CodeArchive.deleteQuietly(function.directory()));
    }

    public InvokeResponse invoke(AccountRegion scope, InvokeRequest request) {
        Deployment deployment = registry.find(scope, request.functionName(), request.qualifier());
        EnvironmentPool environments = deployment.environments();
        String version = deployment.configuration().version();
        String requestId = UUID.randomUUID().toString();
        byte[] payload = request.payload();
        // Context.getInvokedFunctionArn() is the ARN the caller used, alias or version included.
        String invokedArn = FunctionRef.parse(request.functionName(), request.qualifier())
                .arn(scope.region(), scope.accountId());
        switch (request.invocationType()) {
            case DryRun:
                return new InvokeResponse(204, requestId, new byte[0], null, null, null);
            case Event:
                if (payload.length > MAX_ASYNC_PAYLOAD_BYTES) {
                    throw LambdaErrors.requestTooLarge("Request must be smaller than " + MAX_ASYNC_PAYLOAD_BYTES
                            + " bytes for the InvokeAsync operation");
                }
                InvokeInput event = new InvokeInput(requestId, payload, request.clientContext(), invokedArn);
                LambdaFunction target = registry.function(scope, request.functionName());
                FunctionRef called = FunctionRef.parse(request.functionName(), request.qualifier());
                String baseArn = "arn:aws:lambda:" + scope.region() + ":" + scope.accountId() + ":function:"
                        + called.name();
                events.submit(target, environments, event, new AsyncEvent(scope, baseArn + ":" + version,
                        version, invokeConfigs.find(scope, called.name(), called.latest() ? null : called.qualifier()),
                        destinations, deployment.configuration().deadLetterTarget(), clock.instant()));
                return new InvokeResponse(202, requestId, new byte[0], null, null, null);
            default:
                if (payload.length > MAX_SYNC_PAYLOAD_BYTES) {
                    throw LambdaErrors.tooLarge("Request must be smaller than " + MAX_SYNC_PAYLOAD_BYTES
                            + " bytes for the InvokeFunction operation");
                }
                LambdaFunction function = registry.function(scope, request.functionName());
                FunctionConcurrency.start(function);
                InvocationResult result;
                try {
                    result = environments.invoke(new InvokeInput(requestId, payload, request.clientContext(),
                            invokedArn));
                } catch (AwsException e) {
                    throw FunctionConcurrency.withReason(e);
                } finally {
                    function.finish();
                }
                return new InvokeResponse(200, requestId, result.payload(), result.failed() ? "Unhandled" : null,
                        result.logText(), version);
        }
    }

    /** Everything the function's environments logged, oldest first; kept after the function is deleted. */
    public List<LogEvent> logEvents(AccountRegion scope, String functionName) {
        return registry.logEvents(scope, functionName);
    }

    /** The events of one CloudWatch Logs group that functions of the region wrote, oldest first. */
    public List<LogEvent> logEventsInGroup(AccountRegion scope, String logGroup) {
        return registry.logEventsInGroup(scope, logGroup);
    }

    /** The log groups functions of the region write or wrote to. */
    public Set<String> logGroups(AccountRegion scope) {
        return registry.logGroups(scope);
    }

    /**
     * The lines Lambda's platform wrote for the function (START, END, REPORT, timeout and exit lines), oldest first:
     * a channel the function's code cannot write to, for in-process callers such as the embedded grader. It never
     * reaches the wire; CloudWatch Logs shows these lines mixed with the function's output, as AWS does.
     */
    public List<LogEvent> platformEvents(AccountRegion scope, String functionName) {
        return registry.platformEvents(scope, functionName);
    }

    /** Put/Update/Get/Delete/ListFunctionEventInvokeConfig(s): how Event invocations are retried and reported. */
    public EventInvokeConfigs eventInvokeConfigs() {
        return invokeConfigs;
    }

    /** CreateAlias, GetAlias, UpdateAlias, DeleteAlias and ListAliases. */
    public FunctionAliases aliases() {
        return aliases;
    }

    /** PublishLayerVersion, GetLayerVersion, ListLayerVersions and DeleteLayerVersion. */
    public LayerStore layers() {
        return layers;
    }

    /** PutFunctionConcurrency, GetFunctionConcurrency and DeleteFunctionConcurrency. */
    public FunctionConcurrency concurrency() {
        return concurrency;
    }

    /** TagResource, UntagResource and ListTags. */
    public FunctionTags tags() {
        return tags;
    }

    /** AddPermission, GetPolicy and RemovePermission. */
    public FunctionPermissions permissions() {
        return permissions;
    }

    /** Process ids of a function's running environments, for diagnostics. */
    public List<Long> environmentPids(AccountRegion scope, String functionName) {
        LambdaFunction function = registry.region(scope).get(functionName);
        return function == null ? List.of() : function.deployments().stream()
                .flatMap(deployment -> deployment.environments().pids().stream())
                .toList();
    }

    /**
     * The emulator's clock, which Event invocations' retries and maximum age and queue mappings' batching windows run
     * on.
     */
    public EmulatorClock clock() {
        return clock;
    }

    /**
     * Starts a waiting environment for functions of this runtime, memory and timeout without layers, ahead of the
     * first one ({@link WarmEnvironments#prepare}); nothing when environments are not pre-warmed or no JDK runs the
     * runtime (its CreateFunction will say so).
     */
    public void prepareEnvironment(String runtime, int memoryMb, int timeoutSeconds) {
        if (warm == null) {
            return;
        }
        RuntimeSettings settings;
        try {
            settings = jvms.settings(runtime);
        } catch (IllegalStateException noJdk) {
            return;
        }
        warm.prepare(runtime, memoryMb, timeoutSeconds, settings);
    }

    @Override
    public void close() {
        housekeeping.shutdownNow();
        registry.all().forEach(f -> f.deployments().forEach(deployment -> deployment.environments().close()));
        drained.forEach(EnvironmentPool::close);
        drained.clear();
        registry.clear();
        asyncTimer.close();
        asyncThreads.shutdownNow();
        if (warm != null) {
            warm.close();
        }
        runtimeApiThreads.shutdownNow();
        jvms.close();
    }

    /** AWS's answer when Lambda cannot assume the execution role: it does not exist here, or does not trust Lambda. */
    private void requireAssumable(AccountRegion scope, String role) {
        if (!roles.assumable(scope.accountId(), role)) {
            throw LambdaErrors.invalidParameter("The role defined for the function cannot be assumed by Lambda.");
        }
    }

    /** A runtime no JDK here can run is refused up front, saying how to install one, not failed at each invoke. */
    private void requireJdk(String runtime) {
        jvms.runtimes().missing(runtime).ifPresent(message -> {
            throw LambdaErrors.invalidParameter(message);
        });
    }

    /** Deletes one published version, unless an alias still sends invocations to it. */
    private void deleteVersion(AccountRegion scope, FunctionRef ref) {
        Integer number = FunctionRegistry.versionNumber(ref.qualifier());
        LambdaFunction function = registry.function(scope, ref.name());
        synchronized (function) {
            List<String> users = function.aliases().stream()
                    .filter(alias -> FunctionAliases.versions(alias).contains(ref.qualifier()))
                    .map(AliasConfiguration::name)
                    .toList();
            if (!users.isEmpty()) {
                throw LambdaErrors.conflict("Unable to delete version " + ref.qualifier() + " of " + ref.name()
                        + " because alias " + String.join(", ", users) + " still points to it; update or delete "
                        + "the alias first");
            }
            Deployment version = number == null ? null : function.removeVersion(number);
            if (version == null) {
                throw LambdaErrors.functionNotFound(ref.arn(scope.region(), scope.accountId()));
            }
            version.environments().close();
        }
    }

    /** Swaps in new $LATEST environments; the old ones finish what they run and stop. */
    private void replaceLatest(AccountRegion scope, LambdaFunction function, FunctionConfiguration pending,
            Path taskRoot) {
        Deployment next = registry.deploy(scope, pending, taskRoot, function.newDirectory("environments"));
        EnvironmentPool replaced = function.replaceLatest(next).environments();
        replaced.drain();
        // Remembered so close() also ends an environment still finishing an invocation of the replaced code.
        drained.add(replaced);
        function.activate();
        next.environments().prewarm();
    }

    private void reapIdle() {
        reapIdle(IDLE_LIMIT);
    }

    /** Stops every environment idle for longer than {@code limit}; package-private so tests need not wait minutes. */
    int reapIdle(Duration limit) {
        return registry.all().flatMap(f -> f.deployments().stream())
                .mapToInt(deployment -> deployment.environments().reapIdle(limit))
                .sum();
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
