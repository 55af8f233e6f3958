package audit;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Records audit events delivered asynchronously, at least once: the event id makes the write idempotent, so a
 * duplicate delivery or one of Lambda's retries records and counts nothing a second time.
 */
public class AuditHandler implements RequestHandler<Map<String, String>, Map<String, String>> {

    private final DynamoDbClient dynamo = DynamoDbClient.create();
    private final String events = System.getenv("EVENTS_TABLE");
    private final String actors = System.getenv("ACTORS_TABLE");

    @Override
    public Map<String, String> handleRequest(Map<String, String> event, Context context) {
        String eventId = required(event, "eventId");
        String actor = required(event, "actor");
        String action = required(event, "action");
        String occurredAt = required(event, "occurredAt");
        // Every delivery is written and counted.
        dynamo.putItem(put -> put.tableName(events)
                .item(Map.of(
                        "eventId", AttributeValue.fromS(eventId),
                        "actor", AttributeValue.fromS(actor),
                        "action", AttributeValue.fromS(action),
                        "occurredAt", AttributeValue.fromS(occurredAt),
                        "recordedAt", AttributeValue.fromS(Instant.now().toString()))));
        dynamo.updateItem(update -> update.tableName(actors)
                .key(Map.of("actor", AttributeValue.fromS(actor)))
                .updateExpression("ADD eventCount :one")
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
        context.getLogger().log("Recorded event " + eventId + " of " + actor);
        return Map.of("eventId", eventId, "outcome", "recorded");
    }

    private static String required(Map<String, String> event, String field) {
        String value = event == null ? null : event.get(field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("'" + field + "' is required");
        }
        return value;
    }
}
