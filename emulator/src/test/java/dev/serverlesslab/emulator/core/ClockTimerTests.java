package dev.serverlesslab.emulator.core;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** One-shot delays on the emulator's clock, with the system clock standing still so only advances move time. */
class ClockTimerTests {

    private final EmulatorClock clock = new EmulatorClock(Clock.fixed(Instant.parse("2026-12-06T20:00:00Z"),
            ZoneOffset.UTC));

    @Test
    void tasksRunOnlyOnceTheClockReachesThem_inDueOrder() {
        List<String> ran = new CopyOnWriteArrayList<>();
        try (ClockTimer timer = new ClockTimer(clock, "test-timer")) {
            timer.schedule(Duration.ofMinutes(2), () -> ran.add("two minutes"));
            timer.schedule(Duration.ofMinutes(1), () -> ran.add("one minute"));

            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(ran::isEmpty);
            clock.advance(Duration.ofSeconds(59));
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(ran::isEmpty);
            clock.advance(Duration.ofSeconds(1));
            await().atMost(Duration.ofSeconds(5)).until(() -> ran.size() == 1);
            assertEquals(1, timer.pending());
            clock.advance(Duration.ofHours(1));
            await().atMost(Duration.ofSeconds(5)).until(() -> ran.size() == 2);

            assertEquals(List.of("one minute", "two minutes"), ran);
            assertEquals(0, timer.pending());
        }
    }

    @Test
    void close_dropsWhatIsPending_andIgnoresLaterTasks() {
        List<String> ran = new CopyOnWriteArrayList<>();
        ClockTimer timer = new ClockTimer(clock, "test-timer");
        timer.schedule(Duration.ofMinutes(1), () -> ran.add("pending"));

        timer.close();
        timer.schedule(Duration.ZERO, () -> ran.add("after close"));
        clock.advance(Duration.ofMinutes(5));

        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(ran::isEmpty);
        assertEquals(0, timer.pending());
    }
}
