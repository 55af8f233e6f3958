package dev.serverlesslab.graders.check;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting in checks for what happens asynchronously (a queue draining, an object a function wrote, an execution
 * ending): the condition is polled every 50 ms until it holds or the time is up, when the check fails with a message
 * naming what was awaited.
 *
 * <pre>{@code
 * Eventually.check("the queue to be empty", Duration.ofSeconds(10), () -> sqs.getQueueAttributes(...)
 *         .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES).equals("0"));
 * }</pre>
 */
public final class Eventually {

    private static final Duration POLL = Duration.ofMillis(50);

    private Eventually() {
    }

    /** Waits until {@code condition} holds; fails the check with "expected {what} within N s" otherwise. */
    public static void check(String what, Duration within, BooleanSupplier condition) {
        get(what, within, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty(), () -> "");
    }

    /** Waits until {@code probe} answers a value and returns it; fails the check otherwise. */
    public static <T> T get(String what, Duration within, Supplier<Optional<T>> probe) {
        return get(what, within, probe, () -> "");
    }

    /**
     * As {@link #get(String, Duration, Supplier)}, with {@code lastSeen} describing the state at the deadline for the
     * failure message (e.g. "it ran 1 time(s)").
     */
    public static <T> T get(String what, Duration within, Supplier<Optional<T>> probe, Supplier<String> lastSeen) {
        Instant deadline = Instant.now().plus(within);
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (Instant.now().isAfter(deadline)) {
                String seen = lastSeen.get();
                throw new AssertionError("expected " + what + " within " + within.toMillis() / 1000.0 + " s"
                        + (seen.isEmpty() ? "" : ", but " + seen));
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
