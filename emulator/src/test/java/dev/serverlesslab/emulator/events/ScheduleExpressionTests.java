package dev.serverlesslab.emulator.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.events.schedule.ScheduleExpression;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** rate, cron and at expressions with AWS's rules: the next occurrence after an instant, and what is refused. */
class ScheduleExpressionTests {

    private static final Instant ANCHOR = Instant.parse("2026-12-05T08:00:00Z");

    static Stream<Arguments> occurrences() {
        return Stream.of(
                Arguments.of("rate(1 minute)", "2026-12-05T08:00:30Z", "2026-12-05T08:01:00Z"),
                Arguments.of("rate(5 minutes)", "2026-12-05T08:05:00Z", "2026-12-05T08:10:00Z"),
                Arguments.of("rate(2 hours)", "2026-12-05T07:00:00Z", "2026-12-05T10:00:00Z"),
                Arguments.of("rate(1 day)", "2026-12-05T09:00:00Z", "2026-12-06T08:00:00Z"),
                Arguments.of("cron(0 12 * * ? *)", "2026-12-05T08:00:00Z", "2026-12-05T12:00:00Z"),
                Arguments.of("cron(0 12 * * ? *)", "2026-12-05T12:00:00Z", "2026-12-06T12:00:00Z"),
                Arguments.of("cron(0/15 * * * ? *)", "2026-12-05T08:01:00Z", "2026-12-05T08:15:00Z"),
                Arguments.of("cron(*/10 9-17 ? * MON-FRI *)", "2026-12-05T08:00:00Z", "2026-12-07T09:00:00Z"),
                Arguments.of("cron(15 10 ? * 6L 2027)", "2026-12-05T08:00:00Z", "2027-01-29T10:15:00Z"),
                Arguments.of("cron(0 18 L * ? *)", "2026-12-05T08:00:00Z", "2026-12-31T18:00:00Z"),
                Arguments.of("cron(0 8 1W * ? *)", "2026-12-05T08:00:00Z", "2027-01-01T08:00:00Z"),
                Arguments.of("cron(0 8 15W * ? *)", "2027-05-01T00:00:00Z", "2027-05-14T08:00:00Z"),
                Arguments.of("cron(0 10 ? * 2#1 *)", "2026-12-05T08:00:00Z", "2026-12-07T10:00:00Z"),
                Arguments.of("cron(0 0 1 JAN,JUL ? *)", "2026-12-05T08:00:00Z", "2027-01-01T00:00:00Z"),
                Arguments.of("cron(30 23 ? * FRI-MON *)", "2026-12-05T08:00:00Z", "2026-12-05T23:30:00Z"),
                Arguments.of("cron(0 0 1 1 ? 2020)", "2026-12-05T08:00:00Z", "none"));
    }

    @ParameterizedTest(name = "{0} after {1} -> {2}")
    @MethodSource("occurrences")
    void next_isTheFirstOccurrenceAfter(String expression, String after, String expected) {
        Optional<Instant> next = ScheduleExpression.parse(expression, false, ZoneOffset.UTC, ANCHOR)
                .next(Instant.parse(after));
        assertEquals(expected, next.map(Instant::toString).orElse("none"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rate(1 minutes)", "rate(5 minute)", "rate(0 minutes)", "rate(5 seconds)",
        "cron(0 12 * * * *)", "cron(0 12 ? * ? *)", "cron(0 12 * * ?)", "cron(60 12 * * ? *)",
        "cron(0 12 32 * ? *)", "cron(0 12 ? * 8 *)", "cron(0 12 ? * MON#6 *)", "at(2030-01-01T00:00:00)",
        "every minute"})
    void invalidExpression_isRefused(String expression) {
        assertThrows(IllegalArgumentException.class,
                () -> ScheduleExpression.parse(expression, false, ZoneOffset.UTC, ANCHOR));
    }

    @org.junit.jupiter.api.Test
    void at_inATimeZone_firesOnceAtThatLocalTime() {
        ScheduleExpression at = ScheduleExpression.parse("at(2027-03-01T09:30:00)", true,
                ZoneId.of("Europe/Berlin"), ANCHOR);
        assertEquals(Optional.of(Instant.parse("2027-03-01T08:30:00Z")), at.next(ANCHOR));
        assertTrue(at.next(Instant.parse("2027-03-01T08:30:00Z")).isEmpty());
    }

    @org.junit.jupiter.api.Test
    void cron_inATimeZone_followsItsLocalTime() {
        ScheduleExpression cron = ScheduleExpression.parse("cron(0 9 * * ? *)", true,
                ZoneId.of("America/New_York"), ANCHOR);
        assertEquals(Optional.of(Instant.parse("2026-12-05T14:00:00Z")), cron.next(ANCHOR));
    }
}
