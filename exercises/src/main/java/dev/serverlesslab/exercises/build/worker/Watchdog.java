package dev.serverlesslab.exercises.build.worker;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ends the worker JVM on its own when nobody else can: its parent died without closing the pipe cleanly, or one
 * compilation ran far past the deadline the parent enforces. Both leave no orphan worker running javac for minutes.
 */
final class Watchdog {

    /** Exit status when the parent is gone. */
    static final int ORPHANED = 3;
    /** Exit status when a compilation outlived its deadline plus a grace period. */
    static final int OVERDUE = 4;
    /** The parent kills an overdue worker at the deadline; this is only the backstop, so it waits a little longer. */
    private static final Duration GRACE = Duration.ofSeconds(10);

    private final AtomicLong compilingSince = new AtomicLong();
    private final long limitNanos;
    private final Optional<ProcessHandle> parent = ProcessHandle.current().parent();

    private Watchdog(Duration deadline) {
        this.limitNanos = deadline.plus(GRACE).toNanos();
    }

    static Watchdog start(Duration deadline) {
        Watchdog watchdog = new Watchdog(deadline);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "compile-worker-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(watchdog::check, 1, 1, TimeUnit.SECONDS);
        return watchdog;
    }

    void compiling() {
        compilingSince.set(System.nanoTime() | 1);
    }

    void idle() {
        compilingSince.set(0);
    }

    private void check() {
        if (parent.isPresent() && !parent.get().isAlive()) {
            Runtime.getRuntime().halt(ORPHANED);
        }
        long since = compilingSince.get();
        if (since != 0 && System.nanoTime() - since > limitNanos) {
            Runtime.getRuntime().halt(OVERDUE);
        }
    }
}
