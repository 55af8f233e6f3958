package dev.serverlesslab.emulator.kms;

import java.time.Instant;

/** An alias ({@code alias/name}) pointing at one key of the same account and region. */
public record KmsAlias(String aliasName, String aliasArn, String targetKeyId, Instant creationDate,
        Instant lastUpdatedDate) {
}
