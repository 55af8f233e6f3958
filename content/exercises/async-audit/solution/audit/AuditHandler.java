package audit;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

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
        try {
            // One transaction: the record is written only if its event id is new, and the actor's count goes up
            // only together with it. A duplicate cancels both.
            dynamo.transactWriteItems(t -> t.transactItems(
                    item -> item.put(put -> put.tableName(events)
                            .item(Map.of(
                                    "eventId", AttributeValue.fromS(eventId),
                                    "actor", AttributeValue.fromS(actor),
                                    "action", AttributeValue.fromS(action),
                                    "occurredAt", AttributeValue.fromS(occurredAt),
                                    "recordedAt", AttributeValue.fromS(Instant.now().toString())))
                            .conditionExpression("attribute_not_exists(eventId)")),
                    item -> item.update(update -> update.tableName(actors)
                            .key(Map.of("actor", AttributeValue.fromS(actor)))
                            .updateExpression("ADD eventCount :one")
                            .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))))));
        } catch (TransactionCanceledException e) {
            if (isDuplicate(e)) {
                // Already recorded: a duplicate is a success, or Lambda would retry it for nothing.
                context.getLogger().log("Event " + eventId + " was already recorded; nothing to do");
                return Map.of("eventId", eventId, "outcome", "duplicate");
            }
            throw e;
        }
        context.getLogger().log("Recorded event " + eventId + " of " + actor);
        return Map.of("eventId", eventId, "outcome", "recorded");
    }

    private static boolean isDuplicate(TransactionCanceledException e) {
        return e.hasCancellationReasons() && !e.cancellationReasons().isEmpty()
                && "ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code());
    }

    private static String required(Map<String, String> event, String field) {
        String value = event == null ? null : event.get(field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("'" + field + "' is required");
        }
        return value;
    }
}
