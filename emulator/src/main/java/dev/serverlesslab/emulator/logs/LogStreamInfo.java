package dev.serverlesslab.emulator.logs;

/** A log stream as DescribeLogStreams reports it; the event times are null while the stream is empty. */
public record LogStreamInfo(String logStreamName, long creationTime, Long firstEventTimestamp,
        Long lastEventTimestamp, Long lastIngestionTime, String arn, long storedBytes) {
}
