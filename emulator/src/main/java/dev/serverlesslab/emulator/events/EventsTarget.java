package dev.serverlesslab.emulator.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.core.Targets;
import java.util.ArrayList;
import java.util.List;

/**
 * An event bus as a delivery target (rules forwarding to another bus, Lambda destinations, Scheduler): the body is a
 * PutEvents entry {@code {"Source", "DetailType", "Detail", "Resources"}} (Detail a JSON object or its text), put on
 * the bus the ARN names in the account and region the ARN names.
 */
public final class EventsTarget implements Targets.Target {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventsBackend backend;

    public EventsTarget(EventsBackend backend) {
        this.backend = backend;
    }

    @Override
    public void deliver(Targets.Delivery delivery) {
        JsonNode entry;
        try {
            entry = JSON.readTree(delivery.body());
        } catch (JsonProcessingException e) {
            entry = null;
        }
        if (entry == null || !entry.isObject()) {
            throw EventsErrors.validation("A delivery to " + delivery.targetArn() + " must be a PutEvents entry "
                    + "{\"Source\", \"DetailType\", \"Detail\"} in JSON");
        }
        JsonNode detail = entry.get("Detail");
        List<String> resources = new ArrayList<>();
        entry.path("Resources").forEach(resource -> resources.add(resource.asText()));
        EventEntry event = new EventEntry(null, text(entry, "Source"), resources, text(entry, "DetailType"),
                detail == null || detail.isNull() ? null : detail.isTextual() ? detail.asText() : detail.toString(),
                delivery.targetArn());
        EntryResult result = backend.putEvents(delivery.targetScope(), List.of(event), true).get(0);
        if (result.errorCode() != null) {
            throw new AwsException(result.errorCode(), result.errorMessage(), 400);
        }
    }

    private static String text(JsonNode entry, String field) {
        JsonNode node = entry.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }
}
