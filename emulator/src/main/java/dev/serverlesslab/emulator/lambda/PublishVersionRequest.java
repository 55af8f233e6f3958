package dev.serverlesslab.emulator.lambda;

/**
 * The PublishVersion request members (names as in the Lambda API); absent members are null.
 */
public record PublishVersionRequest(String codeSha256, String description, String revisionId) {
}
