package dev.serverlesslab.emulator.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.events.schedule.Timetable;
import dev.serverlesslab.emulator.http.AwsJson;
import dev.serverlesslab.emulator.http.AwsRequest;
import dev.serverlesslab.emulator.http.AwsResponse;
import dev.serverlesslab.emulator.http.AwsService;
import dev.serverlesslab.emulator.http.Operations;
import dev.serverlesslab.emulator.http.Protocol;
import dev.serverlesslab.emulator.http.RequiredMembers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * EventBridge's awsJson 1.1 wire format: maps {@code X-Amz-Target: AWSEvents.<Operation>} requests to
 * {@link EventsBackend} calls and their results back to the service's JSON shapes. Archives, replays, API
 * destinations, connections, endpoints, partner sources and bus policies answer {@code UnknownOperationException}
 * naming the operation.
 */
public final class EventsHandler implements AwsService {

    private static final String TARGET = "AWSEvents";

    private final EventsBackend backend;
    private final Timetable timetable;
    private final AwsJson wire = new AwsJson(Protocol.AWS_JSON_1_1, TARGET);
    private final Operations<Operation> operations = new Operations<>(Protocol.AWS_JSON_1_1, TARGET,
            RequiredMembers.of("events", RequiredMembers.coral("ValidationException")));

    /** One operation: reads the request in the caller's scope, calls the backend, returns the answer's members. */
    private interface Operation extends BiFunction<AccountRegion, EventsRequest, Map<String, ?>> {
    }

    /** @param timetable the schedule thread this service owns and stops on close (shared with Scheduler) */
    public EventsHandler(EventsBackend backend, Timetable timetable) {
        this.backend = backend;
        this.timetable = timetable;
        operations.add("CreateEventBus", (scope, in) -> {
            in.only("CreateEventBus", Set.of("Name", "Description", "Tags"));
            EventBus bus = backend.createEventBus(scope, in.text("Name"), in.text("Description"));
            Map<String, String> tags = in.tags("Tags");
            if (!tags.isEmpty()) {
                backend.tagResource(scope, bus.arn(), tags);
            }
            return Map.of("EventBusArn", bus.arn());
        });
        operations.add("DescribeEventBus", (scope, in) -> bus(backend.describeEventBus(scope, in.text("Name"))));
        operations.add("ListEventBuses", (scope, in) ->
                page(backend.listEventBuses(scope, in.text("NamePrefix")).stream()
                .map(EventsHandler::bus).toList(), "EventBuses", in));
        operations.add("DeleteEventBus", (scope, in) -> {
            backend.deleteEventBus(scope, in.text("Name"));
            return Map.of();
        });
        operations.add("PutRule", (scope, in) -> {
            in.only("PutRule", Set.of("Name", "ScheduleExpression", "EventPattern", "State", "Description",
                    "RoleArn", "Tags", "EventBusName"));
            return Map.of("RuleArn", backend.putRule(scope, new Rule(in.text("Name"), null,
                    in.text("EventBusName"), in.text("EventPattern"), in.text("ScheduleExpression"),
                    in.text("State"), in.text("Description"), in.text("RoleArn"), null), in.tags("Tags")));
        });
        operations.add("DescribeRule", (scope, in) ->
                rule(backend.describeRule(scope, in.text("Name"), in.text("EventBusName"))));
        operations.add("ListRules", (scope, in) ->
                page(backend.listRules(scope, in.text("NamePrefix"), in.text("EventBusName"))
                .stream().map(EventsHandler::rule).toList(), "Rules", in));
        operations.add("ListRuleNamesByTarget", (scope, in) -> page(new ArrayList<>(backend.listRuleNamesByTarget(scope,
                in.text("TargetArn"), in.text("EventBusName"))), "RuleNames", in));
        operations.add("DeleteRule", (scope, in) -> {
            in.only("DeleteRule", Set.of("Name", "EventBusName"));
            backend.deleteRule(scope, in.text("Name"), in.text("EventBusName"));
            return Map.of();
        });
        operations.add("EnableRule", (scope, in) -> {
            backend.setRuleState(scope, in.text("Name"), in.text("EventBusName"),
                    "EnableRule".equals("EnableRule"));
            return Map.of();
        });
    operations.add("DisableRule", (scope, in) -> {
            backend.setRuleState(scope, in.text("Name"), in.text("EventBusName"),
                    "DisableRule".equals("EnableRule"));
            return Map.of();
        });
        operations.add("PutTargets", (scope, in) ->
                failures(backend.putTargets(scope, in.text("Rule"), in.text("EventBusName"),
                in.targets())));
        operations.add("RemoveTargets", (scope, in) -> {
            in.only("RemoveTargets", Set.of("Rule", "EventBusName", "Ids"));
            return failures(backend.removeTargets(scope, in.text("Rule"), in.text("EventBusName"),
                    in.texts("Ids")));
        });
        operations.add("ListTargetsByRule", (scope, in) -> page(backend.listTargetsByRule(scope, in.text("Rule"),
                in.text("EventBusName")).stream().map(EventsHandler::target).toList(), "Targets", in));
        operations.add("PutEvents", this::putEvents);
        operations.add("TestEventPattern", (scope, in) ->
                Map.of("Result", backend.testEventPattern(in.text("EventPattern"),
                in.text("Event"))));
        operations.add("TagResource", (scope, in) -> {
            backend.tagResource(scope, in.text("ResourceARN"), in.tags("Tags"));
            return Map.of();
        });
        operations.add("UntagResource", (scope, in) -> {
            backend.untagResource(scope, in.text("ResourceARN"), in.texts("TagKeys"));
            return Map.of();
        });
        operations.add("ListTagsForResource", (scope, in) ->
                Map.of("Tags", backend.listTagsForResource(scope, in.text("ResourceARN"))
                .entrySet().stream().map(tag -> Map.of("Key", tag.getKey(), "Value", tag.getValue())).toList()));
    }

    @Override
    public void close() {
        timetable.close();
    }

    @Override
    public String signingName() {
        return "events";
    }

    @Override
    public Protocol protocol() {
        return Protocol.AWS_JSON_1_1;
    }

    @Override
    public List<String> targetPrefixes() {
        return List.of(TARGET);
    }

    @Override
    public AwsResponse handle(AwsRequest request) {
        String name = wire.operation(request);
        Operation operation = operations.find(name);
        JsonNode body = wire.body(request);
        operations.check(name, RequiredMembers.inJson(body));
        EventsRequest in = new EventsRequest(body);
        return wire.ok(operation.apply(request.scope(), in));
    }

    /** The operations served, as the table that dispatches them holds them. */
    @Override
    public List<String> operations() {
        return operations.supported();
    }

    private Map<String, Object> putEvents(AccountRegion scope, EventsRequest in) {
        in.only("PutEvents", Set.of("Entries"));
        List<EventEntry> entries = in.entries();
        if (entries.isEmpty() || entries.size() > 10) {
            throw EventsErrors.validation("1 validation error detected: Value at 'entries' failed to satisfy "
                    + "constraint: Member must have length between 1 and 10 (got " + entries.size() + ")");
        }
        int size = entries.stream().mapToInt(EventRouter::size).sum();
        if (size > EventRouter.MAX_REQUEST_BYTES) {
            throw EventsErrors.validation("Total size of the entries in the request is over the limit ("
                    + size + " bytes; at most " + EventRouter.MAX_REQUEST_BYTES + ").");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        int failed = 0;
        for (EntryResult result : backend.putEvents(scope, entries, false)) {
            Map<String, Object> entry = new LinkedHashMap<>();
            if (result.eventId() != null) {
                entry.put("EventId", result.eventId());
            } else {
                failed++;
                entry.put("ErrorCode", result.errorCode());
                entry.put("ErrorMessage", result.errorMessage());
            }
            out.add(entry);
        }
        return Map.of("FailedEntryCount", failed, "Entries", out);
    }

    /** Lists are small; {@code Limit} and {@code NextToken} page them by position. */
    private static Map<String, Object> page(List<?> items, String member, EventsRequest in) {
        int start = 0;
        String token = in.text("NextToken");
        if (token != null) {
            try {
                start = Integer.parseInt(token);
            } catch (NumberFormatException e) {
                throw EventsErrors.validation("NextToken '" + token + "' was not given by this emulator");
            }
        }
        Integer limit = in.limit();
        int end = limit == null || limit < 1 ? items.size() : Math.min(items.size(), start + limit);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(member, items.subList(Math.min(start, items.size()), Math.max(Math.min(start, items.size()), end)));
        if (end < items.size()) {
            out.put("NextToken", String.valueOf(end));
        }
        return out;
    }

    private static Map<String, Object> failures(List<TargetFailure> failures) {
        return Map.of("FailedEntryCount", failures.size(), "FailedEntries", failures.stream()
                .map(f -> Map.of("TargetId", String.valueOf(f.targetId()), "ErrorCode", f.errorCode(),
                        "ErrorMessage", f.errorMessage())).toList());
    }

    private static Map<String, Object> bus(EventBus bus) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Name", bus.name());
        out.put("Arn", bus.arn());
        if (bus.description() != null) {
            out.put("Description", bus.description());
        }
        out.put("CreationTime", bus.creationTime().toEpochMilli() / 1000.0);
        out.put("LastModifiedTime", bus.lastModifiedTime().toEpochMilli() / 1000.0);
        return out;
    }

    private static Map<String, Object> rule(Rule rule) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Name", rule.name());
        out.put("Arn", rule.arn());
        out.put("EventPattern", rule.eventPattern());
        out.put("ScheduleExpression", rule.scheduleExpression());
        out.put("State", rule.state());
        out.put("Description", rule.description());
        out.put("RoleArn", rule.roleArn());
        out.put("EventBusName", rule.eventBusName());
        out.put("CreatedBy", rule.createdBy());
        out.values().removeIf(value -> value == null);
        return out;
    }

    private static Map<String, Object> target(RuleTarget target) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Id", target.id());
        out.put("Arn", target.arn());
        out.put("RoleArn", target.roleArn());
        out.put("Input", target.input());
        out.put("InputPath", target.inputPath());
        if (target.inputTemplate() != null) {
            Map<String, Object> transformer = new LinkedHashMap<>();
            if (!target.inputPathsMap().isEmpty()) {
                transformer.put("InputPathsMap", target.inputPathsMap());
            }
            transformer.put("InputTemplate", target.inputTemplate());
            out.put("InputTransformer", transformer);
        }
        if (target.messageGroupId() != null) {
            out.put("SqsParameters", Map.of("MessageGroupId", target.messageGroupId()));
        }
        out.values().removeIf(value -> value == null);
        return out;
    }
}
