package dev.serverlesslab.emulator.lambda;

import java.util.List;
import java.util.Map;

/**
 * Lambda's {@code FunctionConfiguration}: what CreateFunction, GetFunction and GetFunctionConfiguration return, member
 * for member as AWS sends it (null members are left out).
 */
public record FunctionConfiguration(
        String functionName,
        String functionArn,
        String runtime,
        String role,
        String handler,
        long codeSize,
        String description,
        int timeout,
        int memorySize,
        String lastModified,
        String codeSha256,
        String version,
        EnvironmentResponse environment,
        TracingConfig tracingConfig,
        String revisionId,
        String state,
        String stateReason,
        String stateReasonCode,
        String lastUpdateStatus,
        String lastUpdateStatusReason,
        String lastUpdateStatusReasonCode,
        String packageType,
        List<String> architectures,
        EphemeralStorage ephemeralStorage,
        SnapStart snapStart,
        LoggingConfig loggingConfig,
        List<LayerReference> layers,
        RuntimeVersionConfig runtimeVersionConfig,
        DeadLetterConfig deadLetterConfig) {

    /**
     * {@code RuntimeVersionConfig}: which runtime version runs the function. AWS's ARN names a Corretto build; the
     * emulator's names the JDK it really starts ({@code arn:aws:lambda:REGION::runtime:jdk-25.0.3-temurin-25-...}).
     */
    public record RuntimeVersionConfig(String runtimeVersionArn) {
    }

    /**
     * {@code DeadLetterConfig}: the standard SQS queue or SNS topic that gets an Event invocation's payload once its
     * retries are used up; left out of responses when none is set, as AWS does.
     */
    public record DeadLetterConfig(String targetArn) {
    }

    /** The dead-letter target, or null when none is set. */
    public String deadLetterTarget() {
        return deadLetterConfig == null || deadLetterConfig.targetArn() == null
                || deadLetterConfig.targetArn().isEmpty() ? null : deadLetterConfig.targetArn();
    }

    /** The same configuration with the runtime version its runtime runs on here. */
    public FunctionConfiguration withRuntimeVersion(RuntimeVersionConfig version) {
        return new FunctionConfiguration(functionName, functionArn, runtime, role, handler, codeSize, description,
                timeout, memorySize, lastModified, codeSha256, this.version, environment, tracingConfig, revisionId,
                state, stateReason, stateReasonCode, lastUpdateStatus, lastUpdateStatusReason,
                lastUpdateStatusReasonCode, packageType, architectures, ephemeralStorage, snapStart, loggingConfig,
                layers, version, deadLetterConfig);
    }

    /** {@code Layers}: one layer version the function runs with. */
    public record LayerReference(String arn, long codeSize) {
    }

    /** {@code Environment} in responses. */
    public record EnvironmentResponse(Map<String, String> variables) {
    }

    /**
     * {@code TracingConfig}: {@code PassThrough} (the default) or {@code Active}, reported as set; either way each
     * invocation gets a trace header, and no X-Ray segments are recorded.
     */
    public record TracingConfig(String mode) {
    }

    /** {@code EphemeralStorage}: the /tmp size in MB. */
    public record EphemeralStorage(int size) {
    }

    /** {@code SnapStart}: not supported for $LATEST, as on AWS. */
    public record SnapStart(String applyOn, String optimizationStatus) {
    }

    /**
     * {@code LoggingConfig}: {@code Text} or {@code JSON}, the application and system log levels (JSON only, INFO
     * unless set), and the log group ({@code /aws/lambda/NAME} unless set).
     */
    public record LoggingConfig(String logFormat, String applicationLogLevel, String systemLogLevel, String logGroup) {
    }

    /** The same function in the Active state its code reached once unpacked. */
    public FunctionConfiguration active() {
        return new FunctionConfiguration(functionName, functionArn, runtime, role, handler, codeSize, description,
                timeout, memorySize, lastModified, codeSha256, version, environment, tracingConfig, revisionId,
                "Active", null, null, "Successful", null, null, packageType, architectures, ephemeralStorage,
                snapStart, loggingConfig, layers, runtimeVersionConfig, deadLetterConfig);
    }

    /** The same configuration under another RevisionId, as after a change to the function's policy. */
    public FunctionConfiguration withRevisionId(String next) {
        return new FunctionConfiguration(functionName, functionArn, runtime, role, handler, codeSize, description,
                timeout, memorySize, lastModified, codeSha256, version, environment, tracingConfig, next, state,
                stateReason, stateReasonCode, lastUpdateStatus, lastUpdateStatusReason, lastUpdateStatusReasonCode,
                packageType, architectures, ephemeralStorage, snapStart, loggingConfig, layers,
                runtimeVersionConfig, deadLetterConfig);
    }

    /** The same configuration with other layers; an empty list is left out of responses, as AWS does. */
    public FunctionConfiguration withLayers(List<LayerReference> replacement) {
        return new FunctionConfiguration(functionName, functionArn, runtime, role, handler, codeSize, description,
                timeout, memorySize, lastModified, codeSha256, version, environment, tracingConfig, revisionId,
                state, stateReason, stateReasonCode, lastUpdateStatus, lastUpdateStatusReason,
                lastUpdateStatusReasonCode, packageType, architectures, ephemeralStorage, snapStart, loggingConfig,
                replacement == null || replacement.isEmpty() ? null : List.copyOf(replacement), runtimeVersionConfig,
                deadLetterConfig);
    }
}
