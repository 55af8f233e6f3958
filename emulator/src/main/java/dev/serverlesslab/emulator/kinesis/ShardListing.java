package dev.serverlesslab.emulator.kinesis;

import dev.serverlesslab.emulator.core.AccountRegion;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ListShards: a stream's shards in pages, from a NextToken or after a shard id, through a ShardFilter. Every shard
 * here is open and as old as its stream (no resharding), so the time-based filters keep them all.
 */
final class ShardListing {

    private final KinesisBackend backend;

    ShardListing(KinesisBackend backend) {
        this.backend = backend;
    }

    Map<String, Object> listShards(AccountRegion scope, KinesisRequest in) {
        in.only("StreamName", "StreamARN", "StreamId", "NextToken", "ExclusiveStartShardId", "MaxResults",
                "StreamCreationTimestamp", "ShardFilter");
        String streamName = in.streamName();
        String start = in.text("ExclusiveStartShardId");
        if (in.has("NextToken")) {
            if (streamName != null || start != null || in.has("StreamCreationTimestamp")) {
                throw KinesisErrors.invalidArgument("NextToken and StreamName, StreamARN, ExclusiveStartShardId or "
                        + "StreamCreationTimestamp cannot be provided together.");
            }
            String[] token = KinesisHandler.decodeToken(in.text("NextToken")).split("\\|", 2);
            if (token.length != 2) {
                throw KinesisErrors.invalidArgument("Invalid NextToken: pass the NextToken of the previous answer");
            }
            streamName = token[0];
            start = token[1];
        }
        KinesisStream stream = backend.stream(scope, streamName);
        Instant created = in.timestamp(in.node(), "StreamCreationTimestamp");
        if (created != null && created.toEpochMilli() != stream.created().toEpochMilli()) {
            throw KinesisErrors.streamNotFound(scope, streamName);
        }
        start = filtered(in, start);
        int max = in.intValue("MaxResults", 1000, 1, 10_000);
        String after = start;
        List<KinesisShard> shards = stream.shards().stream()
                .filter(shard -> after == null || shard.shardId().compareTo(after) > 0).toList();
        List<KinesisShard> page = shards.subList(0, Math.min(max, shards.size()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Shards", page.stream().map(KinesisShapes::shard).toList());
        if (page.size() < shards.size()) {
            out.put("NextToken", KinesisHandler.encodeToken(stream.name() + "|"
                    + page.get(page.size() - 1).shardId()));
        }
        return out;
    }

    /** The shard id to list after once the filter is applied (AFTER_SHARD_ID moves it; the others keep all). */
    private static String filtered(KinesisRequest in, String start) {
        String type = in.nested("ShardFilter", "Type");
        if (type == null) {
            if (in.node().hasNonNull("ShardFilter")) {
                throw KinesisErrors.validation("shardFilter.type", null, "Member must not be null");
            }
            return start;
        }
        String shardId = in.nested("ShardFilter", "ShardId");
        Instant timestamp = in.timestamp(in.node().path("ShardFilter"), "Timestamp");
        return switch (type) {
            case "AFTER_SHARD_ID" -> {
                if (shardId == null) {
                    throw KinesisErrors.invalidArgument("ShardFilter of type AFTER_SHARD_ID needs a ShardId");
                }
                yield start == null || shardId.compareTo(start) > 0 ? shardId : start;
            }
            case "AT_TIMESTAMP", "FROM_TIMESTAMP" -> {
                if (timestamp == null) {
                    throw KinesisErrors.invalidArgument("ShardFilter of type " + type + " needs a Timestamp");
                }
                yield start;
            }
            case "AT_TRIM_HORIZON", "FROM_TRIM_HORIZON", "AT_LATEST" -> start;
            default -> throw KinesisErrors.validation("shardFilter.type", type, "Member must satisfy enum value set: "
                    + "[AFTER_SHARD_ID, AT_TRIM_HORIZON, FROM_TRIM_HORIZON, AT_LATEST, AT_TIMESTAMP, FROM_TIMESTAMP]");
        };
    }
}
