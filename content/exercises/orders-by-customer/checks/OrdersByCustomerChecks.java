package checks;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.graders.check.ApiClient;
import dev.serverlesslab.graders.check.ApiResponse;
import dev.serverlesslab.graders.check.Hidden;
import dev.serverlesslab.graders.check.Hint;
import dev.serverlesslab.graders.check.Points;
import dev.serverlesslab.graders.check.Resources;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
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
 * The checks of the orders-by-customer exercise: a customer's orders read page by page from the byCustomer index,
 * and status updates guarded by a version attribute. Customers, dates, totals and versions are made up per grading.
 */
class OrdersByCustomerChecks {

    private static final String WARM_UP_PATH = "/customers/grace/orders";

    private static final String[] STATUSES = {"NEW", "PAID", "PACKED", "SHIPPED", "DELIVERED", "CANCELLED"};

    /** An order the checks write straight into the table. */
    private record Stored(String orderId, String customerId, String createdAt, String total, String status,
            int version) {
    }

    @Test
    @Order(1)
    @Points(3)
    @DisplayName("GET /customers/{customerId}/orders?limit=2 walks through all of a customer's orders, newest first, "
            + "two per page, following the next token until it is null")
    @Hint("Query the index with keyConditionExpression(\"customerId = :c\"), scanIndexForward(false) and limit(n); "
            + "turn the response's lastEvaluatedKey into the next token and a next token back into exclusiveStartKey.")
    void pagesThroughACustomersOrders(ApiClient api, DynamoDbClient dynamo, Resources resources) {
        warmUp(api);
        String customer = randomCustomer();
        List<Stored> orders = new ArrayList<>();
        Instant day = Instant.parse("2026-06-01T00:00:00Z");
        for (int i = 0; i < 5; i++) {
            day = day.plus(ThreadLocalRandom.current().nextInt(1, 20), ChronoUnit.DAYS)
                    .plus(ThreadLocalRandom.current().nextInt(0, 1440), ChronoUnit.MINUTES);
            orders.add(put(dynamo, resources, customer, day.toString(), randomStatus(), 1));
        }
        String other = randomCustomer();
        put(dynamo, resources, other, "2026-09-09T09:09:00Z", "NEW", 1);
        put(dynamo, resources, other, "2026-09-10T10:10:00Z", "NEW", 1);
        awaitIndexed(dynamo, resources, customer, orders.size());

        List<String> expected = orders.stream()
                .sorted(Comparator.comparing(Stored::createdAt).reversed())
                .map(Stored::orderId)
                .toList();
        List<String> seen = new ArrayList<>();
        String next = null;
        int[] expectedSizes = {2, 2, 1};
        for (int page = 0; page < expectedSizes.length; page++) {
            String path = "/customers/" + customer + "/orders?limit=2"
                    + (next == null ? "" : "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
            ApiResponse response = api.get(path);
            expectStatus(response, 200, "GET " + path);
            JsonNode body = response.json();
            JsonNode list = body.path("orders");
            if (!list.isArray()) {
                fail("Expected GET " + path + " to answer {\"orders\": [...], \"next\": ...}, but it answered "
                        + response.body());
            }
            if (list.size() != expectedSizes[page]) {
                fail("Page " + (page + 1) + " of customer " + customer + "'s 5 orders with limit=2 should hold "
                        + expectedSizes[page] + " order(s), but GET " + path + " answered " + list.size() + ": "
                        + response.body() + ". Pass the limit to the Query as limit(n).");
            }
            list.forEach(order -> seen.add(order.path("orderId").asText()));
            JsonNode nextNode = body.path("next");
            boolean last = page == expectedSizes.length - 1;
            if (!last && (!nextNode.isTextual() || nextNode.asText().isBlank())) {
                fail("Page " + (page + 1) + " of customer " + customer + "'s 5 orders with limit=2 is not the last, "
                        + "so it needs a next token, but GET " + path + " answered " + response.body());
            }
            if (last && !(nextNode.isNull() || nextNode.isMissingNode())) {
                fail("Page 3 holds customer " + customer + "'s last order, so next should be null, but GET " + path
                        + " answered " + response.body() + ". (When a Query returns fewer items than its limit "
                        + "there is nothing after them; a LastEvaluatedKey on a full last page leads to an empty page.)");
            }
            next = last ? null : nextNode.asText();
        }
        if (!expected.equals(seen)) {
            fail("Expected customer " + customer + "'s orders newest first, " + expected + ", across the pages, but "
                    + "they came as " + seen + ". Query the index with scanIndexForward(false) and only this customer.");
        }
    }

    @Test
    @Order(2)
    @DisplayName("GET /customers/grace/orders lists the three orders already in the table, newest first, with "
            + "totals as JSON numbers and next null")
    void listsTheSeededOrders(ApiClient api) {
        warmUp(api);
        ApiResponse response = api.get("/customers/grace/orders");
        expectStatus(response, 200, "GET /customers/grace/orders");
        JsonNode body = response.json();
        List<String> ids = new ArrayList<>();
        body.path("orders").forEach(order -> ids.add(order.path("orderId").asText()));
        if (!List.of("o-2003", "o-2002", "o-2001").equals(ids)) {
            fail("Expected grace's orders [o-2003, o-2002, o-2001] (newest first), but GET /customers/grace/orders "
                    + "answered " + response.body());
        }
        JsonNode total = body.path("orders").path(0).path("total");
        if (!total.isNumber() || total.decimalValue().compareTo(new BigDecimal("19.99")) != 0) {
            fail("Expected o-2003's total to be the JSON number 19.99 (a number attribute becomes a JSON number), "
                    + "but it was " + total);
        }
        if (!(body.path("next").isNull() || body.path("next").isMissingNode())) {
            fail("All of grace's orders fit in the default page of 10, so next should be null, but it was "
                    + body.path("next"));
        }
    }

    @Test
    @Order(3)
    @DisplayName("Answers 400 with a JSON message for a limit of 0, 51 or 'two', and for a next token it never gave out")
    void rejectsBadPageRequests(ApiClient api) {
        warmUp(api);
        String customer = randomCustomer();
        String forged = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("not a token " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
        for (String query : new String[] {"limit=0", "limit=51", "limit=two", "next=" + forged}) {
            String path = "/customers/" + customer + "/orders?" + query;
            ApiResponse response = api.get(path);
            expectStatus(response, 400, "GET " + path);
            expectMessage(response, "GET " + path);
        }
    }

    @Test
    @Order(4)
    @Points(2)
    @DisplayName("PUT /orders/{orderId} with the version last read changes the status and adds 1 to the version")
    @Hint("UpdateItem with updateExpression(\"SET #status = :status, version = version + :one\") and "
            + "returnValues(ReturnValue.ALL_NEW); answer 200 with the attributes it returns.")
    void updatesWithTheCurrentVersion(ApiClient api, DynamoDbClient dynamo, Resources resources) {
        warmUp(api);
        int version = ThreadLocalRandom.current().nextInt(1, 10);
        Stored order = put(dynamo, resources, randomCustomer(), "2026-10-10T10:00:00Z", "NEW", version);
        String status = randomStatus();
        String body = "{\"status\":\"" + status + "\",\"version\":" + version + "}";
        ApiResponse response = api.put("/orders/" + order.orderId(), body);
        expectStatus(response, 200, "PUT /orders/" + order.orderId() + " with " + body);
        JsonNode answer = response.json();
        if (!status.equals(answer.path("status").asText()) || answer.path("version").asInt() != version + 1) {
            fail("Expected the answer to hold \"status\": \"" + status + "\" and \"version\": " + (version + 1)
                    + ", but PUT /orders/" + order.orderId() + " answered " + response.body());
        }
        Map<String, AttributeValue> item = read(dynamo, resources, order.orderId());
        if (!status.equals(item.get("status").s()) || !String.valueOf(version + 1).equals(item.get("version").n())) {
            fail("Expected the stored order to have status " + status + " and the number version " + (version + 1)
                    + ", but the table holds " + item);
        }
    }

    @Test
    @Order(5)
    @Points(2)
    @DisplayName("A PUT made with a stale version answers 409 and leaves the stored order as it was")
    @Hint("Put the version check into the write: conditionExpression(\"version = :expected\") makes DynamoDB refuse "
            + "the update with ConditionalCheckFailedException; answer 409 then. Reading first and comparing in Java "
            + "lets two writers both pass the comparison.")
    void refusesAStaleUpdate(ApiClient api, DynamoDbClient dynamo, Resources resources) {
        warmUp(api);
        int version = ThreadLocalRandom.current().nextInt(3, 12);
        Stored order = put(dynamo, resources, randomCustomer(), "2026-10-11T11:00:00Z", "PAID", version);
        for (int stale : new int[] {version - 1, version + 1}) {
            String body = "{\"status\":\"CANCELLED\",\"version\":" + stale + "}";
            ApiResponse response = api.put("/orders/" + order.orderId(), body);
            expectStatus(response, 409, "PUT /orders/" + order.orderId() + " with " + body + " (the order is at "
                    + "version " + version + ")");
            expectMessage(response, "PUT /orders/" + order.orderId());
        }
        Map<String, AttributeValue> item = read(dynamo, resources, order.orderId());
        if (!"PAID".equals(item.get("status").s()) || !String.valueOf(version).equals(item.get("version").n())) {
            fail("A refused update must not change the order, but after two stale PUTs the table holds " + item);
        }
        String body = "{\"status\":\"SHIPPED\",\"version\":" + version + "}";
        expectStatus(api.put("/orders/" + order.orderId(), body), 200, "PUT /orders/" + order.orderId() + " with "
                + body);
        ApiResponse again = api.put("/orders/" + order.orderId(), body);
        expectStatus(again, 409, "the same PUT /orders/" + order.orderId() + " with " + body + " a second time "
                + "(the first one moved the order to version " + (version + 1) + ")");
    }

    @Test
    @Order(6)
    @DisplayName("PUT answers 404 for an order that does not exist and 400 for a body without a whole version")
    void answers404And400ForUpdates(ApiClient api, DynamoDbClient dynamo, Resources resources) {
        warmUp(api);
        String missing = "o-" + UUID.randomUUID();
        ApiResponse response = api.put("/orders/" + missing, "{\"status\":\"PAID\",\"version\":1}");
        expectStatus(response, 404, "PUT /orders/" + missing + " (no such order)");
        expectMessage(response, "PUT /orders/" + missing);
        Stored order = put(dynamo, resources, randomCustomer(), "2026-10-12T12:00:00Z", "NEW", 1);
        for (String body : new String[] {"{\"status\":\"PAID\"}", "{\"status\":\"PAID\",\"version\":1.5}",
                "{\"version\":1}", "status=PAID"}) {
            response = api.put("/orders/" + order.orderId(), body);
            expectStatus(response, 400, "PUT /orders/" + order.orderId() + " with " + body);
            expectMessage(response, "PUT /orders/" + order.orderId() + " with " + body);
        }
    }

    @Test
    @Order(7)
    @Hidden
    @Points(2)
    @DisplayName("An update changes only status and version: customerId, createdAt and total stay, and the order is "
            + "still listed for its customer")
    void updateKeepsTheRestOfTheOrder(ApiClient api, DynamoDbClient dynamo, Resources resources) {
        warmUp(api);
        String customer = randomCustomer();
        Stored order = put(dynamo, resources, customer, "2026-10-13T13:00:00Z", "NEW", 1);
        expectStatus(api.put("/orders/" + order.orderId(), "{\"status\":\"PAID\",\"version\":1}"), 200,
                "PUT /orders/" + order.orderId());
        Map<String, AttributeValue> item = read(dynamo, resources, order.orderId());
        if (item.get("customerId") == null || !customer.equals(item.get("customerId").s())
                // DynamoDB keeps a number's value, not its text: a total written as 527.50 reads back as 527.5.
                || item.get("total") == null || item.get("total").n() == null
                || new BigDecimal(order.total()).compareTo(new BigDecimal(item.get("total").n())) != 0
                || item.get("createdAt") == null || !order.createdAt().equals(item.get("createdAt").s())) {
            fail("After the update the order lost attributes it had: the table holds " + item + ". Update with "
                    + "UpdateItem and a SET expression rather than replacing the item with PutItem.");
        }
        awaitIndexed(dynamo, resources, customer, 1);
        ApiResponse response = api.get("/customers/" + customer + "/orders");
        expectStatus(response, 200, "GET /customers/" + customer + "/orders");
        if (!"PAID".equals(response.json().path("orders").path(0).path("status").asText())) {
            fail("Expected the updated order, now PAID, in customer " + customer + "'s list, but it was "
                    + response.body());
        }
    }

    private static Stored put(DynamoDbClient dynamo, Resources resources, String customer, String createdAt,
            String status, int version) {
        String total = BigDecimal.valueOf(ThreadLocalRandom.current().nextInt(100, 100_000), 2).toPlainString();
        Stored order = new Stored("o-" + UUID.randomUUID(), customer, createdAt, total, status, version);
        dynamo.putItem(b -> b.tableName(resources.table("orders")).item(Map.of(
                "orderId", AttributeValue.fromS(order.orderId()),
                "customerId", AttributeValue.fromS(customer),
                "createdAt", AttributeValue.fromS(createdAt),
                "total", AttributeValue.fromN(total),
                "status", AttributeValue.fromS(status),
                "version", AttributeValue.fromN(String.valueOf(version)))));
        return order;
    }

    private static Map<String, AttributeValue> read(DynamoDbClient dynamo, Resources resources, String orderId) {
        return dynamo.getItem(b -> b.tableName(resources.table("orders"))
                .key(Map.of("orderId", AttributeValue.fromS(orderId)))
                .consistentRead(true)).item();
    }

    /** An index is updated a moment after the table: wait until it shows the customer's orders to the checks too. */
    private static void awaitIndexed(DynamoDbClient dynamo, Resources resources, String customer, int count) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            int found = dynamo.query(b -> b.tableName(resources.table("orders")).indexName("byCustomer")
                    .keyConditionExpression("customerId = :c")
                    .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(customer)))).count();
            if (found >= count) {
                return;
            }
            if (System.nanoTime() > deadline) {
                fail("The byCustomer index showed " + found + " of customer " + customer + "'s " + count
                        + " orders after 10 s; this is a problem of the grading, not of your code.");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static void expectStatus(ApiResponse response, int expected, String call) {
        if (response.status() != expected) {
            fail("Expected " + call + " to answer " + expected + ", but it answered " + response.status()
                    + " with the body " + response.body());
        }
    }

    private static void expectMessage(ApiResponse response, String call) {
        JsonNode body;
        try {
            body = response.json();
        } catch (IllegalStateException e) {
            fail("Expected the answer to " + call + " to be a JSON object with a message, but it was " + response.body());
            return;
        }
        if (!body.path("message").isTextual() || body.path("message").asText().isBlank()) {
            fail("Expected the answer to " + call + " to be a JSON object with a message saying what is wrong, but "
                    + "it was " + response.body());
        }
    }

    private static String randomCustomer() {
        return "c-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String randomStatus() {
        return STATUSES[ThreadLocalRandom.current().nextInt(STATUSES.length)];
    }

    private static boolean warm;

    /**
     * The first request starts the function's execution environment (a cold start). On a busy grading machine the
     * init phase may overrun Lambda's 10 s limit; one more try then gives a fair start. Runs once per grading.
     */
    private static void warmUp(ApiClient api) {
        for (int attempt = 0; !warm && attempt < 3; attempt++) {
            warm = api.get(WARM_UP_PATH).status() < 500;
        }
        warm = true;
    }
}
