package dev.serverlesslab.emulator.lambda;

/**
 * What Invoke returns.
 *
 * @param statusCode 200 for RequestResponse, 202 for Event, 204 for DryRun
 * @param functionError {@code Unhandled} when the function failed, else null
 * @param log this invocation's log (START to REPORT), or null when there is none to return
 */
public record InvokeResponse(
        int statusCode,
        String requestId,
        byte[] payload,
        String functionError,
        String log,
        String executedVersion) {
}
