package dev.serverlesslab.emulator.sts;

import java.time.Instant;

/** The temporary credentials GetSessionToken hands out. */
public record SessionCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {
}
