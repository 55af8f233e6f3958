package ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** Describes every object created under uploads/ in the table named by TABLE_NAME. */
public class IngestHandler implements RequestHandler<S3Event, Void> {

    // Built once per execution environment, during init, and reused by every warm invocation.
    private final S3Client s3 = S3Client.create();
    private final DynamoDbClient dynamo = DynamoDbClient.create();
    private final String table = System.getenv("TABLE_NAME");

    @Override
    public Void handleRequest(S3Event event, Context context) {
        for (S3EventNotificationRecord record : event.getRecords()) {
            String bucket = record.getS3().getBucket().getName();
            // Keys arrive URL-encoded ("a b.csv" as "a+b.csv"); the object is stored under the decoded key.
            String key = record.getS3().getObject().getKey();
            ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
            String text = object.asUtf8String();
            dynamo.putItem(b -> b.tableName(table).item(Map.of(
                    "key", AttributeValue.fromS(key),
                    "size", AttributeValue.fromN(Long.toString(object.asByteArray().length)),
                    "lines", AttributeValue.fromN(Integer.toString(lines(text))),
                    "contentType", AttributeValue.fromS(object.response().contentType()))));
            context.getLogger().log("Indexed s3://" + bucket + "/" + key);
        }
        return null;
    }

    /** Line breaks, plus one for a last line without one; 0 for an empty text. */
    static int lines(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        int breaks = (int) text.chars().filter(c -> c == '\n').count();
        return text.endsWith("\n") ? breaks : breaks + 1;
    }
}
