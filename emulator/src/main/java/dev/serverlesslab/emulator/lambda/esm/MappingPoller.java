package dev.serverlesslab.emulator.lambda.esm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.lambda.InvocationType;
import dev.serverlesslab.emulator.lambda.InvokeRequest;
import dev.serverlesslab.emulator.lambda.InvokeResponse;
import dev.serverlesslab.emulator.lambda.LambdaBackend;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one mapping's source partition by partition and invokes its function synchronously with each batch, as
 * Lambda's pollers do for streams: in order per shard, a batch retried until it succeeds, its retries run out or its
 * records expire; {@code batchItemFailures} move the checkpoint to the first failed record and retry from there;
 * a failing batch is split in two when {@code BisectBatchOnFunctionError} is on. A queue ({@link EventSource#isQueue})
 * is read as Lambda reads SQS: the batch stays in flight while the function runs, what succeeded is deleted, and
 * what failed is left for the queue to make visible again (and to move to its dead-letter queue).
 */
final class MappingPoller {

    private static final Logger LOG = LoggerFactory.getLogger(MappingPoller.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Lambda polls a stream's shards about four times a second. */
    static final Duration IDLE_POLL = Duration.ofMillis(250);
    /** Lambda backs off between retries of a batch; the emulator waits briefly so learners see the retries. */
    static final Duration RETRY_DELAY = Duration.ofMillis(500);
    /** How often new shards (a stream's shards split and roll over) are looked for. */
    static final Duration REFRESH = Duration.ofSeconds(5);

    private final EventSourceMapping mapping;
    private final EventSource source;
    private final LambdaBackend lambda;
    private final Map<String, Shard> shards = new LinkedHashMap<>();
    private Instant refreshed = Instant.now();
    private Future<?> running;

    /** Opens every partition now, so a LATEST position is the moment the mapping was made. */
    MappingPoller(EventSourceMapping mapping, EventSource source, EventSource.StartingPosition start,
            LambdaBackend lambda) {
        this.mapping = mapping;
        this.source = source;
        this.lambda = lambda;
        for (String partition : source.partitions()) {
            shards.put(partition, new Shard(source.open(partition, start)));
        }
    }

    synchronized void start(ExecutorService pollers) {
        if (running == null || running.isDone()) {
            running = pollers.submit(this::loop);
        }
    }

    /** Stops polling; where each shard got to is kept for a later {@link #start}. */
    synchronized void stop() {
        if (running != null) {
            running.cancel(true);
            running = null;
        }
    }

    private void loop() {
        while (!Thread.currentThread().isInterrupted()) {
            boolean busy;
            try {
                busy = pollOnce();
            } catch (StopPolling e) {
                mapping.processed(e.getMessage());
                return;
            } catch (RuntimeException e) {
                // The source failed (the table or its stream was deleted): say so and keep trying, as Lambda does.
                mapping.processed("PROBLEM: " + e.getMessage());
                LOG.debug("Event source mapping {} could not poll {}", mapping.uuid(), mapping.eventSourceArn(), e);
                busy = false;
            }
            if (!busy && !pause(IDLE_POLL)) {
                return;
            }
        }
    }

    /** One step for each shard; true when something happened that is worth polling again at once for. */
    private boolean pollOnce() {
        try {
            lambda.getFunctionConfiguration(mapping.scope(), mapping.functionArn(), null);
        } catch (AwsException e) {
            throw new StopPolling("PROBLEM: Function not found: " + mapping.functionArn());
        }
        if (Instant.now().isAfter(refreshed.plus(REFRESH))) {
            refreshed = Instant.now();
            for (String partition : source.partitions()) {
                // A shard that appears later is a child of one already read: Lambda reads it from its start.
                shards.computeIfAbsent(partition,
                        p -> new Shard(source.open(p, EventSource.StartingPosition.TRIM_HORIZON)));
            }
        }
        boolean busy = false;
        for (Shard shard : shards.values()) {
            busy |= step(shard, mapping.settings());
        }
        return busy;
    }

    private boolean step(Shard shard, MappingSettings settings) {
        if (source.isQueue()) {
            return queueStep(shard, settings);
        }
        Instant now = Instant.now();
        if (shard.retryAt != null && now.isBefore(shard.retryAt)) {
            return false;
        }
        if (shard.pending.size() < settings.batchSize() && !shard.reader.ended()) {
            List<SourceRecord> read = shard.reader.read(settings.batchSize() - shard.pending.size());
            if (!read.isEmpty() && shard.pending.isEmpty()) {
                shard.firstSeen = now;
            }
            shard.pending.addAll(read);
        }
        if (shard.pending.isEmpty()) {
            return false;
        }
        boolean retrying = shard.retryAt != null;
        if (!retrying && shard.pending.size() < settings.batchSize()
                && now.isBefore(shard.firstSeen.plusSeconds(settings.maximumBatchingWindowInSeconds()))) {
            // MaximumBatchingWindowInSeconds: wait for a fuller batch, but no longer than the window.
            return false;
        }
        dropExpired(shard, settings, now);
        if (shard.pending.isEmpty()) {
            return true;
        }
        int size = Math.min(shard.pending.size(), settings.batchSize());
        if (shard.bisected > 0) {
            size = Math.min(size, Math.min(shard.bisected, shard.bisectRemaining));
        }
        List<SourceRecord> batch = List.copyOf(shard.pending.subList(0, size));
        Outcome outcome = invoke(batch, settings);
        if (outcome.throttled) {
            shard.retryAt = Instant.now().plus(RETRY_DELAY);
        } else if (outcome.firstFailed < 0) {
            done(shard, size);
            shard.attempts = 0;
            shard.retryAt = null;
            if (shard.bisected > 0) {
                shard.bisectRemaining -= size;
                if (shard.bisectRemaining <= 0) {
                    shard.bisected = 0;
                }
            }
            mapping.processed("OK");
        } else if (outcome.firstFailed > 0) {
            // Everything before the first reported failure is done; the retry starts at that record.
            done(shard, outcome.firstFailed);
            failed(shard, settings, size - outcome.firstFailed);
        } else if (settings.bisectBatchOnFunctionError() && size > 1) {
            // Splitting a batch does not count as a retry attempt.
            if (shard.bisected == 0) {
                shard.bisectRemaining = size;
            }
            shard.bisected = (size + 1) / 2;
            shard.retryAt = null;
            mapping.processed("PROBLEM: Function call failed");
        } else {
            failed(shard, settings, size);
        }
        return true;
    }

    /**
     * One receive-invoke-delete round on a queue; true when a batch went to the function. The batching window runs
     * on the emulator's clock, as the queue's visibility timeouts do: advancing it sends a filling batch at once.
     */
    private boolean queueStep(Shard shard, MappingSettings settings) {
        Instant now = lambda.clock().instant();
        if (shard.pending.size() < settings.batchSize()) {
            List<SourceRecord> read = shard.reader.read(settings.batchSize() - shard.pending.size());
            if (!read.isEmpty() && shard.pending.isEmpty()) {
                shard.firstSeen = now;
            }
            shard.pending.addAll(read);
        }
        if (shard.pending.isEmpty() || (shard.pending.size() < settings.batchSize()
                && now.isBefore(shard.firstSeen.plusSeconds(settings.maximumBatchingWindowInSeconds())))) {
            // MaximumBatchingWindowInSeconds: the messages received so far stay in flight while the batch fills.
            return false;
        }
        List<SourceRecord> batch = List.copyOf(shard.pending);
        shard.pending.clear();
        Set<Integer> failed = queueInvoke(batch, settings);
        for (int i = 0; i < batch.size(); i++) {
            if (!failed.contains(i)) {
                shard.reader.checkpoint(batch.get(i));
            }
        }
        mapping.processed(failed.isEmpty() ? "OK" : "PROBLEM: Function call failed");
        return true;
    }

    /** The indexes of the batch's records that failed: none, some (reported batch item failures) or all. */
    private Set<Integer> queueInvoke(List<SourceRecord> batch, MappingSettings settings) {
        Set<Integer> all = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            all.add(i);
        }
        InvokeResponse response;
        try {
            response = lambda.invoke(mapping.scope(), new InvokeRequest(mapping.functionArn(), null,
                    InvocationType.RequestResponse, source.event(batch), null));
        } catch (AwsException e) {
            if ("ResourceNotFoundException".equals(e.code())) {
                throw new StopPolling("PROBLEM: Function not found: " + mapping.functionArn());
            }
            // Throttled or refused: the messages come back once their visibility timeout ends, as on AWS.
            LOG.info("Event source mapping {} could not invoke {}: {}", mapping.uuid(), mapping.functionArn(),
                    e.getMessage());
            return all;
        }
        if (response.functionError() != null) {
            return all;
        }
        return settings.reportBatchItemFailures() ? failedIndexes(batch, response.payload()) : Set.of();
    }

    /**
     * {@code batchItemFailures} read as Lambda reads them: none (or an empty or null list, or an answer that is not
     * JSON) is success; an identifier that names no record of the batch, or none at all, fails the whole batch.
     */
    static Set<Integer> failedIndexes(List<SourceRecord> batch, byte[] payload) {
        JsonNode failures;
        try {
            failures = JSON.readTree(payload).path("batchItemFailures");
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
        if (!failures.isArray() || failures.isEmpty()) {
            return Set.of();
        }
        Set<Integer> failed = new HashSet<>();
        for (JsonNode failure : failures) {
            int index = indexOf(batch, failure.path("itemIdentifier").asText(""));
            if (index < 0) {
                for (int i = 0; i < batch.size(); i++) {
                    failed.add(i);
                }
                return failed;
            }
            failed.add(index);
        }
        return failed;
    }

    /** A batch failed: retry it later, or give up on it once the retries are used up. */
    private void failed(Shard shard, MappingSettings settings, int failing) {
        shard.attempts++;
        mapping.processed("PROBLEM: Function call failed");
        if (settings.maximumRetryAttempts() >= 0 && shard.attempts > settings.maximumRetryAttempts()) {
            LOG.info("Event source mapping {} discards {} record(s) after {} failed attempt(s)", mapping.uuid(),
                    failing, shard.attempts);
            done(shard, failing);
            shard.attempts = 0;
            shard.bisected = 0;
            shard.retryAt = null;
        } else {
            shard.retryAt = Instant.now().plus(RETRY_DELAY);
        }
    }

    private void dropExpired(Shard shard, MappingSettings settings, Instant now) {
        if (settings.maximumRecordAgeInSeconds() < 0) {
            return;
        }
        Instant oldest = now.minusSeconds(settings.maximumRecordAgeInSeconds());
        int expired = 0;
        while (expired < shard.pending.size() && shard.pending.get(expired).created().isBefore(oldest)) {
            expired++;
        }
        if (expired > 0) {
            done(shard, expired);
            shard.attempts = 0;
        }
    }

    /** The first {@code count} pending records are finished with: the checkpoint moves past them. */
    private static void done(Shard shard, int count) {
        List<SourceRecord> finished = shard.pending.subList(0, count);
        shard.reader.checkpoint(finished.get(count - 1));
        finished.clear();
        if (!shard.pending.isEmpty()) {
            shard.firstSeen = Instant.now();
        }
    }

    private Outcome invoke(List<SourceRecord> batch, MappingSettings settings) {
        InvokeResponse response;
        try {
            response = lambda.invoke(mapping.scope(), new InvokeRequest(mapping.functionArn(), null,
                    InvocationType.RequestResponse, source.event(batch), null));
        } catch (AwsException e) {
            if ("ResourceNotFoundException".equals(e.code())) {
                throw new StopPolling("PROBLEM: Function not found: " + mapping.functionArn());
            }
            if ("TooManyRequestsException".equals(e.code())) {
                return new Outcome(true, -1);
            }
            LOG.info("Event source mapping {} could not invoke {}: {}", mapping.uuid(), mapping.functionArn(),
                    e.getMessage());
            return new Outcome(false, 0);
        }
        if (response.functionError() != null) {
            return new Outcome(false, 0);
        }
        return settings.reportBatchItemFailures() ? itemFailures(batch, response.payload()) : new Outcome(false, -1);
    }

    /**
     * Reads {@code batchItemFailures} as Lambda does: none (or an empty or null list) is success; the failure with
     * the lowest sequence number is where the retry starts; an identifier that names no record of the batch fails
     * the whole batch.
     */
    static Outcome itemFailures(List<SourceRecord> batch, byte[] payload) {
        JsonNode failures;
        try {
            failures = JSON.readTree(payload).path("batchItemFailures");
        } catch (IOException | RuntimeException e) {
            return new Outcome(false, -1);
        }
        if (!failures.isArray() || failures.isEmpty()) {
            return new Outcome(false, -1);
        }
        int first = Integer.MAX_VALUE;
        for (JsonNode failure : failures) {
            String id = failure.path("itemIdentifier").asText("");
            int index = indexOf(batch, id);
            if (index < 0) {
                return new Outcome(false, 0);
            }
            first = Math.min(first, index);
        }
        return new Outcome(false, first);
    }

    private static int indexOf(List<SourceRecord> batch, String id) {
        for (int i = 0; i < batch.size(); i++) {
            if (!id.isEmpty() && batch.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * How an invocation went.
     *
     * @param firstFailed -1 for success, else the index of the first record to retry (0: the whole batch)
     */
    record Outcome(boolean throttled, int firstFailed) {
    }

    /** One partition's reader and the records read from it but not yet finished. */
    private static final class Shard {
        final EventSource.PartitionReader reader;
        final List<SourceRecord> pending = new ArrayList<>();
        Instant firstSeen = Instant.now();
        Instant retryAt;
        int attempts;
        /** While above 0, batches are at most this big: a failing batch was split. */
        int bisected;
        int bisectRemaining;

        Shard(EventSource.PartitionReader reader) {
            this.reader = reader;
        }
    }

    /** The function is gone: the mapping stops polling until it is updated. */
    private static final class StopPolling extends RuntimeException {
        StopPolling(String message) {
            super(message, null, false, false);
        }
    }
}
