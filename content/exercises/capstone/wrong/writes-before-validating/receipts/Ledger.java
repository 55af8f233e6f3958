package receipts;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.math.BigDecimal;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Records every ReceiptCompleted event of the receipts bus in the ledger, once per receipt. */
public class Ledger implements RequestHandler<ScheduledEvent, Void> {

    private final DynamoDbClient dynamo = DynamoDbClient.create();
    private final String ledger = System.getenv("LEDGER_TABLE");

    @Override
    public Void handleRequest(ScheduledEvent event, Context context) {
        Map<String, Object> detail = event.getDetail();
        String receiptId = String.valueOf(detail.get("receiptId"));
        // The detail is read as plain JSON: a number may arrive as a Double, so write it back without an exponent.
        String amount = new BigDecimal(String.valueOf(detail.get("amount"))).toPlainString();
        try {
            // EventBridge delivers at least once: a second delivery of the same event must not record it twice.
            dynamo.putItem(b -> b.tableName(ledger).conditionExpression("attribute_not_exists(receiptId)").item(Map.of(
                    "receiptId", AttributeValue.fromS(receiptId),
                    "merchant", AttributeValue.fromS(String.valueOf(detail.get("merchant"))),
                    "amount", AttributeValue.fromN(amount),
                    "recordedAt", AttributeValue.fromS(event.getTime().toString()))));
            context.getLogger().log("Recorded receipt " + receiptId);
        } catch (ConditionalCheckFailedException e) {
            context.getLogger().log("Receipt " + receiptId + " was recorded already");
        }
        return null;
    }
}
