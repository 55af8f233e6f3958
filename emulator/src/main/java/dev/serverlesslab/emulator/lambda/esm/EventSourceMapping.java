package dev.serverlesslab.emulator.lambda.esm;

import dev.serverlesslab.emulator.core.AccountRegion;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One mapping: its fixed identity (UUID, source, starting position), the settings its owner may update, the function
 * it feeds, and what its poller last reported. Changes are synchronized on the mapping.
 */
final class EventSourceMapping {

    private final String uuid;
    private final AccountRegion scope;
    private final String eventSourceArn;
    private final EventSource.StartingPosition startingPosition;
    private String functionArn;
    private MappingSettings settings;
    private Instant lastModified = Instant.now();
    private String lastProcessingResult = "No records processed";
    private String state;

    EventSourceMapping(String uuid, AccountRegion scope, String eventSourceArn,
            EventSource.StartingPosition startingPosition, String functionArn, MappingSettings settings) {
        this.uuid = uuid;
        this.scope = scope;
        this.eventSourceArn = eventSourceArn;
        this.startingPosition = startingPosition;
        this.functionArn = functionArn;
        this.settings = settings;
        this.state = "Creating";
    }

    String uuid() {
        return uuid;
    }

    AccountRegion scope() {
        return scope;
    }

    String eventSourceArn() {
        return eventSourceArn;
    }

    synchronized String functionArn() {
        return functionArn;
    }

    synchronized MappingSettings settings() {
        return settings;
    }

    /** New settings and function; the state says what is changing until {@link #settle()}. */
    synchronized void update(String newFunctionArn, MappingSettings newSettings) {
        boolean wasEnabled = settings.enabled();
        functionArn = newFunctionArn;
        settings = newSettings;
        lastModified = Instant.now();
        state = wasEnabled == newSettings.enabled() ? "Updating" : newSettings.enabled() ? "Enabling" : "Disabling";
    }

    /** The state a caller sees once a create or update has taken effect. */
    synchronized void settle() {
        state = settings.enabled() ? "Enabled" : "Disabled";
    }

    synchronized void deleting() {
        state = "Deleting";
    }

    synchronized void processed(String result) {
        lastProcessingResult = result;
    }

    synchronized MappingConfiguration configuration() {
        boolean queue = settings.queue();
        return new MappingConfiguration(uuid, startingPosition == null ? null : startingPosition.name(),
                settings.batchSize(),
                settings.maximumBatchingWindowInSeconds(), queue ? null : 1, eventSourceArn, functionArn,
                lastModified.toEpochMilli() / 1000.0, queue ? null : lastProcessingResult, state, "USER_INITIATED",
                queue ? null : Map.of("OnFailure", Map.of()), queue ? null : settings.maximumRecordAgeInSeconds(),
                queue ? null : settings.bisectBatchOnFunctionError(), queue ? null : settings.maximumRetryAttempts(),
                queue ? null : 0,
                settings.reportBatchItemFailures() ? List.of(MappingSettings.REPORT_BATCH_ITEM_FAILURES) : List.of(),
                "arn:aws:lambda:" + scope.region() + ":" + scope.accountId() + ":event-source-mapping:" + uuid,
                settings.maximumConcurrency() == null ? null
                        : Map.of("MaximumConcurrency", settings.maximumConcurrency()));
    }
}
