package dev.serverlesslab.emulator.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.EmulatorClock;
import dev.serverlesslab.emulator.http.AwsRequest;
import dev.serverlesslab.emulator.http.AwsResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The exact bytes of Kinesis answers in both encodings, as SDKs other than Java's parse them: CBOR blobs as byte
 * strings and timestamps as epoch milliseconds under tag 1, JSON blobs as base64 and timestamps as epoch seconds,
 * errors carrying their code in {@code __type} and {@code X-Amzn-ErrorType}.
 */
class KinesisWireTests {

    private static final ObjectMapper CBOR = new CBORMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AccountRegion SCOPE = new AccountRegion("000000000000", "us-east-1");

    private final KinesisHandler handler = new KinesisHandler(new KinesisBackend(new EmulatorClock()));

    @Test
    void cbor_answersBlobsAsByteStrings_andTimestampsAsTaggedEpochMillis() throws Exception {
        cbor("CreateStream", Map.of("StreamName", "s", "ShardCount", 1));
        cbor("PutRecord", Map.of("StreamName", "s", "PartitionKey", "k", "Data", new byte[] {0, 1, 2}));
        String iterator = CBOR.readTree(cbor("GetShardIterator", Map.of("StreamName", "s", "ShardId",
                "shardId-000000000000", "ShardIteratorType", "TRIM_HORIZON")).body()).path("ShardIterator").asText();
        AwsResponse records = cbor("GetRecords", Map.of("ShardIterator", iterator));

        assertEquals(200, records.status());
        assertEquals("application/x-amz-cbor-1.1", records.header("Content-Type"));
        JsonNode record = CBOR.readTree(records.body()).path("Records").get(0);
        assertTrue(record.path("Data").isBinary(), record.toString());
        assertEquals(List.of(0, 1, 2), List.of((int) record.path("Data").binaryValue()[0],
                (int) record.path("Data").binaryValue()[1], (int) record.path("Data").binaryValue()[2]));
        try (CBORParser parser = new CBORFactory().createParser(records.body())) {
            int tag = -1;
            long millis = -1;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME && parser.currentName().equals("ApproximateArrivalTimestamp")) {
                    parser.nextToken();
                    tag = parser.getCurrentTag();
                    millis = parser.getLongValue();
                }
            }
            assertEquals(1, tag);
            assertTrue(millis > 1_600_000_000_000L, "epoch milliseconds, got " + millis);
        }
    }

    @Test
    void json_answersBlobsAsBase64_andTimestampsAsEpochSeconds() throws Exception {
        json("CreateStream", "{\"StreamName\":\"j\",\"ShardCount\":1}");
        json("PutRecord", "{\"StreamName\":\"j\",\"PartitionKey\":\"k\",\"Data\":\"aGk=\"}");
        String iterator = JSON.readTree(json("GetShardIterator", "{\"StreamName\":\"j\",\"ShardId\":"
                + "\"shardId-000000000000\",\"ShardIteratorType\":\"TRIM_HORIZON\"}").body()).path("ShardIterator")
                .asText();
        String body = new String(json("GetRecords", "{\"ShardIterator\":\"" + iterator + "\"}").body(),
                StandardCharsets.UTF_8);

        assertTrue(body.matches(".*\"ApproximateArrivalTimestamp\":1\\d{9}\\.\\d{3}[,}].*"), body);
        assertTrue(body.contains("\"Data\":\"aGk=\""), body);
    }

    @Test
    void errors_carryTheirCodeInTheRequestsEncoding() throws Exception {
        AwsResponse cbor = cbor("DescribeStream", Map.of("StreamName", "missing"));
        assertEquals(400, cbor.status());
        assertEquals("ResourceNotFoundException", cbor.header("X-Amzn-ErrorType"));
        assertEquals("application/x-amz-cbor-1.1", cbor.header("Content-Type"));
        assertEquals("ResourceNotFoundException", CBOR.readTree(cbor.body()).path("__type").asText());

        AwsResponse json = json("DescribeStream", "{\"StreamName\":\"missing\"}");
        assertEquals("Stream missing under account 000000000000 not found.",
                JSON.readTree(json.body()).path("message").asText());
    }

    @Test
    void operationsNotServed_areNamed_withWhatIsServed() throws Exception {
        JsonNode error = JSON.readTree(json("StartStreamEncryption", "{}").body());
        assertEquals("UnknownOperationException", error.path("__type").asText());
        assertTrue(error.path("message").asText().startsWith("Serverless Lab's emulator does not implement "
                + "Kinesis_20131202.StartStreamEncryption; it implements: CreateStream, "), error.toString());
        JsonNode unknownMember = JSON.readTree(json("CreateStream", "{\"StreamName\":\"w\",\"ShardCount\":1,"
                + "\"WarmThroughputMiBps\":10}").body());
        assertEquals("InvalidArgumentException", unknownMember.path("__type").asText());
        assertTrue(unknownMember.path("message").asText().startsWith("WarmThroughputMiBps is not supported"),
                unknownMember.toString());
    }

    private AwsResponse cbor(String operation, Map<String, Object> body) throws Exception {
        return handler.handle(request(operation, "application/x-amz-cbor-1.1", CBOR.writeValueAsBytes(body)));
    }

    private AwsResponse json(String operation, String body) {
        return handler.handle(request(operation, "application/x-amz-json-1.1",
                body.getBytes(StandardCharsets.UTF_8)));
    }

    private static AwsRequest request(String operation, String contentType, byte[] body) {
        return new AwsRequest(UUID.randomUUID().toString(), "POST", "/", null, Map.of("X-Amz-Target",
                List.of("Kinesis_20131202." + operation), "Content-Type", List.of(contentType)), body, SCOPE);
    }
}
