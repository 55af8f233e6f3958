package dev.serverlesslab.server.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The per-learner limits on their own, with a clock the test moves and submissions it declares finished. */
class SubmissionLimitsTests {

    private Instant now = Instant.parse("2026-01-01T10:00:00Z");
    private final Set<String> waiting = new HashSet<>();
    private final SubmissionLimits limits = new SubmissionLimits(2, 3, new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }, waiting::contains);

    private void submit(String client, String id) {
        limits.admit(client).admission().orElseThrow(() -> new AssertionError("refused " + id)).submitted(id);
        waiting.add(id);
    }

    @Test
    void moreWaitingThanAllowed_isRefusedUntilOneFinishes() {
        submit("10.0.0.1", "a");
        submit("10.0.0.1", "b");

        SubmissionLimits.Decision refused = limits.admit("10.0.0.1");
        assertTrue(refused.admission().isEmpty());
        assertTrue(refused.message().contains("2 submissions waiting"), refused.message());
        assertEquals(SubmissionLimits.RETRY_WHEN_WAITING, refused.retryAfter());

        waiting.remove("a");
        assertTrue(limits.admit("10.0.0.1").admission().isPresent());
    }

    @Test
    void moreThanAllowedPerMinute_isRefusedWithTheSecondsUntilTheOldestLeavesTheWindow() {
        submit("10.0.0.1", "a");
        waiting.clear();
        now = now.plusSeconds(20);
        submit("10.0.0.1", "b");
        submit("10.0.0.1", "c");
        waiting.clear();

        SubmissionLimits.Decision refused = limits.admit("10.0.0.1");
        assertTrue(refused.admission().isEmpty());
        assertEquals(Duration.ofSeconds(40), refused.retryAfter());
        assertTrue(refused.message().contains("3 times in the last minute"), refused.message());

        now = now.plusSeconds(40);
        assertTrue(limits.admit("10.0.0.1").admission().isPresent());
    }

    @Test
    void limits_areCountedPerClient() {
        submit("10.0.0.1", "a");
        submit("10.0.0.1", "b");

        assertTrue(limits.admit("10.0.0.2").admission().isPresent());
    }
}
