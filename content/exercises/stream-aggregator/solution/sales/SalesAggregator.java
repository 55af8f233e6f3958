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
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Adds every sale of a Kinesis batch to its store's running total exactly once: the sale's id is recorded in the
 * same transaction that adds its amount, and a sale already recorded is skipped, so a redelivered batch or a
 * producer's retry changes nothing.
 */
public class SalesAggregator implements RequestHandler<KinesisEvent, Void> {

    // Built once per execution environment, during init, and reused by every warm invocation.
    private final DynamoDbClient dynamo = DynamoDbClient.create();
    private final String totals = System.getenv("TOTALS_TABLE");
    private final String processed = System.getenv("PROCESSED_TABLE");

    @Override
    public Void handleRequest(KinesisEvent event, Context context) {
        for (KinesisEventRecord record : event.getRecords()) {
            Map<String, Object> sale = Json.parseObject(
                    StandardCharsets.UTF_8.decode(record.getKinesis().getData()).toString());
            String saleId = (String) sale.get("saleId");
            String store = (String) sale.get("store");
            BigDecimal amount = (BigDecimal) sale.get("amount");
            try {
                dynamo.transactWriteItems(b -> b.transactItems(
                        TransactWriteItem.builder().put(p -> p.tableName(processed)
                                .item(Map.of("saleId", AttributeValue.fromS(saleId)))
                                .conditionExpression("attribute_not_exists(saleId)")).build(),
                        TransactWriteItem.builder().update(u -> u.tableName(totals)
                                .key(Map.of("store", AttributeValue.fromS(store)))
                                .updateExpression("ADD #total :amount, #sales :one")
                                .expressionAttributeNames(Map.of("#total", "total", "#sales", "sales"))
                                .expressionAttributeValues(Map.of(":amount", AttributeValue.fromN(amount.toPlainString()),
                                        ":one", AttributeValue.fromN("1")))).build()));
            } catch (TransactionCanceledException e) {
                if (!e.hasCancellationReasons()
                        || !"ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code())) {
                    throw e;
                }
                // Already counted: this is a redelivery (or the producer sent the sale twice).
                context.getLogger().log("Skipped " + saleId + ", counted before");
            }
        }
        return null;
    }
}
