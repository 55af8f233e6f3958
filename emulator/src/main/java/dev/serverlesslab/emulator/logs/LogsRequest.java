package dev.serverlesslab.emulator.logs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.emulator.http.JsonRequest;
import java.util.ArrayList;
import java.util.List;

/** Typed reads of one CloudWatch Logs request body, failing with the field's name when a value has the wrong shape. */
final class LogsRequest extends JsonRequest {

    LogsRequest(JsonNode body) {
        super(body);
    }

    Long number(String field) {
        return whole(field);
    }

    Integer limit() {
        Long limit = number("limit");
        return limit == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, limit));
    }

    boolean flag(String field, boolean absent) {
        return bool(field, absent);
    }

    /** {@code logEvents}: {@code [{"timestamp":<epoch millis>,"message":"..."}]}. */
    List<LogsEvent> events(String streamName) {
        String shape = "a list of {\"timestamp\":<epoch millis>,\"message\":\"...\"}";
        if (!has("logEvents")) {
            throw wrongType("logEvents", shape);
        }
        List<LogsEvent> events = new ArrayList<>();
        int index = 0;
        for (JsonNode event : objects("logEvents", shape)) {
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
}
