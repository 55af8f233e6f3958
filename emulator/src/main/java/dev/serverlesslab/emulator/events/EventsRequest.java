package dev.serverlesslab.emulator.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.emulator.http.JsonRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Typed reads of one EventBridge request body, refusing members the emulator does not honour by name. */
final class EventsRequest extends JsonRequest {

    private static final Set<String> TARGET_MEMBERS = Set.of("Id", "Arn", "RoleArn", "Input", "InputPath",
            "InputTransformer", "SqsParameters");

    EventsRequest(JsonNode body) {
        super(body);
    }

    /** Refuses any member outside {@code served}: accepting and ignoring it would mislead. */
    void only(String operation, Set<String> served) {
        refuseOthers(node(), served, operation);
    }

    private static void refuseOthers(JsonNode object, Set<String> served, String where) {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!served.contains(name) && !object.get(name).isNull()) {
                throw EventsErrors.validation(where + "." + name + " is not supported by Serverless Lab's emulator "
                        + "(it serves " + String.join(", ", served.stream().sorted().toList()) + ")");
            }
        }
    }

    /** {@code Tags: [{"Key": ..., "Value": ...}]} as a map. */
    Map<String, String> tags(String field) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (JsonNode tag : objects(field, "a list of {\"Key\": ..., \"Value\": ...}")) {
            if (!tag.path("Key").isTextual() || !tag.path("Value").isTextual()) {
                throw wrongType(field, "a list of {\"Key\": ..., \"Value\": ...}");
            }
            tags.put(tag.get("Key").asText(), tag.get("Value").asText());
        }
        return tags;
    }

    Integer limit() {
        return wholeInt("Limit");
    }

    List<EventEntry> entries() {
        List<EventEntry> entries = new ArrayList<>();
        for (JsonNode entry : objects("Entries", "a list of PutEvents entries")) {
            refuseOthers(entry, Set.of("Time", "Source", "Resources", "DetailType", "Detail", "EventBusName"),
                    "Entries[]");
            EventsRequest in = new EventsRequest(entry);
            Instant time = null;
            JsonNode value = entry.get("Time");
            if (value != null && !value.isNull()) {
                if (!value.isNumber()) {
                    throw wrongType("Entries[].Time", "a timestamp (epoch seconds)");
                }
                time = Instant.ofEpochMilli(Math.round(value.doubleValue() * 1000));
            }
            entries.add(new EventEntry(time, in.text("Source"), in.texts("Resources"), in.text("DetailType"),
                    in.text("Detail"), in.text("EventBusName")));
        }
        return entries;
    }

    List<RuleTarget> targets() {
        List<RuleTarget> targets = new ArrayList<>();
        for (JsonNode target : objects("Targets", "a list of targets {\"Id\", \"Arn\", ...}")) {
            refuseOthers(target, TARGET_MEMBERS, "Targets[]");
            EventsRequest in = new EventsRequest(target);
            int inputs = (in.has("Input") ? 1 : 0) + (in.has("InputPath") ? 1 : 0)
                    + (in.has("InputTransformer") ? 1 : 0);
            if (inputs > 1) {
                throw EventsErrors.validation("Target " + in.text("Id") + ": only one of Input, InputPath and "
                        + "InputTransformer may be given");
            }
            if (in.has("InputPath")) {
                TargetInput.checkPath(in.text("InputPath"), "InputPath");
            }
            Map<String, String> pathsMap = null;
            String template = null;
            if (in.has("InputTransformer")) {
                JsonNode transformer = target.get("InputTransformer");
                if (!transformer.isObject()) {
                    throw wrongType("InputTransformer", "an object {\"InputPathsMap\", \"InputTemplate\"}");
                }
                refuseOthers(transformer, Set.of("InputPathsMap", "InputTemplate"), "InputTransformer");
                EventsRequest transform = new EventsRequest(transformer);
                template = transform.text("InputTemplate");
                if (template == null) {
                    throw EventsErrors.validation("InputTransformer.InputTemplate is required");
                }
                pathsMap = transform.stringMap("InputPathsMap");
                if (pathsMap.size() > 100) {
                    throw EventsErrors.validation("InputTransformer.InputPathsMap has at most 100 entries");
                }
                pathsMap.forEach((name, path) -> {
                    if (name.startsWith("aws.events.")) {
                        throw EventsErrors.validation("InputPathsMap key " + name + " is reserved");
                    }
                    TargetInput.checkPath(path, "InputPathsMap." + name);
                });
            }
            String groupId = null;
            if (in.has("SqsParameters")) {
                JsonNode sqs = target.get("SqsParameters");
                refuseOthers(sqs, Set.of("MessageGroupId"), "SqsParameters");
                groupId = new EventsRequest(sqs).text("MessageGroupId");
            }
            targets.add(new RuleTarget(in.text("Id"), in.text("Arn"), in.text("RoleArn"), in.text("Input"),
                    in.text("InputPath"), pathsMap, template, groupId));
        }
        return targets;
    }
}
