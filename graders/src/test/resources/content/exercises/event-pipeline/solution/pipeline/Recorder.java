package pipeline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

public class Recorder implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final DynamoDbClient dynamo = DynamoDbClient.create();

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        if ("aws.events".equals(event.get("source"))) {
            record("tick-" + event.get("time"), "schedule");
            return Map.of();
        }
        List<Map<String, Object>> records = (List<Map<String, Object>>) event.getOrDefault("Records", List.of());
        List<Map<String, String>> failures = new ArrayList<>();
        for (Map<String, Object> record : records) {
            if (record.containsKey("s3")) {
                Map<String, Object> object = (Map<String, Object>) ((Map<String, Object>) record.get("s3")).get("object");
                record((String) object.get("key"), "s3");
            } else if ("aws:sqs".equals(record.get("eventSource"))) {
                String body = (String) record.get("body");
                if (body.equals("poison")) {
                    failures.add(Map.of("itemIdentifier", (String) record.get("messageId")));
                } else {
                    record(body, "sqs");
                }
            }
        }
        return Map.of("batchItemFailures", failures);
    }

    private void record(String id, String source) {
        dynamo.putItem(b -> b.tableName(System.getenv("TABLE_NAME"))
                .item(Map.of("id", AttributeValue.fromS(id), "source", AttributeValue.fromS(source))));
    }
}
