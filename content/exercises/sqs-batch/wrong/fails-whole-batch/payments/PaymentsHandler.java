package payments;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Stores the payments, but lets a bad one throw, which fails (and returns to the queue) the whole batch. */
public class PaymentsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final DynamoDbClient dynamo = DynamoDbClient.create();
    private final String table = System.getenv("TABLE_NAME");

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        for (SQSMessage message : event.getRecords()) {
            Map<String, Object> payment = Json.parseObject(message.getBody());
            if (!(payment.get("paymentId") instanceof String paymentId) || paymentId.isBlank()
                    || !(payment.get("orderId") instanceof String orderId) || orderId.isBlank()
                    || !(payment.get("amount") instanceof BigDecimal amount) || amount.signum() <= 0
                    || amount.stripTrailingZeros().scale() > 0) {
                throw new IllegalArgumentException("bad payment in message " + message.getMessageId());
            }
            dynamo.putItem(b -> b.tableName(table).item(Map.of(
                    "paymentId", AttributeValue.fromS(paymentId),
                    "orderId", AttributeValue.fromS(orderId),
                    "amount", AttributeValue.fromN(amount.toBigInteger().toString()))));
        }
        return new SQSBatchResponse(List.of());
    }
}
