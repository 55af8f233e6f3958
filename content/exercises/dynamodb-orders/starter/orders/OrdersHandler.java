package orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A small orders API behind an HTTP API: POST /orders stores an order in DynamoDB, GET /orders/{id} reads it back.
 */
public class OrdersHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    // Built once per execution environment, during init, and reused by every invocation it serves.
    private final DynamoDbClient dynamo = DynamoDbClient.create();

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String method = event.getRequestContext().getHttp().getMethod();
        String path = event.getRawPath();
        if ("POST".equals(method) && "/orders".equals(path)) {
            return create(event.getBody());
        }
        if ("GET".equals(method) && path.startsWith("/orders/")) {
            return read(path.substring("/orders/".length()));
        }
        return respond(404, Map.of("message", "There is no route for " + method + " " + path));
    }

    private APIGatewayV2HTTPResponse create(String body) {
        // Your turn:
        //  1. read customer, item and quantity from the body with Json.parseObject(body);
        //     answer 400 with a message when one is missing or wrong;
        //  2. store the order with dynamo.putItem(...) in the table named by the TABLE_NAME environment variable,
        //     with a new orderId and status "NEW";
        //  3. answer 201 with the stored order as JSON.
        return respond(501, Map.of("message", "creating orders is not written yet"));
    }

    private APIGatewayV2HTTPResponse read(String orderId) {
        // Your turn: read the order with dynamo.getItem(...) and answer 200 with it, or 404 when there is none.
        return respond(501, Map.of("message", "reading orders is not written yet"));
    }

    private static APIGatewayV2HTTPResponse respond(int status, Map<String, ?> body) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody(Json.write(body))
                .build();
    }
}
