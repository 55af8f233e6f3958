package dev.serverlesslab.emulator.scheduler;

/**
 * A schedule's templated target: the resource, the role Scheduler would assume (kept and shown), the input delivered
 * as is, retries, the dead-letter queue, and the SQS and EventBridge parameters.
 */
public record ScheduleTarget(String arn, String roleArn, String input, int maximumEventAgeInSeconds,
        int maximumRetryAttempts, String deadLetterArn, String messageGroupId, String detailType, String source) {

    /** AWS's defaults when RetryPolicy is not given: 24 hours and 185 attempts. */
    static final int DEFAULT_EVENT_AGE = 86_400;
    static final int DEFAULT_RETRY_ATTEMPTS = 185;
}
