package dev.serverlesslab.emulator.sqs;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.AwsException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One queue and its messages, in the order they were sent. Every method holds the queue's lock, so sends, receives
 * and deletes of one queue never interleave; long polls wait on it and are woken by sends. Time is whatever instant
 * the caller passes (the emulator's clock), so advancing that clock expires visibility timeouts and delays.
 */
final class SqsQueue {

    /** SQS remembers a FIFO deduplication id for five minutes. */
    static final Duration DEDUPLICATION_WINDOW = Duration.ofMinutes(5);
    /** One PurgeQueue per minute, as AWS allows. */
    static final Duration PURGE_INTERVAL = Duration.ofSeconds(60);

    final String name;
    final String arn;
    final AccountRegion scope;
    final Instant createdAt;
    private QueueAttributes attributes;
    private Instant lastModifiedAt;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private final LinkedHashMap<String, SqsMessage> messages = new LinkedHashMap<>();
    private final Map<String, Deduplicated> deduplication = new HashMap<>();
    private long sequence = 1_000_000_000_000_000L;
    private Instant lastPurge;
    private boolean deleted;

    /** A FIFO message's answer, kept for the deduplication window so a repeated send answers the same. */
    private record Deduplicated(SentMessage answer, Instant at) {
    }

    /** What a receive hands out, and the messages it took out for their dead-letter queue. */
    record Receipt(List<ReceivedMessage> messages, List<SqsMessage> deadLetters) {
    }

    SqsQueue(AccountRegion scope, String name, QueueAttributes attributes, Map<String, String> tags, Instant now) {
        this.scope = scope;
        this.name = name;
        this.arn = "arn:aws:sqs:" + scope.region() + ":" + scope.accountId() + ":" + name;
        this.attributes = attributes;
        this.createdAt = now;
        this.lastModifiedAt = now;
        this.tags.putAll(tags);
    }

    synchronized QueueAttributes attributes() {
        return attributes;
    }

    synchronized void setAttributes(QueueAttributes changed, Instant now) {
        attributes = changed;
        lastModifiedAt = now;
    }

    synchronized Instant lastModifiedAt() {
        return lastModifiedAt;
    }

    synchronized Map<String, String> tags() {
        return Map.copyOf(tags);
    }

    synchronized void tag(Map<String, String> added) {
        tags.putAll(added);
    }

    synchronized void untag(List<String> keys) {
        keys.forEach(tags::remove);
    }

    synchronized void markDeleted() {
        deleted = true;
        messages.clear();
        notifyAll();
    }

    synchronized SentMessage send(SendRequest request, String md5OfSystemAttributes, Instant now) {
        checkNotDeleted();
        expire(now);
        String dedupKey = null;
        if (attributes.fifo()) {
            dedupKey = ("messageGroup".equals(attributes.deduplicationScope()) ? request.groupId() + "/" : "")
                    + request.deduplicationId();
            Deduplicated earlier = deduplication.get(dedupKey);
            if (earlier != null && now.isBefore(earlier.at().plus(DEDUPLICATION_WINDOW))) {
                // Accepted, not enqueued again: AWS answers a duplicate with the first message's id.
                return earlier.answer();
            }
        }
        String id = UUID.randomUUID().toString();
        SentMessage answer = new SentMessage(id, MessageMd5.ofBody(request.body()),
                MessageMd5.ofAttributes(request.attributes()), md5OfSystemAttributes,
                attributes.fifo() ? Long.toString(++sequence) + "0000" : null);
        int delay = request.delaySeconds() == null ? attributes.delaySeconds() : request.delaySeconds();
        messages.put(id, new SqsMessage(id, request, answer, now, now.plusSeconds(delay)));
        if (dedupKey != null) {
            deduplication.put(dedupKey, new Deduplicated(answer, now));
        }
        notifyAll();
        return answer;
    }

    /** Takes a message another queue's redrive policy moved here; it keeps its id, body and sent time. */
    synchronized void acceptDeadLetter(SqsMessage from, String sourceArn, Instant now) {
        if (deleted) {
            return;
        }
        SqsMessage moved = new SqsMessage(from.id, from.sent, from.answer, from.sentAt, now);
        moved.deadLetterSourceArn = sourceArn;
        messages.put(moved.id, moved);
        notifyAll();
    }

    /**
     * Receives up to {@code max} visible messages, making each invisible for {@code visibilitySeconds}. In a FIFO
     * queue a group is blocked while one of its messages is in flight, and its messages come in order. A message
     * received {@code maxReceiveCount} times already goes to the dead-letter queue instead when
     * {@code redrive} is true.
     */
    synchronized Receipt receive(int max, int visibilitySeconds, boolean redrive, Instant now) {
        checkNotDeleted();
        expire(now);
        List<ReceivedMessage> out = new ArrayList<>();
        List<SqsMessage> deadLetters = new ArrayList<>();
        Set<String> blockedGroups = new HashSet<>();
        RedrivePolicy policy = redrive ? attributes.redrivePolicy() : null;
        for (Iterator<SqsMessage> it = messages.values().iterator(); it.hasNext() && out.size() < max;) {
            SqsMessage message = it.next();
            String group = message.sent.groupId();
            if (attributes.fifo()) {
                if (blockedGroups.contains(group)) {
                    continue;
                }
                if (!message.visible(now)) {
                    blockedGroups.add(group);
                    continue;
                }
            } else if (!message.visible(now)) {
                continue;
            }
            if (policy != null && message.receiveCount >= policy.maxReceiveCount()) {
                it.remove();
                deadLetters.add(message);
                continue;
            }
            message.receiveCount++;
            if (message.firstReceivedAt == null) {
                message.firstReceivedAt = now;
            }
            message.receiptHandle = handle(message.id);
            message.visibleAt = now.plusSeconds(visibilitySeconds);
            out.add(message.received());
        }
        return new Receipt(out, deadLetters);
    }

    /** Deletes the message a receipt handle was given for; a handle of a message already gone is no error. */
    synchronized void delete(String receiptHandle) {
        checkNotDeleted();
        messages.remove(messageId(receiptHandle));
    }

    synchronized void changeVisibility(String receiptHandle, int seconds, Instant now) {
        checkNotDeleted();
        SqsMessage message = messages.get(messageId(receiptHandle));
        if (message == null || !receiptHandle.equals(message.receiptHandle)) {
            throw SqsErrors.invalidParameter("Value " + receiptHandle + " for parameter ReceiptHandle is invalid. "
                    + "Reason: Message does not exist or is not available for visibility timeout change.");
        }
        if (!message.inFlight(now)) {
            throw new AwsException("MessageNotInflight", "The message referred to isn't in flight.", 400);
        }
        message.visibleAt = now.plusSeconds(seconds);
        notifyAll();
    }

    synchronized void purge(Instant now) {
        checkNotDeleted();
        if (lastPurge != null && now.isBefore(lastPurge.plus(PURGE_INTERVAL))) {
            throw new AwsException("PurgeQueueInProgress", "Only one PurgeQueue operation on " + name
                    + " is allowed every 60 seconds.", 403);
        }
        lastPurge = now;
        messages.clear();
    }

    /** ApproximateNumberOfMessages, ...NotVisible and ...Delayed, exact here. */
    synchronized Map<String, String> counts(Instant now) {
        expire(now);
        int visible = 0;
        int inFlight = 0;
        int delayed = 0;
        for (SqsMessage message : messages.values()) {
            if (message.visible(now)) {
                visible++;
            } else if (message.receiveCount > 0) {
                inFlight++;
            } else {
                delayed++;
            }
        }
        return Map.of("ApproximateNumberOfMessages", Integer.toString(visible),
                "ApproximateNumberOfMessagesNotVisible", Integer.toString(inFlight),
                "ApproximateNumberOfMessagesDelayed", Integer.toString(delayed));
    }

    /** Waits up to {@code millis} for a send, a visibility change or the queue's deletion. */
    synchronized void awaitChange(long millis) throws InterruptedException {
        if (!deleted && millis > 0) {
            wait(millis);
        }
    }

    synchronized void wake() {
        notifyAll();
    }

    synchronized boolean deleted() {
        return deleted;
    }

    private void checkNotDeleted() {
        if (deleted) {
            throw SqsErrors.noQueue();
        }
    }

    /** Drops messages older than MessageRetentionPeriod and deduplication ids older than their window. */
    private void expire(Instant now) {
        Instant oldest = now.minusSeconds(attributes.messageRetentionPeriod());
        messages.values().removeIf(message -> !message.sentAt.isAfter(oldest));
        deduplication.values().removeIf(entry -> !now.isBefore(entry.at().plus(DEDUPLICATION_WINDOW)));
    }

    /** An opaque handle that names this queue and the message; each receive makes a new one. */
    private String handle(String messageId) {
        String plain = arn + " " + messageId + " " + UUID.randomUUID();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private String messageId(String receiptHandle) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(receiptHandle), StandardCharsets.UTF_8)
                    .split(" ");
            if (parts.length == 3 && parts[0].equals(arn)) {
                return parts[1];
            }
        } catch (IllegalArgumentException e) {
            // Not one of ours: answered below.
        }
        throw SqsErrors.receiptHandleIsInvalid(receiptHandle);
    }
}
