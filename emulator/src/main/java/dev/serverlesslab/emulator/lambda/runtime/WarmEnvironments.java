package dev.serverlesslab.emulator.lambda.runtime;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Execution environments started before any function needs them: a JVM with the bootstrap loaded, under the same
 * sandbox as any environment, waiting for code. A function's new environment is taken from here when one of its
 * {@link Shape} waits, so only the handler's own init remains; another is then started in the background.
 *
 * <p>What a JVM cannot change after its start is the shape: the JDK and class path, the memory, timeout and /tmp
 * limits (JVM flags, cgroup, rlimits, the tmpfs) and the layers' read-only mounts. Code and variables are handed over
 * late: the code into the directory already bound at /var/task, the variables through the bootstrap's stdin into the
 * map behind {@link System#getenv()} (which {@link ProcessBuilder} also copies). A function with a variable the JVM
 * or the C library reads at process start ({@link #readAtStart}) always gets a JVM started for it. An environment is
 * handed to one function once and never returns here.
 */
public final class WarmEnvironments implements AutoCloseable {

    /** Everything a pre-warmed JVM is started with; functions of one shape can take each other's. */
    record Shape(RuntimeSettings settings, String runtime, int memoryMb, int timeoutSeconds, int ephemeralStorageMb,
            List<Path> layerJars) {

        static Shape of(FunctionSpec function, RuntimeSettings settings) {
            return new Shape(settings, function.runtime(), function.memoryMb(), function.timeoutSeconds(),
                    function.ephemeralStorageMb(), function.layerJars());
        }

        /** A stand-in function of this shape, whose code directory is {@code directory}/task. */
        FunctionSpec template(Path directory) {
            return new FunctionSpec("000000000000", "us-east-1", "serverlesslab-prewarmed",
                    "arn:aws:lambda:us-east-1:000000000000:function:serverlesslab-prewarmed", runtime, "prewarmed",
                    memoryMb, timeoutSeconds, Map.of(), directory.resolve("task"), directory, "$LATEST", layerJars,
                    ephemeralStorageMb);
        }
    }

    private record Waiting(Shape shape, ExecutionEnvironment environment) {
    }

    private final Executor apiExecutor;
    private final BooleanSupplier machineBusy;
    private final Path directory;
    private final Sandbox sandbox;
    private final int capacity;
    /** Oldest first; at most {@link #capacity}. */
    private final Deque<Waiting> waiting = new ArrayDeque<>();
    private final ExecutorService starter = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "lambda-prewarm");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger started = new AtomicInteger();
    /** Starts queued or under way, per shape, so a refill does not start more than it lacks. */
    private final Map<Shape, Integer> starting = new HashMap<>();
    /** The environments handed to functions or started for them, while they run: the gradings under way. */
    private final Set<ExecutionEnvironment> inUse = new HashSet<>();
    /** When each shape last needed an environment, for those used within {@link #ACTIVE_WINDOW}. */
    private final Map<Shape, Long> lastUsed = new HashMap<>();
    /** Environments this pool killed whose exit is still being handled (their directories are not gone yet). */
    private final Set<ExecutionEnvironment> stopping = new HashSet<>();
    private boolean closed;

    /** The share of all CPUs busy since the last start above which waiting JVMs do not load their layers ahead. */
    static final double BUSY_CPU_LOAD = 0.9;
    /**
     * How many functions' environments must be running besides, for a busy machine to keep a waiting JVM from loading
     * its layers: gradings side by side compete for the CPU, one grading's own bursts do not.
     */
    static final int BUSY_BESIDE = 2;
    /** How many wait for a shape used alone. */
    static final int SOLO_DEPTH = 2;
    /** How recently a shape must have been used to count as in use beside another. */
    static final Duration ACTIVE_WINDOW = Duration.ofSeconds(60);
    /** The longest {@link #close} waits for a start under way, and then for the environments it killed to exit. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    /**
     * @param directory where the waiting environments' directories go
     * @param capacity how many may wait at once, over all shapes; each is an idle JVM's memory
     * @param sandbox what confines them, the same as the functions' own environments
     */
    public WarmEnvironments(Executor apiExecutor, Path directory, int capacity, Sandbox sandbox) {
        this(apiExecutor, directory, capacity, sandbox, WarmEnvironments::machineBusy);
    }

    /** @param machineBusy asked at each start: true keeps that JVM from loading its layers ahead */
    WarmEnvironments(Executor apiExecutor, Path directory, int capacity, Sandbox sandbox, BooleanSupplier machineBusy) {
        this.machineBusy = machineBusy;
        this.apiExecutor = apiExecutor;
        this.sandbox = sandbox;
        this.directory = directory;
        this.capacity = capacity;
    }

    /**
     * Two waiting environments per core over all shapes: under a mixed load each shape in use keeps the ones it
     * consumes, and an exercise whose grading takes two environments (one retired by a configuration change) keeps
     * two; each is an idle JVM's memory.
     */
    public static int defaultCapacity() {
        return 2 * Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /**
     * A waiting environment of {@code function}'s shape, handed the function ({@link ExecutionEnvironment#bind}), or
     * empty when none waits or the function may not take one.
     */
    Optional<ExecutionEnvironment> take(FunctionSpec function, RuntimeSettings settings, Consumer<LogEvent> log) {
        if (!eligible(function)) {
            return Optional.empty();
        }
        Shape shape = Shape.of(function, settings);
        ExecutionEnvironment found;
        while ((found = poll(shape)) != null) {
            try {
                found.bind(function, log);
                return Optional.of(found);
            } catch (IOException | RuntimeException e) {
                stop(found);
            }
        }
        return Optional.empty();
    }

    /**
     * Replaces the environment {@code function} just used (taken from here or started for it) with a new one of its
     * shape, once {@code busy} has finished init, so the JVM does not compete with its init for the CPU. One for one,
     * so under a mixed load each shape keeps as many waiting as it consumes and none starts JVMs that another
     * shape's refill then evicts unused; a shape used alone (one learner, or one exercise graded again and again) is
     * topped up to {@link #SOLO_DEPTH}, so each JVM has more than one grading's time to boot.
     */
    void refillAfter(FunctionSpec function, RuntimeSettings settings, ExecutionEnvironment busy) {
        if (!eligible(function)) {
            return;
        }
        Shape shape = Shape.of(function, settings);
        long now = System.nanoTime();
        synchronized (this) {
            inUse.add(busy);
            lastUsed.put(shape, now);
            lastUsed.values().removeIf(used -> now - used > ACTIVE_WINDOW.toNanos());
        }
        busy.readiness().whenComplete((outcome, error) -> {
            synchronized (this) {
                long have = waiting.stream().filter(w -> w.shape().equals(shape)).count()
                        + starting.getOrDefault(shape, 0);
                long solo = lastUsed.size() <= 1 ? Math.min(SOLO_DEPTH, capacity) - have : 0;
                for (long i = 0; i < Math.max(1, solo) && have + i < capacity && !closed; i++) {
                    starting.merge(shape, 1, Integer::sum);
                    starter.execute(() -> start(shape));
                }
            }
        });
    }

    /**
     * Starts one waiting JVM for functions of this runtime, memory and timeout with no layers and the default /tmp,
     * unless one of that shape already waits or starts: for the first function a server expects (the course's first
     * exercise), before any function exists, so its first grading finds a JVM booted.
     */
    public void prepare(String runtime, int memoryMb, int timeoutSeconds, RuntimeSettings settings) {
        Shape shape = new Shape(settings, runtime, memoryMb, timeoutSeconds, FunctionSpec.DEFAULT_EPHEMERAL_STORAGE_MB,
                List.of());
        synchronized (this) {
            if (closed || waiting.size() + starting.values().stream().mapToInt(Integer::intValue).sum() >= capacity
                    || starting.containsKey(shape) || waiting.stream().anyMatch(w -> w.shape().equals(shape))) {
                return;
            }
            starting.merge(shape, 1, Integer::sum);
        }
        starter.execute(() -> start(shape));
    }

    /** The memory sizes of the waiting JVMs' shapes, oldest first (for tests). */
    synchronized List<Integer> waitingMemorySizes() {
        return waiting.stream().map(w -> w.shape().memoryMb()).toList();
    }

    /** The pids of the waiting JVMs' launched processes (for tests). */
    synchronized List<Long> waitingPids() {
        return waiting.stream().map(w -> w.environment().pid()).toList();
    }

    /**
     * True when {@code function} can run in a JVM started before its variables were known: none of them is one the
     * JVM or the C library reads only at process start.
     */
    static boolean eligible(FunctionSpec function) {
        return function.variables().keySet().stream().noneMatch(WarmEnvironments::readAtStart);
    }

    /** JVM options, the C library's loader, allocator and locale, the time zone: read once, when the process starts. */
    static boolean readAtStart(String name) {
        return name.startsWith("JAVA_") || name.startsWith("_JAVA_") || name.startsWith("JDK_")
                || name.startsWith("LD_") || name.startsWith("MALLOC_") || name.startsWith("GLIBC_")
                || name.startsWith("LC_") || name.equals("LANG") || name.equals("LANGUAGE") || name.equals("TZ");
    }

    private synchronized ExecutionEnvironment poll(Shape shape) {
        for (Iterator<Waiting> it = waiting.iterator(); it.hasNext(); ) {
            Waiting candidate = it.next();
            if (!candidate.environment().waiting()) {
                it.remove();
                stop(candidate.environment());
            } else if (candidate.shape().equals(shape)) {
                it.remove();
                return candidate.environment();
            }
        }
        return null;
    }

    private void start(Shape shape) {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        Path home = directory.resolve("env-" + started.incrementAndGet());
        ExecutionEnvironment environment;
        try {
            // On a machine whose CPUs were all busy since the last start while several gradings ran, loading the
            // layers ahead would only take CPU from them: this JVM then leaves them to its function, as without the
            // warm-up. One grading after another keeps the CPUs busy too, but then nothing else needs them.
            boolean busy = machineBusy.getAsBoolean() && running() >= BUSY_BESIDE;
            RuntimeSettings settings = shape.settings().warmLayers() && busy
                    ? shape.settings().withoutWarmLayers() : shape.settings();
            environment = ExecutionEnvironment.prewarm(shape.template(home), settings, sandbox, apiExecutor, home);
        } catch (IOException | RuntimeException e) {
            // The next function of this shape simply starts its own JVM.
            FunctionCode.deleteQuietly(home);
            synchronized (this) {
                started(shape);
            }
            return;
        }
        ExecutionEnvironment evicted = null;
        synchronized (this) {
            started(shape);
            if (closed) {
                evicted = environment;
            } else {
                waiting.addLast(new Waiting(shape, environment));
                if (waiting.size() > capacity) {
                    evicted = evictOne();
                }
            }
        }
        if (evicted != null) {
            stop(evicted);
        }
    }

    /** The oldest waiting environment of the shape with the most waiting: the one least likely to be missed. */
    private ExecutionEnvironment evictOne() {
        Map<Shape, Integer> counts = new HashMap<>();
        waiting.forEach(w -> counts.merge(w.shape(), 1, Integer::sum));
        int most = Collections.max(counts.values());
        for (Iterator<Waiting> it = waiting.iterator(); it.hasNext(); ) {
            Waiting candidate = it.next();
            if (counts.get(candidate.shape()) == most) {
                it.remove();
                return candidate.environment();
            }
        }
        throw new IllegalStateException("no waiting environment to evict");
    }

    /**
     * Whether the machine's CPUs were nearly all busy since the last time this was asked ({@link #BUSY_CPU_LOAD});
     * false where the JVM cannot tell.
     */
    private static boolean machineBusy() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            double load = os.getCpuLoad();
            return load >= BUSY_CPU_LOAD;
        }
        return false;
    }

    /** How many environments handed to functions are still running. */
    private synchronized int running() {
        inUse.removeIf(environment -> !environment.alive());
        return inUse.size();
    }

    private void started(Shape shape) {
        starting.computeIfPresent(shape, (key, count) -> count <= 1 ? null : count - 1);
    }

    /** Stops every waiting environment and starts no more. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        // A start under way either fails on the interrupt (and removes its directory) or ends by stopping what it
        // started, as the pool is closed: wait for it, so every environment is known below.
        starter.shutdownNow();
        try {
            starter.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Waiting> left;
        synchronized (this) {
            left = List.copyOf(waiting);
            waiting.clear();
        }
        left.forEach(w -> stop(w.environment()));
        // A killed environment's directory goes once its process has exited: nothing this pool started writes below
        // its directory after close returns (a caller may delete it next, as the emulator's tests do).
        List<ExecutionEnvironment> exiting;
        synchronized (this) {
            exiting = List.copyOf(stopping);
        }
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        for (ExecutionEnvironment environment : exiting) {
            ExecutionEnvironment.awaitQuietly(environment.exitHandled(),
                    TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        }
    }

    /** Kills a waiting environment, keeping it in {@link #stopping} until its exit has been handled. */
    private void stop(ExecutionEnvironment environment) {
        synchronized (this) {
            stopping.add(environment);
        }
        environment.kill();
        environment.exitHandled().whenComplete((done, failure) -> {
            synchronized (this) {
                stopping.remove(environment);
            }
        });
    }
}
