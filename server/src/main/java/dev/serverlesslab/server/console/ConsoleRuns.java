package dev.serverlesslab.server.console;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Where test console runs execute: a small pool of its own, not the grading workers. Gradings are claimed from the
 * database queue, maybe by other processes, and a learner waiting at the Test button should not queue behind a class's
 * gradings; in turn, at most {@link #THREADS} console runs at once (a few more waiting) is all the extra load the
 * shared backend ever sees from the console, so a burst of tests cannot starve the gradings.
 */
final class ConsoleRuns implements AutoCloseable {

    /** Each run starts a JVM on the backend; two at a time is a fraction of what the grading workers use. */
    static final int THREADS = 2;
    /** Beyond this many waiting, a new run is refused at once rather than left hanging in a request. */
    static final int WAITING = 6;

    private final ThreadPoolExecutor pool;

    ConsoleRuns() {
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(WAITING),
                task -> {
                    Thread thread = new Thread(task, "test-console-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
    }

    /** Starts the run, or throws {@link RejectedExecutionException} when the pool and its queue are full. */
    <T> Future<T> submit(Supplier<T> run) {
        return pool.submit(run::get);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
