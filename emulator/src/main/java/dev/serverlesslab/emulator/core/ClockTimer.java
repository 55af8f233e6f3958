package dev.serverlesslab.emulator.core;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One-shot delays on the {@link EmulatorClock}: a task runs once the clock reads its due time, whether real time
 * got there or a grader advanced the clock past it. One daemon thread, started by the first task, runs the due
 * tasks in due order; a task should be quick (hand real work to an executor).
 */
public final class ClockTimer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClockTimer.class);

    private record Task(Instant due, long order, Runnable action) implements Comparable<Task> {
        @Override
        public int compareTo(Task other) {
            int byDue = due.compareTo(other.due);
            return byDue != 0 ? byDue : Long.compare(order, other.order);
        }
    }

    private final EmulatorClock clock;
    private final String threadName;
    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private final AtomicLong order = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private Thread thread;
    private boolean closed;

    public ClockTimer(EmulatorClock clock, String threadName) {
        this.clock = clock;
        this.threadName = threadName;
        clock.onAdvance(this::wake);
    }

    /** The clock the delays are measured on. */
    public EmulatorClock clock() {
        return clock;
    }

    /** Runs {@code action} once {@code delay} has passed on the clock; ignored after {@link #close}. */
    public void schedule(Duration delay, Runnable action) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            tasks.add(new Task(clock.instant().plus(delay), order.incrementAndGet(), action));
            if (thread == null) {
                thread = new Thread(this::run, threadName);
                thread.setDaemon(true);
                thread.start();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Tasks waiting to run. */
    public int pending() {
        lock.lock();
        try {
            return tasks.size();
        } finally {
            lock.unlock();
        }
    }

    private void wake() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (true) {
            Task due;
            lock.lock();
            try {
                while (true) {
                    if (closed) {
                        return;
                    }
                    Task next = tasks.peek();
                    long wait = next == null ? 1000 : Duration.between(clock.instant(), next.due()).toMillis();
                    if (next != null && wait <= 0) {
                        due = tasks.poll();
                        break;
                    }
                    // Capped so that a slow system clock never leaves a task behind by more than a second.
                    changed.await(Math.max(1, Math.min(wait, 1000)), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            try {
                due.action().run();
            } catch (RuntimeException e) {
                LOG.warn("A delayed task due at {} failed: {}", due.due(), e.toString());
            }
        }
    }

    /** Drops what is pending and stops the thread. */
    @Override
    public void close() {
        Thread running;
        lock.lock();
        try {
            closed = true;
            tasks.clear();
            running = thread;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (running != null) {
            running.interrupt();
        }
    }
}
