package dev.serverlesslab.graders.check;

import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The grading's SQS queues by the logical names {@code resources.queues} gives them, with what checks of a queue
 * consumer repeat: send a batch, wait until the function's mapping has drained the queue, take what landed in a
 * dead-letter queue. Checks receive it as a test method parameter.
 *
 * <pre>{@code
 * @Test void settlesEveryPayment(Queues queues, DeployedFunction function) {
 *     queues.send("payments", List.of("{\"paymentId\":\"p-1\"}", "{\"paymentId\":\"p-2\"}"));
 *     queues.awaitDrained("payments", Duration.ofSeconds(30));
 *     assertEquals(List.of(), queues.receiveAll("rejected"), "nothing should be dead-lettered");
 * }
 * }</pre>
 * A name the exercise does not declare throws {@link IllegalArgumentException} listing the declared ones; what the
 * queue refuses or never does fails the check with a message naming the queue.
 */
public interface Queues {

    /**
     * Sends one message per body, in SendMessageBatch calls of ten (a FIFO queue's messages share one group, each with
     * a deduplication id of its own), and answers their message ids in the order of {@code bodies}. An entry the queue
     * refuses fails the check naming it and the queue's error.
     */
    List<String> send(String queue, List<String> bodies);

    /** Sends one message and answers its id. */
    default String send(String queue, String body) {
        return send(queue, List.of(body)).get(0);
    }

    /** What the queue holds now: visible, in flight (received, not yet deleted) and delayed messages. */
    QueueDepth depth(String queue);

    /**
     * Waits until the queue holds no message at all ({@link QueueDepth#total()} 0: consumed and deleted, or moved to a
     * dead-letter queue), failing the check with the depth at the deadline when {@code within} has passed first.
     */
    void awaitDrained(String queue, Duration within);

    /**
     * Takes every message visible on the queue now off it (received with all their attributes, then deleted) and
     * answers them oldest receive first; an empty list when there are none. Messages in flight are not waited for.
     */
    List<Message> receiveAll(String queue);
}
