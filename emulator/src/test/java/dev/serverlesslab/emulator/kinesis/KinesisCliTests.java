package dev.serverlesslab.emulator.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.emulator.Emulator;
import dev.serverlesslab.emulator.EmulatorConfig;
import dev.serverlesslab.emulator.ExternalClients;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kinesis through clients nobody here wrote, which speak JSON: the aws CLI as the Kinesis tutorials use it, and
 * boto3 with its blobs and datetime timestamps. Skipped, saying why, where a client is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KinesisCliTests {

    private Emulator emulator;

    @BeforeAll
    void start() {
        emulator = Emulator.start(EmulatorConfig.defaults().withPort(0));
    }

    @AfterAll
    void stop() {
        emulator.close();
    }

    @Test
    void awsCli_createsAStream_putsARecord_andReadsItBack(@TempDir Path temp) throws Exception {
        assumeTrue(ExternalClients.installed("aws", "--version"), "the aws CLI is not installed on this machine");
        aws("kinesis", "create-stream", "--stream-name", "cli-stream", "--shard-count", "2");
        aws("kinesis", "wait", "stream-exists", "--stream-name", "cli-stream");
        JsonNode description = aws("kinesis", "describe-stream", "--stream-name", "cli-stream");
        assertEquals("ACTIVE", description.path("StreamDescription").path("StreamStatus").asText());

        // The blob goes in as a file: CLI v1 and v2 differ in how they read a blob given inline.
        Path data = Files.write(temp.resolve("data"), "hello kinesis".getBytes(StandardCharsets.UTF_8));
        JsonNode put = aws("kinesis", "put-record", "--stream-name", "cli-stream", "--partition-key", "user-1",
                "--data", "fileb://" + data);
        String shardId = put.path("ShardId").asText();
        String sequenceNumber = put.path("SequenceNumber").asText();
        assertEquals(56, sequenceNumber.length());

        String iterator = aws("kinesis", "get-shard-iterator", "--stream-name", "cli-stream", "--shard-id", shardId,
                "--shard-iterator-type", "AT_SEQUENCE_NUMBER", "--starting-sequence-number", sequenceNumber)
                .path("ShardIterator").asText();
        JsonNode records = aws("kinesis", "get-records", "--shard-iterator", iterator).path("Records");
        assertEquals(1, records.size());
        assertEquals("user-1", records.get(0).path("PartitionKey").asText());
        assertEquals("hello kinesis", new String(Base64.getDecoder().decode(records.get(0).path("Data").asText()),
                StandardCharsets.UTF_8));
        assertTrue(records.get(0).path("ApproximateArrivalTimestamp").isNumber(), records.toString());

        assertEquals(List.of("cli-stream"), List.of(aws("kinesis", "list-streams").path("StreamNames").get(0)
                .asText()));
        aws("kinesis", "delete-stream", "--stream-name", "cli-stream");
        ExternalClients.Result missing = ExternalClients.run(ExternalClients.aws(emulator.endpoint().toString(),
                "kinesis", "describe-stream-summary", "--stream-name", "cli-stream"));
        assertTrue(missing.exitCode() != 0 && missing.output().contains("ResourceNotFoundException"),
                missing.output());
    }

    @Test
    void boto3_putsRecordsAndReadsThemFromATimestamp() throws Exception {
        assumeTrue(ExternalClients.installed("python3", "-c", "import boto3"),
                "python3 with boto3 is not installed on this machine");
        String script = """
                import boto3, sys, datetime
                k = boto3.client("kinesis", endpoint_url=sys.argv[1], region_name="us-east-1",
                                 aws_access_key_id="test", aws_secret_access_key="test")
                k.create_stream(StreamName="py-stream", ShardCount=1)
                k.get_waiter("stream_exists").wait(StreamName="py-stream")
                start = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(seconds=5)
                out = k.put_records(StreamName="py-stream", Records=[
                    {"Data": b"\\x00\\x01binary", "PartitionKey": "a"},
                    {"Data": b"second", "PartitionKey": "b"}])
                assert out["FailedRecordCount"] == 0, out
                it = k.get_shard_iterator(StreamName="py-stream", ShardId="shardId-000000000000",
                                          ShardIteratorType="AT_TIMESTAMP", Timestamp=start)["ShardIterator"]
                got = k.get_records(ShardIterator=it, Limit=10)
                stamp = got["Records"][0]["ApproximateArrivalTimestamp"]
                assert isinstance(stamp, datetime.datetime), stamp
                print([r["Data"] for r in got["Records"]], got["MillisBehindLatest"])
                """;
        ExternalClients.Result result = ExternalClients.run(List.of("python3", "-c", script,
                emulator.endpoint().toString()));
        assertEquals(0, result.exitCode(), result.output());
        assertEquals("[b'\\x00\\x01binary', b'second'] 0", result.output().strip());
    }

    private JsonNode aws(String... args) throws Exception {
        return ExternalClients.awsJson(emulator.endpoint().toString(), args);
    }
}
