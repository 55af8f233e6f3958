package sales;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import java.nio.charset.StandardCharsets;

/** Adds every sale of a Kinesis batch to its store's running total, exactly once. */
public class SalesAggregator implements RequestHandler<KinesisEvent, Void> {

    @Override
    public Void handleRequest(KinesisEvent event, Context context) {
        for (KinesisEventRecord record : event.getRecords()) {
            String data = StandardCharsets.UTF_8.decode(record.getKinesis().getData()).toString();
            context.getLogger().log(record.getKinesis().getSequenceNumber() + ": " + data);
            // Your turn: parse the sale (Json.parseObject) and add its amount to its store's total, once only.
        }
        return null;
    }
}
