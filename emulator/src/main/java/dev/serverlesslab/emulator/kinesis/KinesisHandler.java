package dev.serverlesslab.emulator.kinesis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.http.AwsRequest;
import dev.serverlesslab.emulator.http.AwsResponse;
import dev.serverlesslab.emulator.http.AwsService;
import dev.serverlesslab.emulator.http.Operations;
import dev.serverlesslab.emulator.http.Protocol;
import dev.serverlesslab.emulator.http.RequiredMembers;
import dev.serverlesslab.emulator.kinesis.KinesisBackend.PutEntry;
import dev.serverlesslab.emulator.kinesis.KinesisBackend.PutResult;
import dev.serverlesslab.emulator.kinesis.KinesisBackend.RecordsPage;
import dev.serverlesslab.emulator.kinesis.KinesisWire.Encoding;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kinesis Data Streams' wire format: {@code X-Amz-Target: Kinesis_20131202.<Operation>} requests in JSON or CBOR,
 * mapped to {@link KinesisBackend} calls and answered in the request's encoding. The operations served are the keys
 * of one table; resharding and enhanced fan-out are refused naming what to do instead.
 */
public final class KinesisHandler implements AwsService {

    static final String TARGET_PREFIX = "Kinesis_20131202";

    @FunctionalInterface
    private interface Operation {
        Map<String, Object> apply(AccountRegion scope, KinesisRequest in);
    }

    private final KinesisBackend backend;
    private final Operations<Operation> operations = new Operations<>(Protocol.AWS_JSON_1_1, TARGET_PREFIX,
            RequiredMembers.of("kinesis", RequiredMembers.coral("ValidationException")));

    public KinesisHandler(KinesisBackend backend) {
        this.backend = backend;
        operations.add("CreateStream", this::createStream);
        operations.add("DeleteStream", this::deleteStream);
        operations.add("DescribeStream", this::describeStream);
        operations.add("DescribeStreamSummary", this::describeStreamSummary);
        operations.add("ListStreams", this::listStreams);
        operations.add("ListShards", (scope, in) -> new ShardListing(backend).listShards(scope, in));
        operations.add("PutRecord", this::putRecord);
        operations.add("PutRecords", this::putRecords);
        operations.add("GetShardIterator", this::getShardIterator);
        operations.add("GetRecords", this::getRecords);
        operations.add("IncreaseStreamRetentionPeriod", this::increaseStreamRetentionPeriod);
        operations.add("DecreaseStreamRetentionPeriod", this::decreaseStreamRetentionPeriod);
        operations.add("AddTagsToStream", this::addTagsToStream);
        operations.add("RemoveTagsFromStream", this::removeTagsFromStream);
        operations.add("ListTagsForStream", this::listTagsForStream);
        operations.add("TagResource", this::tagResource);
        operations.add("UntagResource", this::untagResource);
        operations.add("ListTagsForResource", this::listTagsForResource);
        operations.add("UpdateStreamMode", this::updateStreamMode);
        operations.add("DescribeLimits", this::describeLimits);
        String reshard = "resharding is not emulated: a stream keeps the shards it was created with; create a stream "
                + "with the ShardCount you need";
        operations.refuse("SplitShard", reshard);
        operations.refuse("MergeShards", reshard);
        operations.refuse("UpdateShardCount", reshard);
        String fanOut = "enhanced fan-out consumers are not emulated; read with GetShardIterator and GetRecords";
        for (String operation : List.of("RegisterStreamConsumer", "DeregisterStreamConsumer",
                "DescribeStreamConsumer", "ListStreamConsumers", "SubscribeToShard")) {
            operations.refuse(operation, fanOut);
        }
    }

    @Override
    public String signingName() {
        return "kinesis";
    }

    @Override
    public Protocol protocol() {
        return Protocol.AWS_JSON_1_1;
    }

    @Override
    public List<String> targetPrefixes() {
        return List.of(TARGET_PREFIX);
    }

    @Override
    public AwsResponse handle(AwsRequest request) {
        Encoding encoding = Encoding.of(request);
        try {
            String name = operation(request);
            Operation operation = operations.find(name);
            JsonNode body = KinesisWire.body(request, encoding);
            operations.check(name, RequiredMembers.inJson(body));
            KinesisRequest in = new KinesisRequest(body, encoding, request.scope());
            return KinesisWire.ok(encoding, operation.apply(request.scope(), in));
        } catch (AwsException e) {
            return KinesisWire.error(encoding, e);
        }
    }

    /** The operations served, as the table that dispatches them holds them. */
    @Override
    public List<String> operations() {
        return operations.supported();
    }

    private static String operation(AwsRequest request) {
        String target = request.header("X-Amz-Target");
        if (!"POST".equals(request.method()) || target == null || !target.startsWith(TARGET_PREFIX + ".")) {
            throw new AwsException("UnknownOperationException", "Expected a POST with header X-Amz-Target: "
                    + TARGET_PREFIX + ".<Operation>, got " + request.describe() + " with X-Amz-Target "
                    + (target == null ? "missing" : target), 400);
        }
        return target.substring(TARGET_PREFIX.length() + 1);
    }

    private Map<String, Object> createStream(AccountRegion scope, KinesisRequest in) {
        in.only("StreamName", "ShardCount", "StreamModeDetails", "Tags");
        backend.createStream(scope, in.text("StreamName"), in.wholeInt("ShardCount"),
                in.nested("StreamModeDetails", "StreamMode"), in.tagMap("Tags"));
        return Map.of();
    }

    private Map<String, Object> deleteStream(AccountRegion scope, KinesisRequest in) {
        // EnforceConsumerDeletion is moot: no stream here has consumers to refuse the deletion for.
        in.only("StreamName", "StreamARN", "StreamId", "EnforceConsumerDeletion");
        backend.deleteStream(scope, in.streamName());
        return Map.of();
    }

    private Map<String, Object> describeStream(AccountRegion scope, KinesisRequest in) {
        in.only("StreamName", "StreamARN", "StreamId", "Limit", "ExclusiveStartShardId");
        KinesisStream stream = backend.stream(scope, in.streamName());
        // AWS returns at most 100 shards per call, whatever higher Limit is asked for.
        int limit = Math.min(100, in.intValue("Limit", 100, 1, 10_000));
        String start = in.text("ExclusiveStartShardId");
        List<KinesisShard> after = stream.shards().stream()
                .filter(shard -> start == null || shard.shardId().compareTo(start) > 0).toList();
        List<KinesisShard> page = after.subList(0, Math.min(limit, after.size()));
        return Map.of("StreamDescription", KinesisShapes.streamDescription(stream, page, page.size() < after.size()));
    }

    private Map<String, Object> describeStreamSummary(AccountRegion scope, KinesisRequest in) {
        in.only("StreamName", "StreamARN", "StreamId");
        return Map.of("StreamDescriptionSummary",
                KinesisShapes.streamDescriptionSummary(backend.stream(scope, in.streamName())));
    }

    private Map<String, Object> listStreams(AccountRegion scope, KinesisRequest in) {
        in.only("Limit", "ExclusiveStartStreamName", "NextToken");
        // AWS lists at most 100 streams per call, whatever higher Limit is asked for.
        int limit = Math.min(100, in.intValue("Limit", 100, 1, 10_000));
        String start = in.text("ExclusiveStartStreamName");
        if (in.has("NextToken")) {
            start = decodeToken(in.text("NextToken"));
        }
        String after = start;
        List<KinesisStream> streams = backend.streams(scope).stream()
                .filter(stream -> after == null || stream.name().compareTo(after) > 0).toList();
        List<KinesisStream> page = streams.subList(0, Math.min(limit, streams.size()));
        boolean more = page.size() < streams.size();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("StreamNames", page.stream().map(KinesisStream::name).toList());
        out.put("HasMoreStreams", more);
        out.put("NextToken", more ? encodeToken(page.get(page.size() - 1).name()) : null);
        out.put("StreamSummaries", page.stream().map(KinesisShapes::streamSummary).toList());
        return out;
    }

    private Map<String, Object> putRecord(AccountRegion scope, KinesisRequest in) {
        in.only("StreamName", "StreamARN", "StreamId", "Data", "PartitionKey", "ExplicitHashKey",
                "SequenceNumberForOrdering");
        String ordering = in.text("SequenceNumberForOrdering");
        if (ordering != null && !ordering.matches("0|([1-9]\\d{0,128})")) {
            throw KinesisErrors.validation("sequenceNumberForOrdering", ordering,
                    "Member must satisfy regular expression pattern: 0|([1-9]\\d{0,128})");
        }
        // SequenceNumberForOrdering is honoured by construction: every record gets a number greater than any the
        // stream gave before, so it is greater than the previous record's.
        PutResult result = backend.putRecord(scope, in.streamName(), in.text("PartitionKey"),
                in.text("ExplicitHashKey"), in.blob(in.node(), "Data"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ShardId", result.shardId());
        out.put("SequenceNumber", result.sequenceNumber());
        out.put("EncryptionType", "NONE");
        return out;
    }

    private Map<String, Object> putRecords(AccountRegion scope, KinesisRequest in) {
        in.only("StreamName", "StreamARN", "StreamId", "Records");
        List<PutEntry> entries = new ArrayList<>();
        for (JsonNode record : in.objects("Records", "a list of {\"Data\":...,\"PartitionKey\":...}")) {
            JsonNode key = record.get("PartitionKey");
            JsonNode hash = record.get("ExplicitHashKey");
            entries.add(new PutEntry(key == null || key.isNull() ? null : key.asText(),
                    hash == null || hash.isNull() ? null : hash.asText(), in.blob(record, "Data")));
        }
        List<Map<String, Object>> results = backend.putRecords(scope, in.streamName(), entries).stream()
                .map(result -> Map.<String, Object>of("SequenceNumber", result.sequenceNumber(),
                        "ShardId", result.shardId()))
                .toList();
        return Map.of("FailedRecordCount", 0, "Records", results, "EncryptionType", "NONE");
    }

    private Map<String, Object> getShardIterator(AccountRegion scope, KinesisRequest in) {
        in.only("StreamName", "StreamARN", "StreamId", "ShardId", "ShardIteratorType", "StartingSequenceNumber",
                "Timestamp");
        return Map.of("ShardIterator", backend.getShardIterator(scope, in.streamName(), in.text("ShardId"),
                in.text("ShardIteratorType"), in.text("StartingSequenceNumber"), in.timestamp(in.node(), "Timestamp")));
    }

    private Map<String, Object> getRecords(AccountRegion scope, KinesisRequest in) {
        in.only("ShardIterator", "Limit", "StreamARN", "StreamId");
        String iterator = in.text("ShardIterator");
        if (iterator == null) {
            throw KinesisErrors.validation("shardIterator", null, "Member must not be null");
        }
        RecordsPage page = backend.getRecords(scope, iterator, in.intValue("Limit", 10_000, 1, 10_000));
        if (in.has("StreamARN")) {
            String named = in.nameInArn(in.text("StreamARN"));
            if (!named.equals(ShardIterator.decode(iterator).streamName())) {
                throw KinesisErrors.invalidArgument("The ShardIterator belongs to another stream than "
                        + in.text("StreamARN"));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Records", page.records().stream().map(KinesisShapes::record).toList());
        out.put("NextShardIterator", page.nextShardIterator());
        out.put("MillisBehindLatest", page.millisBehindLatest());
        return out;
    }

    private Map<String, Object> increaseStreamRetentionPeriod(AccountRegion scope, KinesisRequest in) {
        in.only("StreamName", "StreamARN", "StreamId", "RetentionPeriodHours");
        backend.increaseRetention(scope, in.streamName(), retention(in));
        return Map.of();
    }

    private Map<String, Object> decreaseStreamRetentionPeriod(AccountRegion scope, KinesisRequest in) {
        in.only("StreamName", "StreamARN", "StreamId", "RetentionPeriodHours");
        backend.decreaseRetention(scope, in.streamName(), retention(in));
        return Map.of();
    }

    private static int retention(KinesisRequest in) {
        Integer hours = in.wholeInt("RetentionPeriodHours");
        if (hours == null) {
            throw KinesisErrors.validation("retentionPeriodHours", null, "Member must not be null");
        }
        return hours;
    }

    private Map<String, Object> addTagsToStream(AccountRegion scope, KinesisRequest in) {
        in.only("StreamName", "StreamARN", "StreamId", "Tags");
        Map<String, String> tags = in.tagMap("Tags");
        if (tags.size() > 10) {
            throw KinesisErrors.invalidArgument("AddTagsToStream takes at most 10 tags per call; got " + tags.size());
        }
        backend.addTags(scope, in.streamName(), tags);
        return Map.of();
    }

    private Map<String, Object> removeTagsFromStream(AccountRegion scope, KinesisRequest in) {
        in.only("StreamName", "StreamARN", "StreamId", "TagKeys");
        backend.removeTags(scope, in.streamName(), in.texts("TagKeys"));
        return Map.of();
    }

    private Map<String, Object> listTagsForStream(AccountRegion scope, KinesisRequest in) {
        in.only("StreamName", "StreamARN", "StreamId", "ExclusiveStartTagKey", "Limit");
        Map<String, String> tags = backend.stream(scope, in.streamName()).tags();
        String start = in.text("ExclusiveStartTagKey");
        int limit = in.intValue("Limit", 50, 1, 50);
        Map<String, String> after = new LinkedHashMap<>();
        tags.forEach((key, value) -> {
            if (start == null || key.compareTo(start) > 0) {
                after.put(key, value);
            }
        });
        List<Map<String, Object>> all = KinesisShapes.tagList(after);
        return Map.of("Tags", all.subList(0, Math.min(limit, all.size())), "HasMoreTags", all.size() > limit);
    }

    private Map<String, Object> tagResource(AccountRegion scope, KinesisRequest in) {
        in.only("ResourceARN", "Tags");
        backend.addTags(scope, in.streamInArn("ResourceARN"), in.tagMap("Tags"));
        return Map.of();
    }

    private Map<String, Object> untagResource(AccountRegion scope, KinesisRequest in) {
        in.only("ResourceARN", "TagKeys");
        backend.removeTags(scope, in.streamInArn("ResourceARN"), in.texts("TagKeys"));
        return Map.of();
    }

    private Map<String, Object> listTagsForResource(AccountRegion scope, KinesisRequest in) {
        in.only("ResourceARN");
        return Map.of("Tags", KinesisShapes.tagList(backend.stream(scope, in.streamInArn("ResourceARN")).tags()));
    }

    private Map<String, Object> updateStreamMode(AccountRegion scope, KinesisRequest in) {
        in.only("StreamARN", "StreamModeDetails");
        String mode = in.nested("StreamModeDetails", "StreamMode");
        if (mode == null) {
            throw KinesisErrors.validation("streamModeDetails", null, "Member must not be null");
        }
        backend.updateStreamMode(scope, in.streamInArn("StreamARN"), mode);
        return Map.of();
    }

    private Map<String, Object> describeLimits(AccountRegion scope, KinesisRequest in) {
        in.only();
        KinesisBackend.Limits limits = backend.limits(scope);
        return Map.of("ShardLimit", limits.shardLimit(), "OpenShardCount", limits.openShardCount(),
                "OnDemandStreamCount", limits.onDemandStreamCount(),
                "OnDemandStreamCountLimit", limits.onDemandStreamCountLimit());
    }

    static String encodeToken(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String decodeToken(String token) {
        try {
            return new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw KinesisErrors.invalidArgument("Invalid NextToken: pass the NextToken of the previous answer");
        }
    }
}
