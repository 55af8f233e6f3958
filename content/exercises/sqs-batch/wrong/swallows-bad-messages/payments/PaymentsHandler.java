package payments;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Stores every valid payment and skips the others, reporting nothing: a bad message is deleted as if it had worked. */
public class PaymentsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    // Built once per execution environment, during init, and reused by every warm invocation.
    private final DynamoDbClient dynamo = DynamoDbClient.create();
    private final String table = System.getenv("TABLE_NAME");

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<BatchItemFailure> failures = new ArrayList<>();
        for (SQSMessage message : event.getRecords()) {
            try {
                store(message.getBody());
            } catch (RuntimeException e) {
                context.getLogger().log("Rejected " + message.getMessageId() + ": " + e.getMessage());
                // Logged and dropped: nobody will ever look at it again.
            }
        }
        return new SQSBatchResponse(failures);
    }

    private void store(String body) {
        Map<String, Object> payment = Json.parseObject(body);
        String paymentId = text(payment, "paymentId");
        String orderId = text(payment, "orderId");
        if (!(payment.get("amount") instanceof BigDecimal amount) || amount.signum() <= 0
                || amount.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("amount must be a whole, positive number of cents");
        }
        dynamo.putItem(b -> b.tableName(table).item(Map.of(
                "paymentId", AttributeValue.fromS(paymentId),
                "orderId", AttributeValue.fromS(orderId),
                "amount", AttributeValue.fromN(amount.toBigInteger().toString()))));
    }

    private static String text(Map<String, Object> payment, String field) {
        if (!(payment.get(field) instanceof String value) || value.isBlank()) {
            throw new IllegalArgumentException(field + " must be a non-empty string");
        }
        return value;
    }
}
