package dev.serverlesslab.emulator.account;

import java.util.Objects;

/**
 * Credentials the emulator issued: an access key id and secret acting in one account. The key id is the bearer
 * secret here (the emulator does not verify signatures), so {@link #toString()} shows neither.
 */
public record IssuedCredentials(String accountId, String accessKeyId, String secretAccessKey) {

    public IssuedCredentials {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    @Override
    public String toString() {
        return "IssuedCredentials[account " + accountId + ", key and secret redacted]";
    }
}
