package dev.serverlesslab.emulator.lambda.runtime;

import dev.serverlesslab.emulator.core.AwsException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * The execution environments of one function: an idle one is reused (warm start), another is started when all are
 * busy (cold start), up to a concurrency limit; all are killed when the function is deleted.
 */
public final class EnvironmentPool implements AutoCloseable {

    /** A sandbox limit rather than Lambda's 1000: each environment is a JVM on the student's machine. */
    public static final int DEFAULT_MAX_ENVIRONMENTS = 10;

    private final FunctionSpec function;
    private final RuntimeSettings settings;
    private final Sandbox sandbox;
    private final Executor apiExecutor;
    private final FunctionLog log;
    private final int maxEnvironments;
    /** Where new environments come from when one of this function's shape waits; null to start each itself. */
    private final WarmEnvironments warm;
    private final InvocationRunner runner = new InvocationRunner();
    private final Deque<ExecutionEnvironment> idle = new ArrayDeque<>();
    private final Set<ExecutionEnvironment> all = new HashSet<>();
    private int launched;
    private boolean closed;
    private boolean draining;

    /**
     * @param sandbox what confines each environment it starts
     * @param apiExecutor runs the Runtime API servers' requests; a {@code /next} call holds a thread while it waits
     */
    public EnvironmentPool(FunctionSpec function, RuntimeSettings settings, Sandbox sandbox, Executor apiExecutor,
            FunctionLog log, int maxEnvironments) {
        this(function, settings, sandbox, apiExecutor, log, maxEnvironments, null);
    }

    /**
     * @param warm pre-warmed environments to take new ones from (see {@link WarmEnvironments}), confined by the same
     *     sandbox; null for none
     */
    public EnvironmentPool(FunctionSpec function, RuntimeSettings settings, Sandbox sandbox, Executor apiExecutor,
            FunctionLog log, int maxEnvironments, WarmEnvironments warm) {
        this.warm = warm;
        this.function = function;
        this.settings = settings;
        this.sandbox = sandbox;
        this.apiExecutor = apiExecutor;
        this.log = log;
        this.maxEnvironments = maxEnvironments;
    }

    /** Starts one environment ahead of the first invoke, so its JVM boots and init runs in the background. */
    public synchronized void prewarm() {
        if (!closed && all.isEmpty()) {
            idle.addFirst(launch());
        }
    }

    /** Runs one invocation, blocking until it answers, fails or times out. */
    public InvocationResult invoke(InvokeInput input) {
        ExecutionEnvironment environment = acquire();
        InvocationResult result;
        try {
            result = runner.run(environment, input);
        } finally {
            release(environment);
        }
        List<LogLine> shown = JsonLogRecords.render(result.log(), function.logging(), function, status(result));
        log.append(environment.logStreamName(), function.logGroupName(), shown, result.log());
        return result.withLog(shown);
    }

    /** The report's status: AWS's {@code platform.report} says success, error or timeout. */
    private static String status(InvocationResult result) {
        if (!result.failed()) {
            return "success";
        }
        boolean timedOut = result.log().stream()
                .anyMatch(line -> line.platform() && line.text().contains(" Task timed out after "));
        return timedOut ? "timeout" : "error";
    }

    /** Stops environments idle for longer than {@code limit}, as Lambda reclaims unused ones. */
    public synchronized int reapIdle(Duration limit) {
        List<ExecutionEnvironment> stale = idle.stream()
                .filter(environment -> environment.idleNanos() > limit.toNanos())
                .toList();
        stale.forEach(this::retire);
        return stale.size();
    }

    /** Process ids of the running environments (for diagnostics and tests). */
    public synchronized List<Long> pids() {
        return all.stream().map(ExecutionEnvironment::pid).toList();
    }

    /**
     * Keeps no environment warm any more, as when the function's code or configuration changed: idle environments
     * stop now, busy ones as soon as their invocation has answered, so no caller sees its invocation cut short.
     */
    public synchronized void drain() {
        // Not closed: a caller that found this pool just before the change still gets its invocation run.
        draining = true;
        new ArrayList<>(idle).forEach(this::retire);
    }

    @Override
    public synchronized void close() {
        closed = true;
        new ArrayList<>(all).forEach(this::retire);
    }

    private synchronized ExecutionEnvironment acquire() {
        if (closed) {
            throw new AwsException("ResourceNotFoundException", "Function not found: " + function.functionArn(), 404);
        }
        while (!idle.isEmpty()) {
            ExecutionEnvironment candidate = idle.pollFirst();
            if (candidate.fresh() || candidate.healthy()) {
                return candidate;
            }
            retire(candidate);
        }
        if (all.size() >= maxEnvironments) {
            throw new AwsException("TooManyRequestsException", "Rate Exceeded. Serverless Lab's emulator runs at most "
                    + maxEnvironments + " concurrent invocations of " + function.functionName(), 429);
        }
        return launch();
    }

    private synchronized void release(ExecutionEnvironment environment) {
        if (closed || draining || !environment.healthy()) {
            retire(environment);
        } else {
            idle.addFirst(environment);
        }
    }

    private ExecutionEnvironment launch() {
        int ordinal = ++launched;
        try {
            ExecutionEnvironment environment = warm == null ? null
                    : warm.take(function, settings, log::append).orElse(null);
            if (environment == null) {
                environment = ExecutionEnvironment.launch(function, settings, sandbox, apiExecutor,
                        function.environmentsDir().resolve("env-" + ordinal), log::append);
            }
            if (warm != null) {
                warm.refillAfter(function, settings, environment);
            }
            all.add(environment);
            return environment;
        } catch (IOException e) {
            throw new AwsException("ServiceException", "Serverless Lab's emulator could not start a JVM for "
                    + function.functionName() + " with " + settings.javaExecutable() + ": " + e.getMessage(), 500);
        }
    }

    private void retire(ExecutionEnvironment environment) {
        all.remove(environment);
        idle.remove(environment);
        environment.kill();
    }
}
