package dev.serverlesslab.emulator.events;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.Arns;
import dev.serverlesslab.emulator.core.EmulatorClock;
import dev.serverlesslab.emulator.core.Targets;
import dev.serverlesslab.emulator.events.schedule.ScheduleExpression;
import dev.serverlesslab.emulator.events.schedule.Timetable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * EventBridge's state and rules per account and region: buses (with {@code default}), rules with event patterns or
 * schedule expressions, their targets and tags. Events put on a bus go to the targets of every enabled rule whose
 * pattern matches ({@link EventRouter}); schedule rules fire on the emulator's clock through the shared
 * {@link Timetable}.
 */
public final class EventsBackend {

    static final String DEFAULT_BUS = "default";
    private static final Pattern RULE_NAME = Pattern.compile("[.\\-_A-Za-z0-9]{1,64}");
    private static final Pattern BUS_NAME = Pattern.compile("[.\\-_A-Za-z0-9]{1,256}");
    private static final Pattern TARGET_ID = Pattern.compile("[.\\-_A-Za-z0-9]{1,64}");
    private static final int TARGETS_PER_RULE = 5;

    /** One rule with its compiled pattern and targets. */
    static final class RuleState {
        Rule rule;
        EventPattern pattern;
        final Map<String, RuleTarget> targets = new LinkedHashMap<>();

        RuleState(Rule rule, EventPattern pattern) {
            this.rule = rule;
            this.pattern = pattern;
        }
    }

    private static final class BusState {
        final EventBus bus;
        final Map<String, RuleState> rules = new TreeMap<>();

        BusState(EventBus bus) {
            this.bus = bus;
        }
    }

    private static final class RegionState {
        final Map<String, BusState> buses = new TreeMap<>();
        final Map<String, Map<String, String>> tags = new ConcurrentHashMap<>();
    }

    private final EmulatorClock clock;
    private final Timetable timetable;
    private final EventRouter router;
    private final Map<AccountRegion, RegionState> regions = new ConcurrentHashMap<>();

    public EventsBackend(Targets targets, EmulatorClock clock, Timetable timetable) {
        this.clock = clock;
        this.timetable = timetable;
        this.router = new EventRouter(targets, clock);
    }

    // ---- buses

    public EventBus createEventBus(AccountRegion scope, String name, String description) {
        if (name == null || !BUS_NAME.matcher(name).matches()) {
            throw EventsErrors.validation("Event bus name '" + name + "' is not valid: 1 to 256 of letters, digits "
                    + "and . - _ (partner buses with / are not served here)");
        }
        RegionState region = region(scope);
        synchronized (region) {
            if (region.buses.containsKey(name)) {
                throw EventsErrors.alreadyExists("Event bus " + name + " already exists.");
            }
            Instant now = clock.instant();
            EventBus bus = new EventBus(name, busArn(scope, name), description, now, now);
            region.buses.put(name, new BusState(bus));
            return bus;
        }
    }

    public EventBus describeEventBus(AccountRegion scope, String nameOrArn) {
        RegionState region = region(scope);
        synchronized (region) {
            return bus(region, scope, nameOrArn).bus;
        }
    }

    public List<EventBus> listEventBuses(AccountRegion scope, String namePrefix) {
        RegionState region = region(scope);
        synchronized (region) {
            return region.buses.values().stream().map(state -> state.bus)
                    .filter(bus -> namePrefix == null || bus.name().startsWith(namePrefix)).toList();
        }
    }

    /** Deletes a custom bus with its rules; AWS, too, answers success for a bus that does not exist. */
    public void deleteEventBus(AccountRegion scope, String name) {
        if (DEFAULT_BUS.equals(name)) {
            throw EventsErrors.validation("Cannot delete event bus default.");
        }
        RegionState region = region(scope);
        synchronized (region) {
            BusState removed = region.buses.remove(name);
            if (removed != null) {
                removed.rules.values().forEach(rule -> {
                    timetable.remove(rule.rule.arn());
                    region.tags.remove(rule.rule.arn());
                });
                region.tags.remove(removed.bus.arn());
            }
        }
    }

    // ---- rules

    /** Creates or replaces a rule (its targets stay); returns its ARN. */
    public String putRule(AccountRegion scope, Rule spec, Map<String, String> tags) {
        if (spec.name() == null || !RULE_NAME.matcher(spec.name()).matches()) {
            throw EventsErrors.validation("Rule name '" + spec.name() + "' is not valid: 1 to 64 of letters, digits "
                    + "and . - _");
        }
        if (spec.eventPattern() == null && spec.scheduleExpression() == null) {
            throw EventsErrors.validation("Parameter(s) EventPattern or ScheduleExpression must be specified.");
        }
        String state = spec.state() == null ? "ENABLED" : spec.state();
        if (!state.equals("ENABLED") && !state.equals("DISABLED")) {
            throw EventsErrors.validation("State '" + state + "' is not served here; use ENABLED or DISABLED");
        }
        EventPattern pattern = spec.eventPattern() == null ? null : EventPattern.parse(spec.eventPattern());
        RegionState region = region(scope);
        synchronized (region) {
            BusState bus = bus(region, scope, spec.eventBusName());
            ScheduleExpression schedule = null;
            if (spec.scheduleExpression() != null) {
                if (!bus.bus.name().equals(DEFAULT_BUS)) {
                    throw EventsErrors.validation("ScheduleExpression is supported only on the default event bus.");
                }
                try {
                    schedule = ScheduleExpression.parse(spec.scheduleExpression(), false, ZoneOffset.UTC,
                            clock.instant());
                } catch (IllegalArgumentException e) {
                    throw EventsErrors.validation("Parameter ScheduleExpression is not valid: " + e.getMessage());
                }
            }
            String arn = ruleArn(scope, bus.bus.name(), spec.name());
            Rule rule = new Rule(spec.name(), arn, bus.bus.name(), spec.eventPattern(), spec.scheduleExpression(),
                    state, spec.description(), spec.roleArn(), scope.accountId());
            RuleState existing = bus.rules.get(spec.name());
            if (existing == null) {
                bus.rules.put(spec.name(), new RuleState(rule, pattern));
            } else {
                existing.rule = rule;
                existing.pattern = pattern;
            }
            if (!tags.isEmpty()) {
                region.tags.computeIfAbsent(arn, key -> new ConcurrentHashMap<>()).putAll(tags);
            }
            schedule(scope, bus.rules.get(spec.name()), schedule);
            return arn;
        }
    }

    public Rule describeRule(AccountRegion scope, String name, String busName) {
        RegionState region = region(scope);
        synchronized (region) {
            return rule(region, scope, name, busName).rule;
        }
    }

    public List<Rule> listRules(AccountRegion scope, String namePrefix, String busName) {
        RegionState region = region(scope);
        synchronized (region) {
            return bus(region, scope, busName).rules.values().stream().map(state -> state.rule)
                    .filter(rule -> namePrefix == null || rule.name().startsWith(namePrefix)).toList();
        }
    }

    public List<String> listRuleNamesByTarget(AccountRegion scope, String targetArn, String busName) {
        RegionState region = region(scope);
        synchronized (region) {
            return bus(region, scope, busName).rules.values().stream()
                    .filter(state -> state.targets.values().stream().anyMatch(t -> t.arn().equals(targetArn)))
                    .map(state -> state.rule.name()).toList();
        }
    }

    /** Deletes a rule, which must have no targets left; AWS answers success for a rule that does not exist. */
    public void deleteRule(AccountRegion scope, String name, String busName) {
        RegionState region = region(scope);
        synchronized (region) {
            BusState bus = bus(region, scope, busName);
            RuleState state = bus.rules.get(name);
            if (state == null) {
                return;
            }
            if (!state.targets.isEmpty()) {
                throw EventsErrors.validation("Rule can't be deleted since it has targets.");
            }
            bus.rules.remove(name);
            timetable.remove(state.rule.arn());
            region.tags.remove(state.rule.arn());
        }
    }

    public void setRuleState(AccountRegion scope, String name, String busName, boolean enabled) {
        RegionState region = region(scope);
        synchronized (region) {
            RuleState state = rule(region, scope, name, busName);
            Rule rule = state.rule;
            state.rule = new Rule(rule.name(), rule.arn(), rule.eventBusName(), rule.eventPattern(),
                    rule.scheduleExpression(), enabled ? "ENABLED" : "DISABLED", rule.description(), rule.roleArn(),
                    rule.createdBy());
            schedule(scope, state, rule.scheduleExpression() == null ? null
                    : ScheduleExpression.parse(rule.scheduleExpression(), false, ZoneOffset.UTC, clock.instant()));
        }
    }

    private void schedule(AccountRegion scope, RuleState state, ScheduleExpression schedule) {
        String arn = state.rule.arn();
        if (schedule == null || !state.rule.enabled()) {
            timetable.remove(arn);
            return;
        }
        timetable.put(arn, schedule::next, at -> fireScheduled(scope, state, at));
    }

    private void fireScheduled(AccountRegion scope, RuleState state, Instant at) {
        Rule rule;
        List<RuleTarget> targets;
        RegionState region = region(scope);
        synchronized (region) {
            rule = state.rule;
            targets = List.copyOf(state.targets.values());
        }
        router.fireScheduled(scope, rule, targets, at);
    }

    // ---- targets

    /** Adds or replaces targets; returns those refused (the rest are set). */
    public List<TargetFailure> putTargets(AccountRegion scope, String ruleName, String busName,
            List<RuleTarget> targets) {
        RegionState region = region(scope);
        synchronized (region) {
            RuleState state = rule(region, scope, ruleName, busName);
            List<TargetFailure> failures = new ArrayList<>();
            for (RuleTarget target : targets) {
                Optional<String> refusal = router.refusal(target);
                if (target.id() == null || !TARGET_ID.matcher(target.id()).matches()) {
                    failures.add(new TargetFailure(target.id(), "ValidationException", "Target Id '" + target.id()
                            + "' is not valid: 1 to 64 of letters, digits and . - _"));
                } else if (refusal.isPresent()) {
                    failures.add(new TargetFailure(target.id(), "ValidationException", refusal.get()));
                } else if (!state.targets.containsKey(target.id()) && state.targets.size() >= TARGETS_PER_RULE) {
                    throw EventsErrors.limitExceeded("The requested resource exceeds the maximum number allowed: "
                            + "a rule has at most " + TARGETS_PER_RULE + " targets");
                } else {
                    state.targets.put(target.id(), target);
                }
            }
            return failures;
        }
    }

    public List<TargetFailure> removeTargets(AccountRegion scope, String ruleName, String busName, List<String> ids) {
        RegionState region = region(scope);
        synchronized (region) {
            RuleState state = rule(region, scope, ruleName, busName);
            ids.forEach(state.targets::remove);
            return List.of();
        }
    }

    public List<RuleTarget> listTargetsByRule(AccountRegion scope, String ruleName, String busName) {
        RegionState region = region(scope);
        synchronized (region) {
            return List.copyOf(rule(region, scope, ruleName, busName).targets.values());
        }
    }

    // ---- events

    /**
     * Puts each entry on its bus and delivers it to every enabled rule's targets whose pattern matches.
     *
     * @param fromService true when another service (or a rule) delivers, which may use {@code aws.*} sources
     */
    public List<EntryResult> putEvents(AccountRegion scope, List<EventEntry> entries, boolean fromService) {
        List<EntryResult> results = new ArrayList<>();
        for (EventEntry entry : entries) {
            Optional<EntryResult> problem = router.check(entry, fromService);
            if (problem.isPresent()) {
                results.add(problem.get());
                continue;
            }
            List<RuleState> rules;
            RegionState region = region(scope);
            synchronized (region) {
                Optional<BusState> bus = findBus(region, scope, entry.eventBusName());
                if (bus.isEmpty()) {
                    results.add(EntryResult.failed("ResourceNotFoundException", "Event bus "
                            + entry.eventBusName() + " does not exist."));
                    continue;
                }
                rules = bus.get().rules.values().stream().filter(rule -> rule.rule.enabled() && rule.pattern != null)
                        .map(rule -> snapshot(rule)).toList();
            }
            results.add(EntryResult.ok(router.route(scope, entry, rules)));
        }
        return results;
    }

    /** True when the pattern matches the event (a JSON object); errors as TestEventPattern answers them. */
    public boolean testEventPattern(String pattern, String event) {
        return router.test(EventPattern.parse(pattern), event);
    }

    private static RuleState snapshot(RuleState state) {
        RuleState copy = new RuleState(state.rule, state.pattern);
        copy.targets.putAll(state.targets);
        return copy;
    }

    // ---- tags

    public void tagResource(AccountRegion scope, String arn, Map<String, String> tags) {
        RegionState region = region(scope);
        synchronized (region) {
            requireResource(region, arn);
            region.tags.computeIfAbsent(arn, key -> new ConcurrentHashMap<>()).putAll(tags);
        }
    }

    public void untagResource(AccountRegion scope, String arn, List<String> keys) {
        RegionState region = region(scope);
        synchronized (region) {
            requireResource(region, arn);
            keys.forEach(region.tags.getOrDefault(arn, new ConcurrentHashMap<>())::remove);
        }
    }

    public Map<String, String> listTagsForResource(AccountRegion scope, String arn) {
        RegionState region = region(scope);
        synchronized (region) {
            requireResource(region, arn);
            return new TreeMap<>(region.tags.getOrDefault(arn, Map.of()));
        }
    }

    private static void requireResource(RegionState region, String arn) {
        boolean known = region.buses.values().stream().anyMatch(bus -> bus.bus.arn().equals(arn)
                || bus.rules.values().stream().anyMatch(rule -> rule.rule.arn().equals(arn)));
        if (!known) {
            throw EventsErrors.notFound("Resource " + arn + " does not exist.");
        }
    }

    // ---- lookups

    private RegionState region(AccountRegion scope) {
        return regions.computeIfAbsent(scope, key -> {
            RegionState state = new RegionState();
            Instant now = clock.instant();
            state.buses.put(DEFAULT_BUS, new BusState(new EventBus(DEFAULT_BUS, busArn(key, DEFAULT_BUS), null, now,
                    now)));
            return state;
        });
    }

    private static BusState bus(RegionState region, AccountRegion scope, String nameOrArn) {
        return findBus(region, scope, nameOrArn).orElseThrow(() -> EventsErrors.notFound("Event bus "
                + busName(nameOrArn) + " does not exist."));
    }

    private static Optional<BusState> findBus(RegionState region, AccountRegion scope, String nameOrArn) {
        String name = busName(nameOrArn);
        if (nameOrArn != null && nameOrArn.startsWith("arn:") && !nameOrArn.equals(busArn(scope, name))) {
            // A bus of another account or region is not reachable from this one.
            return Optional.empty();
        }
        return Optional.ofNullable(region.buses.get(name));
    }

    private static RuleState rule(RegionState region, AccountRegion scope, String name, String busName) {
        BusState bus = bus(region, scope, busName);
        RuleState state = bus.rules.get(name);
        if (state == null) {
            throw EventsErrors.notFound("Rule " + name + " does not exist on EventBus " + bus.bus.name() + ".");
        }
        return state;
    }

    static String busName(String nameOrArn) {
        if (nameOrArn == null || nameOrArn.isEmpty()) {
            return DEFAULT_BUS;
        }
        if (nameOrArn.startsWith("arn:")) {
            String resource = Arns.resource(nameOrArn);
            return resource.startsWith("event-bus/") ? resource.substring("event-bus/".length()) : resource;
        }
        return nameOrArn;
    }

    static String busArn(AccountRegion scope, String name) {
        return "arn:aws:events:" + scope.region() + ":" + scope.accountId() + ":event-bus/" + name;
    }

    static String ruleArn(AccountRegion scope, String bus, String rule) {
        return "arn:aws:events:" + scope.region() + ":" + scope.accountId() + ":rule/"
                + (DEFAULT_BUS.equals(bus) ? "" : bus + "/") + rule;
    }
}
