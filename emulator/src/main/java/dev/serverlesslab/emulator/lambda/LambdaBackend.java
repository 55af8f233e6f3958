package dev.serverlesslab.emulator.lambda;

import dev.serverlesslab.emulator.http.AccountRegion;
import dev.serverlesslab.emulator.lambda.runtime.EnvironmentPool;
import dev.serverlesslab.emulator.lambda.runtime.FunctionLog;
import dev.serverlesslab.emulator.lambda.runtime.FunctionSpec;
import dev.serverlesslab.emulator.lambda.runtime.InvocationResult;
import dev.serverlesslab.emulator.lambda.runtime.InvokeInput;
import dev.serverlesslab.emulator.lambda.runtime.LogEvent;
import dev.serverlesslab.emulator.lambda.runtime.RuntimeSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Lambda's state and rules, per account and region: functions, their code and environments, invocations and logs.
 */
public final class LambdaBackend implements AutoCloseable {

    /** Lambda's limit for a synchronous invocation's payload (6 MiB). */
    static final int MAX_SYNC_PAYLOAD_BYTES = 6_291_456;
    /** Lambda reclaims environments nobody used for a while; a JVM held idle costs the student's RAM. */
    static final Duration IDLE_LIMIT = Duration.ofMinutes(10);
    private static final DateTimeFormatter LAST_MODIFIED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private final Path functionsDir;
    private final RuntimeSettings settings;
    private final ConcurrentMap<AccountRegion, ConcurrentMap<String, LambdaFunction>> functions =
            new ConcurrentHashMap<>();
    /** Log groups outlive their functions, as in CloudWatch Logs. */
    private final ConcurrentMap<AccountRegion, ConcurrentMap<String, FunctionLog>> logs = new ConcurrentHashMap<>();
    private final ExecutorService runtimeApiThreads = Executors.newCachedThreadPool(daemon("lambda-runtime-api"));
    private final ExecutorService asyncThreads = Executors.newCachedThreadPool(daemon("lambda-async"));
    private final ScheduledExecutorService housekeeping =
            Executors.newSingleThreadScheduledExecutor(daemon("lambda-housekeeping"));

    /**
     * @param functionsDir where each function's code and environment directories go
     */
    public LambdaBackend(Path functionsDir, RuntimeSettings settings) {
        this.functionsDir = functionsDir;
        this.settings = settings;
        housekeeping.scheduleWithFixedDelay(this::reapIdle, 1, 1, TimeUnit.MINUTES);
    }

    public FunctionConfiguration createFunction(AccountRegion scope, CreateFunctionRequest request) {
        FunctionRules.validate(request);
        String name = request.functionName();
        ConcurrentMap<String, LambdaFunction> region = region(scope);
        if (region.containsKey(name)) {
            throw LambdaErrors.functionExists(name);
        }
        Path directory = functionsDir.resolve(scope.accountId()).resolve(scope.region())
                .resolve(name + "-" + UUID.randomUUID().toString().substring(0, 8));
        Path taskRoot = directory.resolve("task");
        CodeArchive.Unpacked code;
        try {
            code = CodeArchive.unpack(request.code().zipFile(), taskRoot);
        } catch (RuntimeException e) {
            deleteQuietly(directory);
            throw e;
        }
        String arn = "arn:aws:lambda:" + scope.region() + ":" + scope.accountId() + ":function:" + name;
        FunctionConfiguration pending = configuration(request, arn, code);
        FunctionSpec spec = new FunctionSpec(scope.accountId(), scope.region(), name, arn, request.runtime(),
                request.handler(), pending.memorySize(), pending.timeout(), FunctionRules.variables(request),
                taskRoot, directory.resolve("environments"));
        EnvironmentPool environments = new EnvironmentPool(spec, settings, runtimeApiThreads, log(scope, name),
                EnvironmentPool.DEFAULT_MAX_ENVIRONMENTS);
        LambdaFunction function = new LambdaFunction(pending, request.tags() == null ? Map.of() : request.tags(),
                directory, environments);
        if (region.putIfAbsent(name, function) != null) {
            deleteQuietly(directory);
            throw LambdaErrors.functionExists(name);
        }
        // The code is unpacked before we answer, so the function is Active by the time a waiter first asks;
        // the answer itself says Pending, as CreateFunction's always does.
        function.activate();
        environments.prewarm();
        return pending;
    }

    public FunctionDetails getFunction(AccountRegion scope, String functionName, String qualifier) {
        LambdaFunction function = find(scope, functionName, qualifier);
        return new FunctionDetails(function.configuration(), function.tags());
    }

    public FunctionConfiguration getFunctionConfiguration(AccountRegion scope, String functionName,
            String qualifier) {
        return find(scope, functionName, qualifier).configuration();
    }

    public List<FunctionConfiguration> listFunctions(AccountRegion scope) {
        return region(scope).values().stream()
                .map(LambdaFunction::configuration)
                .sorted(Comparator.comparing(FunctionConfiguration::functionName))
                .toList();
    }

    public void deleteFunction(AccountRegion scope, String functionName, String qualifier) {
        FunctionRef ref = FunctionRef.parse(functionName, qualifier);
        if (!ref.latest()) {
            throw LambdaErrors.invalidParameter("Deletion of a version is not supported by Serverless Lab's emulator: "
                    + "functions have only $LATEST");
        }
        LambdaFunction function = region(scope).remove(ref.name());
        if (function == null) {
            throw LambdaErrors.functionNotFound(ref.arn(scope.region(), scope.accountId()));
        }
        function.environments().close();
        asyncThreads.execute(() -> deleteQuietly(function.directory()));
    }

    public InvokeResponse invoke(AccountRegion scope, InvokeRequest request) {
        LambdaFunction function = find(scope, request.functionName(), request.qualifier());
        String requestId = UUID.randomUUID().toString();
        byte[] payload = request.payload();
        switch (request.invocationType()) {
            case DryRun:
                return new InvokeResponse(204, requestId, new byte[0], null, null, null);
            case Event:
                InvokeInput event = new InvokeInput(requestId, payload, request.clientContext());
                asyncThreads.execute(() -> invokeQuietly(function, event));
                return new InvokeResponse(202, requestId, new byte[0], null, null, null);
            default:
                if (payload.length > MAX_SYNC_PAYLOAD_BYTES) {
                    throw LambdaErrors.tooLarge("Request must be smaller than " + MAX_SYNC_PAYLOAD_BYTES
                            + " bytes for the InvokeFunction operation");
                }
                InvocationResult result = function.environments()
                        .invoke(new InvokeInput(requestId, payload, request.clientContext()));
                return new InvokeResponse(200, requestId, result.payload(), result.failed() ? "Unhandled" : null,
                        result.logText(), "$LATEST");
        }
    }

    /** Everything the function's environments logged, oldest first; kept after the function is deleted. */
    public List<LogEvent> logEvents(AccountRegion scope, String functionName) {
        FunctionLog log = logs.getOrDefault(scope, new ConcurrentHashMap<>()).get(functionName);
        return log == null ? List.of() : log.events();
    }

    /** Process ids of a function's running environments, for diagnostics. */
    public List<Long> environmentPids(AccountRegion scope, String functionName) {
        LambdaFunction function = region(scope).get(functionName);
        return function == null ? List.of() : function.environments().pids();
    }

    @Override
    public void close() {
        housekeeping.shutdownNow();
        functions.values().forEach(region -> region.values().forEach(f -> f.environments().close()));
        functions.clear();
        asyncThreads.shutdownNow();
        runtimeApiThreads.shutdownNow();
    }

    private LambdaFunction find(AccountRegion scope, String functionName, String qualifier) {
        FunctionRef ref = FunctionRef.parse(functionName, qualifier);
        LambdaFunction function = region(scope).get(ref.name());
        if (function == null || !ref.latest()) {
            throw LambdaErrors.functionNotFound(ref.arn(scope.region(), scope.accountId()));
        }
        return function;
    }

    private ConcurrentMap<String, LambdaFunction> region(AccountRegion scope) {
        return functions.computeIfAbsent(scope, key -> new ConcurrentHashMap<>());
    }

    private FunctionLog log(AccountRegion scope, String functionName) {
        return logs.computeIfAbsent(scope, key -> new ConcurrentHashMap<>())
                .computeIfAbsent(functionName, key -> new FunctionLog(FunctionLog.DEFAULT_MAX_BYTES));
    }

    private static FunctionConfiguration configuration(CreateFunctionRequest request, String arn,
            CodeArchive.Unpacked code) {
        Map<String, String> variables = FunctionRules.variables(request);
        return new FunctionConfiguration(request.functionName(), arn, request.runtime(), request.role(),
                request.handler(), code.codeSize(), request.description() == null ? "" : request.description(),
                FunctionRules.timeout(request), FunctionRules.memorySize(request),
                LAST_MODIFIED.format(ZonedDateTime.now(ZoneOffset.UTC)), code.codeSha256(), "$LATEST",
                variables.isEmpty() ? null : new FunctionConfiguration.EnvironmentResponse(variables),
                new FunctionConfiguration.TracingConfig("PassThrough"), UUID.randomUUID().toString(),
                "Pending", "The function is being created.", "Creating", null, null, null, "Zip", List.of("x86_64"),
                new FunctionConfiguration.EphemeralStorage(512),
                new FunctionConfiguration.SnapStart("None", "Off"),
                new FunctionConfiguration.LoggingConfig("Text", "/aws/lambda/" + request.functionName()));
    }

    private void invokeQuietly(LambdaFunction function, InvokeInput input) {
        try {
            function.environments().invoke(input);
        } catch (RuntimeException e) {
            // An asynchronous caller has already had its 202; the outcome lives in the function's log only.
        }
    }

    private void reapIdle() {
        functions.values().forEach(region -> region.values().forEach(f -> f.environments().reapIdle(IDLE_LIMIT)));
    }

    private static void deleteQuietly(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // Best effort: the emulator's work directory is removed as a whole on close.
        }
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
