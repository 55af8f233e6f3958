package dev.serverlesslab.emulator.logs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The groups and streams of one account and region that callers created themselves; the backend guards it with
 * the store's monitor, since a PutLogEvents and a read must not interleave inside one stream.
 */
final class LogsStore {

    /** Sorted, as DescribeLogGroups answers alphabetically. */
    final Map<String, Group> groups = new TreeMap<>();
    /**
     * Per deleted group, the time of deletion: a source's events up to then stay hidden, as deleting a Lambda
     * function's group in AWS removes what was written before.
     */
    final Map<String, Long> hiddenUntil = new HashMap<>();

    /** A group created by CreateLogGroup or by the first write of a source. */
    static final class Group {
        final long creationTime;
        final Map<String, Stream> streams = new TreeMap<>();
        /** Null: never expire, as AWS's default. */
        Integer retentionInDays;
        final Map<String, String> tags = new TreeMap<>();

        Group(long creationTime) {
            this.creationTime = creationTime;
        }
    }

    /** A stream's events in the order they were put, which PutLogEvents keeps chronological per request. */
    static final class Stream {
        final long creationTime;
        final List<LogsEvent> events = new ArrayList<>();

        Stream(long creationTime) {
            this.creationTime = creationTime;
        }
    }
}
