package checks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.serverlesslab.graders.check.Eventually;
import dev.serverlesslab.graders.check.Hidden;
import dev.serverlesslab.graders.check.Hint;
import dev.serverlesslab.graders.check.Points;
import dev.serverlesslab.graders.check.Resources;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The checks of the s3-ingest exercise: files uploaded under uploads/ are described in the table, by the function
 * the bucket's notification invokes. Names, sizes and contents are made up per grading, so no answer can be canned.
 */
class S3IngestChecks {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    @Order(1)
    @Points(2)
    @DisplayName("A CSV uploaded under uploads/ gets an item with its key, size (N), lines (N) and contentType")
    @Hint("Read the object with GetObject, count its lines, and put key, size, lines and contentType; size and lines "
            + "are number attributes (AttributeValue.fromN).")
    void indexesAnUpload(S3Client s3, DynamoDbClient dynamo, Resources resources) {
        int rows = 3 + RANDOM.nextInt(20);
        String key = "uploads/export-" + token() + ".csv";
        String body = csv(rows, true);
        upload(s3, resources, key, body, "text/csv");

        Map<String, AttributeValue> item = awaitItem(dynamo, resources, key, body.length());
        assertEquals(String.valueOf(rows), number(item, "lines"), "lines of " + key + " (" + rows + " rows, each "
                + "ending with a line break)");
        assertEquals("text/csv", text(item, "contentType"), "contentType of " + key);
    }

    @Test
    @Order(2)
    @DisplayName("A key with spaces and brackets is stored decoded: 'uploads/q3 report (final).csv', not 'q3+report'")
    @Hint("Keys in S3 events are URL-encoded: URLDecoder.decode(key, StandardCharsets.UTF_8) gives the real key, "
            + "which GetObject and the table need.")
    void decodesKeys(S3Client s3, DynamoDbClient dynamo, Resources resources) {
        String key = "uploads/q" + (1 + RANDOM.nextInt(4)) + " report " + token() + " (final).csv";
        String body = csv(2, true);
        upload(s3, resources, key, body, "text/csv");

        awaitItem(dynamo, resources, key, body.length());
    }

    @Test
    @Order(3)
    @DisplayName("An empty file is indexed with size 0 and lines 0")
    @Hint("An empty object has no lines: count line breaks, and add one only for a last line without one.")
    void indexesAnEmptyFile(S3Client s3, DynamoDbClient dynamo, Resources resources) {
        String key = "uploads/empty-" + token() + ".csv";
        upload(s3, resources, key, "", "text/csv");

        Map<String, AttributeValue> item = awaitItem(dynamo, resources, key, 0);
        assertEquals("0", number(item, "lines"), "lines of the empty file " + key);
    }

    @Test
    @Order(4)
    @DisplayName("A file uploaded again keeps one item, with the second version's size, lines and content type")
    @Hint("PutItem with the same key replaces the item: one item per key, always the latest upload.")
    void replacesOnReupload(S3Client s3, DynamoDbClient dynamo, Resources resources) {
        String key = "uploads/daily-" + token() + ".csv";
        String first = csv(2, true);
        upload(s3, resources, key, first, "text/csv");
        awaitItem(dynamo, resources, key, first.length());
        int rows = 6 + RANDOM.nextInt(10);
        String second = csv(rows, true);
        while (second.length() == first.length()) {
            second = csv(rows, true);
        }
        upload(s3, resources, key, second, "application/octet-stream");

        Map<String, AttributeValue> item = awaitItem(dynamo, resources, key, second.length());
        assertEquals(String.valueOf(rows), number(item, "lines"), "lines after the second upload of " + key);
        assertEquals("application/octet-stream", text(item, "contentType"), "contentType after the second upload");
    }

    @Test
    @Order(5)
    @Hidden
    @DisplayName("Counts a last line that has no line break")
    void countsALastLineWithoutABreak(S3Client s3, DynamoDbClient dynamo, Resources resources) {
        int rows = 2 + RANDOM.nextInt(8);
        String key = "uploads/tail-" + token() + ".csv";
        String body = csv(rows, false);
        upload(s3, resources, key, body, "text/csv");

        Map<String, AttributeValue> item = awaitItem(dynamo, resources, key, body.length());
        assertEquals(String.valueOf(rows), number(item, "lines"), "lines of a file whose last line has no break");
    }

    private static void upload(S3Client s3, Resources resources, String key, String body, String contentType) {
        s3.putObject(b -> b.bucket(resources.bucket("inbox")).key(key).contentType(contentType),
                RequestBody.fromString(body, StandardCharsets.UTF_8));
    }

    /** Waits for the item of {@code key} whose size is {@code size}, so a re-upload's item is the one returned. */
    private static Map<String, AttributeValue> awaitItem(DynamoDbClient dynamo, Resources resources, String key,
            long size) {
        return Eventually.get("an item with key \"" + key + "\" and size " + size + " in the table", WAIT, () -> {
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(resources.table("files"))
                    .key(Map.of("key", AttributeValue.fromS(key))).consistentRead(true)).item();
            if (item == null || item.isEmpty()) {
                return Optional.empty();
            }
            AttributeValue stored = item.get("size");
            if (stored == null || stored.n() == null) {
                throw new AssertionError("the item of " + key + " has no number attribute size (AttributeValue.fromN): "
                        + item);
            }
            return stored.n().equals(String.valueOf(size)) ? Optional.of(item) : Optional.empty();
        }, () -> "the table holds " + dynamo.scan(b -> b.tableName(resources.table("files"))).items());
    }

    private static String number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.n() == null) {
            throw new AssertionError("expected a number attribute " + name + " (AttributeValue.fromN) in " + item);
        }
        return value.n();
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.s() == null) {
            throw new AssertionError("expected a string attribute " + name + " in " + item);
        }
        return value.s();
    }

    private static String csv(int rows, boolean lastBreak) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            text.append("row-").append(i).append(',').append(RANDOM.nextInt(1000));
            if (i < rows - 1 || lastBreak) {
                text.append('\n');
            }
        }
        return text.toString();
    }

    private static String token() {
        return Integer.toString(100_000 + RANDOM.nextInt(900_000), 36);
    }
}
