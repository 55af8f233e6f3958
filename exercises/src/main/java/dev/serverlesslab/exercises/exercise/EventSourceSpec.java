package dev.serverlesslab.exercises.exercise;

/**
 * A {@code trigger:} under a queue or stream: the event source mapping that makes it invoke the learner's function.
 * Null members take Lambda's defaults.
 *
 * @param startingPosition streams only: {@code TRIM_HORIZON} (the default here, so checks see every record) or
 *     {@code LATEST}
 */
public record EventSourceSpec(Integer batchSize, Integer maximumBatchingWindowInSeconds,
        boolean reportBatchItemFailures, String startingPosition, Integer maximumRetryAttempts,
        Boolean bisectBatchOnFunctionError) {
}
