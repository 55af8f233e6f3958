package dev.serverlesslab.emulator.lambda.esm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.http.AwsRequest;
import dev.serverlesslab.emulator.http.AwsResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * A DynamoDB stream read through the emulator's own DynamoDB Streams (DynamoDB Local), in-process: the requests an
 * SDK client would send, acting in the mapping's account and region. Records reach the function in the shape
 * Lambda gives them ({@code eventSourceARN} added, {@code awsRegion} the caller's, whole-second creation times), so
 * aws-lambda-java-events' {@code DynamodbEvent} reads them.
 */
final class DynamoDbStreamSource implements EventSource {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** GetRecords returns at most 1,000 records per call. */
    private static final int MAX_RECORDS_PER_CALL = 1000;

    private final Function<AwsRequest, AwsResponse> streams;
    private final AccountRegion scope;
    private final String streamArn;

    /**
     * @param streams answers DynamoDB Streams requests (the emulator's DynamoDB service)
     */
    DynamoDbStreamSource(Function<AwsRequest, AwsResponse> streams, AccountRegion scope, String streamArn) {
        this.streams = streams;
        this.scope = scope;
        this.streamArn = streamArn;
    }

    /** True for a DynamoDB stream ARN: {@code arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/stream/LABEL}. */
    static boolean accepts(String arn) {
        return arn != null && arn.matches("arn:aws[a-zA-Z-]*:dynamodb:[a-z0-9-]+:\\d{12}:table/[^/]+/stream/.+");
    }

    /** Fails with DynamoDB's answer when the stream does not exist, so CreateEventSourceMapping can refuse it. */
    void check() {
        partitions();
    }

    @Override
    public String hint() {
        return " (is the table's stream enabled, and is this the table's LatestStreamArn?)";
    }

    @Override
    public List<String> partitions() {
        List<String> shards = new ArrayList<>();
        String start = null;
        do {
            ObjectNode request = JSON.createObjectNode().put("StreamArn", streamArn);
            if (start != null) {
                request.put("ExclusiveStartShardId", start);
            }
            JsonNode description = call("DescribeStream", request).path("StreamDescription");
            description.path("Shards").forEach(shard -> shards.add(shard.path("ShardId").asText()));
            start = description.hasNonNull("LastEvaluatedShardId")
                    ? description.get("LastEvaluatedShardId").asText() : null;
        } while (start != null);
        return shards;
    }

    @Override
    public PartitionReader open(String partition, StartingPosition start) {
        ShardReader reader = new ShardReader(partition, start);
        if (start == StartingPosition.LATEST) {
            // LATEST means "from when the mapping was made": the iterator is taken now, not at the first poll.
            reader.iterator = reader.newIterator();
        }
        return reader;
    }

    @Override
    public byte[] event(List<SourceRecord> batch) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        batch.forEach(record -> records.add(record.eventRecord()));
        try {
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SourceRecord record(JsonNode raw) {
        ObjectNode record = ((ObjectNode) raw).deepCopy();
        record.put("awsRegion", scope.region());
        record.put("eventSourceARN", streamArn);
        ObjectNode dynamodb = (ObjectNode) record.path("dynamodb");
        long seconds = (long) dynamodb.path("ApproximateCreationDateTime").asDouble(Instant.now().getEpochSecond());
        // Lambda's events carry whole seconds (1479499740), which DynamodbEvent reads as a date.
        dynamodb.put("ApproximateCreationDateTime", seconds);
        return new SourceRecord(dynamodb.path("SequenceNumber").asText(), Instant.ofEpochSecond(seconds), record);
    }

    private JsonNode call(String operation, ObjectNode body) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String date = DateTimeFormatter.BASIC_ISO_DATE.format(LocalDate.now(ZoneOffset.UTC));
        // DynamoDB Local picks the database by the key and region in the credential scope; it checks no signature.
        Map<String, List<String>> headers = Map.of(
                "X-Amz-Target", List.of("DynamoDBStreams_20120810." + operation),
                "Content-Type", List.of("application/x-amz-json-1.0"),
                "Authorization", List.of("AWS4-HMAC-SHA256 Credential=" + scope.accountId() + "/" + date + "/"
                        + scope.region() + "/dynamodb/aws4_request, SignedHeaders=host, Signature=0"));
        AwsResponse response = streams.apply(new AwsRequest(UUID.randomUUID().toString(), "POST", "/", null, headers,
                bytes, scope));
        JsonNode answer;
        try {
            answer = response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AwsException("InternalServerError", "DynamoDB Streams answered " + operation
                    + " with something that is not JSON", 500);
        }
        if (response.status() != 200) {
            String type = answer.path("__type").asText("");
            String code = type.substring(type.indexOf('#') + 1);
            throw new AwsException(code.isEmpty() ? "InternalServerError" : code,
                    answer.path("message").asText(answer.path("Message").asText(operation + " failed")),
                    response.status());
        }
        return answer;
    }

    /** One shard: a chain of shard iterators, and the last sequence number read to start again after. */
    private final class ShardReader implements PartitionReader {

        private final String shardId;
        private final StartingPosition start;
        private String iterator;
        private String lastRead;
        private boolean ended;

        ShardReader(String shardId, StartingPosition start) {
            this.shardId = shardId;
            this.start = start;
        }

        @Override
        public List<SourceRecord> read(int max) {
            if (ended) {
                return List.of();
            }
            if (iterator == null) {
                iterator = newIterator();
            }
            JsonNode answer;
            try {
                answer = getRecords(max);
            } catch (AwsException e) {
                if (!"ExpiredIteratorException".equals(e.code()) && !"TrimmedDataAccessException".equals(e.code())) {
                    throw e;
                }
                iterator = newIterator();
                answer = getRecords(max);
            }
            List<SourceRecord> records = new ArrayList<>();
            answer.path("Records").forEach(raw -> records.add(record(raw)));
            if (!records.isEmpty()) {
                lastRead = records.get(records.size() - 1).id();
            }
            iterator = answer.hasNonNull("NextShardIterator") ? answer.get("NextShardIterator").asText() : null;
            ended = iterator == null;
            return records;
        }

        @Override
        public boolean ended() {
            return ended;
        }

        @Override
        public void checkpoint(SourceRecord done) {
            // A stream keeps its records; the poller's position is all there is to remember.
        }

        private JsonNode getRecords(int max) {
            return call("GetRecords", JSON.createObjectNode().put("ShardIterator", iterator)
                    .put("Limit", Math.min(max, MAX_RECORDS_PER_CALL)));
        }

        private String newIterator() {
            ObjectNode request = JSON.createObjectNode().put("StreamArn", streamArn).put("ShardId", shardId);
            if (lastRead != null) {
                request.put("ShardIteratorType", "AFTER_SEQUENCE_NUMBER").put("SequenceNumber", lastRead);
            } else {
                request.put("ShardIteratorType", start.name());
            }
            return call("GetShardIterator", request).path("ShardIterator").asText();
        }
    }
}
