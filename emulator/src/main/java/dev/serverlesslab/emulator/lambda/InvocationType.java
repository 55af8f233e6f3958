package dev.serverlesslab.emulator.lambda;

/**
 * {@code X-Amz-Invocation-Type}: wait for the result, queue the event, or only check the call would be allowed.
 */
public enum InvocationType {
    RequestResponse,
    Event,
    DryRun
}
