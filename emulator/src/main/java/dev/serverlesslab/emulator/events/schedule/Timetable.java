package dev.serverlesslab.emulator.events.schedule;

import dev.serverlesslab.emulator.core.EmulatorClock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires scheduled work on the emulator's clock: one daemon thread, started by the first entry, wakes when the next
 * occurrence is due or when the clock is advanced, and runs every occurrence that has come due in order, each with
 * its own scheduled time. So advancing the clock by five minutes fires a {@code rate(1 minute)} rule five times.
 * EventBridge schedule rules and EventBridge Scheduler schedules share it.
 */
public final class Timetable implements AutoCloseable {

    /** Occurrences fired at most per entry and wake-up; a jump of a year on a one-minute rate is not replayed. */
    public static final int MAX_CATCH_UP = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(Timetable.class);

    private record Entry(Function<Instant, Optional<Instant>> next, Consumer<Instant> fire, Instant due) {
    }

    private final EmulatorClock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private Thread thread;
    private boolean closed;
    private boolean wake;

    public Timetable(EmulatorClock clock) {
        this.clock = clock;
        clock.onAdvance(this::wake);
    }

    /**
     * Schedules (or reschedules) {@code key}: {@code next} gives the occurrence after an instant (empty when there is
     * none left), {@code fire} runs for each occurrence with its scheduled time, on the timetable's thread.
     */
    public void put(String key, Function<Instant, Optional<Instant>> next, Consumer<Instant> fire) {
        Optional<Instant> first = next.apply(clock.instant());
        if (first.isEmpty()) {
            entries.remove(key);
            return;
        }
        entries.put(key, new Entry(next, fire, first.get()));
        ensureStarted();
        wake();
    }

    /** Stops firing {@code key}; unknown keys are ignored. */
    public void remove(String key) {
        entries.remove(key);
    }

    /** Wakes the thread to look at what is due (after an advance of the clock). */
    private void wake() {
        lock.lock();
        try {
            wake = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void ensureStarted() {
        lock.lock();
        try {
            if (thread == null && !closed) {
                thread = new Thread(this::run, "serverlesslab-schedules");
                thread.setDaemon(true);
                thread.start();
            }
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (true) {
            fireDue();
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                if (!wake) {
                    long wait = entries.values().stream().map(Entry::due).min(Instant::compareTo)
                            .map(due -> due.toEpochMilli() - clock.instant().toEpochMilli()).orElse(1000L);
                    // Capped so that a slow system clock never leaves an occurrence behind by more than a second.
                    changed.await(Math.max(1, Math.min(wait, 1000)), TimeUnit.MILLISECONDS);
                }
                wake = false;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    private void fireDue() {
        Instant now = clock.instant();
        for (Map.Entry<String, Entry> item : entries.entrySet()) {
            Entry entry = item.getValue();
            Instant due = entry.due();
            int fired = 0;
            while (due != null && !due.isAfter(now) && fired < MAX_CATCH_UP) {
                try {
                    entry.fire().accept(due);
                } catch (RuntimeException e) {
                    LOG.warn("Scheduled delivery for {} at {} failed: {}", item.getKey(), due, e.toString());
                }
                fired++;
                due = entry.next().apply(due).orElse(null);
            }
            if (fired == MAX_CATCH_UP && due != null && !due.isAfter(now)) {
                LOG.warn("{} had more than {} occurrences due at once; skipping to the next after {}", item.getKey(),
                        MAX_CATCH_UP, now);
                due = entry.next().apply(now).orElse(null);
            }
            if (fired > 0) {
                Instant newDue = due;
                // Replaced or removed while firing: the newer entry wins.
                entries.computeIfPresent(item.getKey(), (key, current) -> current != entry ? current
                        : newDue == null ? null : new Entry(entry.next(), entry.fire(), newDue));
            }
        }
    }

    /** True while the schedule thread is alive: from the first entry until {@link #close}. */
    public boolean running() {
        lock.lock();
        try {
            return thread != null && thread.isAlive();
        } finally {
            lock.unlock();
        }
    }

    /** Stops the thread; nothing fires afterwards. */
    @Override
    public void close() {
        Thread running;
        lock.lock();
        try {
            closed = true;
            running = thread;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        entries.clear();
        if (running != null) {
            running.interrupt();
        }
    }
}
