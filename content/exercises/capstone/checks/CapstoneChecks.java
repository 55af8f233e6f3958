package checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.graders.check.ApiClient;
import dev.serverlesslab.graders.check.ApiResponse;
import dev.serverlesslab.graders.check.DeployedFunction;
import dev.serverlesslab.graders.check.Eventually;
import dev.serverlesslab.graders.check.Functions;
import dev.serverlesslab.graders.check.Hidden;
import dev.serverlesslab.graders.check.Hint;
import dev.serverlesslab.graders.check.Points;
import dev.serverlesslab.graders.check.Resources;
import java.io.IOException;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The checks of the capstone: receipts of random merchants and amounts are created through the HTTP API, scans of
 * random names, sizes and content types are uploaded to the bucket, and what the app does about them is read from
 * its tables, from the API, and from a queue the grader subscribed to the receipts bus.
 */
class CapstoneChecks {

    /** Time for the asynchronous part of the app: S3 and EventBridge invoke functions, cold starts included. */
    private static final Duration WAIT = Duration.ofSeconds(30);
    /**
     * Time for what the attach function announced to arrive once its run has ended: PutEvents has answered by then,
     * and EventBridge only has to deliver. An event the function never put is then known missing without waiting the
     * whole WAIT, which only made a wrong solution slower to grade.
     */
    private static final Duration DELIVERY = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<String> MERCHANTS = List.of("Corner Bakery", "Harbour Books", "Nordlicht Café",
            "Station Taxi", "Green Grocer", "Paper & Ink");
    /** Every merchant drawn so far, see {@link #merchant()}. */
    private static final Set<String> DRAWN_MERCHANTS = ConcurrentHashMap.newKeySet();

    @Test
    @Order(1)
    @Points(2)
    @DisplayName("POST /receipts answers 201 with a new receiptId and stores a PENDING receipt that GET answers")
    @Hint("Answer 201 (Created), not 200, with {\"receiptId\": ..., \"status\": \"PENDING\"}; store merchant (S), "
            + "amount (N) and status PENDING under that id, and answer GET /receipts/{id} from the table.")
    void createsAReceipt(ApiClient api, DynamoDbClient dynamo, Resources resources) {
        String merchant = merchant();
        BigDecimal amount = amount();
        String receiptId = create(api, merchant, amount);
        String other = create(api, merchant(), amount());
        assertNotEquals(receiptId, other, "two receipts got the same receiptId: make a new one per receipt "
                + "(UUID.randomUUID())");

        Map<String, AttributeValue> item = item(dynamo, resources.table("receipts"), receiptId).orElseThrow(() ->
                new AssertionError("POST /receipts answered receiptId " + receiptId + ", but the receipts table has "
                        + "no item with that receiptId"));
        assertEquals(merchant, text(item, "merchant"), "merchant of the stored receipt " + receiptId);
        assertEquals(0, amount.compareTo(new BigDecimal(number(item, "amount"))), "amount of the stored receipt "
                + receiptId + " (sent " + amount + ")");
        assertEquals("PENDING", text(item, "status"), "status of a receipt whose scan has not arrived");

        JsonNode got = get(api, receiptId);
        assertEquals(merchant, got.path("merchant").asText(), "merchant in GET /receipts/" + receiptId + ": " + got);
        assertEquals(0, amount.compareTo(got.path("amount").decimalValue()), "amount in GET /receipts/" + receiptId
                + ", a JSON number: " + got);
        assertEquals("PENDING", got.path("status").asText(), "status in GET /receipts/" + receiptId + ": " + got);
    }

    @Test
    @Order(2)
    @Points(2)
    @DisplayName("A malformed receipt is answered 400 and nothing is written")
    @Hint("Check the whole body before writing: JSON that Json.parseObject reads, merchant a non-blank string, amount "
            + "a number (not a string) greater than 0. Answer 400 with {\"error\": ...} and do not call putItem.")
    void refusesMalformedReceipts(ApiClient api, DynamoDbClient dynamo, Resources resources) {
        // Each refused body names a merchant of its own, so a receipt written before validating can be found again.
        String amount = amount().toPlainString();
        Map<String, String> bodies = new LinkedHashMap<>();
        String notJson = merchant();
        bodies.put(notJson, "merchant=" + notJson + "&amount=" + amount);
        String textAmount = merchant();
        bodies.put(textAmount, "{\"merchant\": \"" + textAmount + "\", \"amount\": \"" + amount + "\"}");
        String negative = merchant();
        bodies.put(negative, "{\"merchant\": \"" + negative + "\", \"amount\": -" + amount + "}");
        String zero = merchant();
        bodies.put(zero, "{\"merchant\": \"" + zero + "\", \"amount\": 0}");
        String noAmount = merchant();
        bodies.put(noAmount, "{\"merchant\": \"" + noAmount + "\"}");
        List<String> refused = new ArrayList<>(bodies.values());
        refused.addAll(List.of("{\"amount\": " + amount + "}", "{\"merchant\": \"   \", \"amount\": " + amount + "}",
                ""));
        for (String body : refused) {
            ApiResponse response = api.post("/receipts", body);
            assertEquals(400, response.status(), () -> "POST /receipts with " + describe(body) + " should be "
                    + "refused: " + describe(response));
        }
        String table = resources.table("receipts");
        List<String> written = dynamo.scan(b -> b.tableName(table).consistentRead(true)).items().stream()
                .map(item -> item.getOrDefault("merchant", AttributeValue.fromS("")).s())
                .filter(bodies::containsKey).toList();
        assertTrue(written.isEmpty(), () -> "requests answered 400 left receipts in the table, for the merchants "
                + written + ": validate the whole body before putItem");
    }

    @Test
    @Order(3)
    @DisplayName("GET /receipts/{id} of an id no receipt has answers 404")
    @Hint("GetItem answers no item (an empty map) for an unknown key: answer 404 with {\"error\": ...}, not 200 "
            + "with an empty object or 500.")
    void unknownReceiptIs404(ApiClient api) {
        String receiptId = "r-" + hex(8);
        ApiResponse response = api.get("/receipts/" + receiptId);
        assertEquals(404, response.status(), () -> "GET /receipts/" + receiptId + ", which was never created: "
                + describe(response));
    }

    @Test
    @Order(4)
    @Points(2)
    @DisplayName("A scan uploaded under scans/{receiptId}/ completes the receipt with its key, size and content type")
    @Hint("Decode the event's key (URLDecoder), take the receiptId from scans/{receiptId}/{file}, read size and "
            + "content type with HeadObject, and UpdateItem: status COMPLETE, scanKey, scanSize (N), contentType.")
    void scanCompletesTheReceipt(ApiClient api, DynamoDbClient dynamo, S3Client s3, Resources resources) {
        String receiptId = create(api, merchant(), amount());
        Scan scan = upload(s3, resources, "scans/" + receiptId + "/" + fileName());

        Map<String, AttributeValue> item = awaitComplete(dynamo, resources, receiptId, scan);
        assertEquals(scan.key(), text(item, "scanKey"), "scanKey of receipt " + receiptId + " (keys in S3 events "
                + "are URL-encoded: store the decoded key)");
        assertEquals(String.valueOf(scan.size()), number(item, "scanSize"), "scanSize of receipt " + receiptId);
        assertEquals(scan.contentType(), text(item, "contentType"), "contentType of receipt " + receiptId);

        JsonNode got = get(api, receiptId);
        assertEquals("COMPLETE", got.path("status").asText(), "status in GET /receipts/" + receiptId + ": " + got);
        assertEquals(scan.key(), got.path("scanKey").asText(), "scanKey in GET /receipts/" + receiptId + ": " + got);
    }

    @Test
    @Order(5)
    @Points(2)
    @DisplayName("A completed receipt is announced on the receipts bus as a ReceiptCompleted event from receipts.app")
    @Hint("After the update, PutEvents on BUS_NAME: source receipts.app, detail-type ReceiptCompleted, detail "
            + "{\"receiptId\", \"merchant\", \"amount\" (a number), \"scanKey\"}. Check failedEntryCount(): PutEvents "
            + "answers 200 even when it refused an entry.")
    void completionIsAnnounced(ApiClient api, Functions functions, S3Client s3, SqsClient sqs, Resources resources) {
        String merchant = merchant();
        BigDecimal amount = amount();
        String receiptId = create(api, merchant, amount);
        Scan scan = uploadAndAwaitAttach(s3, resources, "scans/" + receiptId + "/" + fileName(), functions);

        JsonNode event = awaitEvent(sqs, resources, receiptId);
        JsonNode detail = event.path("detail");
        assertEquals(merchant, detail.path("merchant").asText(), "merchant in the event's detail: " + detail);
        assertTrue(detail.path("amount").isNumber() && amount.compareTo(detail.path("amount").decimalValue()) == 0,
                () -> "amount in the event's detail should be the number " + amount + ": " + detail);
        assertEquals(scan.key(), detail.path("scanKey").asText(), "scanKey in the event's detail: " + detail);
    }

    @Test
    @Order(6)
    @Points(2)
    @DisplayName("The ledger records each completed receipt, and GET /receipts/{id} joins in its recordedAt")
    @Hint("The ledger function gets EventBridge's envelope: put receiptId, merchant, amount (N) and recordedAt = "
            + "event.getTime() in LEDGER_TABLE; GET adds recordedAt from the ledger item when there is one.")
    void ledgerRecordsCompletedReceipts(ApiClient api, Functions functions, DynamoDbClient dynamo, S3Client s3,
            SqsClient sqs, Resources resources) {
        String merchant = merchant();
        BigDecimal amount = amount();
        String receiptId = create(api, merchant, amount);
        JsonNode pending = get(api, receiptId);
        assertTrue(pending.path("recordedAt").isMissingNode() || pending.path("recordedAt").isNull(), () -> "a "
                + "receipt without its scan is not in the ledger, so GET has no recordedAt: " + pending);
        DeployedFunction ledger = functions.get("ledger");
        int ledgerRuns = ledger.invocationCount();
        uploadAndAwaitAttach(s3, resources, "scans/" + receiptId + "/" + fileName(), functions);
        Instant attached = Instant.now();
        AtomicBoolean announced = new AtomicBoolean();

        // The full WAIT is for a ledger function starting cold; when DELIVERY after the attach run no event for the
        // receipt reached the bus and the ledger function has not run, nothing will record it, and waiting on is moot.
        Map<String, AttributeValue> entry = Eventually.get("receipt " + receiptId + " in the ledger table, recorded "
                + "by the ledger function from the ReceiptCompleted event", WAIT, () -> {
                    Optional<Map<String, AttributeValue>> found = item(dynamo, resources.table("ledger"), receiptId);
                    if (found.isEmpty() && !announced.get()) {
                        announced.set(receiveEvent(sqs, resources, receiptId, new ArrayList<>()).isPresent());
                        if (!announced.get() && ledger.invocationCount() == ledgerRuns
                                && Instant.now().isAfter(attached.plus(DELIVERY))) {
                            throw new AssertionError("receipt " + receiptId + " is not in the ledger table: within "
                                    + DELIVERY.toSeconds() + " s of the attach function ending its run for the scan, "
                                    + "no ReceiptCompleted event for it reached the receipts bus and the ledger "
                                    + "function did not run");
                        }
                    }
                    return found;
                },
                () -> "the ledger holds " + dynamo.scan(b -> b.tableName(resources.table("ledger"))).items());
        assertEquals(merchant, text(entry, "merchant"), "merchant of the ledger entry " + receiptId);
        assertEquals(0, amount.compareTo(new BigDecimal(number(entry, "amount"))), "amount of the ledger entry "
                + receiptId + " (the receipt's was " + amount + ")");
        String recordedAt = text(entry, "recordedAt");

        JsonNode got = get(api, receiptId);
        assertEquals(recordedAt, got.path("recordedAt").asText(), "recordedAt in GET /receipts/" + receiptId
                + " should be the ledger entry's: " + got);
    }

    @Test
    @Order(7)
    @Hidden
    @DisplayName("A scan for a receipt nobody created creates no receipt")
    void scanOfAnUnknownReceiptCreatesNothing(ApiClient api, Functions functions, DynamoDbClient dynamo, S3Client s3,
            Resources resources) {
        DeployedFunction attach = functions.get("attach");
        int runs = attach.invocationCount();
        String receiptId = "r-" + hex(8);
        upload(s3, resources, "scans/" + receiptId + "/" + fileName());
        attach.awaitInvocations(runs + 1, WAIT);

        assertFalse(item(dynamo, resources.table("receipts"), receiptId).isPresent(), "a scan for " + receiptId
                + ", which no POST created, made an item: UpdateItem creates missing items unless its condition "
                + "(attribute_exists(receiptId)) says otherwise");
        assertEquals(404, api.get("/receipts/" + receiptId).status(), "GET /receipts/" + receiptId);
    }

    // ---- the app ----

    private static String create(ApiClient api, String merchant, BigDecimal amount) {
        String body = "{\"merchant\": " + JSON.valueToTree(merchant) + ", \"amount\": " + amount.toPlainString() + "}";
        ApiResponse response = api.post("/receipts", body);
        assertEquals(201, response.status(), () -> "POST /receipts with " + body + " creates a receipt: "
                + describe(response));
        JsonNode answer = parse(response.body(), "the answer to POST /receipts");
        String receiptId = answer.path("receiptId").asText("");
        assertFalse(receiptId.isBlank(), () -> "the answer to POST /receipts should hold the new receiptId: "
                + response.body());
        return receiptId;
    }

    private static JsonNode get(ApiClient api, String receiptId) {
        ApiResponse response = api.get("/receipts/" + receiptId);
        assertEquals(200, response.status(), () -> "GET /receipts/" + receiptId + ": " + describe(response));
        return parse(response.body(), "the answer to GET /receipts/" + receiptId);
    }

    private record Scan(String key, int size, String contentType) {
    }

    private static Scan upload(S3Client s3, Resources resources, String key) {
        byte[] bytes = new byte[200 + RANDOM.nextInt(4000)];
        RANDOM.nextBytes(bytes);
        String contentType = List.of("image/jpeg", "image/png", "application/pdf").get(RANDOM.nextInt(3));
        s3.putObject(b -> b.bucket(resources.bucket("scans")).key(key).contentType(contentType),
                RequestBody.fromBytes(bytes));
        return new Scan(key, bytes.length, contentType);
    }

    /**
     * Uploads a scan and waits until the attach function has ended a run after it, so that whatever that run put on
     * the bus has been sent by the time this returns.
     */
    private static Scan uploadAndAwaitAttach(S3Client s3, Resources resources, String key, Functions functions) {
        DeployedFunction attach = functions.get("attach");
        int runs = attach.invocationCount();
        Scan scan = upload(s3, resources, key);
        attach.awaitInvocations(runs + 1, WAIT);
        return scan;
    }

    private static Map<String, AttributeValue> awaitComplete(DynamoDbClient dynamo, Resources resources,
            String receiptId, Scan scan) {
        String table = resources.table("receipts");
        return Eventually.get("receipt " + receiptId + " with status COMPLETE after its scan " + scan.key()
                + " was uploaded", WAIT, () -> item(dynamo, table, receiptId).filter(item ->
                        item.containsKey("status") && "COMPLETE".equals(item.get("status").s())),
                () -> "it is " + item(dynamo, table, receiptId).map(Object::toString).orElse("gone"));
    }

    /** Waits for the receipt's ReceiptCompleted event in the grader's queue on the bus, dropping others' events. */
    private static JsonNode awaitEvent(SqsClient sqs, Resources resources, String receiptId) {
        List<String> seen = new ArrayList<>();
        String what = "a ReceiptCompleted event for receipt " + receiptId + " on the receipts bus, within "
                + DELIVERY.toSeconds() + " s of the attach function ending its run for the scan";
        return Eventually.get(what, DELIVERY, () -> receiveEvent(sqs, resources, receiptId, seen),
                () -> "the rule for source receipts.app and detail-type ReceiptCompleted saw " + (seen.isEmpty()
                        ? "no event at all" : "only the events " + seen));
    }

    /** One look at the grader's queue on the bus: the receipt's event if it is there, dropping (and noting) others. */
    private static Optional<JsonNode> receiveEvent(SqsClient sqs, Resources resources, String receiptId,
            List<String> seen) {
        String url = resources.queueUrl("audit");
        for (Message message : sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages()) {
            sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
            JsonNode event = parse(message.body(), "an event on the bus");
            if (receiptId.equals(event.path("detail").path("receiptId").asText())) {
                return Optional.of(event);
            }
            seen.add(event.path("detail").toString());
        }
        return Optional.empty();
    }

    // ---- DynamoDB items ----

    private static Optional<Map<String, AttributeValue>> item(DynamoDbClient dynamo, String table, String receiptId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("receiptId", AttributeValue.fromS(receiptId)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.s() == null) {
            throw new AssertionError("expected a string attribute " + name + " in " + item);
        }
        return value.s();
    }

    private static String number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.n() == null) {
            throw new AssertionError("expected a number attribute " + name + " (AttributeValue.fromN) in " + item);
        }
        return value.n();
    }

    // ---- text ----

    private static JsonNode parse(String body, String what) {
        try {
            JsonNode node = JSON.readTree(body == null ? "" : body);
            if (node == null || !node.isObject()) {
                throw new AssertionError(what + " should be a JSON object, got " + shorten(body));
            }
            return node;
        } catch (IOException e) {
            throw new AssertionError(what + " should be a JSON object, got " + shorten(body));
        }
    }

    private static String describe(ApiResponse response) {
        return "got " + response.status() + " " + shorten(response.body());
    }

    private static String describe(String body) {
        return body.isEmpty() ? "an empty body" : "the body " + body;
    }

    private static String shorten(String text) {
        return text == null ? "null" : text.length() <= 160 ? text : text.substring(0, 160) + "…";
    }

    // ---- random values ----

    /**
     * A merchant no other receipt of this grading has: the malformed-receipt check looks for its merchants in the
     * whole table, and one drawn again for a receipt rightly stored before (6 x 2^24 names, 2 stored receipts x 5
     * refused bodies: about one grading in 10 million) failed a correct solution.
     */
    private static String merchant() {
        String merchant;
        do {
            merchant = MERCHANTS.get(RANDOM.nextInt(MERCHANTS.size())) + " " + hex(3);
        } while (!DRAWN_MERCHANTS.add(merchant));
        return merchant;
    }

    private static BigDecimal amount() {
        return BigDecimal.valueOf(100 + RANDOM.nextInt(99_900), 2);
    }

    private static String fileName() {
        return List.of("scan", "receipt photo", "till slip").get(RANDOM.nextInt(3)) + " " + hex(2) + ".bin";
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
