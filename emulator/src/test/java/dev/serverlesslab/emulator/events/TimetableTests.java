package dev.serverlesslab.emulator.events;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.core.EmulatorClock;
import dev.serverlesslab.emulator.events.schedule.Timetable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The schedule thread: none before the first schedule (the hello-lambda grading must not pay for it), each passed
 * occurrence fired in order with its own time, a bounded catch-up, and nothing after close.
 */
class TimetableTests {

    private final EmulatorClock clock = new EmulatorClock();

    @Test
    void noThread_untilTheFirstEntry_andNoneAfterClose() {
        try (Timetable timetable = new Timetable(clock)) {
            assertFalse(timetable.running(), "a timetable without entries starts no thread");
            timetable.put("a", after -> Optional.of(after.plusSeconds(3600)), at -> { });
            assertTrue(timetable.running());
            timetable.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> !timetable.running());
        }
    }

    @Test
    void advance_firesEachPassedOccurrence_inOrder_withItsTime() {
        List<Instant> fired = new CopyOnWriteArrayList<>();
        Instant start = clock.instant();
        try (Timetable timetable = new Timetable(clock)) {
            timetable.put("every-minute", after -> Optional.of(start.plusSeconds(60 * ((after.getEpochSecond()
                    - start.getEpochSecond()) / 60 + 1))), fired::add);

            clock.advance(Duration.ofMinutes(4).plusSeconds(1));

            await().atMost(Duration.ofSeconds(10)).until(() -> fired.size() >= 4);
            assertEquals(List.of(start.plusSeconds(60), start.plusSeconds(120), start.plusSeconds(180),
                    start.plusSeconds(240)), fired);
        }
    }

    @Test
    void aHugeJump_firesAtMostTheCatchUpLimit() {
        List<Instant> fired = new CopyOnWriteArrayList<>();
        try (Timetable timetable = new Timetable(clock)) {
            timetable.put("every-minute", after -> Optional.of(after.plusSeconds(60)), fired::add);

            clock.advance(Duration.ofDays(30));

            await().atMost(Duration.ofSeconds(30)).until(() -> fired.size() >= Timetable.MAX_CATCH_UP);
            await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                    .until(() -> fired.size() == Timetable.MAX_CATCH_UP);
        }
    }
}
