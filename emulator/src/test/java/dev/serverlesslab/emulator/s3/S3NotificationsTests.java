package dev.serverlesslab.emulator.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.core.EmulatorClock;
import dev.serverlesslab.emulator.core.Targets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S3 notifications in the backend, to SQS and SNS destinations stood in for by targets that record what they get:
 * the test event on configuration, AWS's event shape, the prefix/suffix filters and the refusals.
 */
class S3NotificationsTests {

    private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:uploads";
    private static final String TOPIC = "arn:aws:sns:us-east-1:000000000000:removals";
    private static final AccountRegion SCOPE = new AccountRegion("000000000000", "us-east-1");
    private static final EventSource SOURCE = new EventSource("AWS:000000000000", "10.0.0.7", "req-1");

    private final List<Targets.Delivery> delivered = new CopyOnWriteArrayList<>();
    private final ObjectMapper json = new ObjectMapper();
    private S3Backend backend;

    @BeforeEach
    void setUp(@TempDir Path dir) {
        Targets targets = new Targets();
        targets.register("sqs", delivered::add);
        targets.register("lambda", delivered::add);
        targets.register("sns", delivery -> {
            if (delivery.targetArn().endsWith(":closed")) {
                throw new AwsException("AuthorizationError", "the topic policy does not allow s3.amazonaws.com", 403);
            }
            delivered.add(delivery);
        });
        backend = new S3Backend(dir, new EmulatorClock(), targets, (arn, principal, source, account) -> false);
        backend.createBucket(SCOPE, "photos", null);
    }

    @Test
    void configuringAQueue_sendsItS3sTestEvent_fromS3ForTheBucket() throws Exception {
        configure(destination(NotificationConfiguration.Kind.QUEUE, QUEUE, "s3:ObjectCreated:*", null, null));

        assertEquals(1, delivered.size());
        JsonNode test = json.readTree(delivered.get(0).body());
        assertEquals("s3:TestEvent", test.path("Event").asText());
        assertEquals("photos", test.path("Bucket").asText());
        assertEquals("s3.amazonaws.com", delivered.get(0).principal());
        assertEquals("arn:aws:s3:::photos", delivered.get(0).sourceArn());
        assertEquals("000000000000", delivered.get(0).sourceAccount());
    }

    @Test
    void objectCreated_reachesTheQueue_inAwsEventShape_withTheKeyUrlEncoded() throws Exception {
        configure(destination(NotificationConfiguration.Kind.QUEUE, QUEUE, "s3:ObjectCreated:*", null, null));
        delivered.clear();

        S3Object object = backend.putObject("photos", "albums/summer 2025.jpg", put("jpeg bytes"), SOURCE);

        assertEquals(1, delivered.size());
        assertEquals(QUEUE, delivered.get(0).targetArn());
        JsonNode record = json.readTree(delivered.get(0).body()).path("Records").path(0);
        assertEquals("2.1", record.path("eventVersion").asText());
        assertEquals("aws:s3", record.path("eventSource").asText());
        assertEquals("us-east-1", record.path("awsRegion").asText());
        assertEquals("ObjectCreated:Put", record.path("eventName").asText());
        assertEquals("10.0.0.7", record.path("requestParameters").path("sourceIPAddress").asText());
        JsonNode s3 = record.path("s3");
        assertEquals("photos", s3.path("bucket").path("name").asText());
        assertEquals("arn:aws:s3:::photos", s3.path("bucket").path("arn").asText());
        assertEquals("albums/summer+2025.jpg", s3.path("object").path("key").asText());
        assertEquals(10, s3.path("object").path("size").asLong());
        assertEquals(object.etag(), s3.path("object").path("eTag").asText());
        assertTrue(s3.path("object").path("sequencer").asText().matches("[0-9A-F]{16}"));
    }

    @Test
    void prefixAndSuffixFilters_andEventTypes_chooseTheDestinations() throws Exception {
        configure(destination(NotificationConfiguration.Kind.QUEUE, QUEUE, "s3:ObjectCreated:Put", "raw/", ".csv"),
                destination(NotificationConfiguration.Kind.TOPIC, TOPIC, "s3:ObjectRemoved:*", null, null));
        delivered.clear();

        backend.putObject("photos", "raw/day1.csv", put("a"), SOURCE);
        backend.putObject("photos", "raw/day1.json", put("b"), SOURCE);
        backend.putObject("photos", "cooked/day1.csv", put("c"), SOURCE);
        backend.copyObject("photos", "raw/day1.csv", "photos", "raw/day2.csv", false, Map.of(), Map.of(), SOURCE);
        backend.deleteObject("photos", "cooked/day1.csv", SOURCE);

        assertEquals(List.of(QUEUE + " ObjectCreated:Put raw/day1.csv", TOPIC + " ObjectRemoved:Delete cooked/day1.csv"),
                delivered.stream().map(this::describe).toList());
    }

    @Test
    void destinationsThatCannotBeDelivered_areRefused_andTheOldConfigurationKept() {
        configure(destination(NotificationConfiguration.Kind.QUEUE, QUEUE, "s3:ObjectCreated:*", null, null));

        S3Exception closedTopic = assertThrows(S3Exception.class, () -> configure(destination(
                NotificationConfiguration.Kind.TOPIC, "arn:aws:sns:us-east-1:000000000000:closed",
                "s3:ObjectCreated:*", null, null)));
        assertEquals("InvalidArgument", closedTopic.code());
        assertEquals("Unable to validate the following destination configurations", closedTopic.getMessage());
        assertEquals("arn:aws:sns:us-east-1:000000000000:closed", closedTopic.details().get("ArgumentName1"));
        S3Exception function = assertThrows(S3Exception.class, () -> configure(destination(
                NotificationConfiguration.Kind.LAMBDA, "arn:aws:lambda:us-east-1:000000000000:function:f",
                "s3:ObjectCreated:*", null, null)));
        assertTrue(function.details().get("ArgumentValue1").startsWith("Not authorized to invoke function"));
        S3Exception kinesis = assertThrows(S3Exception.class, () -> configure(destination(
                NotificationConfiguration.Kind.QUEUE, "arn:aws:kinesis:us-east-1:000000000000:stream/s",
                "s3:ObjectCreated:*", null, null)));
        assertEquals("InvalidArgument", kinesis.code());
        S3Exception event = assertThrows(S3Exception.class, () -> configure(destination(
                NotificationConfiguration.Kind.QUEUE, QUEUE, "s3:ObjectTagging:*", null, null)));
        assertEquals("s3:ObjectTagging:*", event.details().get("ArgumentValue"));

        assertEquals(List.of(QUEUE), backend.bucket("photos").notifications().destinations().stream()
                .map(NotificationConfiguration.Destination::arn).toList());
    }

    private void configure(NotificationConfiguration.Destination... destinations) {
        backend.putBucketNotificationConfiguration("photos", new NotificationConfiguration(List.of(destinations)),
                true, "req-config");
    }

    private static NotificationConfiguration.Destination destination(NotificationConfiguration.Kind kind, String arn,
            String event, String prefix, String suffix) {
        return new NotificationConfiguration.Destination("id-" + kind, kind, arn, List.of(event), prefix, suffix);
    }

    private static PutRequest put(String body) {
        return new PutRequest(body.getBytes(StandardCharsets.UTF_8), Map.of(), Map.of(), null, Map.of());
    }

    private String describe(Targets.Delivery delivery) {
        try {
            JsonNode record = json.readTree(delivery.body()).path("Records").path(0);
            return delivery.targetArn() + " " + record.path("eventName").asText() + " "
                    + record.path("s3").path("object").path("key").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
