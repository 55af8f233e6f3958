package dev.serverlesslab.graders.backend;

import java.security.SecureRandom;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Credentials acting in one account of a backend: a grading's own, the platform's, or the person's own from the
 * standard AWS places ({@link AwsAccess}). Emulators do not verify signatures, so whoever knows the key id acts in
 * the account; {@link #toString()} therefore shows neither key nor secret.
 *
 * @param accountId the account the credentials act in
 * @param provider  what signs requests; a provider rather than fixed keys, so profiles with session tokens,
 *                  {@code credential_process} or roles refresh as the AWS SDK refreshes them
 */
public record BackendCredentials(String accountId, AwsCredentialsProvider provider) {

    public BackendCredentials {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(provider, "provider");
    }

    /** Fixed keys acting in {@code accountId}. */
    public BackendCredentials(String accountId, String accessKeyId, String secretAccessKey) {
        this(accountId, StaticCredentialsProvider.create(AwsBasicCredentials.create(
                Objects.requireNonNull(accessKeyId, "accessKeyId"),
                Objects.requireNonNull(secretAccessKey, "secretAccessKey"))));
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

    /** The access key id requests are signed with now (for tests and redaction; never printed). */
    public String accessKeyId() {
        return provider.resolveCredentials().accessKeyId();
    }

    @Override
    public String toString() {
        return "BackendCredentials[account " + accountId + ", key and secret redacted]";
    }
}
