package dev.serverlesslab.emulator.logs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.emulator.core.AccountRegion;
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
import java.util.function.BiFunction;

/**
 * CloudWatch Logs' awsJson 1.1 wire format: maps {@code X-Amz-Target: Logs_20140328.<Operation>} requests to
 * {@link LogsBackend} calls and their results back to the service's JSON shapes.
 */
public final class LogsHandler implements AwsService {

    private static final String TARGET = "Logs_20140328";

    private final LogsBackend backend;
    private final AwsJson wire = new AwsJson(Protocol.AWS_JSON_1_1, TARGET);
    private final Operations<Operation> operations = new Operations<>(Protocol.AWS_JSON_1_1, TARGET,
            RequiredMembers.of("logs", RequiredMembers.coral("InvalidParameterException")));

    /** One operation: reads the request in the caller's scope, calls the backend, returns the answer's members. */
    private interface Operation extends BiFunction<AccountRegion, LogsRequest, Map<String, ?>> {
    }

    public LogsHandler(LogsBackend backend) {
        this.backend = backend;
        operations.add("CreateLogGroup", this::createLogGroup);
        operations.add("DescribeLogGroups", this::describeLogGroups);
        operations.add("DeleteLogGroup", this::deleteLogGroup);
        operations.add("CreateLogStream", this::createLogStream);
        operations.add("DescribeLogStreams", this::describeLogStreams);
        operations.add("PutLogEvents", this::putLogEvents);
        operations.add("GetLogEvents", this::getLogEvents);
        operations.add("FilterLogEvents", this::filterLogEvents);
        operations.add("PutRetentionPolicy", (scope, in) -> {
            Long days = in.number("retentionInDays");
            if (days == null) {
                throw LogsErrors.invalidParameter("retentionInDays is required");
            }
            backend.putRetentionPolicy(scope, in.text("logGroupName"), (int) Math.min(Integer.MAX_VALUE,
                    Math.max(Integer.MIN_VALUE, days)));
            return Map.of();
        });
        operations.add("DeleteRetentionPolicy", (scope, in) -> {
            backend.putRetentionPolicy(scope, in.text("logGroupName"), null);
            return Map.of();
        });
        operations.add("TagResource", (scope, in) -> {
            backend.tagResource(scope, in.text("resourceArn"), in.stringMap("tags"));
            return Map.of();
        });
        operations.add("UntagResource", (scope, in) -> {
            backend.untagResource(scope, in.text("resourceArn"), in.texts("tagKeys"));
            return Map.of();
        });
        operations.add("ListTagsForResource", (scope, in) ->
                Map.of("tags", backend.listTagsForResource(scope, in.text("resourceArn"))));
    }

    @Override
    public String signingName() {
        return "logs";
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
        LogsRequest in = new LogsRequest(body);
        return wire.ok(operation.apply(request.scope(), in));
    }

    /** The operations served, as the table that dispatches them holds them. */
    @Override
    public List<String> operations() {
        return operations.supported();
    }

    private Map<String, Object> createLogGroup(AccountRegion scope, LogsRequest in) {
        backend.createLogGroup(scope, in.text("logGroupName"));
        Map<String, String> tags = in.stringMap("tags");
        if (!tags.isEmpty()) {
            backend.tagResource(scope, backend.describeLogGroups(scope, in.text("logGroupName")).stream()
                    .filter(g -> g.logGroupName().equals(in.text("logGroupName"))).findFirst().orElseThrow()
                    .logGroupArn(), tags);
        }
        return Map.of();
    }

    private Map<String, Object> describeLogGroups(AccountRegion scope, LogsRequest in) {
        List<Map<String, Object>> groups = new ArrayList<>();
        for (LogGroupInfo group : backend.describeLogGroups(scope, in.text("logGroupNamePrefix"))) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("logGroupName", group.logGroupName());
            out.put("creationTime", group.creationTime());
            out.put("metricFilterCount", 0);
            out.put("arn", group.arn());
            if (group.retentionInDays() != null) {
                out.put("retentionInDays", group.retentionInDays());
            }
            out.put("storedBytes", group.storedBytes());
            out.put("logGroupClass", "STANDARD");
            out.put("logGroupArn", group.logGroupArn());
            groups.add(out);
        }
        return Map.of("logGroups", groups);
    }

    private Map<String, Object> deleteLogGroup(AccountRegion scope, LogsRequest in) {
        backend.deleteLogGroup(scope, in.text("logGroupName"));
        return Map.of();
    }

    private Map<String, Object> createLogStream(AccountRegion scope, LogsRequest in) {
        backend.createLogStream(scope, in.text("logGroupName"), in.text("logStreamName"));
        return Map.of();
    }

    private Map<String, Object> describeLogStreams(AccountRegion scope, LogsRequest in) {
        List<Map<String, Object>> streams = new ArrayList<>();
        for (LogStreamInfo stream : backend.describeLogStreams(scope, groupName(in),
                in.text("logStreamNamePrefix"), in.text("orderBy"), in.flag("descending", false))) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("logStreamName", stream.logStreamName());
            out.put("creationTime", stream.creationTime());
            out.put("firstEventTimestamp", stream.firstEventTimestamp());
            out.put("lastEventTimestamp", stream.lastEventTimestamp());
            out.put("lastIngestionTime", stream.lastIngestionTime());
            out.put("arn", stream.arn());
            out.put("storedBytes", stream.storedBytes());
            streams.add(out);
        }
        return Map.of("logStreams", streams);
    }

    private Map<String, Object> putLogEvents(AccountRegion scope, LogsRequest in) {
        String stream = in.text("logStreamName");
        String token = backend.putLogEvents(scope, in.text("logGroupName"), stream, in.events(stream));
        return Map.of("nextSequenceToken", token);
    }

    private Map<String, Object> getLogEvents(AccountRegion scope, LogsRequest in) {
        EventPage page = backend.getLogEvents(scope, groupName(in), in.text("logStreamName"), in.number("startTime"),
                in.number("endTime"), in.text("nextToken"), in.limit(), in.flag("startFromHead", false));
        List<Map<String, Object>> events = new ArrayList<>();
        for (LogsEvent event : page.events()) {
            events.add(ordered("timestamp", event.timestamp(), "message", event.message(),
                    "ingestionTime", event.ingestionTime()));
        }
        return ordered("events", events, "nextForwardToken", page.nextForwardToken(),
                "nextBackwardToken", page.nextBackwardToken());
    }

    private Map<String, Object> filterLogEvents(AccountRegion scope, LogsRequest in) {
        FilteredEvents found = backend.filterLogEvents(scope, groupName(in), in.texts("logStreamNames"),
                in.text("logStreamNamePrefix"), in.number("startTime"), in.number("endTime"),
                in.text("filterPattern"), in.text("nextToken"), in.limit());
        List<Map<String, Object>> events = new ArrayList<>();
        int index = 0;
        for (LogsEvent event : found.events()) {
            events.add(ordered("logStreamName", event.logStreamName(), "timestamp", event.timestamp(),
                    "message", event.message(), "ingestionTime", event.ingestionTime(),
                    "eventId", event.timestamp() + "-" + index++));
        }
        List<Map<String, Object>> searched = new ArrayList<>();
        found.searchedStreams().forEach(name -> searched.add(Map.of("logStreamName", name,
                "searchedCompletely", true)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("events", events);
        out.put("searchedLogStreams", searched);
        out.put("nextToken", found.nextToken());
        return out;
    }

    /** Members in the order given, so answers read like AWS's in logs and raw-wire checks. */
    private static Map<String, Object> ordered(Object... namesAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            out.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return out;
    }

    /** Reading operations accept the group's name or its ARN in {@code logGroupIdentifier}. */
    private static String groupName(LogsRequest in) {
        String name = in.text("logGroupName");
        String identifier = in.text("logGroupIdentifier");
        if (name != null || identifier == null) {
            return name;
        }
        int at = identifier.indexOf(":log-group:");
        String local = at < 0 ? identifier : identifier.substring(at + ":log-group:".length());
        return local.endsWith(":*") ? local.substring(0, local.length() - 2) : local;
    }
}
