package dev.serverlesslab.server.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@link #PER_USERNAME} failed sign-ins for one username, or {@link #PER_ADDRESS} from
 * one client address, within {@link #WINDOW}, further attempts are refused until the oldest failure leaves the window.
 * Kept in memory: a restart forgets it, which only gives a guesser one more window. The address limit is higher
 * because a whole classroom may share one address behind NAT.
 */
public final class LoginThrottle {

    public static final int PER_USERNAME = 5;
    public static final int PER_ADDRESS = 30;
    public static final Duration WINDOW = Duration.ofMinutes(15);
    /** Beyond this many tracked keys the oldest windows are dropped, so a flood of usernames cannot fill the heap. */
    private static final int MAX_KEYS = 100_000;

    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long until this username may try again from this address; empty when it may try now. */
    public Optional<Duration> retryAfter(String username, String address) {
        Instant now = clock.instant();
        Optional<Duration> byName = waitFor("user:" + username, PER_USERNAME, now);
        Optional<Duration> byAddress = waitFor("addr:" + address, PER_ADDRESS, now);
        if (byName.isPresent() && byAddress.isPresent()) {
            return Optional.of(byName.get().compareTo(byAddress.get()) >= 0 ? byName.get() : byAddress.get());
        }
        return byName.isPresent() ? byName : byAddress;
    }

    /** How long until this address may try again (e.g. after wrong join codes); empty when it may try now. */
    public Optional<Duration> retryAfterForAddress(String address) {
        return waitFor("addr:" + address, PER_ADDRESS, clock.instant());
    }

    /** Counts a failure that names no account (a wrong join code) against the address alone. */
    public void failedFromAddress(String address) {
        record("addr:" + address, clock.instant());
    }

    /** Counts a failed sign-in against the username and the address. */
    public void failed(String username, String address) {
        if (failures.size() > MAX_KEYS) {
            prune(clock.instant());
        }
        Instant now = clock.instant();
        record("user:" + username, now);
        record("addr:" + address, now);
    }

    /** A successful sign-in clears the username's failures (not the address's: one shared address is many people). */
    public void succeeded(String username) {
        failures.remove("user:" + username);
    }

    private void record(String key, Instant now) {
        failures.compute(key, (k, times) -> {
            Deque<Instant> list = times == null ? new ArrayDeque<>() : times;
            dropExpired(list, now);
            list.addLast(now);
            return list;
        });
    }

    private Optional<Duration> waitFor(String key, int limit, Instant now) {
        Duration[] result = {null};
        failures.computeIfPresent(key, (k, times) -> {
            dropExpired(times, now);
            if (times.size() >= limit) {
                Instant freeAt = times.peekFirst().plus(WINDOW);
                result[0] = Duration.between(now, freeAt);
            }
            return times.isEmpty() ? null : times;
        });
        return Optional.ofNullable(result[0]);
    }

    private void prune(Instant now) {
        failures.replaceAll((key, times) -> {
            dropExpired(times, now);
            return times;
        });
        failures.values().removeIf(Deque::isEmpty);
        if (failures.size() > MAX_KEYS) {
            failures.clear();
        }
    }

    private static void dropExpired(Deque<Instant> times, Instant now) {
        Instant oldest = now.minus(WINDOW);
        while (!times.isEmpty() && !times.peekFirst().isAfter(oldest)) {
            times.removeFirst();
        }
    }
}
