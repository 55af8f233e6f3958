package dev.serverlesslab.emulator.kinesis;

import java.util.OptionalLong;

/**
 * Sequence numbers shaped as AWS's (56 decimal digits starting with {@code 49}) and increasing through a stream:
 * {@code 49}, the stream's epoch (20 digits: its creation time in milliseconds, unique per stream, so a number
 * from a deleted stream of the same name is recognised as foreign), a stream-wide counter (31 digits) and the shard's index (3 digits). Comparing two of one
 * stream as strings orders them as they were written.
 */
final class SequenceNumbers {

    static final int LENGTH = 56;
    private static final int PREFIX_LENGTH = 22;
    private static final int COUNTER_LENGTH = 31;

    private final String prefix;

    SequenceNumbers(long streamEpoch) {
        this.prefix = "49" + String.format("%020d", streamEpoch);
    }

    String of(long position, int shardIndex) {
        return prefix + String.format("%031d%03d", position, shardIndex);
    }

    /** The counter a number of this stream and shard encodes; empty for any other text. */
    OptionalLong position(String sequenceNumber, int shardIndex) {
        if (sequenceNumber == null || sequenceNumber.length() != LENGTH || !sequenceNumber.startsWith(prefix)
                || !sequenceNumber.chars().allMatch(Character::isDigit)) {
            return OptionalLong.empty();
        }
        int shard = Integer.parseInt(sequenceNumber.substring(PREFIX_LENGTH + COUNTER_LENGTH));
        if (shard != shardIndex) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(sequenceNumber.substring(PREFIX_LENGTH,
                    PREFIX_LENGTH + COUNTER_LENGTH)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
