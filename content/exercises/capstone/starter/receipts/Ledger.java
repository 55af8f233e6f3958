package receipts;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;

/** Records every ReceiptCompleted event of the receipts bus in the ledger, once per receipt. */
public class Ledger implements RequestHandler<ScheduledEvent, Void> {

    // Your turn: a DynamoDbClient in a field; LEDGER_TABLE from the environment.

    @Override
    public Void handleRequest(ScheduledEvent event, Context context) {
        // ScheduledEvent reads any EventBridge event: source, detail-type, time and detail.
        context.getLogger().log(event.getSource() + " / " + event.getDetailType() + ": " + event.getDetail());
        // Your turn: put receiptId, merchant, amount and recordedAt (the event's time) in the ledger table.
        return null;
    }
}
