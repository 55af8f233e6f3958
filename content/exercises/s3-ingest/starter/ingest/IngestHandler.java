package ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;

/** Describes every object created under uploads/ in the table named by TABLE_NAME. */
public class IngestHandler implements RequestHandler<S3Event, Void> {

    @Override
    public Void handleRequest(S3Event event, Context context) {
        for (S3EventNotificationRecord record : event.getRecords()) {
            context.getLogger().log("New object: s3://" + record.getS3().getBucket().getName() + "/"
                    + record.getS3().getObject().getKey());
            // Your turn: decode the key, read the object, count its lines and put an item in the table.
        }
        return null;
    }
}
