package dev.serverlesslab.emulator.logs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.emulator.http.AwsException;
import java.util.ArrayList;
import java.util.List;

/** Typed reads of one CloudWatch Logs request body, failing with the field's name when a value has the wrong shape. */
final class LogsRequest {

    private final JsonNode body;

    LogsRequest(JsonNode body) {
        this.body = body;
    }

    String text(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw wrongType(field, "a string");
        }
        return node.asText();
    }

    Long number(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw wrongType(field, "a whole number");
        }
        return node.longValue();
    }

    Integer limit() {
        Long limit = number("limit");
        return limit == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, limit));
    }

    boolean flag(String field, boolean absent) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!node.isBoolean()) {
            throw wrongType(field, "true or false");
        }
        return node.booleanValue();
    }

    List<String> texts(String field) {
        List<String> texts = new ArrayList<>();
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return texts;
        }
        if (!node.isArray()) {
            throw wrongType(field, "a list of strings");
        }
        node.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    /** {@code logEvents}: {@code [{"timestamp":<epoch millis>,"message":"..."}]}. */
    List<LogsEvent> events(String streamName) {
        JsonNode node = body.get("logEvents");
        if (node == null || !node.isArray()) {
            throw wrongType("logEvents", "a list of {\"timestamp\":<epoch millis>,\"message\":\"...\"}");
        }
        List<LogsEvent> events = new ArrayList<>();
        int index = 0;
        for (JsonNode event : node) {
            JsonNode timestamp = event.get("timestamp");
            JsonNode message = event.get("message");
            if (timestamp == null || !timestamp.isIntegralNumber() || message == null || !message.isTextual()) {
                throw wrongType("logEvents[" + index + "]", "{\"timestamp\":<epoch millis>,\"message\":\"...\"}");
            }
            events.add(new LogsEvent(streamName, timestamp.longValue(), message.asText(), 0));
            index++;
        }
        return events;
    }

    private static AwsException wrongType(String field, String expected) {
        return new AwsException("SerializationException", field + " must be " + expected, 400);
    }
}
