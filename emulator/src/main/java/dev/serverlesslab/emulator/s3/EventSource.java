package dev.serverlesslab.emulator.s3;

/**
 * Who caused an object event, as S3's event records report it.
 *
 * @param principalId the requester ({@code userIdentity.principalId}), e.g. {@code AWS:000000000000}
 * @param sourceIp the caller's address ({@code requestParameters.sourceIPAddress})
 * @param requestId the request's id ({@code responseElements.x-amz-request-id})
 */
record EventSource(String principalId, String sourceIp, String requestId) {
}
