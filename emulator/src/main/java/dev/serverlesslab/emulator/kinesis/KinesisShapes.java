package dev.serverlesslab.emulator.kinesis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Kinesis's response structures, member for member as the model names them, built from the backend's state. */
final class KinesisShapes {

    private KinesisShapes() {
    }

    static Map<String, Object> streamDescription(KinesisStream stream, List<KinesisShard> shards, boolean more) {
        Map<String, Object> description = common(stream);
        description.put("Shards", shards.stream().map(KinesisShapes::shard).toList());
        description.put("HasMoreShards", more);
        description.put("RetentionPeriodHours", stream.retentionPeriodHours());
        description.put("EnhancedMonitoring", enhancedMonitoring());
        description.put("EncryptionType", "NONE");
        return description;
    }

    static Map<String, Object> streamDescriptionSummary(KinesisStream stream) {
        Map<String, Object> summary = common(stream);
        summary.put("RetentionPeriodHours", stream.retentionPeriodHours());
        summary.put("EnhancedMonitoring", enhancedMonitoring());
        summary.put("EncryptionType", "NONE");
        summary.put("OpenShardCount", stream.shards().size());
        summary.put("ConsumerCount", 0);
        return summary;
    }

    static Map<String, Object> streamSummary(KinesisStream stream) {
        return common(stream);
    }

    static Map<String, Object> shard(KinesisShard shard) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ShardId", shard.shardId());
        out.put("HashKeyRange", Map.of("StartingHashKey", shard.startingHashKey().toString(),
                "EndingHashKey", shard.endingHashKey().toString()));
        // An open shard has no EndingSequenceNumber.
        out.put("SequenceNumberRange", Map.of("StartingSequenceNumber", shard.startingSequenceNumber()));
        return out;
    }

    static Map<String, Object> record(StreamRecord record) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("SequenceNumber", record.sequenceNumber());
        out.put("ApproximateArrivalTimestamp", record.approximateArrivalTimestamp());
        out.put("Data", record.data());
        out.put("PartitionKey", record.partitionKey());
        return out;
    }

    static List<Map<String, Object>> tagList(Map<String, String> tags) {
        return tags.entrySet().stream().map(tag -> Map.<String, Object>of("Key", tag.getKey(), "Value",
                tag.getValue())).toList();
    }

    private static Map<String, Object> common(KinesisStream stream) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("StreamName", stream.name());
        out.put("StreamARN", stream.arn());
        // Created streams are usable at once: CREATING is never observed, so waiters pass on the first call.
        out.put("StreamStatus", "ACTIVE");
        out.put("StreamModeDetails", Map.of("StreamMode", stream.mode().name()));
        out.put("StreamCreationTimestamp", stream.created());
        return out;
    }

    private static List<Map<String, Object>> enhancedMonitoring() {
        return List.of(Map.of("ShardLevelMetrics", List.of()));
    }
}
