package dev.serverlesslab.emulator.events;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.events.schedule.Timetable;
import dev.serverlesslab.emulator.http.AwsJson;
import dev.serverlesslab.emulator.http.AwsRequest;
import dev.serverlesslab.emulator.http.AwsResponse;
import dev.serverlesslab.emulator.http.AwsService;
import dev.serverlesslab.emulator.http.Protocol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * EventBridge's awsJson 1.1 wire format: maps {@code X-Amz-Target: AWSEvents.<Operation>} requests to
 * {@link EventsBackend} calls and their results back to the service's JSON shapes. Archives, replays, API
 * destinations, connections, endpoints, partner sources and bus policies answer {@code UnknownOperationException}
 * naming the operation.
 */
public final class EventsHandler implements AwsService {

    private static final String TARGET = "AWSEvents";
    private static final List<String> SUPPORTED = List.of("CreateEventBus", "DescribeEventBus", "ListEventBuses",
            "DeleteEventBus", "PutRule", "DescribeRule", "ListRules", "DeleteRule", "EnableRule", "DisableRule",
            "PutTargets", "RemoveTargets", "ListTargetsByRule", "ListRuleNamesByTarget", "PutEvents",
            "TestEventPattern", "TagResource", "UntagResource", "ListTagsForResource");

    private final EventsBackend backend;
    private final Timetable timetable;
    private final AwsJson wire = new AwsJson(Protocol.AWS_JSON_1_1, TARGET);

    /** @param timetable the schedule thread this service owns and stops on close (shared with Scheduler) */
    public EventsHandler(EventsBackend backend, Timetable timetable) {
        this.backend = backend;
        this.timetable = timetable;
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
        String operation = wire.operation(request);
        if (!SUPPORTED.contains(operation)) {
            throw wire.unknownOperation(operation, String.join(", ", SUPPORTED));
        }
        EventsRequest in = new EventsRequest(wire.body(request));
        AccountRegion scope = request.scope();
        return wire.ok(switch (operation) {
            case "CreateEventBus" -> {
                in.only(operation, Set.of("Name", "Description", "Tags"));
                EventBus bus = backend.createEventBus(scope, in.text("Name"), in.text("Description"));
                Map<String, String> tags = in.tags("Tags");
                if (!tags.isEmpty()) {
                    backend.tagResource(scope, bus.arn(), tags);
                }
                yield Map.of("EventBusArn", bus.arn());
            }
            case "DescribeEventBus" -> bus(backend.describeEventBus(scope, in.text("Name")));
            case "ListEventBuses" -> page(backend.listEventBuses(scope, in.text("NamePrefix")).stream()
                    .map(EventsHandler::bus).toList(), "EventBuses", in);
            case "DeleteEventBus" -> {
                backend.deleteEventBus(scope, in.text("Name"));
                yield Map.of();
            }
            case "PutRule" -> {
                in.only(operation, Set.of("Name", "ScheduleExpression", "EventPattern", "State", "Description",
                        "RoleArn", "Tags", "EventBusName"));
                yield Map.of("RuleArn", backend.putRule(scope, new Rule(in.text("Name"), null,
                        in.text("EventBusName"), in.text("EventPattern"), in.text("ScheduleExpression"),
                        in.text("State"), in.text("Description"), in.text("RoleArn"), null), in.tags("Tags")));
            }
            case "DescribeRule" -> rule(backend.describeRule(scope, in.text("Name"), in.text("EventBusName")));
            case "ListRules" -> page(backend.listRules(scope, in.text("NamePrefix"), in.text("EventBusName"))
                    .stream().map(EventsHandler::rule).toList(), "Rules", in);
            case "ListRuleNamesByTarget" -> page(new ArrayList<>(backend.listRuleNamesByTarget(scope,
                    in.text("TargetArn"), in.text("EventBusName"))), "RuleNames", in);
            case "DeleteRule" -> {
                in.only(operation, Set.of("Name", "EventBusName"));
                backend.deleteRule(scope, in.text("Name"), in.text("EventBusName"));
                yield Map.of();
            }
            case "EnableRule", "DisableRule" -> {
                backend.setRuleState(scope, in.text("Name"), in.text("EventBusName"),
                        operation.equals("EnableRule"));
                yield Map.of();
            }
            case "PutTargets" -> failures(backend.putTargets(scope, in.text("Rule"), in.text("EventBusName"),
                    in.targets()));
            case "RemoveTargets" -> {
                in.only(operation, Set.of("Rule", "EventBusName", "Ids"));
                yield failures(backend.removeTargets(scope, in.text("Rule"), in.text("EventBusName"),
                        in.texts("Ids")));
            }
            case "ListTargetsByRule" -> page(backend.listTargetsByRule(scope, in.text("Rule"),
                    in.text("EventBusName")).stream().map(EventsHandler::target).toList(), "Targets", in);
            case "PutEvents" -> putEvents(scope, in);
            case "TestEventPattern" -> Map.of("Result", backend.testEventPattern(in.text("EventPattern"),
                    in.text("Event")));
            case "TagResource" -> {
                backend.tagResource(scope, in.text("ResourceARN"), in.tags("Tags"));
                yield Map.of();
            }
            case "UntagResource" -> {
                backend.untagResource(scope, in.text("ResourceARN"), in.texts("TagKeys"));
                yield Map.of();
            }
            case "ListTagsForResource" -> Map.of("Tags", backend.listTagsForResource(scope, in.text("ResourceARN"))
                    .entrySet().stream().map(tag -> Map.of("Key", tag.getKey(), "Value", tag.getValue())).toList());
            default -> throw wire.unknownOperation(operation, String.join(", ", SUPPORTED));
        });
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
