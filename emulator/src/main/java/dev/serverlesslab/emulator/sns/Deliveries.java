package dev.serverlesslab.emulator.sns;

import dev.serverlesslab.emulator.core.Arns;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.core.EmulatorClock;
import dev.serverlesslab.emulator.core.Targets;
import dev.serverlesslab.emulator.core.Targets.MessageAttribute;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a published message to each subscriber: Lambda and SQS through {@link Targets} (as the principal
 * {@code sns.amazonaws.com} for the topic, so Lambda checks its resource policy), HTTP/S endpoints with real POSTs on
 * a small daemon pool started at the first HTTP subscription. HTTP deliveries follow SNS's default delivery policy:
 * three retries, 20 seconds apart on the emulator's clock.
 */
final class Deliveries implements AutoCloseable {

    static final String PRINCIPAL = "sns.amazonaws.com";
    private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);
    private static final int HTTP_RETRIES = 3;
    private static final Duration HTTP_RETRY_DELAY = Duration.ofSeconds(20);
    private static final int HTTP_TIMEOUT_MILLIS = 15_000;

    private final Targets targets;
    private final EmulatorClock clock;
    private final Envelopes envelopes;
    private final AtomicInteger threads = new AtomicInteger();
    private ExecutorService http;
    private boolean closed;

    Deliveries(Targets targets, EmulatorClock clock, Envelopes envelopes) {
        this.targets = targets;
        this.clock = clock;
        this.envelopes = envelopes;
    }

    /** Delivers one message to one confirmed subscription; failures are logged, as SNS drops them after retries. */
    void notify(Topic topic, Subscription subscription, Message message) {
        String signatureVersion = topic.attributes().getOrDefault("SignatureVersion", "1");
        String account = Arns.scope(topic.arn()).accountId();
        try {
            switch (subscription.protocol()) {
                case "lambda" -> targets.deliver(Targets.Delivery.of(subscription.endpoint(),
                        envelopes.lambdaEvent(message, subscription, signatureVersion), PRINCIPAL, topic.arn(),
                        account));
                case "sqs" -> targets.deliver(toQueue(topic, subscription, message, signatureVersion, account));
                case "http", "https" -> post(subscription, "Notification", message.messageId(), subscription.raw()
                        ? message.bodyFor(subscription.protocol())
                        : envelopes.notification(message, subscription, signatureVersion));
                default -> LOG.warn("SNS cannot deliver to protocol {} ({})", subscription.protocol(),
                        subscription.arn());
            }
        } catch (AwsException e) {
            LOG.warn("SNS could not deliver message {} of {} to {}: {} {}", message.messageId(), topic.arn(),
                    subscription.endpoint(), e.code(), e.getMessage());
        }
    }

    /** Sends an HTTP/S endpoint the SubscriptionConfirmation with its token. */
    void confirm(Topic topic, Subscription subscription) {
        String messageId = UUID.randomUUID().toString();
        post(subscription, "SubscriptionConfirmation", messageId, envelopes.confirmation(subscription, messageId,
                clock.instant(), topic.attributes().getOrDefault("SignatureVersion", "1")));
    }

    private Targets.Delivery toQueue(Topic topic, Subscription subscription, Message message,
            String signatureVersion, String account) {
        boolean raw = subscription.raw();
        String body = raw ? message.bodyFor("sqs") : envelopes.notification(message, subscription, signatureVersion);
        Map<String, MessageAttribute> attributes = raw ? message.attributes() : Map.of();
        return new Targets.Delivery(subscription.endpoint(), body, attributes, message.groupId(),
                message.deduplicationId(), message.subject(), PRINCIPAL, topic.arn(), account);
    }

    private void post(Subscription subscription, String type, String messageId, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/plain; charset=UTF-8");
        headers.put("User-Agent", "Amazon Simple Notification Service Agent");
        headers.put("x-amz-sns-message-type", type);
        headers.put("x-amz-sns-message-id", messageId);
        headers.put("x-amz-sns-topic-arn", subscription.topicArn());
        if (!"SubscriptionConfirmation".equals(type)) {
            headers.put("x-amz-sns-subscription-arn", subscription.arn());
        }
        if (subscription.raw() && "Notification".equals(type)) {
            headers.put("x-amz-sns-rawdelivery", "true");
        }
        try {
            pool().execute(() -> postWithRetries(subscription.endpoint(), headers, body));
        } catch (RejectedExecutionException e) {
            LOG.debug("SNS is closed; dropped the {} to {}", type, subscription.endpoint());
        }
    }

    private void postWithRetries(String endpoint, Map<String, String> headers, String body) {
        for (int attempt = 0; attempt <= HTTP_RETRIES; attempt++) {
            if (attempt > 0 && !clock.sleepUntil(clock.instant().plus(HTTP_RETRY_DELAY))) {
                return;
            }
            String failure = postOnce(endpoint, headers, body);
            if (failure == null) {
                return;
            }
            LOG.warn("SNS delivery to {} failed (attempt {} of {}): {}", endpoint, attempt + 1, HTTP_RETRIES + 1,
                    failure);
        }
    }

    /** One POST; null when the endpoint answered 2xx, else what went wrong. */
    private static String postOnce(String endpoint, Map<String, String> headers, String body) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(endpoint).toURL().openConnection();
            connection.setRequestMethod("POST");
            connection.setConnectTimeout(HTTP_TIMEOUT_MILLIS);
            connection.setReadTimeout(HTTP_TIMEOUT_MILLIS);
            connection.setInstanceFollowRedirects(false);
            connection.setDoOutput(true);
            headers.forEach(connection::setRequestProperty);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            connection.setFixedLengthStreamingMode(bytes.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(bytes);
            }
            int status = connection.getResponseCode();
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                if (in != null) {
                    in.readAllBytes();
                }
            }
            return status / 100 == 2 ? null : "HTTP " + status;
        } catch (IOException | IllegalArgumentException e) {
            return e.toString();
        }
    }

    private synchronized ExecutorService pool() {
        if (closed) {
            throw new RejectedExecutionException("closed");
        }
        if (http == null) {
            http = Executors.newFixedThreadPool(4, runnable -> {
                Thread thread = new Thread(runnable, "serverlesslab-sns-http-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }
        return http;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (http != null) {
            http.shutdownNow();
        }
    }
}
