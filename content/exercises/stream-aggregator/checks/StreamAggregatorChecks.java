package checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.serverlesslab.graders.check.DeployedFunction;
import dev.serverlesslab.graders.check.Eventually;
import dev.serverlesslab.graders.check.Hidden;
import dev.serverlesslab.graders.check.Hint;
import dev.serverlesslab.graders.check.Invocation;
import dev.serverlesslab.graders.check.Points;
import dev.serverlesslab.graders.check.Resources;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * The checks of the stream-aggregator exercise: sales of made-up stores and amounts go through the Kinesis stream the
 * function is mapped to, or straight to the function as a Kinesis event (sent twice, as Lambda redelivers a batch
 * after a failure), and each store's running total must count every sale exactly once.
 */
class StreamAggregatorChecks {

    /** Time for the mapping to invoke the function, cold start included. */
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Time for the rest of the records once the function ran (the poller may split what was put at once). */
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Every store drawn so far, see {@link #store()}. */
    private static final Set<String> STORES = ConcurrentHashMap.newKeySet();

    @Test
    @Points(2)
    @DisplayName("Sales put on the stream add up per store: total (N) and sales (N)")
    @Hint("Decode each record's data (UTF-8 JSON), then add its amount to total and 1 to sales of the store's item, "
            + "e.g. with an update expression ADD #total :amount, #sales :one.")
    void addsUpSales(DeployedFunction function, KinesisClient kinesis, DynamoDbClient dynamo, Resources resources) {
        List<ObjectNode> sales = new ArrayList<>();
        List<String> stores = List.of(store(), store());
        for (int i = 4 + RANDOM.nextInt(5); i > 0; i--) {
            sales.add(sale(stores.get(i % 2)));
        }
        put(function, kinesis, resources, sales);

        for (String store : stores) {
            assertTotals(dynamo, resources, store, sales, GRACE);
        }
    }

    @Test
    @Points(2)
    @DisplayName("A batch delivered twice (as Lambda redelivers one after a failure) is counted once")
    @Hint("Record each saleId you count in the processed table, in the same TransactWriteItems as the update of the "
            + "total, with the condition attribute_not_exists(saleId); when the condition fails, skip the sale.")
    void countsARedeliveredBatchOnce(DeployedFunction function, DynamoDbClient dynamo, Resources resources) {
        String store = store();
        List<ObjectNode> sales = new ArrayList<>();
        for (int i = 2 + RANDOM.nextInt(4); i > 0; i--) {
            sales.add(sale(store));
        }
        String batch = kinesisEvent(sales, resources);

        Invocation first = function.invoke(batch);
        assertTrue(first.succeeded(), () -> "the first delivery of the batch failed: " + first.failure());
        assertTotals(dynamo, resources, store, sales, Duration.ZERO);
        Invocation again = function.invoke(batch);
        assertTrue(again.succeeded(), () -> "the second delivery of the same batch failed (a sale counted before is "
                + "to be skipped, not an error): " + again.failure());
        Map<String, AttributeValue> item = item(dynamo, resources, store).orElseThrow();
        assertEquals(expectedTotal(sales, store) + " cents in " + sales.size() + " sales",
                describe(item), "the totals of " + store + " after the same batch of " + sales.size() + " sales came "
                + "a second time");
    }

    @Test
    @Points(2)
    @DisplayName("A sale the producer put on the stream twice (a retry) is counted once")
    @Hint("Two records with the same saleId are the same sale, whatever their sequence numbers: deduplicate on "
            + "saleId, not on the record.")
    void countsAProducerRetryOnce(DeployedFunction function, KinesisClient kinesis, DynamoDbClient dynamo,
            Resources resources) {
        String store = store();
        ObjectNode sale = sale(store);
        ObjectNode next = sale(store);
        put(function, kinesis, resources, List.of(sale, sale, next));

        assertTotals(dynamo, resources, store, List.of(sale, next), GRACE);
    }

    @Test
    @Hidden
    @DisplayName("Totals grow across batches: a later batch adds to what earlier ones counted")
    void addsAcrossBatches(DeployedFunction function, DynamoDbClient dynamo, Resources resources) {
        String store = store();
        List<ObjectNode> all = new ArrayList<>();
        for (int batch = 0; batch < 2; batch++) {
            List<ObjectNode> sales = List.of(sale(store), sale(store));
            all.addAll(sales);
            Invocation result = function.invoke(kinesisEvent(sales, resources));
            assertTrue(result.succeeded(), () -> "a batch failed: " + result.failure());
        }
        assertTotals(dynamo, resources, store, all, Duration.ZERO);
    }

    /** Puts the sales in one PutRecords call and waits until the function has run on (a part of) them. */
    private static void put(DeployedFunction function, KinesisClient kinesis, Resources resources,
            List<ObjectNode> sales) {
        int runs = function.invocationCount();
        List<PutRecordsRequestEntry> entries = sales.stream().map(sale -> PutRecordsRequestEntry.builder()
                .partitionKey(sale.get("store").asText()).data(SdkBytes.fromUtf8String(sale.toString())).build())
                .toList();
        var answer = kinesis.putRecords(b -> b.streamName(resources.stream("sales")).records(entries));
        assertEquals(0, answer.failedRecordCount(), () -> "PutRecords on the sales stream: " + answer.records());
        function.awaitInvocations(runs + 1, WAIT);
    }

    /**
     * Waits until the store has counted at least as many sales as it should have, then compares: a double count
     * shows at once, and a missing item or attribute says what it lacks.
     */
    private static void assertTotals(DynamoDbClient dynamo, Resources resources, String store, List<ObjectNode> sales,
            Duration within) {
        long count = sales.stream().filter(sale -> sale.get("store").asText().equals(store)).map(sale -> sale
                .get("saleId").asText()).distinct().count();
        Supplier<String> table = () -> "the totals table holds " + dynamo.scan(b -> b.tableName(resources
                .table("totals"))).items();
        Map<String, AttributeValue> item = within.isZero()
                ? item(dynamo, resources, store).orElseThrow(() -> new AssertionError("no item for store " + store
                        + " after the function returned: " + table.get()))
                : Eventually.get("the item of store " + store + " in the totals table with sales >= " + count, within,
                        () -> item(dynamo, resources, store).filter(found -> {
                            AttributeValue counted = found.get("sales");
                            return counted != null && counted.n() != null && Long.parseLong(counted.n()) >= count;
                        }), table);
        assertEquals(expectedTotal(sales, store) + " cents in " + count + " sales", describe(item),
                "the totals of " + store + " after its sales " + sales.stream().filter(sale -> sale.get("store")
                        .asText().equals(store)).map(sale -> sale.get("saleId").asText() + " (" + sale.get("amount")
                        + ")").toList());
    }

    private static long expectedTotal(List<ObjectNode> sales, String store) {
        Map<String, Long> amounts = new LinkedHashMap<>();
        sales.stream().filter(sale -> sale.get("store").asText().equals(store))
                .forEach(sale -> amounts.put(sale.get("saleId").asText(), sale.get("amount").asLong()));
        return amounts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String describe(Map<String, AttributeValue> item) {
        AttributeValue total = item.get("total");
        AttributeValue sales = item.get("sales");
        if (total == null || total.n() == null || sales == null || sales.n() == null) {
            throw new AssertionError("expected number attributes total and sales (AttributeValue.fromN, or ADD in an "
                    + "update expression) in " + item);
        }
        return total.n() + " cents in " + sales.n() + " sales";
    }

    private static Optional<Map<String, AttributeValue>> item(DynamoDbClient dynamo, Resources resources, String store) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(resources.table("totals"))
                .key(Map.of("store", AttributeValue.fromS(store))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** A Kinesis event as Lambda's poller sends it, one record per sale, with made-up sequence numbers. */
    private static String kinesisEvent(List<ObjectNode> sales, Resources resources) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        BigInteger sequence = new BigInteger(1, bytes(20)).add(BigInteger.TEN.pow(55));
        double arrival = System.currentTimeMillis() / 1000.0;
        String account = resources.roleArn().split(":")[4];
        for (ObjectNode sale : sales) {
            sequence = sequence.add(BigInteger.valueOf(1 + RANDOM.nextInt(1000)));
            ObjectNode record = records.addObject();
            record.putObject("kinesis")
                    .put("kinesisSchemaVersion", "1.0")
                    .put("partitionKey", sale.get("store").asText())
                    .put("sequenceNumber", sequence.toString())
                    .put("data", Base64.getEncoder().encodeToString(sale.toString().getBytes(StandardCharsets.UTF_8)))
                    .put("approximateArrivalTimestamp", arrival);
            record.put("eventSource", "aws:kinesis")
                    .put("eventVersion", "1.0")
                    .put("eventID", "shardId-000000000000:" + sequence)
                    .put("eventName", "aws:kinesis:record")
                    .put("invokeIdentityArn", resources.roleArn())
                    .put("awsRegion", resources.region())
                    .put("eventSourceARN", "arn:aws:kinesis:" + resources.region() + ":" + account + ":stream/"
                            + resources.stream("sales"));
        }
        return event.toString();
    }

    private static ObjectNode sale(String store) {
        return JSON.createObjectNode()
                .put("saleId", "s-" + HexFormat.of().formatHex(bytes(5)))
                .put("store", store)
                .put("amount", 50 + RANDOM.nextInt(20_000));
    }

    /**
     * A store no other check of this grading uses: each check compares the totals of its own stores, and a store
     * drawn twice (5 x 2^24 names, 9 pairs of checks' stores: about one grading in 9 million) carried one check's
     * sales into another's totals and failed a correct solution.
     */
    private static String store() {
        String store;
        do {
            store = List.of("dublin", "porto", "lyon", "gent", "turku").get(RANDOM.nextInt(5)) + "-"
                    + HexFormat.of().formatHex(bytes(3));
        } while (!STORES.add(store));
        return store;
    }

    private static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
