package dev.serverlesslab.emulator.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.http.AwsJson;
import dev.serverlesslab.emulator.http.AwsRequest;
import dev.serverlesslab.emulator.http.AwsResponse;
import dev.serverlesslab.emulator.http.AwsService;
import dev.serverlesslab.emulator.http.Operations;
import dev.serverlesslab.emulator.http.Protocol;
import dev.serverlesslab.emulator.http.RequiredMembers;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Step Functions' awsJson 1.0 wire format: maps {@code X-Amz-Target: AWSStepFunctions.<Operation>} requests to
 * {@link StepFunctionsBackend} calls and their results back to the service's JSON shapes. StartSyncExecution arrives
 * here too: the SDKs send it to a {@code sync-} host prefix, which clients with an endpoint override must turn off
 * ({@code disableHostPrefixInjection}); the signing name {@code states} routes it either way.
 */
public final class StepFunctionsHandler implements AwsService {

    private final StepFunctionsBackend backend;
    private final AwsJson wire = new AwsJson(Protocol.AWS_JSON_1_0, "AWSStepFunctions");
    private final Operations<Operation> operations = new Operations<>(Protocol.AWS_JSON_1_0,
            "AWSStepFunctions", RequiredMembers.of("states", RequiredMembers.coral("ValidationException")));

    /** One operation: reads the request in the caller's scope, calls the backend, returns the answer's members. */
    private interface Operation extends BiFunction<AccountRegion, JsonNode, Map<String, ?>> {
    }

    public StepFunctionsHandler(StepFunctionsBackend backend) {
        this.backend = backend;
        operations.add("CreateStateMachine", this::createStateMachine);
        operations.add("DescribeStateMachine", this::describeStateMachine);
        operations.add("ListStateMachines", this::listStateMachines);
        operations.add("UpdateStateMachine", this::updateStateMachine);
        operations.add("DeleteStateMachine", (scope, in) -> {
            backend.deleteStateMachine(scope, required(in, "stateMachineArn"));
            return Map.of();
        });
        operations.add("StartExecution", this::startExecution);
        operations.add("StartSyncExecution", this::startSyncExecution);
        operations.add("DescribeExecution", this::describeExecution);
        operations.add("ListExecutions", this::listExecutions);
        operations.add("GetExecutionHistory", this::getExecutionHistory);
        operations.add("StopExecution", (scope, in) -> Map.of("stopDate", seconds(backend.stopExecution(scope,
                required(in, "executionArn"), text(in, "error"), text(in, "cause")).stopDate())));
        operations.add("DescribeStateMachineForExecution", this::describeStateMachineForExecution);
        operations.add("TagResource", (scope, in) -> {
            backend.tagResource(scope, required(in, "resourceArn"), tags(in.path("tags")));
            return Map.of();
        });
        operations.add("UntagResource", (scope, in) -> {
            List<String> keys = new ArrayList<>();
            in.path("tagKeys").forEach(key -> keys.add(key.asText()));
            backend.untagResource(scope, required(in, "resourceArn"), keys);
            return Map.of();
        });
        operations.add("ListTagsForResource", (scope, in) -> Map.of("tags", tagList(backend.listTags(scope,
                required(in, "resourceArn")))));
    }

    @Override
    public String signingName() {
        return "states";
    }

    @Override
    public Protocol protocol() {
        return Protocol.AWS_JSON_1_0;
    }

    @Override
    public List<String> targetPrefixes() {
        return List.of("AWSStepFunctions");
    }

    @Override
    public AwsResponse handle(AwsRequest request) {
        String name = wire.operation(request);
        Operation operation = operations.find(name);
        JsonNode in = wire.body(request);
        operations.check(name, RequiredMembers.inJson(in));
        return wire.ok(operation.apply(request.scope(), in));
    }

    /** The operations served, as the table that dispatches them holds them. */
    @Override
    public List<String> operations() {
        return operations.supported();
    }

    private Map<String, Object> createStateMachine(AccountRegion scope, JsonNode in) {
        StateMachineSettings.refuseUnsupported(in);
        StateMachine machine = backend.createStateMachine(scope, required(in, "name"), required(in, "definition"),
                required(in, "roleArn"), text(in, "type"), tags(in.path("tags")));
        return Map.of("stateMachineArn", machine.arn(), "creationDate", seconds(machine.creationDate()));
    }

    private Map<String, Object> describeStateMachine(AccountRegion scope, JsonNode in) {
        StateMachine machine = backend.describeStateMachine(scope, required(in, "stateMachineArn"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("stateMachineArn", machine.arn());
        out.put("name", machine.name());
        out.put("status", "ACTIVE");
        if (!"METADATA_ONLY".equals(text(in, "includedData"))) {
            out.put("definition", machine.definitionText());
        }
        out.put("roleArn", machine.roleArn());
        out.put("type", machine.type());
        out.put("creationDate", seconds(machine.creationDate()));
        out.put("revisionId", machine.revisionId());
        out.putAll(StateMachineSettings.defaults());
        return out;
    }

    private Map<String, Object> listStateMachines(AccountRegion scope, JsonNode in) {
        Page<StateMachine> page = Page.of(backend.listStateMachines(scope), in);
        List<Map<String, Object>> items = new ArrayList<>();
        for (StateMachine machine : page.items()) {
            items.add(Map.of("stateMachineArn", machine.arn(), "name", machine.name(), "type", machine.type(),
                    "creationDate", seconds(machine.creationDate())));
        }
        return page.answer("stateMachines", items);
    }

    private Map<String, Object> updateStateMachine(AccountRegion scope, JsonNode in) {
        StateMachineSettings.refuseUnsupported(in);
        StateMachine machine = backend.updateStateMachine(scope, required(in, "stateMachineArn"),
                text(in, "definition"), text(in, "roleArn"));
        return Map.of("updateDate", seconds(machine.updateDate()), "revisionId", machine.revisionId());
    }

    private Map<String, Object> startExecution(AccountRegion scope, JsonNode in) {
        refuseTraceHeader(in);
        Execution execution = backend.startExecution(scope, required(in, "stateMachineArn"), text(in, "name"),
                text(in, "input"));
        return Map.of("executionArn", execution.arn(), "startDate", seconds(execution.startDate()));
    }

    private Map<String, Object> startSyncExecution(AccountRegion scope, JsonNode in) {
        refuseTraceHeader(in);
        Execution execution = backend.startSyncExecution(scope, required(in, "stateMachineArn"), text(in, "name"),
                text(in, "input"));
        return execution(execution, !"METADATA_ONLY".equals(text(in, "includedData")));
    }

    private Map<String, Object> describeExecution(AccountRegion scope, JsonNode in) {
        Execution execution = backend.describeExecution(scope, required(in, "executionArn"));
        return execution(execution, !"METADATA_ONLY".equals(text(in, "includedData")));
    }

    private Map<String, Object> listExecutions(AccountRegion scope, JsonNode in) {
        for (String field : List.of("mapRunArn", "redriveFilter")) {
            if (in.hasNonNull(field)) {
                throw StepFunctionsErrors.validation("Serverless Lab's emulator does not support ListExecutions' "
                        + field + ": it has no map runs and no redrives");
            }
        }
        Page<Execution> page = Page.of(backend.listExecutions(scope, required(in, "stateMachineArn"),
                text(in, "statusFilter")), in);
        List<Map<String, Object>> items = new ArrayList<>();
        for (Execution execution : page.items()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("executionArn", execution.arn());
            item.put("stateMachineArn", execution.machine().arn());
            item.put("name", execution.name());
            item.put("status", execution.status().name());
            item.put("startDate", seconds(execution.startDate()));
            item.put("stopDate", seconds(execution.stopDate()));
            items.add(item);
        }
        return page.answer("executions", items);
    }

    private Map<String, Object> getExecutionHistory(AccountRegion scope, JsonNode in) {
        List<HistoryEvent> events = new ArrayList<>(backend.describeExecution(scope, required(in, "executionArn"))
                .events());
        if (in.path("reverseOrder").asBoolean(false)) {
            java.util.Collections.reverse(events);
        }
        boolean data = in.path("includeExecutionData").asBoolean(true);
        Page<HistoryEvent> page = Page.of(events, in);
        List<Map<String, Object>> items = new ArrayList<>();
        for (HistoryEvent event : page.items()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("timestamp", seconds(event.timestamp()));
            item.put("type", event.type());
            item.put("id", event.id());
            item.put("previousEventId", event.previousEventId());
            if (event.details() != null) {
                ObjectNode details = event.details().deepCopy();
                if (!data) {
                    details.remove(List.of("input", "inputDetails", "output", "outputDetails", "parameters"));
                }
                item.put(event.detailsField(), details);
            }
            items.add(item);
        }
        return page.answer("events", items);
    }

    private Map<String, Object> describeStateMachineForExecution(AccountRegion scope, JsonNode in) {
        StateMachine machine = backend.describeExecution(scope, required(in, "executionArn")).machine();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("stateMachineArn", machine.arn());
        out.put("name", machine.name());
        out.put("definition", machine.definitionText());
        out.put("roleArn", machine.roleArn());
        out.put("updateDate", seconds(machine.updateDate() == null ? machine.creationDate() : machine.updateDate()));
        out.put("revisionId", machine.revisionId());
        out.putAll(StateMachineSettings.defaults());
        return out;
    }

    private static Map<String, Object> execution(Execution execution, boolean data) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("executionArn", execution.arn());
        out.put("stateMachineArn", execution.machine().arn());
        out.put("name", execution.name());
        out.put("status", execution.status().name());
        out.put("startDate", seconds(execution.startDate()));
        out.put("stopDate", seconds(execution.stopDate()));
        if (data) {
            out.put("input", execution.input());
            out.put("output", execution.output());
        }
        out.put("inputDetails", Map.of("included", data));
        if (execution.output() != null) {
            out.put("outputDetails", Map.of("included", data));
        }
        out.put("error", execution.error());
        out.put("cause", execution.cause());
        return out;
    }

    private static void refuseTraceHeader(JsonNode in) {
        if (in.hasNonNull("traceHeader")) {
            throw StepFunctionsErrors.validation("Serverless Lab's emulator does not trace executions with X-Ray; "
                    + "leave out traceHeader");
        }
    }

    private static Map<String, String> tags(JsonNode tags) {
        Map<String, String> out = new LinkedHashMap<>();
        tags.forEach(tag -> out.put(tag.path("key").asText(), tag.path("value").asText("")));
        return out;
    }

    private static List<Map<String, String>> tagList(Map<String, String> tags) {
        List<Map<String, String>> out = new ArrayList<>();
        tags.forEach((key, value) -> out.add(Map.of("key", key, "value", value)));
        return out;
    }

    private static String required(JsonNode in, String field) {
        String value = text(in, field);
        if (value == null) {
            throw StepFunctionsErrors.validation("1 validation error detected: Value null at '" + field
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    private static String text(JsonNode in, String field) {
        JsonNode value = in.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** awsJson timestamps are epoch seconds; a BigDecimal keeps the milliseconds without exponent notation. */
    private static BigDecimal seconds(Instant instant) {
        return instant == null ? null : BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }

    /** One page of a list and the token for the next, by position (maxResults 1-1000, default 100). */
    private record Page<T>(List<T> items, String nextToken) {

        static <T> Page<T> of(List<T> all, JsonNode in) {
            int max = in.path("maxResults").asInt(0);
            if (max < 0 || max > 1000) {
                throw StepFunctionsErrors.validation("1 validation error detected: Value '" + max + "' at "
                        + "'maxResults' failed to satisfy constraint: Member must be between 0 and 1000");
            }
            int size = max == 0 ? 100 : max;
            int start = 0;
            String token = text(in, "nextToken");
            if (token != null) {
                try {
                    start = Integer.parseInt(new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw StepFunctionsErrors.of("InvalidToken", "Invalid Token: '" + token + "'");
                }
            }
            int end = Math.min(all.size(), start + size);
            String next = end < all.size() ? Base64.getEncoder().encodeToString(String.valueOf(end)
                    .getBytes(StandardCharsets.UTF_8)) : null;
            return new Page<>(all.subList(Math.min(start, all.size()), end), next);
        }

        Map<String, Object> answer(String field, Object items) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put(field, items);
            out.put("nextToken", nextToken);
            return out;
        }
    }

    @Override
    public void close() {
        backend.close();
    }
}
