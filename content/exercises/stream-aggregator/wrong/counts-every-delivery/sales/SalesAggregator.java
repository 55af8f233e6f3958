package sales;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Adds every sale it is handed to its store's total, however often the same sale is handed over. */
public class SalesAggregator implements RequestHandler<KinesisEvent, Void> {

    private final DynamoDbClient dynamo = DynamoDbClient.create();
    private final String totals = System.getenv("TOTALS_TABLE");

    @Override
    public Void handleRequest(KinesisEvent event, Context context) {
        for (KinesisEventRecord record : event.getRecords()) {
            Map<String, Object> sale = Json.parseObject(
                    StandardCharsets.UTF_8.decode(record.getKinesis().getData()).toString());
            BigDecimal amount = (BigDecimal) sale.get("amount");
            dynamo.updateItem(u -> u.tableName(totals)
                    .key(Map.of("store", AttributeValue.fromS((String) sale.get("store"))))
                    .updateExpression("ADD #total :amount, #sales :one")
                    .expressionAttributeNames(Map.of("#total", "total", "#sales", "sales"))
                    .expressionAttributeValues(Map.of(":amount", AttributeValue.fromN(amount.toPlainString()),
                            ":one", AttributeValue.fromN("1"))));
        }
        return null;
    }
}
