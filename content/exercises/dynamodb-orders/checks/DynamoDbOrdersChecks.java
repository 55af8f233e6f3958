package checks;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.graders.check.ApiClient;
import dev.serverlesslab.graders.check.ApiResponse;
import dev.serverlesslab.graders.check.Hidden;
import dev.serverlesslab.graders.check.Hint;
import dev.serverlesslab.graders.check.Points;
import dev.serverlesslab.graders.check.Resources;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
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

    private static final List<String> CUSTOMERS = List.of("ada", "grace", "linus", "margaret", "alan", "barbara");
    private static final List<String> ITEMS = List.of("analytical engine", "compiler manual", "punched cards",
            "difference engine", "slide rule", "teleprinter");

    /** An order made up for this grading, so that no answer written into the code can match it. */
    private record NewOrder(String customer, String item, int quantity) {

        static NewOrder random() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            return new NewOrder(CUSTOMERS.get(random.nextInt(CUSTOMERS.size())) + "-" + random.nextInt(100, 1000),
                    ITEMS.get(random.nextInt(ITEMS.size())), random.nextInt(2, 100));
        }

        String json() {
            return "{\"customer\":\"" + customer + "\",\"item\":\"" + item + "\",\"quantity\":" + quantity + "}";
        }
    }

    @Test
    @Order(1)
    @DisplayName("POST /orders answers 201 with the new order as JSON: a new orderId, status NEW and the fields sent")
    @Hint({"With an HTTP API the request body arrives as text in the event, and your answer's status code and body "
            + "are what the client sees: 201 says a new resource was created.",
            "Json.parseObject(event.getBody()) gives a Map of the fields (quantity as a BigDecimal); respond(201, map) "
            + "writes the answer.",
            "Put the fields sent plus \"orderId\" (UUID.randomUUID().toString()) and \"status\": \"NEW\" in one map, "
            + "store it, and answer 201 with that map; keep quantity a number, not a string."})
    void createsAnOrder(ApiClient api) {
        NewOrder sent = NewOrder.random();
        JsonNode order = create(api, sent.json());
        expectText(order, "customer", sent.customer());
        expectText(order, "item", sent.item());
        expectText(order, "status", "NEW");
        if (!order.path("quantity").isNumber() || order.path("quantity").asInt() != sent.quantity()) {
            fail("Expected quantity to be the number " + sent.quantity() + " in " + order + " (a JSON number, not "
                    + "the string \"" + sent.quantity() + "\"), as sent in " + sent.json());
        }
    }

    @Test
    @Order(2)
    @DisplayName("The new order is stored in the table named by TABLE_NAME, with quantity as a number attribute")
    @Hint({"The table's name differs in every deployment, so the function learns it from its environment; DynamoDB "
            + "keeps numbers and strings as different attribute types.",
            "System.getenv(\"TABLE_NAME\"), then dynamo.putItem(b -> b.tableName(...).item(map)) with AttributeValue "
            + "values: fromS for texts, fromN for numbers.",
            "Build the item as Map.of(\"orderId\", AttributeValue.fromS(id), ..., \"quantity\", "
            + "AttributeValue.fromN(quantity.toString())) and put it before you answer 201."})
    void storesTheOrderInTheTable(ApiClient api, DynamoDbClient dynamo, Resources resources) {
        NewOrder sent = NewOrder.random();
        String orderId = create(api, sent.json()).path("orderId").asText();
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(resources.table("orders"))
                .key(Map.of("orderId", AttributeValue.fromS(orderId)))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            fail("POST /orders answered with orderId " + orderId + ", but the table " + resources.table("orders")
                    + " has no item with that orderId. Write it with PutItem into the table named by TABLE_NAME.");
        }
        AttributeValue quantity = item.get("quantity");
        String expected = String.valueOf(sent.quantity());
        if (quantity == null || quantity.n() == null || !expected.equals(quantity.n())) {
            fail("Expected the stored item's quantity to be the number attribute {\"N\":\"" + expected + "\"}, but "
                    + "the item is " + item);
        }
        AttributeValue customer = item.get("customer");
        if (customer == null || !sent.customer().equals(customer.s())) {
            fail("Expected the stored item's customer to be the string \"" + sent.customer() + "\", but the item is "
                    + item);
        }
    }

    @Test
    @Order(3)
    @DisplayName("GET /orders/{orderId} answers 200 with an order created through POST /orders")
    @Hint({"Reading by the partition key is the cheapest way to find one item in DynamoDB.",
            "dynamo.getItem(b -> b.tableName(...).key(Map.of(\"orderId\", AttributeValue.fromS(id)))) returns a "
            + "response whose item() is empty when nothing matched.",
            "Take the id from the path after /orders/, get the item, and turn each AttributeValue back into a JSON "
            + "value (s() for texts, n() as a number) before answering 200."})
    void readsAnOrderItCreated(ApiClient api) {
        NewOrder sent = NewOrder.random();
        JsonNode created = create(api, sent.json());
        String orderId = created.path("orderId").asText();
        ApiResponse response = api.get("/orders/" + orderId);
        expectStatus(response, 200, "GET /orders/" + orderId);
        JsonNode read = response.json();
        expectText(read, "orderId", orderId);
        expectText(read, "customer", sent.customer());
        expectText(read, "item", sent.item());
        if (read.path("quantity").asInt() != sent.quantity()) {
            fail("Expected quantity " + sent.quantity() + " in " + read + ", as sent in " + sent.json());
        }
    }

    @Test
    @Order(4)
    @DisplayName("GET /orders/o-1001 returns the order that was already in the table before the function ran")
    @Hint({"The table is the only source of orders: anything your function remembers in memory misses what was there "
            + "before it started.",
            "Answer GET from dynamo.getItem(...) on every request, not from a map kept in a field.",
            "If you cache orders created by POST, drop the cache and read the item with getItem for the id in the path."})
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
    @Hint({"An HTTP API says \"no such thing\" with status 404, and a JSON body keeps clients that parse every answer "
            + "working.",
            "GetItemResponse.hasItem() is false (or item() is empty) when no item has that key.",
            "When the item is missing, return respond(404, Map.of(\"message\", ...)) naming the order id instead of "
            + "building an order."})
    void answers404ForAMissingOrder(ApiClient api) {
        ApiResponse response = api.get("/orders/no-such-order");
        expectStatus(response, 404, "GET /orders/no-such-order");
        if (!response.json().path("message").isTextual()) {
            fail("Expected the 404 answer to be a JSON object with a message, but the body was " + response.body());
        }
    }

    @Test
    @Order(6)
    @DisplayName("POST /orders answers 400 with a JSON message for a missing item, a blank customer, a quantity of 0, "
            + "below 0, with a fraction or written as text, or a body that is not JSON")
    @Hint({"Validate the request before writing anything, and answer 400 with a message that tells the caller what to "
            + "fix.",
            "Json.parseObject throws on text that is not a JSON object; catch that exception, and check each field's "
            + "type (String for texts, BigDecimal for quantity).",
            "Return respond(400, Map.of(\"message\", ...)) when item or customer is missing or blank, when quantity "
            + "is not a whole number of at least 1, or when parsing failed."})
    void rejectsBadOrders(ApiClient api) {
        NewOrder good = NewOrder.random();
        String customer = "\"customer\":\"" + good.customer() + "\"";
        String item = "\"item\":\"" + good.item() + "\"";
        for (String body : new String[] {
                "{" + customer + ",\"quantity\":" + good.quantity() + "}",
                "{\"customer\":\"  \"," + item + ",\"quantity\":" + good.quantity() + "}",
                "{" + customer + "," + item + ",\"quantity\":0}",
                "{" + customer + "," + item + ",\"quantity\":-" + good.quantity() + "}",
                "{" + customer + "," + item + ",\"quantity\":" + good.quantity() + ".5}",
                "{" + customer + "," + item + ",\"quantity\":\"" + good.quantity() + "\"}",
                "order: " + good.item()}) {
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
