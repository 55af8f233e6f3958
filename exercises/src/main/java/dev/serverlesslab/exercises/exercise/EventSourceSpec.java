package dev.serverlesslab.exercises.exercise;

/**
 * A {@code trigger:} under a queue or stream: the event source mapping that makes it invoke the learner's function.
 * Null members take Lambda's defaults.
 *
 * @param startingPosition streams only: {@code TRIM_HORIZON} (the default here, so checks see every record) or
 *     {@code LATEST}
 * @param function the {@code function} or {@code function:NAME} target the mapping invokes
 */
public record EventSourceSpec(Integer batchSize, Integer maximumBatchingWindowInSeconds,
        boolean reportBatchItemFailures, String startingPosition, Integer maximumRetryAttempts,
        Boolean bisectBatchOnFunctionError, TargetRef function) {

    public EventSourceSpec {
        function = function == null ? TargetRef.function() : function;
    }

    /** A trigger of the exercise's only function. */
    public EventSourceSpec(Integer batchSize, Integer maximumBatchingWindowInSeconds, boolean reportBatchItemFailures,
            String startingPosition, Integer maximumRetryAttempts, Boolean bisectBatchOnFunctionError) {
        this(batchSize, maximumBatchingWindowInSeconds, reportBatchItemFailures, startingPosition,
                maximumRetryAttempts, bisectBatchOnFunctionError, TargetRef.function());
    }
}
