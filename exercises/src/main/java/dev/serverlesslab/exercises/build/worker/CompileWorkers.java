package dev.serverlesslab.exercises.build.worker;

import dev.serverlesslab.exercises.build.CompileResult;
import dev.serverlesslab.exercises.build.JavaRelease;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * A small pool of compile worker JVMs: javac runs in them, never in the grading JVM, each compilation bounded by a
 * deadline, a heap and a stack; a worker that overran, crashed or ran out of memory is replaced, and a warm one is
 * reused so later compilations skip the JVM start.
 */
public final class CompileWorkers implements AutoCloseable {

    /** Gradings on this 2-core class of machine rarely overlap; two workers let one compile while another waits. */
    private static final int DEFAULT_SIZE = 2;

    // One pool per grading JVM, shared by every Grader and CheckCompiler in it: they are created freely and have no
    // close(), and a worker per instance would leave a JVM behind for each. The shutdown hook ends the workers with
    // the JVM; a worker whose parent is killed outright ends on its own (Watchdog, and EOF on its stdin).
    private static CompileWorkers shared;
    /** Pools on other JDKs, for releases newer than this JVM's (java21 submissions on a JDK 17 platform). */
    private static final Map<Path, CompileWorkers> SHARED_BY_JDK = new java.util.HashMap<>();

    private final Path java;
    private final Duration deadline;
    private final Semaphore permits;
    private final Deque<CompileWorker> idle = new ArrayDeque<>();
    private final Set<CompileWorker> all = new HashSet<>();
    private boolean closed;

    /**
     * @param deadline how long one compilation may take before its worker is killed and the learner told
     * @param size     how many compilations run at once; more wait their turn
     */
    public CompileWorkers(Duration deadline, int size) {
        this(deadline, size, Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    /**
     * @param java the {@code bin/java} of the JDK the workers run on; its javac decides which releases they compile
     */
    public CompileWorkers(Duration deadline, int size, Path java) {
        this.java = java;
        if (deadline.isNegative() || deadline.isZero() || size < 1) {
            throw new IllegalArgumentException("a compile pool needs a positive deadline and size, got " + deadline
                    + " and " + size);
        }
        this.deadline = deadline;
        this.permits = new Semaphore(size, true);
        // The first worker boots while the caller does other work, so the first compilation waits less.
        synchronized (this) {
            idle.push(started());
        }
    }

    /** The pool of this JVM, with {@link CompilerLimits#DEADLINE}; started on first use, closed when the JVM exits. */
    public static synchronized CompileWorkers shared() {
        if (shared == null) {
            CompileWorkers pool = new CompileWorkers(CompilerLimits.DEADLINE, DEFAULT_SIZE);
            Runtime.getRuntime().addShutdownHook(new Thread(pool::close, "compile-workers-shutdown"));
            shared = pool;
        }
        return shared;
    }

    /**
     * The shared pool whose javac compiles for {@code release}: this JVM's ({@link #shared()}) when it is new enough,
     * else one on the closest newer JDK here ({@link JavaRelease#javaFor(int)}).
     *
     * @throws IllegalStateException when no JDK here compiles for that release, saying how to install one
     */
    public static CompileWorkers shared(int release) {
        if (Runtime.version().feature() >= release) {
            return shared();
        }
        Path jdkJava = JavaRelease.javaFor(release);
        synchronized (CompileWorkers.class) {
            return SHARED_BY_JDK.computeIfAbsent(jdkJava, path -> {
                CompileWorkers pool = new CompileWorkers(CompilerLimits.DEADLINE, DEFAULT_SIZE, path);
                Runtime.getRuntime().addShutdownHook(new Thread(pool::close, "compile-workers-shutdown"));
                return pool;
            });
        }
    }

    /**
     * Compiles {@code sources} into {@code classesDir} in a worker. Learner faults, including sources that exhaust
     * the compiler's time, memory or stack, come back as a failed compilation with a message for the learner.
     *
     * @throws IllegalStateException when no worker can be started (a platform problem, not the learner's)
     */
    public CompileResult compile(Map<String, String> sources, List<Path> classpath, Path classesDir) {
        return compile(sources, classpath, classesDir, CompileRequest.DEFAULT_RELEASE);
    }

    /** As {@link #compile(Map, List, Path)}, for Java {@code release} ({@code --release}). */
    public CompileResult compile(Map<String, String> sources, List<Path> classpath, Path classesDir, int release) {
        // The worker runs in another folder, so relative paths would point elsewhere there.
        CompileRequest request = new CompileRequest(sources, classpath.stream().map(Path::toAbsolutePath).toList(),
                classesDir.toAbsolutePath(), release);
        permits.acquireUninterruptibly();
        try {
            return compileWithRetry(request).toResult(classesDir);
        } finally {
            permits.release();
        }
    }

    /** The worker processes running now; empty after {@link #close()}. */
    public synchronized List<ProcessHandle> processes() {
        List<ProcessHandle> handles = new ArrayList<>();
        all.forEach(worker -> {
            if (worker.handle().isAlive()) {
                handles.add(worker.handle());
            }
        });
        return handles;
    }

    /** Kills every worker and waits for them to end; compilations running now end as failed. */
    @Override
    public void close() {
        List<CompileWorker> workers;
        synchronized (this) {
            closed = true;
            workers = new ArrayList<>(all);
            all.clear();
            idle.clear();
        }
        workers.forEach(CompileWorker::close);
    }

    private WorkerReply compileWithRetry(CompileRequest request) {
        // A worker can die while idle (killed from outside, its watchdog); the request then goes to a fresh one once.
        for (int attempt = 1; ; attempt++) {
            CompileWorker worker = take();
            try {
                WorkerReply reply = worker.compile(request, deadline);
                giveBack(worker);
                return reply;
            } catch (CompileWorker.NotDelivered e) {
                discard(worker);
                if (attempt == 2) {
                    throw new IllegalStateException("the compile worker keeps ending before it gets the sources", e);
                }
            } catch (RuntimeException e) {
                discard(worker);
                throw e;
            }
        }
    }

    private synchronized CompileWorker take() {
        if (closed) {
            throw new IllegalStateException("the compile workers were closed (the platform is shutting down)");
        }
        for (CompileWorker worker = idle.poll(); worker != null; worker = idle.poll()) {
            if (worker.isUsable()) {
                return worker;
            }
            all.remove(worker);
            worker.close();
        }
        return started();
    }

    private void giveBack(CompileWorker worker) {
        synchronized (this) {
            if (!closed && worker.isUsable()) {
                idle.push(worker);
                return;
            }
            all.remove(worker);
        }
        worker.close();
        replenish();
    }

    private void discard(CompileWorker worker) {
        synchronized (this) {
            all.remove(worker);
        }
        worker.close();
    }

    /** A worker killed for a hostile source is replaced right away, so the next learner's compile finds one warm. */
    private synchronized void replenish() {
        if (!closed && idle.isEmpty()) {
            idle.push(started());
        }
    }

    private CompileWorker started() {
        CompileWorker worker = CompileWorker.start(deadline, java);
        all.add(worker);
        return worker;
    }
}
