package dev.serverlesslab.emulator.kinesis;

import dev.serverlesslab.emulator.core.AccountRegion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * A position in one shard as GetRecords is handed it: opaque base64 text to the caller, holding the stream (by
 * name and {@link KinesisStream#epoch()}, so a recreated stream's iterators are refused), the shard, the position to read after and
 * when the iterator was issued (it expires five minutes later, as AWS's do).
 */
record ShardIterator(AccountRegion scope, String streamName, long streamEpoch, String shardId, long after,
        Instant issued) {

    String encode() {
        String text = String.join("|", scope.accountId(), scope.region(), streamName,
                Long.toString(streamEpoch), shardId, Long.toString(after), Long.toString(issued.toEpochMilli()));
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The iterator behind the text; InvalidArgumentException for text no GetShardIterator here issued. */
    static ShardIterator decode(String text) {
        try {
            String[] parts = new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 7) {
                throw invalid();
            }
            return new ShardIterator(new AccountRegion(parts[0], parts[1]), parts[2], Long.parseLong(parts[3]),
                    parts[4], Long.parseLong(parts[5]), Instant.ofEpochMilli(Long.parseLong(parts[6])));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    ShardIterator at(long position, Instant now) {
        return new ShardIterator(scope, streamName, streamEpoch, shardId, position, now);
    }

    private static RuntimeException invalid() {
        return KinesisErrors.invalidArgument("Invalid ShardIterator: use the ShardIterator or NextShardIterator "
                + "that GetShardIterator or GetRecords returned");
    }
}
