package dev.serverlesslab.emulator.dynamodb;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A test Lambda handler written the way a student writes one: a default {@code DynamoDbClient} (region, credentials
 * and endpoint all from the environment Lambda gives) storing the event's id in the table named by {@code TABLE_NAME}.
 */
public class PutItemHandler implements RequestHandler<Map<String, String>, String> {

    private final DynamoDbClient dynamo = DynamoDbClient.create();

    @Override
    public String handleRequest(Map<String, String> event, Context context) {
        String table = System.getenv("TABLE_NAME");
        dynamo.putItem(r -> r.tableName(table).item(Map.of(
                "id", AttributeValue.fromS(event.get("id")),
                "writer", AttributeValue.fromS(context.getFunctionName()))));
        return "stored " + event.get("id") + " in " + table;
    }
}
