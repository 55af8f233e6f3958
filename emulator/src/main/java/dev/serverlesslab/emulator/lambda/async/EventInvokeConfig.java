package dev.serverlesslab.emulator.lambda.async;

/**
 * Lambda's {@code FunctionEventInvokeConfig}: how asynchronous invocations of one function version or alias are
 * retried, how long an event may wait, and where its outcome goes.
 *
 * @param lastModified epoch seconds: a REST-JSON timestamp
 * @param maximumRetryAttempts 0 to 2; null: Lambda's default of 2
 * @param maximumEventAgeInSeconds 60 to 21600; null: Lambda's default of 6 hours
 */
public record EventInvokeConfig(
        double lastModified,
        String functionArn,
        Integer maximumRetryAttempts,
        Integer maximumEventAgeInSeconds,
        DestinationConfig destinationConfig) {

    /** Retries when nobody configured them, as on AWS. */
    public static final int DEFAULT_RETRIES = 2;
    public static final int DEFAULT_MAX_EVENT_AGE_SECONDS = 21_600;

    public int retries() {
        return maximumRetryAttempts == null ? DEFAULT_RETRIES : maximumRetryAttempts;
    }

    public int maxEventAgeSeconds() {
        return maximumEventAgeInSeconds == null ? DEFAULT_MAX_EVENT_AGE_SECONDS : maximumEventAgeInSeconds;
    }

    /** {@code DestinationConfig}: both members are present in AWS's answers, empty when unset. */
    public record DestinationConfig(OnOutcome onSuccess, OnOutcome onFailure) {
    }

    /** {@code OnSuccess}/{@code OnFailure}: a destination ARN, or none. */
    public record OnOutcome(String destination) {
    }
}
