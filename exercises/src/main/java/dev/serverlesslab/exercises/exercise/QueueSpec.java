package dev.serverlesslab.exercises.exercise;

/**
 * A declared SQS queue.
 *
 * @param deadLetterQueue the logical name of the queue failed messages move to, or null
 * @param trigger the event source mapping to the learner's function, or null
 */
public record QueueSpec(String logicalName, boolean fifo, Integer visibilityTimeout, Integer delaySeconds,
        String deadLetterQueue, Integer maxReceiveCount, EventSourceSpec trigger) {
}
