package dev.serverlesslab.emulator.events.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.BitSet;
import java.util.Locale;
import java.util.Optional;

/**
 * AWS's six-field cron ({@code minutes hours day-of-month month day-of-week year}) as EventBridge and EventBridge
 * Scheduler document it: {@code , - * /} everywhere, {@code ?} in exactly one of day-of-month and day-of-week,
 * {@code L} and {@code W} in day-of-month, {@code L} and {@code #} in day-of-week (1 = SUN ... 7 = SAT, or SUN-SAT),
 * months 1-12 or JAN-DEC, years 1970-2199.
 */
public final class CronExpression {

    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
        "NOV", "DEC"};
    private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet months;
    private final BitSet years;
    private final String dayOfMonth;
    private final BitSet daysOfMonth;
    private final String dayOfWeek;
    private final BitSet daysOfWeek;

    private CronExpression(String[] fields) {
        minutes = values(fields[0], 0, 59, null, "minutes");
        hours = values(fields[1], 0, 23, null, "hours");
        months = values(fields[3], 1, 12, MONTHS, "month");
        years = values(fields[5], 1970, 2199, null, "year");
        dayOfMonth = fields[2];
        dayOfWeek = fields[4].toUpperCase(Locale.ROOT);
        boolean domAny = "?".equals(dayOfMonth);
        boolean dowAny = "?".equals(dayOfWeek);
        if (domAny == dowAny) {
            throw new IllegalArgumentException("one of day-of-month and day-of-week must be '?' and the other not "
                    + "(e.g. cron(0 12 * * ? *) or cron(0 12 ? * MON-FRI *))");
        }
        daysOfMonth = domAny || special(dayOfMonth) ? null : values(dayOfMonth, 1, 31, null, "day-of-month");
        daysOfWeek = dowAny || dayOfWeek.contains("L") || dayOfWeek.contains("#") ? null
                : values(dayOfWeek, 1, 7, DAYS, "day-of-week");
        if (dayOfWeek.contains("L") || dayOfWeek.contains("#")) {
            checkSpecialWeekday(dayOfWeek);
        }
        if (special(dayOfMonth)) {
            checkSpecialMonthDay(dayOfMonth);
        }
    }

    /** Parses the inside of {@code cron(...)}; {@link IllegalArgumentException} says what is wrong. */
    public static CronExpression parse(String body) {
        String[] fields = body.trim().split("\\s+");
        if (fields.length != 6) {
            throw new IllegalArgumentException("cron needs six fields (minutes hours day-of-month month day-of-week "
                    + "year), got " + fields.length);
        }
        return new CronExpression(fields);
    }

    /** The first occurrence strictly after {@code after}, read in {@code zone}; empty when none is left (by 2199). */
    public Optional<ZonedDateTime> next(ZonedDateTime after) {
        ZoneId zone = after.getZone();
        LocalDateTime start = after.toLocalDateTime().withSecond(0).withNano(0).plusMinutes(1);
        LocalDate day = start.toLocalDate();
        LocalTime from = start.toLocalTime();
        while (day.getYear() <= 2199) {
            if (!years.get(day.getYear())) {
                day = LocalDate.of(day.getYear() + 1, 1, 1);
                from = LocalTime.MIDNIGHT;
                continue;
            }
            if (!months.get(day.getMonthValue())) {
                day = day.withDayOfMonth(1).plusMonths(1);
                from = LocalTime.MIDNIGHT;
                continue;
            }
            if (dayMatches(day)) {
                for (int hour = from.getHour(); hour < 24; hour++) {
                    if (!hours.get(hour)) {
                        continue;
                    }
                    int firstMinute = hour == from.getHour() ? from.getMinute() : 0;
                    int minute = minutes.nextSetBit(firstMinute);
                    if (minute >= 0 && minute < 60) {
                        ZonedDateTime at = ZonedDateTime.of(day, LocalTime.of(hour, minute), zone);
                        // A local time skipped by a daylight-saving gap moves forward; one that repeats is taken once.
                        if (at.isAfter(after)) {
                            return Optional.of(at);
                        }
                    }
                }
            }
            day = day.plusDays(1);
            from = LocalTime.MIDNIGHT;
        }
        return Optional.empty();
    }

    private boolean dayMatches(LocalDate day) {
        if (!"?".equals(dayOfMonth)) {
            return monthDayMatches(day);
        }
        return weekdayMatches(day);
    }

    private boolean monthDayMatches(LocalDate day) {
        if (daysOfMonth != null) {
            return daysOfMonth.get(day.getDayOfMonth());
        }
        LocalDate last = day.with(TemporalAdjusters.lastDayOfMonth());
        if ("L".equals(dayOfMonth)) {
            return day.equals(last);
        }
        if (dayOfMonth.startsWith("L-")) {
            return day.equals(last.minusDays(Integer.parseInt(dayOfMonth.substring(2))));
        }
        if ("LW".equals(dayOfMonth)) {
            return day.equals(nearestWeekday(last));
        }
        int target = Integer.parseInt(dayOfMonth.substring(0, dayOfMonth.length() - 1));
        if (target > last.getDayOfMonth()) {
            return false;
        }
        return day.equals(nearestWeekday(day.withDayOfMonth(target)));
    }

    /** The weekday nearest to {@code day} within its month, as {@code W} means. */
    private static LocalDate nearestWeekday(LocalDate day) {
        DayOfWeek weekday = day.getDayOfWeek();
        if (weekday == DayOfWeek.SATURDAY) {
            return day.getDayOfMonth() == 1 ? day.plusDays(2) : day.minusDays(1);
        }
        if (weekday == DayOfWeek.SUNDAY) {
            return day.plusDays(1).getMonth() == day.getMonth() ? day.plusDays(1) : day.minusDays(2);
        }
        return day;
    }

    private boolean weekdayMatches(LocalDate day) {
        int weekday = day.getDayOfWeek().getValue() % 7 + 1; // SUN = 1 ... SAT = 7
        if (daysOfWeek != null) {
            return daysOfWeek.get(weekday);
        }
        if ("L".equals(dayOfWeek)) {
            return weekday == 7 && day.plusDays(7).getMonth() != day.getMonth();
        }
        if (dayOfWeek.endsWith("L")) {
            int wanted = weekdayNumber(dayOfWeek.substring(0, dayOfWeek.length() - 1));
            return weekday == wanted && day.plusDays(7).getMonth() != day.getMonth();
        }
        String[] parts = dayOfWeek.split("#");
        int wanted = weekdayNumber(parts[0]);
        int nth = Integer.parseInt(parts[1]);
        return weekday == wanted && (day.getDayOfMonth() - 1) / 7 + 1 == nth;
    }

    private static boolean special(String field) {
        return field.contains("L") || field.contains("W");
    }

    private static void checkSpecialMonthDay(String field) {
        if (field.equals("L") || field.equals("LW")) {
            return;
        }
        if (field.matches("L-\\d{1,2}") && Integer.parseInt(field.substring(2)) <= 30) {
            return;
        }
        if (field.matches("\\d{1,2}W") && between(Integer.parseInt(field.substring(0, field.length() - 1)), 1, 31)) {
            return;
        }
        throw new IllegalArgumentException("day-of-month '" + field + "' is not valid; L, LW, L-n or nW (e.g. 15W) "
                + "stand alone");
    }

    private static void checkSpecialWeekday(String field) {
        if (field.equals("L")) {
            return;
        }
        if (field.endsWith("L")) {
            weekdayNumber(field.substring(0, field.length() - 1));
            return;
        }
        String[] parts = field.split("#");
        if (parts.length == 2 && parts[1].matches("[1-5]")) {
            weekdayNumber(parts[0]);
            return;
        }
        throw new IllegalArgumentException("day-of-week '" + field + "' is not valid; use nL (last weekday n of the "
                + "month) or n#k (the k-th weekday n, k 1-5) alone");
    }

    private static int weekdayNumber(String text) {
        int value = number(text, DAYS, "day-of-week");
        if (!between(value, 1, 7)) {
            throw new IllegalArgumentException("day-of-week " + text + " is out of range 1-7 (SUN-SAT)");
        }
        return value;
    }

    private static BitSet values(String field, int min, int max, String[] names, String what) {
        BitSet set = new BitSet(max + 1);
        for (String part : field.split(",", -1)) {
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = number(part.substring(slash + 1), null, what);
                range = part.substring(0, slash);
                if (step < 1) {
                    throw new IllegalArgumentException(what + " step in '" + part + "' must be at least 1");
                }
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", 2);
                from = number(ends[0], names, what);
                to = number(ends[1], names, what);
            } else {
                from = number(range, names, what);
                to = slash >= 0 ? max : from;
            }
            if (!between(from, min, max) || !between(to, min, max)) {
                throw new IllegalArgumentException(what + " '" + part + "' is out of range " + min + "-" + max);
            }
            if (from <= to) {
                for (int value = from; value <= to; value += step) {
                    set.set(value);
                }
            } else {
                // A wrapping range such as FRI-MON or 22-2.
                int positions = (max - from + 1) + (to - min + 1);
                for (int k = 0; k < positions; k += step) {
                    int value = from + k;
                    set.set(value > max ? value - max + min - 1 : value);
                }
            }
        }
        return set;
    }

    private static int number(String text, String[] names, String what) {
        if (names != null) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equalsIgnoreCase(text)) {
                    return i + 1;
                }
            }
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " value '" + text + "' is not a number"
                    + (names == null ? "" : " or a name (" + String.join(", ", names) + ")"));
        }
    }

    private static boolean between(int value, int min, int max) {
        return value >= min && value <= max;
    }
}
