package dev.serverlesslab.emulator.lambda.runtime;

import dev.serverlesslab.emulator.lambda.bootstrap.LaunchParameters;
import dev.serverlesslab.jdks.Jdk;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One execution environment: a child JVM running the bootstrap, its Runtime API server and the capture of its output.
 *
 * <p>It hands out one event at a time and reports what came back; deciding about timeouts and logs is
 * {@link InvocationRunner}'s job.
 */
final class ExecutionEnvironment implements RuntimeApiServer.Listener {

    /** Lambda rejects responses over 6 MB; this is its exact limit. */
    static final int MAX_RESPONSE_BYTES = 6_291_556;
    private static final Invocation SHUTDOWN = new Invocation("", new byte[0], 0, "", "", null);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** In a pre-warmed environment's directory once it is handed a function: that function's ARN. */
    static final String FUNCTION_FILE = "function";

    /** The function it runs; for a pre-warmed environment, a stand-in of the same shape until {@link #bind}. */
    private volatile FunctionSpec function;
    private volatile String logStreamName;
    private volatile Consumer<LogEvent> functionLog;
    private final BlockingQueue<Invocation> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<RuntimeOutcome> readiness = new CompletableFuture<>();
    private final Map<String, PendingInvocation> inflight = new ConcurrentHashMap<>();
    private final AtomicBoolean coldStartClaimed = new AtomicBoolean();
    private final AtomicBoolean killed = new AtomicBoolean();
    /** For a pre-warmed environment: set once, when a function is handed over. */
    private final AtomicBoolean bound = new AtomicBoolean();
    /** Init starts here: the JVM's start, or for a pre-warmed environment the moment it was handed its function. */
    private volatile long launchedNanos = System.nanoTime();
    private volatile long launchedMillis = System.currentTimeMillis();
    private final Jdk jdk;
    private final RuntimeSettings settings;
    private final Path directory;
    /** Done once the process has exited and {@link #exited} has run (a pre-warmed one's directory then is gone). */
    private final CompletableFuture<Void> exitHandled;
    /** Started before its function was known ({@link WarmEnvironments}); its stdin stays open until {@link #bind}. */
    private final boolean prewarmed;
    private final OutputStream pendingStdin;
    private volatile long readyNanos;
    private volatile long lastUsedNanos = launchedNanos;
    private volatile long peakMemoryMb;
    private final Sandbox sandbox;
    /** The JVM's own pid once found; under the sandbox it is not the launched process. */
    private volatile ProcessHandle jvm;
    /** The environment's cgroup, null where environments get none; removed with every process in it on exit. */
    private final Cgroup cgroup;
    private final RuntimeApiServer api;
    /** The relays out of the sandbox's network namespace; null when the environment is not confined. */
    private final EnvironmentNetwork network;
    private final Process process;
    private final LogCapture output;

    private ExecutionEnvironment(FunctionSpec function, RuntimeSettings settings, Sandbox sandbox,
            Executor apiExecutor, Path directory, Consumer<LogEvent> functionLog, boolean prewarmed)
            throws IOException {
        this.function = function;
        this.functionLog = functionLog;
        this.settings = settings;
        this.directory = directory;
        this.prewarmed = prewarmed;
        this.jdk = JavaRuntimes.ofExecutable(settings.javaExecutable());
        this.sandbox = sandbox;
        this.logStreamName = streamName(function);
        String token = hex(16);
        String secret = hex(32);
        this.api = RuntimeApiServer.start(this, apiExecutor, secret);
        try {
            this.network = sandbox.confines() ? EnvironmentNetwork.open(api.address(), settings.endpointUrl()) : null;
        } catch (IOException | RuntimeException e) {
            api.close();
            throw e;
        }
        LaunchParameters launch = LaunchParameters.direct(token, secret);
        ChildProcessSpec spec = ChildProcessSpec.build(function, settings, directory, api.hostPort(),
                prewarmed ? launch.withFunctionLater() : launch, logStreamName, sandbox, network);
        if (prewarmed) {
            spec = spec.blank();
        }
        Cgroup group = null;
        try {
            group = sandbox.cgroup(function).orElse(null);
            ProcessBuilder builder = new ProcessBuilder(sandbox.launch(spec.command(), Optional.ofNullable(group),
                    directory))
                    .directory(spec.workingDirectory().toFile())
                    .redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(spec.environment());
            this.process = LauncherThread.start(builder);
        } catch (IOException | RuntimeException e) {
            closeChannels();
            if (group != null) {
                group.remove();
            }
            throw e;
        }
        this.cgroup = group;
        if (prewarmed) {
            this.pendingStdin = process.getOutputStream();
            try {
                pendingStdin.write(spec.stdin());
                pendingStdin.flush();
            } catch (IOException e) {
                // The process died at once; its exit is reported like any other early exit.
            }
        } else {
            this.pendingStdin = null;
            handOver(spec.stdin());
        }
        this.output = new LogCapture(process.getInputStream(), token, line -> {
            Consumer<LogEvent> log = this.functionLog;
            if (log != null) {
                log.accept(new LogEvent(this.logStreamName, line.timestampMillis(), line.text(), false,
                        this.function.logGroupName()));
            }
        });
        Thread reader = new Thread(output, "lambda-output-" + function.functionName() + "-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        exitHandled = process.onExit().thenRun(this::exited);
        if (!prewarmed) {
            startInitLimit();
        }
    }

    /**
     * Lambda bounds init from its start. Enforced here too, not only by the invocation waiting for it, so a static
     * initializer spinning in an environment that nobody invokes cannot hold a CPU for long.
     */
    private void startInitLimit() {
        Executor initLimit = CompletableFuture.delayedExecutor(InvocationRunner.INIT_LIMIT.toMillis(),
                TimeUnit.MILLISECONDS);
        initLimit.execute(() -> {
            if (readiness.complete(new RuntimeOutcome.TimedOut())) {
                kill();
            }
        });
    }

    private static String streamName(FunctionSpec function) {
        return LocalDate.now(ZoneOffset.UTC).toString().replace('-', '/') + "/[" + function.version() + "]" + hex(16);
    }

    /** Writes the secrets to the JVM's stdin and closes it: the bootstrap reads them before anything else. */
    private void handOver(byte[] stdin) {
        try (var in = process.getOutputStream()) {
            in.write(stdin);
        } catch (IOException e) {
            // The process died at once; its exit is reported like any other early exit.
        }
    }

    /** Starts the JVM; init runs in the background until the bootstrap asks for its first event. */
    static ExecutionEnvironment launch(FunctionSpec function, RuntimeSettings settings, Sandbox sandbox,
            Executor apiExecutor, Path directory, Consumer<LogEvent> functionLog) throws IOException {
        Files.createDirectories(directory.resolve("tmp"));
        return new ExecutionEnvironment(function, settings, sandbox, apiExecutor, directory, functionLog, false);
    }

    /**
     * Starts a JVM for no function yet, confined exactly as one of {@code template}'s would be (same command line,
     * sandbox, cgroup limits and read-only mounts), its code directory ({@code template.taskRoot()}, bound at
     * /var/task) still empty. The bootstrap loads its own classes and waits; {@link #bind} hands it a function.
     */
    static ExecutionEnvironment prewarm(FunctionSpec template, RuntimeSettings settings, Sandbox sandbox,
            Executor apiExecutor, Path directory) throws IOException {
        Files.createDirectories(directory.resolve("tmp"));
        Files.createDirectories(template.taskRoot());
        return new ExecutionEnvironment(template, settings, sandbox, apiExecutor, directory, null, true);
    }

    /**
     * Hands a pre-warmed environment its function, once: the code goes into the directory bound at /var/task, the
     * variables Lambda sets (and the function's own) to the bootstrap, which makes them its JVM's environment and
     * loads the handler. Init, its limit and its Init Duration count from here.
     *
     * @throws IllegalStateException when the environment was not pre-warmed or already runs a function
     */
    void bind(FunctionSpec target, Consumer<LogEvent> log) throws IOException {
        if (!prewarmed || !bound.compareAndSet(false, true)) {
            throw new IllegalStateException("an execution environment runs one function only");
        }
        Path code = function.taskRoot();
        FunctionCode.copy(target.taskRoot(), code);
        // Outside what the sandbox binds: says which function this JVM (seen in ps as prewarmed/env-N) now runs.
        Files.writeString(directory.resolve(FUNCTION_FILE), target.functionArn() + "\n");
        FunctionSpec running = target.withTaskRoot(code);
        String stream = streamName(running);
        byte[] variables = LaunchParameters.encodeEnvironment(ChildProcessSpec.environment(running, settings,
                api.hostPort(), stream, sandbox, network));
        this.function = running;
        this.logStreamName = stream;
        this.functionLog = log;
        this.launchedMillis = System.currentTimeMillis();
        this.launchedNanos = System.nanoTime();
        this.lastUsedNanos = launchedNanos;
        startInitLimit();
        try (var in = pendingStdin) {
            in.write(variables);
        } catch (IOException e) {
            // The JVM is gone; the invocation reports its exit.
        }
    }

    /** Not killed, and its JVM still running. */
    boolean alive() {
        return !killed.get() && process.isAlive();
    }

    /** A pre-warmed environment not handed a function yet, and still running. */
    boolean waiting() {
        return prewarmed && !bound.get() && !killed.get() && process.isAlive();
    }

    /** Completes when init has ended, however it ended. */
    CompletableFuture<RuntimeOutcome> readiness() {
        return readiness;
    }
    FunctionSpec function() {
        return function;
    }

    /** The JDK this environment's JVM is. */
    Jdk jdk() {
        return jdk;
    }

    /** When the environment was started, for its INIT_START line. */
    long launchedMillis() {
        return launchedMillis;
    }

    String logStreamName() {
        return logStreamName;
    }

    long pid() {
        return process.pid();
    }

    /** Waits for init to finish: {@code Ready}, an init {@code Failure}, {@code Exited} or {@code TimedOut}. */
    RuntimeOutcome awaitReady(Duration limit) {
        return await(readiness, limit.toMillis());
    }

    /** How long init took, from starting the JVM to its first request for an event. */
    double initDurationMs() {
        long end = readyNanos == 0 ? System.nanoTime() : readyNanos;
        return (end - launchedNanos) / 1_000_000.0;
    }

    /** True exactly once: for the invocation that reports this environment's Init Duration. */
    boolean claimColdStart() {
        return coldStartClaimed.compareAndSet(false, true);
    }

    List<LogLine> initLines() {
        return output.initLines();
    }

    /** Queues the event for the runtime's next {@code /invocation/next}. */
    PendingInvocation dispatch(Invocation invocation) {
        PendingInvocation pending = new PendingInvocation(invocation, output.expect(invocation.requestId()));
        inflight.put(invocation.requestId(), pending);
        lastUsedNanos = System.nanoTime();
        events.add(invocation);
        return pending;
    }

    /** Forgets a finished invocation. */
    void complete(PendingInvocation pending) {
        inflight.remove(pending.invocation().requestId());
        output.forget(pending.invocation().requestId());
        lastUsedNanos = System.nanoTime();
    }

    /**
     * Peak memory so far, remembered so it can still be reported after the process is gone: the cgroup's peak (the
     * whole process tree, native memory included) where there is one, else the JVM's peak resident set.
     */
    long peakMemoryMb() {
        if (cgroup != null) {
            cgroup.peakBytes().ifPresent(bytes -> peakMemoryMb = Math.max(peakMemoryMb, (bytes + (1 << 20) - 1) >> 20));
            return peakMemoryMb;
        }
        if (jvm == null) {
            jvm = sandbox.jvm(process.toHandle()).orElse(null);
        }
        MemoryProbe.peakMb(jvm == null ? process.pid() : jvm.pid())
                .ifPresent(mb -> peakMemoryMb = Math.max(peakMemoryMb, mb));
        return peakMemoryMb;
    }

    /** Ready for another invocation: started fine, still running and not being stopped. */
    boolean healthy() {
        return !killed.get() && process.isAlive() && readiness.getNow(null) instanceof RuntimeOutcome.Ready;
    }

    /**
     * Never invoked and not stopped: a pre-warmed environment is handed to the next invoke even if its init failed,
     * because that invoke must report the init error.
     */
    boolean fresh() {
        return !coldStartClaimed.get() && !killed.get();
    }

    long idleNanos() {
        return System.nanoTime() - lastUsedNanos;
    }

    /** Stops the JVM and everything it started; safe to call more than once. */
    void kill() {
        if (killed.compareAndSet(false, true)) {
            ProcessTree.kill(process.toHandle());
            if (pendingStdin != null) {
                try {
                    pendingStdin.close();
                } catch (IOException e) {
                    // Already closed with the process.
                }
            }
            events.add(SHUTDOWN);
            closeChannels();
        }
    }

    private void closeChannels() {
        api.close();
        if (network != null) {
            network.close();
        }
    }

    /** Done once the process has exited and everything this environment does then is done. */
    CompletableFuture<Void> exitHandled() {
        return exitHandled;
    }

    /** Waits, bounded, until the process is gone and all its output has been read. */
    void awaitOutputClosed(Duration limit) {
        awaitQuietly(output.closed(), limit.toMillis());
    }

    @Override
    public Invocation nextInvocation() throws InterruptedException {
        if (readyNanos == 0) {
            readyNanos = System.nanoTime();
            peakMemoryMb();
            readiness.complete(new RuntimeOutcome.Ready());
        }
        Invocation invocation = events.take();
        if (invocation == SHUTDOWN) {
            events.add(SHUTDOWN);
            return null;
        }
        PendingInvocation pending = inflight.get(invocation.requestId());
        if (pending != null) {
            pending.dispatched();
        }
        return invocation;
    }

    @Override
    public RuntimeApiServer.Verdict onResponse(String requestId, byte[] payload) {
        // Sampled while the process surely runs; a crash later leaves this as the best figure.
        peakMemoryMb();
        PendingInvocation pending = inflight.get(requestId);
        if (pending == null) {
            return RuntimeApiServer.Verdict.UNKNOWN_REQUEST;
        }
        if (payload.length > MAX_RESPONSE_BYTES) {
            pending.finish(new RuntimeOutcome.Failure("Function.ResponseSizeTooLarge", ("{\"errorMessage\":"
                    + "\"Response payload size exceeded maximum allowed payload size (" + MAX_RESPONSE_BYTES
                    + " bytes).\",\"errorType\":\"Function.ResponseSizeTooLarge\"}").getBytes(StandardCharsets.UTF_8)));
            return RuntimeApiServer.Verdict.TOO_LARGE;
        }
        pending.finish(new RuntimeOutcome.Response(payload));
        return RuntimeApiServer.Verdict.ACCEPTED;
    }

    @Override
    public RuntimeApiServer.Verdict onError(String requestId, String errorType, byte[] payload) {
        peakMemoryMb();
        PendingInvocation pending = inflight.get(requestId);
        if (pending == null) {
            return RuntimeApiServer.Verdict.UNKNOWN_REQUEST;
        }
        pending.finish(new RuntimeOutcome.Failure(errorType, payload));
        return RuntimeApiServer.Verdict.ACCEPTED;
    }

    @Override
    public void onInitError(String errorType, byte[] payload) {
        peakMemoryMb();
        readyNanos = System.nanoTime();
        readiness.complete(new RuntimeOutcome.Failure(errorType, payload));
    }

    private void exited() {
        peakMemoryMb();
        // Read before the group goes: the kernel's own record of why the environment died.
        boolean outOfMemory = cgroup != null && cgroup.outOfMemory();
        RuntimeOutcome exited = new RuntimeOutcome.Exited(process.exitValue(), outOfMemory);
        if (cgroup != null) {
            // Whatever the environment left running (a detached child, a fork bomb) goes with its group.
            cgroup.remove();
        }
        readiness.complete(exited);
        inflight.values().forEach(pending -> pending.finish(exited));
        events.add(SHUTDOWN);
        closeChannels();
        if (prewarmed) {
            // Its directory is its own (not under a function's), so nothing else removes it.
            FunctionCode.deleteQuietly(directory);
        }
    }

    static RuntimeOutcome await(CompletableFuture<? extends RuntimeOutcome> future, long millis) {
        try {
            return future.get(Math.max(0, millis), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new RuntimeOutcome.TimedOut();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RuntimeOutcome.TimedOut();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Outcome futures are never completed exceptionally", e);
        }
    }

    /** Waits at most {@code millis} for the future; going on without it is fine for the caller. */
    static void awaitQuietly(CompletableFuture<Void> future, long millis) {
        try {
            future.get(Math.max(0, millis), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Bounded wait: go on with what has arrived.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
