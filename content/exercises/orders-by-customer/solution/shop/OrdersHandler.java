package shop;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * A customer's orders, page by page, from a global secondary index; and status updates guarded by optimistic
 * locking, so that an update made from a stale copy of an order is refused instead of overwriting a newer one.
 */
public class OrdersHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final int DEFAULT_LIMIT = 10;
    private static final int MAX_LIMIT = 50;
    /** The attributes of a LastEvaluatedKey from the index: the index's keys and the table's key. */
    private static final Set<String> PAGE_KEY = Set.of("customerId", "createdAt", "orderId");

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
        int limit;
        try {
            limit = query.containsKey("limit") ? Integer.parseInt(query.get("limit")) : DEFAULT_LIMIT;
        } catch (NumberFormatException e) {
            limit = 0;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            return respond(400, Map.of("message", "limit must be a whole number from 1 to " + MAX_LIMIT));
        }
        Map<String, AttributeValue> start = null;
        if (query.containsKey("next")) {
            start = decodeToken(query.get("next"), customerId);
            if (start == null) {
                return respond(400, Map.of("message", "next is not a token this API gave out for this customer"));
            }
        }
        Map<String, AttributeValue> exclusiveStart = start;
        int pageSize = limit;
        QueryResponse page = dynamo.query(b -> b.tableName(table)
                .indexName(index)
                .keyConditionExpression("customerId = :c")
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(customerId)))
                .scanIndexForward(false)
                .limit(pageSize)
                .exclusiveStartKey(exclusiveStart));
        List<Map<String, Object>> orders = new ArrayList<>();
        page.items().forEach(item -> orders.add(toJson(item)));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("orders", orders);
        answer.put("next", page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                ? encodeToken(page.lastEvaluatedKey()) : null);
        return respond(200, answer);
    }

    private APIGatewayV2HTTPResponse update(String orderId, String body) {
        Map<String, Object> change;
        try {
            change = Json.parseObject(body);
        } catch (IllegalArgumentException e) {
            return respond(400, Map.of("message", e.getMessage()));
        }
        Object status = change.get("status");
        Object version = change.get("version");
        if (!(status instanceof String) || ((String) status).isBlank()) {
            return respond(400, Map.of("message", "status is required and must be a non-empty string"));
        }
        if (!(version instanceof BigDecimal) || ((BigDecimal) version).signum() <= 0
                || ((BigDecimal) version).stripTrailingZeros().scale() > 0) {
            return respond(400, Map.of("message", "version is required: the whole number you read with the order"));
        }
        String expected = ((BigDecimal) version).toBigInteger().toString();
        try {
            UpdateItemResponse updated = dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of("orderId", AttributeValue.fromS(orderId)))
                    .updateExpression("SET #status = :status, version = version + :one")
                    .conditionExpression("attribute_exists(orderId) AND version = :expected")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(
                            ":status", AttributeValue.fromS((String) status),
                            ":one", AttributeValue.fromN("1"),
                            ":expected", AttributeValue.fromN(expected)))
                    .returnValues(ReturnValue.ALL_NEW));
            return respond(200, toJson(updated.attributes()));
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> current = dynamo.getItem(b -> b.tableName(table)
                    .key(Map.of("orderId", AttributeValue.fromS(orderId)))
                    .consistentRead(true)).item();
            if (current == null || current.isEmpty()) {
                return respond(404, Map.of("message", "Order " + orderId + " was not found"));
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("message", "Order " + orderId + " changed since version " + expected
                    + ": read it again and retry");
            answer.put("currentVersion", new BigDecimal(current.get("version").n()));
            return respond(409, answer);
        }
    }

    /** An opaque token for the next page: the LastEvaluatedKey as JSON, base64url-encoded. */
    private static String encodeToken(Map<String, AttributeValue> key) {
        Map<String, Object> plain = new LinkedHashMap<>();
        key.forEach((name, value) -> plain.put(name, value.s()));
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Json.write(plain).getBytes(StandardCharsets.UTF_8));
    }

    /** The ExclusiveStartKey a token stands for, or null when it is not one of ours for this customer. */
    private static Map<String, AttributeValue> decodeToken(String token, String customerId) {
        Map<String, Object> plain;
        try {
            plain = Json.parseObject(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!plain.keySet().equals(PAGE_KEY) || !customerId.equals(plain.get("customerId"))) {
            return null;
        }
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (Map.Entry<String, Object> part : plain.entrySet()) {
            if (!(part.getValue() instanceof String)) {
                return null;
            }
            key.put(part.getKey(), AttributeValue.fromS((String) part.getValue()));
        }
        return key;
    }

    private static Map<String, Object> toJson(Map<String, AttributeValue> item) {
        Map<String, Object> json = new LinkedHashMap<>();
        item.forEach((name, value) -> json.put(name, value.n() != null ? new BigDecimal(value.n()) : value.s()));
        return json;
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
