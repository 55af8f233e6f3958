package receipts;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;

/**
 * Attaches every scan uploaded as scans/{receiptId}/{file} to its receipt, which is then complete, and announces
 * that on the receipts bus as a ReceiptCompleted event.
 */
public class AttachScan implements RequestHandler<S3Event, Void> {

    // Your turn: S3, DynamoDB and EventBridge clients in fields; TABLE_NAME and BUS_NAME from the environment.

    @Override
    public Void handleRequest(S3Event event, Context context) {
        for (S3EventNotificationRecord record : event.getRecords()) {
            context.getLogger().log("New scan: s3://" + record.getS3().getBucket().getName() + "/"
                    + record.getS3().getObject().getKey());
            // Your turn: decode the key, find the receiptId in scans/{receiptId}/{file}, read the object's size and
            //  content type, complete the receipt (only if it exists), then put a ReceiptCompleted event on the bus.
        }
        return null;
    }
}
