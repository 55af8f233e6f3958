package dev.serverlesslab.emulator.scheduler;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.EmulatorClock;
import dev.serverlesslab.emulator.core.Targets;
import dev.serverlesslab.emulator.events.schedule.ScheduleExpression;
import dev.serverlesslab.emulator.events.schedule.Timetable;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * EventBridge Scheduler's state and rules per account and region: schedule groups ({@code default} always there),
 * schedules and group tags. Enabled schedules fire on the emulator's clock through the shared {@link Timetable}
 * between their StartDate and EndDate; one with no occurrence left and {@code ActionAfterCompletion: DELETE} is
 * deleted.
 */
public final class SchedulerBackend {

    static final String DEFAULT_GROUP = "default";
    private static final Pattern NAME = Pattern.compile("[0-9a-zA-Z\\-_.]{1,64}");

    private static final class RegionState {
        final Map<String, ScheduleGroup> groups = new TreeMap<>();
        /** By group, then name. */
        final Map<String, Map<String, Schedule>> schedules = new TreeMap<>();
        final Map<String, Map<String, String>> tags = new ConcurrentHashMap<>();
    }

    private final EmulatorClock clock;
    private final Timetable timetable;
    private final ScheduleDelivery delivery;
    private final Map<AccountRegion, RegionState> regions = new ConcurrentHashMap<>();

    public SchedulerBackend(Targets targets, EmulatorClock clock, Timetable timetable) {
        this.clock = clock;
        this.timetable = timetable;
        this.delivery = new ScheduleDelivery(targets);
    }

    // ---- groups

    public ScheduleGroup createScheduleGroup(AccountRegion scope, String name, Map<String, String> tags) {
        checkName(name, "Name");
        RegionState region = region(scope);
        synchronized (region) {
            if (region.groups.containsKey(name)) {
                throw SchedulerErrors.conflict("Schedule group " + name + " already exists.");
            }
            Instant now = clock.instant();
            ScheduleGroup group = new ScheduleGroup(name, groupArn(scope, name), now, now);
            region.groups.put(name, group);
            region.schedules.put(name, new TreeMap<>());
            if (!tags.isEmpty()) {
                region.tags.put(group.arn(), new ConcurrentHashMap<>(tags));
            }
            return group;
        }
    }

    public ScheduleGroup getScheduleGroup(AccountRegion scope, String name) {
        RegionState region = region(scope);
        synchronized (region) {
            return group(region, name);
        }
    }

    public List<ScheduleGroup> listScheduleGroups(AccountRegion scope, String prefix) {
        RegionState region = region(scope);
        synchronized (region) {
            return region.groups.values().stream().filter(g -> prefix == null || g.name().startsWith(prefix))
                    .toList();
        }
    }

    /** Deletes a group with its schedules; {@code default} cannot be deleted. */
    public void deleteScheduleGroup(AccountRegion scope, String name) {
        if (DEFAULT_GROUP.equals(name)) {
            throw SchedulerErrors.validation("The default schedule group cannot be deleted.");
        }
        RegionState region = region(scope);
        synchronized (region) {
            ScheduleGroup group = group(region, name);
            region.schedules.remove(name).values().forEach(schedule -> timetable.remove(schedule.arn()));
            region.groups.remove(name);
            region.tags.remove(group.arn());
        }
    }

    // ---- schedules

    /** Creates ({@code update} false) or replaces a schedule; returns its ARN. */
    public String putSchedule(AccountRegion scope, Schedule spec, boolean update) {
        checkName(spec.name(), "Name");
        String groupName = spec.groupName() == null ? DEFAULT_GROUP : spec.groupName();
        ZoneId zone = zone(spec.timezone());
        Instant now = clock.instant();
        ScheduleExpression expression;
        try {
            expression = ScheduleExpression.parse(spec.scheduleExpression(), true, zone,
                    spec.startDate() == null ? now : spec.startDate());
        } catch (IllegalArgumentException e) {
            throw SchedulerErrors.validation("Invalid Schedule Expression " + spec.scheduleExpression() + ": "
                    + e.getMessage());
        }
        if (spec.startDate() != null && spec.endDate() != null && !spec.endDate().isAfter(spec.startDate())) {
            throw SchedulerErrors.validation("The EndDate must be after the StartDate.");
        }
        delivery.refusal(spec.target().arn()).ifPresent(reason -> {
            throw SchedulerErrors.validation(reason);
        });
        RegionState region = region(scope);
        synchronized (region) {
            group(region, groupName);
            Map<String, Schedule> schedules = region.schedules.get(groupName);
            Schedule existing = schedules.get(spec.name());
            if (update && existing == null) {
                throw SchedulerErrors.notFound("Schedule " + spec.name() + " does not exist.");
            }
            if (!update && existing != null) {
                throw SchedulerErrors.conflict("Schedule " + spec.name() + " already exists.");
            }
            String arn = scheduleArn(scope, groupName, spec.name());
            Schedule schedule = new Schedule(spec.name(), groupName, arn, spec.scheduleExpression(),
                    spec.timezone(), spec.startDate(), spec.endDate(), spec.description(),
                    spec.state() == null ? "ENABLED" : spec.state(), spec.flexibleWindowMode(),
                    spec.flexibleWindowMinutes(), spec.target(),
                    spec.actionAfterCompletion() == null ? "NONE" : spec.actionAfterCompletion(),
                    existing == null ? now : existing.creationDate(), now);
            schedules.put(spec.name(), schedule);
            arm(scope, schedule, expression);
            return arn;
        }
    }

    public Schedule getSchedule(AccountRegion scope, String name, String groupName) {
        RegionState region = region(scope);
        synchronized (region) {
            return schedule(region, name, groupName);
        }
    }

    public List<Schedule> listSchedules(AccountRegion scope, String groupName, String prefix, String state) {
        RegionState region = region(scope);
        synchronized (region) {
            if (groupName != null) {
                group(region, groupName);
            }
            return region.schedules.entrySet().stream()
                    .filter(entry -> groupName == null || entry.getKey().equals(groupName))
                    .flatMap(entry -> entry.getValue().values().stream())
                    .filter(s -> prefix == null || s.name().startsWith(prefix))
                    .filter(s -> state == null || s.state().equals(state)).toList();
        }
    }

    public void deleteSchedule(AccountRegion scope, String name, String groupName) {
        RegionState region = region(scope);
        synchronized (region) {
            Schedule schedule = schedule(region, name, groupName);
            region.schedules.get(schedule.groupName()).remove(name);
            timetable.remove(schedule.arn());
        }
    }

    private void arm(AccountRegion scope, Schedule schedule, ScheduleExpression expression) {
        if (!schedule.enabled()) {
            timetable.remove(schedule.arn());
            return;
        }
        timetable.put(schedule.arn(), after -> next(schedule, expression, after),
                at -> fire(scope, schedule, expression, at));
        if (next(schedule, expression, clock.instant()).isEmpty()) {
            completed(scope, schedule);
        }
    }

    /** The next occurrence within StartDate and EndDate. */
    private static Optional<Instant> next(Schedule schedule, ScheduleExpression expression, Instant after) {
        Instant from = schedule.startDate() != null && after.isBefore(schedule.startDate())
                ? schedule.startDate().minusMillis(1) : after;
        return expression.next(from).filter(at -> schedule.endDate() == null || !at.isAfter(schedule.endDate()));
    }

    private void fire(AccountRegion scope, Schedule schedule, ScheduleExpression expression, Instant at) {
        if (!current(scope, schedule)) {
            return;
        }
        delivery.fire(schedule, at);
        if (next(schedule, expression, at).isEmpty()) {
            completed(scope, schedule);
        }
    }

    /** No occurrence is left: with ActionAfterCompletion DELETE the schedule goes, as on AWS. */
    private void completed(AccountRegion scope, Schedule schedule) {
        if (!"DELETE".equals(schedule.actionAfterCompletion())) {
            return;
        }
        RegionState region = region(scope);
        synchronized (region) {
            Map<String, Schedule> schedules = region.schedules.get(schedule.groupName());
            if (schedules != null && schedules.get(schedule.name()) == schedule) {
                schedules.remove(schedule.name());
            }
        }
    }

    private boolean current(AccountRegion scope, Schedule schedule) {
        RegionState region = region(scope);
        synchronized (region) {
            Map<String, Schedule> schedules = region.schedules.get(schedule.groupName());
            return schedules != null && schedules.get(schedule.name()) == schedule;
        }
    }

    // ---- tags (schedule groups only, as on AWS)

    public void tagResource(AccountRegion scope, String arn, Map<String, String> tags) {
        RegionState region = region(scope);
        synchronized (region) {
            requireGroup(region, arn);
            region.tags.computeIfAbsent(arn, key -> new ConcurrentHashMap<>()).putAll(tags);
        }
    }

    public void untagResource(AccountRegion scope, String arn, List<String> keys) {
        RegionState region = region(scope);
        synchronized (region) {
            requireGroup(region, arn);
            keys.forEach(region.tags.getOrDefault(arn, new ConcurrentHashMap<>())::remove);
        }
    }

    public Map<String, String> listTagsForResource(AccountRegion scope, String arn) {
        RegionState region = region(scope);
        synchronized (region) {
            requireGroup(region, arn);
            return new TreeMap<>(region.tags.getOrDefault(arn, Map.of()));
        }
    }

    private static void requireGroup(RegionState region, String arn) {
        if (region.groups.values().stream().noneMatch(group -> group.arn().equals(arn))) {
            throw SchedulerErrors.notFound("Schedule group " + arn + " does not exist; tags are kept on schedule "
                    + "groups");
        }
    }

    // ---- lookups

    private RegionState region(AccountRegion scope) {
        return regions.computeIfAbsent(scope, key -> {
            RegionState state = new RegionState();
            Instant now = clock.instant();
            state.groups.put(DEFAULT_GROUP, new ScheduleGroup(DEFAULT_GROUP, groupArn(key, DEFAULT_GROUP), now, now));
            state.schedules.put(DEFAULT_GROUP, new TreeMap<>());
            return state;
        });
    }

    private static ScheduleGroup group(RegionState region, String name) {
        ScheduleGroup group = region.groups.get(name == null ? DEFAULT_GROUP : name);
        if (group == null) {
            throw SchedulerErrors.notFound("Schedule group " + name + " does not exist.");
        }
        return group;
    }

    private static Schedule schedule(RegionState region, String name, String groupName) {
        String group = group(region, groupName).name();
        Schedule schedule = region.schedules.get(group).get(name);
        if (schedule == null) {
            throw SchedulerErrors.notFound("Schedule " + name + " does not exist.");
        }
        return schedule;
    }

    private static void checkName(String name, String field) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw SchedulerErrors.validation(field + " '" + name + "' is not valid: 1 to 64 of letters, digits and "
                    + "- _ .");
        }
    }

    private static ZoneId zone(String timezone) {
        if (timezone == null) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw SchedulerErrors.validation("Invalid ScheduleExpressionTimezone " + timezone + "; use an IANA "
                    + "zone such as Europe/Berlin");
        }
    }

    static String groupArn(AccountRegion scope, String name) {
        return "arn:aws:scheduler:" + scope.region() + ":" + scope.accountId() + ":schedule-group/" + name;
    }

    static String scheduleArn(AccountRegion scope, String group, String name) {
        return "arn:aws:scheduler:" + scope.region() + ":" + scope.accountId() + ":schedule/" + group + "/" + name;
    }
}
