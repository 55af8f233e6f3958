package dev.serverlesslab.emulator.lambda.esm;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Lambda's {@code EventSourceMappingConfiguration}, member for member as AWS sends it for a DynamoDB stream.
 *
 * @param lastModified epoch seconds: a REST-JSON timestamp
 */
public record MappingConfiguration(
        @JsonProperty("UUID") String uuid,
        String startingPosition,
        int batchSize,
        int maximumBatchingWindowInSeconds,
        int parallelizationFactor,
        String eventSourceArn,
        String functionArn,
        double lastModified,
        String lastProcessingResult,
        String state,
        String stateTransitionReason,
        Map<String, Object> destinationConfig,
        int maximumRecordAgeInSeconds,
        boolean bisectBatchOnFunctionError,
        int maximumRetryAttempts,
        int tumblingWindowInSeconds,
        List<String> functionResponseTypes,
        String eventSourceMappingArn) {
}
