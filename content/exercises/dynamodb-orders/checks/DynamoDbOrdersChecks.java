package checks;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.graders.check.ApiClient;
import dev.serverlesslab.graders.check.ApiResponse;
import dev.serverlesslab.graders.check.Hidden;
import dev.serverlesslab.graders.check.Hint;
import dev.serverlesslab.graders.check.Points;
import dev.serverlesslab.graders.check.Resources;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The checks of the dynamodb-orders exercise: create and read orders through the HTTP API, stored in the table the
 * exercise provisions.
 */
class DynamoDbOrdersChecks {

    private static final String NEW_ORDER = "{\"customer\":\"ada\",\"item\":\"analytical engine\",\"quantity\":2}";

    @Test
    @Order(1)
    @DisplayName("POST /orders answers 201 with the new order as JSON: a new orderId, status NEW and the fields sent")
    @Hint("Parse the body with Json.parseObject, then answer statusCode 201 with a JSON body holding orderId, "
            + "customer, item, quantity and \"status\": \"NEW\".")
    void createsAnOrder(ApiClient api) {
        JsonNode order = create(api, NEW_ORDER);
        expectText(order, "customer", "ada");
        expectText(order, "item", "analytical engine");
        expectText(order, "status", "NEW");
        if (!order.path("quantity").isNumber() || order.path("quantity").asInt() != 2) {
            fail("Expected quantity to be the number 2 in " + order + " (a JSON number, not the string \"2\")");
        }
    }

    @Test
    @Order(2)
    @DisplayName("The new order is stored in the table named by TABLE_NAME, with quantity as a number attribute")
    @Hint("Read the table name with System.getenv(\"TABLE_NAME\") and store quantity with AttributeValue.fromN(...), "
            + "not fromS: DynamoDB keeps numbers and strings as different types.")
    void storesTheOrderInTheTable(ApiClient api, DynamoDbClient dynamo, Resources resources) {
        String orderId = create(api, NEW_ORDER).path("orderId").asText();
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(resources.table("orders"))
                .key(Map.of("orderId", AttributeValue.fromS(orderId)))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            fail("POST /orders answered with orderId " + orderId + ", but the table " + resources.table("orders")
                    + " has no item with that orderId. Write it with PutItem into the table named by TABLE_NAME.");
        }
        AttributeValue quantity = item.get("quantity");
        if (quantity == null || quantity.n() == null || !"2".equals(quantity.n())) {
            fail("Expected the stored item's quantity to be the number attribute {\"N\":\"2\"}, but the item is "
                    + item);
        }
        AttributeValue customer = item.get("customer");
        if (customer == null || !"ada".equals(customer.s())) {
            fail("Expected the stored item's customer to be the string \"ada\", but the item is " + item);
        }
    }

    @Test
    @Order(3)
    @DisplayName("GET /orders/{orderId} answers 200 with an order created through POST /orders")
    void readsAnOrderItCreated(ApiClient api) {
        JsonNode created = create(api, NEW_ORDER);
        String orderId = created.path("orderId").asText();
        ApiResponse response = api.get("/orders/" + orderId);
        expectStatus(response, 200, "GET /orders/" + orderId);
        JsonNode read = response.json();
        expectText(read, "orderId", orderId);
        expectText(read, "item", "analytical engine");
    }

    @Test
    @Order(4)
    @DisplayName("GET /orders/o-1001 returns the order that was already in the table before the function ran")
    void readsASeededOrder(ApiClient api) {
        ApiResponse response = api.get("/orders/o-1001");
        expectStatus(response, 200, "GET /orders/o-1001");
        JsonNode order = response.json();
        expectText(order, "customer", "grace");
        expectText(order, "status", "SHIPPED");
    }

    @Test
    @Order(5)
    @DisplayName("GET /orders/{orderId} answers 404 with a JSON message when there is no such order")
    void answers404ForAMissingOrder(ApiClient api) {
        ApiResponse response = api.get("/orders/no-such-order");
        expectStatus(response, 404, "GET /orders/no-such-order");
        if (!response.json().path("message").isTextual()) {
            fail("Expected the 404 answer to be a JSON object with a message, but the body was " + response.body());
        }
    }

    @Test
    @Order(6)
    @DisplayName("POST /orders answers 400 with a JSON message for a missing item, a quantity of 0, or a body that "
            + "is not JSON")
    void rejectsBadOrders(ApiClient api) {
        for (String body : new String[] {
                "{\"customer\":\"ada\",\"quantity\":1}",
                "{\"customer\":\"ada\",\"item\":\"pen\",\"quantity\":0}",
                "order: pen"}) {
            ApiResponse response = api.post("/orders", body);
            expectStatus(response, 400, "POST /orders with the body " + body);
            if (!response.json().path("message").isTextual()) {
                fail("Expected the 400 answer to POST /orders with the body " + body
                        + " to be a JSON object with a message saying what is wrong, but it was " + response.body());
            }
        }
    }

    @Test
    @Order(7)
    @Hidden
    @Points(2)
    @DisplayName("GET reads straight from the table: an order written there by another program is found")
    void readsOrdersWrittenByOthers(ApiClient api, DynamoDbClient dynamo, Resources resources) {
        String orderId = "o-" + UUID.randomUUID();
        dynamo.putItem(b -> b.tableName(resources.table("orders")).item(Map.of(
                "orderId", AttributeValue.fromS(orderId),
                "customer", AttributeValue.fromS("linus"),
                "item", AttributeValue.fromS("penguin"),
                "quantity", AttributeValue.fromN("3"),
                "status", AttributeValue.fromS("NEW"),
                "createdAt", AttributeValue.fromS("2026-02-01T09:30:00Z"))));
        ApiResponse response = api.get("/orders/" + orderId);
        expectStatus(response, 200, "GET /orders/" + orderId + " (an order put into the table directly)");
        JsonNode order = response.json();
        expectText(order, "item", "penguin");
        if (order.path("quantity").asInt() != 3) {
            fail("Expected quantity 3 for an order put into the table directly, but the answer was " + order);
        }
    }

    private static JsonNode create(ApiClient api, String body) {
        ApiResponse response = api.post("/orders", body);
        expectStatus(response, 201, "POST /orders with the body " + body);
        JsonNode order = response.json();
        if (!order.path("orderId").isTextual() || order.path("orderId").asText().isBlank()) {
            fail("Expected the created order to have a non-empty text orderId, but POST /orders answered "
                    + response.body());
        }
        return order;
    }

    private static void expectStatus(ApiResponse response, int expected, String call) {
        if (response.status() != expected) {
            fail("Expected " + call + " to answer " + expected + ", but it answered " + response.status()
                    + " with the body " + response.body());
        }
    }

    private static void expectText(JsonNode object, String field, String expected) {
        if (!expected.equals(object.path(field).asText(null))) {
            fail("Expected \"" + field + "\": \"" + expected + "\" in " + object);
        }
    }
}
