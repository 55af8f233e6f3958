package shop;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A customer's orders, page by page, from a global secondary index; and status updates guarded by optimistic
 * locking, so that an update made from a stale copy of an order is refused instead of overwriting a newer one.
 */
public class OrdersHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final DynamoDbClient dynamo = DynamoDbClient.create();
    private final String table = System.getenv("TABLE_NAME");
    private final String index = System.getenv("INDEX_NAME");

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String method = event.getRequestContext().getHttp().getMethod();
        String[] parts = event.getRawPath().substring(1).split("/", -1);
        context.getLogger().log(method + " " + event.getRawPath());
        if (parts.length == 3 && parts[0].equals("customers") && parts[2].equals("orders") && !parts[1].isEmpty()) {
            if (!"GET".equals(method)) {
                return respond(405, Map.of("message", "use GET to list a customer's orders"));
            }
            Map<String, String> query = event.getQueryStringParameters();
            return list(parts[1], query == null ? Map.of() : query);
        }
        if (parts.length == 2 && parts[0].equals("orders") && !parts[1].isEmpty()) {
            if (!"PUT".equals(method)) {
                return respond(405, Map.of("message", "use PUT to update an order"));
            }
            return update(parts[1], body(event));
        }
        return respond(404, Map.of("message", "There is no resource at " + event.getRawPath()));
    }

    private APIGatewayV2HTTPResponse list(String customerId, Map<String, String> query) {
        // Your turn:
        //  1. check limit (default 10, a whole number from 1 to 50) and turn a next token back into a start key;
        //     answer 400 when either is wrong;
        //  2. Query the index named by INDEX_NAME for this customer, newest first, at most limit orders;
        //  3. answer 200 with {"orders": [...], "next": <a token for LastEvaluatedKey, or null on the last page>}.
        return respond(501, Map.of("message", "listing a customer's orders is not written yet"));
    }

    private APIGatewayV2HTTPResponse update(String orderId, String body) {
        // Your turn: read status and version from the body (400 when wrong), then UpdateItem with a condition on
        // the version: 200 with the updated order, 409 when the version is stale, 404 when there is no such order.
        return respond(501, Map.of("message", "updating an order is not written yet"));
    }

    private static String body(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body != null && event.getIsBase64Encoded()) {
            return new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        return body;
    }

    private static APIGatewayV2HTTPResponse respond(int status, Map<String, ?> body) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody(Json.write(body))
                .build();
    }
}
