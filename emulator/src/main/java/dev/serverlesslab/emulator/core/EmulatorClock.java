package dev.serverlesslab.emulator.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The emulator's time for what AWS does later: schedules, Wait states, delays. It runs with the system clock plus an
 * offset that a grader can push forward ({@link #advance}), so a check need not wait a real minute for a
 * {@code rate(1 minute)} rule or a 300-second Wait. Time never goes backwards. Whoever schedules work on it either
 * calls {@link #sleepUntil} (woken early when the clock jumps) or registers a listener run after each advance.
 */
public final class EmulatorClock extends Clock {

    private final Clock system;
    private final AtomicLong offsetMillis = new AtomicLong();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();

    public EmulatorClock() {
        this(Clock.systemUTC());
    }

    public EmulatorClock(Clock system) {
        this.system = system;
    }

    @Override
    public Instant instant() {
        return system.instant().plusMillis(offsetMillis.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("The emulator's clock is UTC");
    }

    /** How far the clock is ahead of the system clock. */
    public Duration offset() {
        return Duration.ofMillis(offsetMillis.get());
    }

    /** Moves time forward and wakes everything waiting on it; a negative or zero amount is refused. */
    public Instant advance(Duration amount) {
        if (amount.isNegative() || amount.isZero()) {
            throw new IllegalArgumentException("The clock only moves forward; got " + amount);
        }
        offsetMillis.addAndGet(amount.toMillis());
        lock.lock();
        try {
            advanced.signalAll();
        } finally {
            lock.unlock();
        }
        listeners.forEach(Runnable::run);
        return instant();
    }

    /** Runs after every {@link #advance}, on the advancing thread: schedulers look again at what is due. */
    public void onAdvance(Runnable listener) {
        listeners.add(listener);
    }

    /**
     * Blocks until this clock reads {@code deadline} or later; returns early (false) when interrupted. An advance
     * past the deadline wakes the sleeper at once.
     */
    public boolean sleepUntil(Instant deadline) {
        lock.lock();
        try {
            while (true) {
                long remaining = Duration.between(instant(), deadline).toMillis();
                if (remaining <= 0) {
                    return true;
                }
                // Capped so that a slow system clock never leaves a sleeper behind by more than a second.
                advanced.await(Math.min(remaining, 1000), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }
}
