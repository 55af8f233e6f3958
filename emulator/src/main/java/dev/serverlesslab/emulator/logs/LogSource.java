package dev.serverlesslab.emulator.logs;

import dev.serverlesslab.emulator.core.AccountRegion;
import java.util.List;

/**
 * Log events another service writes without calling PutLogEvents (Lambda's function output), read through on every
 * query so CloudWatch Logs never holds a stale copy.
 */
public interface LogSource {

    /** A source with no groups, for a backend that holds only what PutLogEvents sent. */
    LogSource NONE = new LogSource() {
        @Override
        public List<String> logGroupNames(AccountRegion scope) {
            return List.of();
        }

        @Override
        public List<SourceEvent> events(AccountRegion scope, String logGroupName) {
            return List.of();
        }
    };

    /** The groups this source may have written to, e.g. {@code /aws/lambda/<name>} for every function. */
    List<String> logGroupNames(AccountRegion scope);

    /** The group's events, oldest first; empty when the source never wrote to it. */
    List<SourceEvent> events(AccountRegion scope, String logGroupName);

    /** One event as its source recorded it. */
    record SourceEvent(String logStreamName, long timestamp, String message) {
    }
}
