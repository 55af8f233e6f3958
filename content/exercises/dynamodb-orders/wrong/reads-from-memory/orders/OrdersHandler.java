package orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * A small orders API behind an HTTP API: POST /orders stores an order in DynamoDB, GET /orders/{id} reads it back.
 */
public class OrdersHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    // Built once per execution environment, during init, and reused by every invocation it serves.
    private final DynamoDbClient dynamo = DynamoDbClient.create();
    private final String table = System.getenv("TABLE_NAME");
    private final Map<String, Map<String, AttributeValue>> created = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String method = event.getRequestContext().getHttp().getMethod();
        String path = event.getRawPath();
        context.getLogger().log(method + " " + path);
        if ("POST".equals(method) && "/orders".equals(path)) {
            return create(body(event));
        }
        if ("GET".equals(method) && path.startsWith("/orders/") && path.length() > "/orders/".length()) {
            return read(path.substring("/orders/".length()));
        }
        return respond(404, Map.of("message", "There is no route for " + method + " " + path));
    }

    private APIGatewayV2HTTPResponse create(String body) {
        Map<String, Object> order;
        try {
            order = Json.parseObject(body);
        } catch (IllegalArgumentException e) {
            return respond(400, Map.of("message", e.getMessage()));
        }
        Object customer = order.get("customer");
        Object item = order.get("item");
        Object quantity = order.get("quantity");
        if (!(customer instanceof String) || ((String) customer).isBlank()) {
            return respond(400, Map.of("message", "customer is required and must be a non-empty string"));
        }
        if (!(item instanceof String) || ((String) item).isBlank()) {
            return respond(400, Map.of("message", "item is required and must be a non-empty string"));
        }
        if (!(quantity instanceof BigDecimal) || !isWholeAtLeastOne((BigDecimal) quantity)) {
            return respond(400, Map.of("message", "quantity is required and must be a whole number of at least 1"));
        }

        String orderId = UUID.randomUUID().toString();
        String createdAt = Instant.now().toString();
        Map<String, AttributeValue> stored = new LinkedHashMap<>();
        stored.put("orderId", AttributeValue.fromS(orderId));
        stored.put("customer", AttributeValue.fromS((String) customer));
        stored.put("item", AttributeValue.fromS((String) item));
        stored.put("quantity", AttributeValue.fromN(((BigDecimal) quantity).toBigInteger().toString()));
        stored.put("status", AttributeValue.fromS("NEW"));
        stored.put("createdAt", AttributeValue.fromS(createdAt));
        // The condition guards against overwriting an existing order, however unlikely a UUID clash is.
        dynamo.putItem(b -> b.tableName(table).item(stored).conditionExpression("attribute_not_exists(orderId)"));
        created.put(orderId, stored);
        return respond(201, toJson(stored));
    }

    private APIGatewayV2HTTPResponse read(String orderId) {
        // Orders this environment created are answered from memory, the rest are not found.
        Map<String, AttributeValue> cached = created.get(orderId);
        if (cached != null) {
            return respond(200, toJson(cached));
        }
        if (orderId != null) {
            return respond(404, Map.of("message", "Order " + orderId + " was not found"));
        }
        GetItemResponse found = dynamo.getItem(b -> b.tableName(table)
                .key(Map.of("orderId", AttributeValue.fromS(orderId)))
                .consistentRead(true));
        if (!found.hasItem() || found.item().isEmpty()) {
            return respond(404, Map.of("message", "Order " + orderId + " was not found"));
        }
        return respond(200, toJson(found.item()));
    }

    private static Map<String, Object> toJson(Map<String, AttributeValue> item) {
        Map<String, Object> json = new LinkedHashMap<>();
        item.forEach((name, value) -> json.put(name, value.n() != null ? new BigDecimal(value.n()) : value.s()));
        return json;
    }

    private static boolean isWholeAtLeastOne(BigDecimal quantity) {
        return quantity.signum() > 0 && quantity.stripTrailingZeros().scale() <= 0;
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
