package audit;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

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
        // Your turn:
        //  1. require eventId, actor, action and occurredAt (IllegalArgumentException when one is missing);
        //  2. write the record into EVENTS_TABLE only if its eventId is new, and add 1 to the actor's eventCount in
        //     ACTORS_TABLE only together with that write;
        //  3. treat an event that is already recorded as a success: return normally, do not throw.
        context.getLogger().log("Received an event; nothing is recorded yet");
        return Map.of("outcome", "ignored");
    }
}
