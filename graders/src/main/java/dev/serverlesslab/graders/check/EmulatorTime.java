package dev.serverlesslab.graders.check;

import java.time.Duration;
import java.time.Instant;

/**
 * The backend's clock, which schedules, Step Functions Wait states, queue delays and visibility timeouts, and Lambda's
 * retries of a failed asynchronous invocation (a minute, then two) run on; checks take it as a parameter and move it
 * forward so they need not wait real minutes for a {@code rate(1 hour)} rule to fire or a retry to come. Work comes
 * due from the moment it is scheduled: to hurry a retry, advance after the failed attempt has ended.
 *
 * <pre>{@code
 * @Test void firesEveryHour(DeployedFunction function, EmulatorTime time) {
 *     time.advance(Duration.ofHours(1));
 *     function.awaitInvocations(1, Duration.ofSeconds(10));
 * }
 * }</pre>
 * Serverless Lab's emulator offers it (embedded, or {@code ./lab emulator} as an endpoint); on a backend without a
 * controllable clock (LocalStack, AWS) a check asking for it fails saying so.
 */
public interface EmulatorTime {

    /** The backend's current time. */
    Instant now();

    /** Moves the clock forward by {@code amount} (at least a second), firing what falls due; returns the new time. */
    Instant advance(Duration amount);
}
