package dev.serverlesslab.emulator.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.emulator.http.AwsResponse;
import dev.serverlesslab.emulator.http.AwsRequest;
import dev.serverlesslab.emulator.http.AwsService;
import dev.serverlesslab.emulator.http.JsonRequest;
import dev.serverlesslab.emulator.http.OperationRouter;
import dev.serverlesslab.emulator.http.Protocol;
import dev.serverlesslab.emulator.http.RestCall;
import dev.serverlesslab.emulator.http.RestJson;
import dev.serverlesslab.emulator.http.RestOperations;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * EventBridge Scheduler's REST-JSON wire format: requests resolved by the service's model
 * ({@code operations/scheduler.txt}), mapped to {@link SchedulerBackend} calls and their results back to the
 * model's JSON shapes. Members the emulator does not honour are refused by name.
 */
public final class SchedulerHandler implements AwsService {

    private static final Set<String> SCHEDULE_MEMBERS = Set.of("ClientToken", "Description", "EndDate",
            "FlexibleTimeWindow", "GroupName", "ScheduleExpression", "ScheduleExpressionTimezone", "StartDate",
            "State", "Target", "ActionAfterCompletion");
    private static final Set<String> TARGET_MEMBERS = Set.of("Arn", "RoleArn", "Input", "RetryPolicy",
            "DeadLetterConfig", "SqsParameters", "EventBridgeParameters");

    private final SchedulerBackend backend;
    private final RestJson json = RestJson.asNamed(problem -> SchedulerErrors.validation(
            "The request body could not be read: " + problem));
    private final RestOperations operations;

    public SchedulerHandler(SchedulerBackend backend) {
        this.backend = backend;
        Map<String, RestOperations.Operation> table = new LinkedHashMap<>();
        table.put("CreateSchedule", call -> json.ok(200, Map.of("ScheduleArn", backend.putSchedule(call.scope(),
                schedule(call), false))));
        table.put("UpdateSchedule", call -> json.ok(200, Map.of("ScheduleArn", backend.putSchedule(call.scope(),
                schedule(call), true))));
        table.put("GetSchedule", call -> json.ok(200, ScheduleShapes.schedule(backend.getSchedule(call.scope(),
                call.path("Name"), call.query("groupName")))));
        table.put("ListSchedules", call -> json.ok(200, ScheduleShapes.page(backend.listSchedules(call.scope(),
                call.query("ScheduleGroup"), call.query("NamePrefix"), call.query("State")).stream()
                .map(ScheduleShapes::summary).toList(), "Schedules", call)));
        table.put("DeleteSchedule", call -> {
            backend.deleteSchedule(call.scope(), call.path("Name"), call.query("groupName"));
            return json.ok(200, Map.of());
        });
        table.put("CreateScheduleGroup", call -> {
            JsonRequest in = body(call, Set.of("ClientToken", "Tags"));
            return json.ok(200, Map.of("ScheduleGroupArn", backend.createScheduleGroup(call.scope(),
                    call.path("Name"), ScheduleShapes.tags(in)).arn()));
        });
        table.put("GetScheduleGroup", call -> json.ok(200, ScheduleShapes.group(backend.getScheduleGroup(
                call.scope(), call.path("Name")))));
        table.put("ListScheduleGroups", call -> json.ok(200, ScheduleShapes.page(backend.listScheduleGroups(
                call.scope(), call.query("NamePrefix")).stream().map(ScheduleShapes::group).toList(),
                "ScheduleGroups", call)));
        table.put("DeleteScheduleGroup", call -> {
            backend.deleteScheduleGroup(call.scope(), call.path("Name"));
            return json.ok(200, Map.of());
        });
        table.put("TagResource", call -> {
            backend.tagResource(call.scope(), call.path("ResourceArn"),
                    ScheduleShapes.tags(body(call, Set.of("Tags"))));
            return json.ok(200, Map.of());
        });
        table.put("UntagResource", call -> {
            backend.untagResource(call.scope(), call.path("ResourceArn"), call.request().queryValues("TagKeys"));
            return json.ok(200, Map.of());
        });
        table.put("ListTagsForResource", call -> json.ok(200, Map.of("Tags", backend.listTagsForResource(
                call.scope(), call.path("ResourceArn")).entrySet().stream()
                .map(tag -> Map.of("Key", tag.getKey(), "Value", tag.getValue())).toList())));
        this.operations = new RestOperations("EventBridge Scheduler", OperationRouter.forService("scheduler"), table);
    }

    @Override
    public String signingName() {
        return "scheduler";
    }

    @Override
    public Protocol protocol() {
        return Protocol.REST_JSON;
    }

    @Override
    public List<String> pathPrefixes() {
        return operations.router().pathPrefixes();
    }

    /** The operations served, as registered. */
    @Override
    public List<String> operations() {
        return operations.supported();
    }

    @Override
    public AwsResponse handle(AwsRequest request) {
        return operations.dispatch(request);
    }

    private JsonRequest body(RestCall call, Set<String> served) {
        JsonRequest in = json.object(call.body());
        refuseOthers(in.node(), served, call.operation());
        return in;
    }

    private Schedule schedule(RestCall call) {
        JsonRequest in = body(call, SCHEDULE_MEMBERS);
        if (in.text("ScheduleExpression") == null) {
            throw SchedulerErrors.validation("ScheduleExpression is required");
        }
        JsonNode window = in.node().get("FlexibleTimeWindow");
        if (window == null || !window.isObject()) {
            throw SchedulerErrors.validation("FlexibleTimeWindow is required, e.g. {\"Mode\": \"OFF\"}");
        }
        refuseOthers(window, Set.of("Mode", "MaximumWindowInMinutes"), "FlexibleTimeWindow");
        JsonRequest flexible = new JsonRequest(window);
        String mode = flexible.text("Mode");
        Integer minutes = flexible.wholeInt("MaximumWindowInMinutes");
        if ("FLEXIBLE".equals(mode)) {
            if (minutes == null || minutes < 1 || minutes > 1440) {
                throw SchedulerErrors.validation("FlexibleTimeWindow.MaximumWindowInMinutes must be 1 to 1440 when "
                        + "Mode is FLEXIBLE");
            }
        } else if ("OFF".equals(mode)) {
            if (minutes != null) {
                throw SchedulerErrors.validation("FlexibleTimeWindow.MaximumWindowInMinutes is only for Mode "
                        + "FLEXIBLE");
            }
        } else {
            throw SchedulerErrors.validation("FlexibleTimeWindow.Mode must be OFF or FLEXIBLE, got " + mode);
        }
        String state = in.text("State");
        if (state != null && !state.equals("ENABLED") && !state.equals("DISABLED")) {
            throw SchedulerErrors.validation("State must be ENABLED or DISABLED, got " + state);
        }
        String action = in.text("ActionAfterCompletion");
        if (action != null && !action.equals("NONE") && !action.equals("DELETE")) {
            throw SchedulerErrors.validation("ActionAfterCompletion must be NONE or DELETE, got " + action);
        }
        return new Schedule(call.path("Name"), in.text("GroupName"), null, in.text("ScheduleExpression"),
                in.text("ScheduleExpressionTimezone"), instant(in, "StartDate"), instant(in, "EndDate"),
                in.text("Description"), state, mode, minutes, target(in.node().get("Target")), action, null, null);
    }

    private static ScheduleTarget target(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw SchedulerErrors.validation("Target is required: {\"Arn\": ..., \"RoleArn\": ...}");
        }
        refuseOthers(node, TARGET_MEMBERS, "Target");
        JsonRequest in = new JsonRequest(node);
        if (in.text("Arn") == null || in.text("RoleArn") == null) {
            throw SchedulerErrors.validation("Target.Arn and Target.RoleArn are required");
        }
        int age = ScheduleTarget.DEFAULT_EVENT_AGE;
        int attempts = ScheduleTarget.DEFAULT_RETRY_ATTEMPTS;
        if (in.has("RetryPolicy")) {
            JsonRequest retry = nested(node, "RetryPolicy", Set.of("MaximumEventAgeInSeconds",
                    "MaximumRetryAttempts"));
            Integer givenAge = retry.wholeInt("MaximumEventAgeInSeconds");
            Integer givenAttempts = retry.wholeInt("MaximumRetryAttempts");
            age = givenAge == null ? age : givenAge;
            attempts = givenAttempts == null ? attempts : givenAttempts;
            if (age < 60 || age > 86_400 || attempts < 0 || attempts > 185) {
                throw SchedulerErrors.validation("RetryPolicy: MaximumEventAgeInSeconds is 60 to 86400 and "
                        + "MaximumRetryAttempts 0 to 185");
            }
        }
        String deadLetter = in.has("DeadLetterConfig")
                ? nested(node, "DeadLetterConfig", Set.of("Arn")).text("Arn") : null;
        String group = in.has("SqsParameters")
                ? nested(node, "SqsParameters", Set.of("MessageGroupId")).text("MessageGroupId") : null;
        String detailType = null;
        String source = null;
        if (in.has("EventBridgeParameters")) {
            JsonRequest eventBridge = nested(node, "EventBridgeParameters", Set.of("DetailType", "Source"));
            detailType = eventBridge.text("DetailType");
            source = eventBridge.text("Source");
        }
        if (in.text("Arn").startsWith("arn:aws:events:") && (detailType == null || source == null)) {
            throw SchedulerErrors.validation("An EventBridge target needs EventBridgeParameters with DetailType "
                    + "and Source");
        }
        return new ScheduleTarget(in.text("Arn"), in.text("RoleArn"), in.text("Input"), age, attempts, deadLetter,
                group, detailType, source);
    }

    private static JsonRequest nested(JsonNode parent, String field, Set<String> served) {
        JsonNode node = parent.get(field);
        if (!node.isObject()) {
            throw JsonRequest.wrongType(field, "an object");
        }
        refuseOthers(node, served, "Target." + field);
        return new JsonRequest(node);
    }

    private static Instant instant(JsonRequest in, String field) {
        JsonNode node = in.node().get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return Instant.ofEpochMilli(Math.round(node.doubleValue() * 1000));
        }
        try {
            return Instant.parse(node.asText());
        } catch (RuntimeException e) {
            throw SchedulerErrors.validation(field + " must be a timestamp, got " + node);
        }
    }

    private static void refuseOthers(JsonNode object, Set<String> served, String where) {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!served.contains(name) && !object.get(name).isNull()) {
                throw SchedulerErrors.validation(where + "." + name + " is not supported by Serverless Lab's "
                        + "emulator (it serves " + String.join(", ", served.stream().sorted().toList()) + ")");
            }
        }
    }
}
