package dev.serverlesslab.emulator.lambda.esm;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Lambda's {@code EventSourceMappingConfiguration}, member for member as AWS sends it for a DynamoDB stream or an SQS
 * queue; members a kind of source does not have are null and left out, as AWS leaves them out.
 *
 * @param lastModified epoch seconds: a REST-JSON timestamp
 * @param scalingConfig SQS's {@code ScalingConfig}, or null
 */
public record MappingConfiguration(
        @JsonProperty("UUID") String uuid,
        String startingPosition,
        int batchSize,
        int maximumBatchingWindowInSeconds,
        Integer parallelizationFactor,
        String eventSourceArn,
        String functionArn,
        double lastModified,
        String lastProcessingResult,
        String state,
        String stateTransitionReason,
        Map<String, Object> destinationConfig,
        Integer maximumRecordAgeInSeconds,
        Boolean bisectBatchOnFunctionError,
        Integer maximumRetryAttempts,
        Integer tumblingWindowInSeconds,
        List<String> functionResponseTypes,
        String eventSourceMappingArn,
        Map<String, Object> scalingConfig) {
}
