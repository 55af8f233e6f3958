package dev.serverlesslab.emulator.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.emulator.http.JsonRequest;
import dev.serverlesslab.emulator.http.RestCall;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Scheduler's output shapes (timestamps as epoch seconds, as REST-JSON bodies carry them) and list paging. */
final class ScheduleShapes {

    private ScheduleShapes() {
    }

    static Map<String, Object> schedule(Schedule schedule) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Arn", schedule.arn());
        out.put("Name", schedule.name());
        out.put("GroupName", schedule.groupName());
        out.put("ScheduleExpression", schedule.scheduleExpression());
        out.put("ScheduleExpressionTimezone", schedule.timezone());
        out.put("StartDate", seconds(schedule.startDate()));
        out.put("EndDate", seconds(schedule.endDate()));
        out.put("Description", schedule.description());
        out.put("State", schedule.state());
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("Mode", schedule.flexibleWindowMode());
        window.put("MaximumWindowInMinutes", schedule.flexibleWindowMinutes());
        window.values().removeIf(value -> value == null);
        out.put("FlexibleTimeWindow", window);
        out.put("Target", target(schedule.target()));
        out.put("ActionAfterCompletion", schedule.actionAfterCompletion());
        out.put("CreationDate", seconds(schedule.creationDate()));
        out.put("LastModificationDate", seconds(schedule.lastModificationDate()));
        out.values().removeIf(value -> value == null);
        return out;
    }

    static Map<String, Object> summary(Schedule schedule) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Arn", schedule.arn());
        out.put("Name", schedule.name());
        out.put("GroupName", schedule.groupName());
        out.put("State", schedule.state());
        out.put("Target", Map.of("Arn", schedule.target().arn()));
        out.put("CreationDate", seconds(schedule.creationDate()));
        out.put("LastModificationDate", seconds(schedule.lastModificationDate()));
        return out;
    }

    static Map<String, Object> group(ScheduleGroup group) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Arn", group.arn());
        out.put("Name", group.name());
        out.put("State", "ACTIVE");
        out.put("CreationDate", seconds(group.creationDate()));
        out.put("LastModificationDate", seconds(group.lastModificationDate()));
        return out;
    }

    private static Map<String, Object> target(ScheduleTarget target) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Arn", target.arn());
        out.put("RoleArn", target.roleArn());
        out.put("Input", target.input());
        out.put("RetryPolicy", Map.of("MaximumEventAgeInSeconds", target.maximumEventAgeInSeconds(),
                "MaximumRetryAttempts", target.maximumRetryAttempts()));
        if (target.deadLetterArn() != null) {
            out.put("DeadLetterConfig", Map.of("Arn", target.deadLetterArn()));
        }
        if (target.messageGroupId() != null) {
            out.put("SqsParameters", Map.of("MessageGroupId", target.messageGroupId()));
        }
        if (target.source() != null) {
            out.put("EventBridgeParameters", Map.of("DetailType", target.detailType(), "Source", target.source()));
        }
        out.values().removeIf(value -> value == null);
        return out;
    }

    /** {@code Tags: [{"Key", "Value"}]} as a map. */
    static Map<String, String> tags(JsonRequest in) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (JsonNode tag : in.objects("Tags", "a list of {\"Key\": ..., \"Value\": ...}")) {
            if (!tag.path("Key").isTextual() || !tag.path("Value").isTextual()) {
                throw JsonRequest.wrongType("Tags", "a list of {\"Key\": ..., \"Value\": ...}");
            }
            tags.put(tag.get("Key").asText(), tag.get("Value").asText());
        }
        return tags;
    }

    /** {@code MaxResults} and {@code NextToken} page a list by position. */
    static Map<String, Object> page(List<?> items, String member, RestCall call) {
        int start = 0;
        String token = call.query("NextToken");
        if (token != null) {
            try {
                start = Math.min(items.size(), Integer.parseInt(token));
            } catch (NumberFormatException e) {
                throw SchedulerErrors.validation("NextToken '" + token + "' was not given by this emulator");
            }
        }
        int end = items.size();
        String max = call.query("MaxResults");
        if (max != null) {
            try {
                end = Math.min(items.size(), start + Math.max(1, Integer.parseInt(max)));
            } catch (NumberFormatException e) {
                throw SchedulerErrors.validation("MaxResults must be a whole number, got " + max);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(member, items.subList(start, end));
        if (end < items.size()) {
            out.put("NextToken", String.valueOf(end));
        }
        return out;
    }

    private static Double seconds(Instant instant) {
        return instant == null ? null : instant.toEpochMilli() / 1000.0;
    }
}
