package dev.serverlesslab.emulator.events.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A schedule as EventBridge rules and EventBridge Scheduler write it: {@code rate(1 minute)},
 * {@code rate(5 minutes|hours|days)}, {@code cron(min hour dom month dow year)} and, for Scheduler only,
 * {@code at(yyyy-mm-ddThh:mm:ss)}. {@link #next} gives the occurrence after an instant.
 */
public sealed interface ScheduleExpression {

    /** The first occurrence strictly after {@code after}; empty when the schedule has no more. */
    Optional<Instant> next(Instant after);

    /** The expression as written. */
    String text();

    /**
     * {@code rate(value unit)}: occurrences every {@code period}, counted from {@code anchor} (when the rule or
     * schedule was made, or its start date).
     */
    record Rate(String text, Duration period, Instant anchor) implements ScheduleExpression {
        @Override
        public Optional<Instant> next(Instant after) {
            if (after.isBefore(anchor)) {
                return Optional.of(anchor.plus(period));
            }
            long periods = Duration.between(anchor, after).toMillis() / period.toMillis() + 1;
            return Optional.of(anchor.plus(period.multipliedBy(periods)));
        }
    }

    /** {@code cron(...)} read in a time zone (UTC for EventBridge rules). */
    record Cron(String text, CronExpression cron, ZoneId zone) implements ScheduleExpression {
        @Override
        public Optional<Instant> next(Instant after) {
            return cron.next(after.atZone(zone)).map(at -> at.toInstant());
        }
    }

    /** {@code at(...)}: one occurrence, a local date-time in a time zone. */
    record At(String text, Instant at) implements ScheduleExpression {
        @Override
        public Optional<Instant> next(Instant after) {
            return at.isAfter(after) ? Optional.of(at) : Optional.empty();
        }
    }

    /**
     * Parses an expression; {@link IllegalArgumentException} says what is wrong with it.
     *
     * @param allowAt whether {@code at(...)} is allowed (EventBridge Scheduler) or not (EventBridge rules)
     * @param zone the zone cron and at expressions are read in
     * @param anchor where rate schedules count from
     */
    static ScheduleExpression parse(String text, boolean allowAt, ZoneId zone, Instant anchor) {
        String trimmed = text == null ? "" : text.trim();
        Matcher rate = Pattern.compile("rate\\((\\d+) +(minute|minutes|hour|hours|day|days)\\)").matcher(trimmed);
        if (rate.matches()) {
            long value;
            try {
                value = Long.parseLong(rate.group(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the rate value in " + text + " is too large");
            }
            String unit = rate.group(2);
            if (value < 1) {
                throw new IllegalArgumentException("the rate value in " + text + " must be a positive whole number");
            }
            if ((value == 1) == unit.endsWith("s")) {
                throw new IllegalArgumentException(text + ": a rate of 1 takes a singular unit (minute, hour, day), "
                        + "a larger one a plural (minutes, hours, days)");
            }
            Duration period = switch (unit.replaceAll("s$", "")) {
                case "minute" -> Duration.ofMinutes(value);
                case "hour" -> Duration.ofHours(value);
                default -> Duration.ofDays(value);
            };
            return new Rate(trimmed, period, anchor);
        }
        if (trimmed.startsWith("cron(") && trimmed.endsWith(")")) {
            return new Cron(trimmed, CronExpression.parse(trimmed.substring(5, trimmed.length() - 1)), zone);
        }
        if (allowAt && trimmed.startsWith("at(") && trimmed.endsWith(")")) {
            try {
                LocalDateTime local = LocalDateTime.parse(trimmed.substring(3, trimmed.length() - 1));
                return new At(trimmed, local.atZone(zone).toInstant());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(text + ": at() takes yyyy-mm-ddThh:mm:ss, e.g. "
                        + "at(2030-01-31T09:00:00)");
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a schedule expression; use rate(5 minutes), "
                + "cron(0 12 * * ? *)" + (allowAt ? " or at(2030-01-31T09:00:00)" : ""));
    }
}
