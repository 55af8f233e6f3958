package dev.serverlesslab.server.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How many test console runs one learner may ask for: one running at a time and {@link #MAX_PER_MINUTE} a minute.
 * Each run compiles and starts a JVM on the grading backend, so a script pressing Test must not out-run the graders.
 */
final class ConsoleLimits {

    /** A person reads a result before pressing Test again; twenty a minute is already faster than that. */
    static final int MAX_PER_MINUTE = 20;
    static final Duration WINDOW = Duration.ofMinutes(1);
    /** A warm run takes a few seconds; asking again after that is about right. */
    static final Duration RETRY_WHILE_RUNNING = Duration.ofSeconds(5);

    private final int maxPerMinute;
    private final Clock clock;
    private final Set<String> running = new HashSet<>();
    private final Map<String, Deque<Instant>> started = new HashMap<>();

    ConsoleLimits(int maxPerMinute, Clock clock) {
        this.maxPerMinute = maxPerMinute;
        this.clock = clock;
    }

    /** Admits one run for {@code learner}, to be {@link Run#close closed} when it ends, or says why not. */
    synchronized Decision admit(String learner) {
        Instant now = clock.instant();
        started.values().forEach(times -> {
            while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(WINDOW))) {
                times.removeFirst();
            }
        });
        started.values().removeIf(Deque::isEmpty);
        if (running.contains(learner)) {
            return new Decision(Optional.empty(), RETRY_WHILE_RUNNING, "Your previous test is still running. Wait "
                    + "for its result, then press Test again.");
        }
        Deque<Instant> times = started.computeIfAbsent(learner, key -> new ArrayDeque<>());
        if (times.size() >= maxPerMinute) {
            Duration retry = Duration.between(now, times.peekFirst().plus(WINDOW));
            return new Decision(Optional.empty(), retry, "You ran " + times.size() + " tests in the last minute, the "
                    + "most allowed is " + maxPerMinute + ". Try again in " + Math.max(1, retry.toSeconds()) + " s.");
        }
        times.addLast(now);
        running.add(learner);
        return new Decision(Optional.of(new Run(learner)), null, null);
    }

    private synchronized void finished(String learner) {
        running.remove(learner);
    }

    /** An admitted run; closing it lets the learner start the next. */
    final class Run implements AutoCloseable {
        private final String learner;

        private Run(String learner) {
            this.learner = learner;
        }

        @Override
        public void close() {
            finished(learner);
        }
    }

    /** An admission, or a refusal with when to try again and a sentence saying why. */
    record Decision(Optional<Run> run, Duration retryAfter, String message) {
    }
}
