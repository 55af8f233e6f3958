package dev.serverlesslab.emulator.sts;

import java.time.Instant;

/** The temporary credentials and identity AssumeRole hands out; the emulator accepts any credentials anyway. */
public record AssumedRole(
        String accessKeyId,
        String secretAccessKey,
        String sessionToken,
        Instant expiration,
        String assumedRoleId,
        String assumedRoleArn) {
}
