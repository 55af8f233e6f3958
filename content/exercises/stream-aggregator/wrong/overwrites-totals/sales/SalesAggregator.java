package sales;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Sums each batch (skipping sales seen twice in it) and puts the sums as the stores' totals: the same batch again
 * gives the same items, but every new batch replaces what the earlier ones counted.
 */
public class SalesAggregator implements RequestHandler<KinesisEvent, Void> {

    private final DynamoDbClient dynamo = DynamoDbClient.create();
    private final String totals = System.getenv("TOTALS_TABLE");

    @Override
    public Void handleRequest(KinesisEvent event, Context context) {
        Map<String, BigDecimal> sums = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (KinesisEventRecord record : event.getRecords()) {
            Map<String, Object> sale = Json.parseObject(
                    StandardCharsets.UTF_8.decode(record.getKinesis().getData()).toString());
            if (!seen.add((String) sale.get("saleId"))) {
                continue;
            }
            String store = (String) sale.get("store");
            sums.merge(store, (BigDecimal) sale.get("amount"), BigDecimal::add);
            counts.merge(store, 1, Integer::sum);
        }
        sums.forEach((store, sum) -> dynamo.putItem(b -> b.tableName(totals).item(Map.of(
                "store", AttributeValue.fromS(store),
                "total", AttributeValue.fromN(sum.toPlainString()),
                "sales", AttributeValue.fromN(Integer.toString(counts.get(store)))))));
        return null;
    }
}
