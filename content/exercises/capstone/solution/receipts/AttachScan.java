package receipts;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Attaches every scan uploaded as scans/{receiptId}/{file} to its receipt, which is then complete, and announces
 * that on the receipts bus as a ReceiptCompleted event.
 */
public class AttachScan implements RequestHandler<S3Event, Void> {

    private final S3Client s3 = S3Client.create();
    private final DynamoDbClient dynamo = DynamoDbClient.create();
    private final EventBridgeClient events = EventBridgeClient.create();
    private final String receipts = System.getenv("TABLE_NAME");
    private final String bus = System.getenv("BUS_NAME");

    @Override
    public Void handleRequest(S3Event event, Context context) {
        for (S3EventNotificationRecord record : event.getRecords()) {
            String bucket = record.getS3().getBucket().getName();
            // Keys arrive URL-encoded ("my scan.jpg" as "my+scan.jpg"); the object is stored under the decoded key.
            String key = URLDecoder.decode(record.getS3().getObject().getKey(), StandardCharsets.UTF_8);
            String[] parts = key.split("/", 3);
            if (parts.length < 3 || parts[1].isEmpty()) {
                context.getLogger().log("Skipped " + key + ": not scans/{receiptId}/{file}");
                continue;
            }
            attach(parts[1], bucket, key, context);
        }
        return null;
    }

    private void attach(String receiptId, String bucket, String key, Context context) {
        // The event does not carry the content type: HeadObject reads the object's metadata without its bytes.
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key));
        Map<String, AttributeValue> receipt;
        try {
            // attribute_exists: a scan for a receipt nobody created must not create one (UpdateItem would).
            receipt = dynamo.updateItem(b -> b.tableName(receipts)
                    .key(Map.of("receiptId", AttributeValue.fromS(receiptId)))
                    .updateExpression("SET #status = :complete, scanKey = :key, scanSize = :size, contentType = :type")
                    .conditionExpression("attribute_exists(receiptId)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(
                            ":complete", AttributeValue.fromS("COMPLETE"),
                            ":key", AttributeValue.fromS(key),
                            ":size", AttributeValue.fromN(Long.toString(head.contentLength())),
                            ":type", AttributeValue.fromS(head.contentType())))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
        } catch (ConditionalCheckFailedException e) {
            context.getLogger().log("No receipt " + receiptId + " for the scan " + key + ": ignored");
            return;
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("receiptId", receiptId);
        detail.put("merchant", receipt.get("merchant").s());
        detail.put("amount", new BigDecimal(receipt.get("amount").n()));
        detail.put("scanKey", key);
        PutEventsResponse answer = events.putEvents(b -> b.entries(entry -> entry.eventBusName(bus)
                .source("receipts.app").detailType("ReceiptCompleted").detail(Json.write(detail))));
        // PutEvents answers 200 even when an entry was refused: the refusal is in the entry's result.
        if (answer.failedEntryCount() > 0) {
            throw new IllegalStateException("ReceiptCompleted for " + receiptId + " was refused: " + answer.entries());
        }
        context.getLogger().log("Receipt " + receiptId + " is complete");
    }
}
