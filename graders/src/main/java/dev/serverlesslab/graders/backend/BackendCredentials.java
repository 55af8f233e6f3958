package dev.serverlesslab.graders.backend;

import java.security.SecureRandom;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Credentials acting in one account of a backend: a grading's own, or the platform's. Emulators do not verify
 * signatures, so whoever knows the key id acts in the account; {@link #toString()} therefore shows neither part.
 */
public record BackendCredentials(String accountId, String accessKeyId, String secretAccessKey) {

    public BackendCredentials {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    /**
     * A fresh random account on a LocalStack-compatible endpoint, which takes a 12-digit access key id as the
     * account id. Random rather than fixed, so a handler cannot name another grading's (or the platform's) account.
     */
    static BackendCredentials randomLocalStackAccount(SecureRandom random) {
        String accountId;
        do {
            accountId = String.format("%012d", random.nextLong(1_000_000_000_000L));
        } while (accountId.equals("000000000000"));
        return new BackendCredentials(accountId, accountId, "test");
    }

    /** For AWS SDK clients' {@code credentialsProvider}. */
    public AwsCredentialsProvider provider() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
    }

    @Override
    public String toString() {
        return "BackendCredentials[account " + accountId + ", key and secret redacted]";
    }
}
