package dev.serverlesslab.emulator.lambda.runtime;

import dev.serverlesslab.emulator.core.AccountRegion;

/**
 * The credentials Lambda hands a function for its execution role ({@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}); calls made with them act in the function's account.
 */
public record FunctionCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {

    private static final String DUMMY = "test";

    /**
     * LocalStack's convention: the 12-digit account id as the key selects the account, and {@code test} is the
     * default account's key.
     */
    public static FunctionCredentials localStack(String accountId) {
        String key = AccountRegion.DEFAULT_ACCOUNT.equals(accountId) ? DUMMY : accountId;
        return new FunctionCredentials(key, DUMMY, DUMMY);
    }

    @Override
    public String toString() {
        return "FunctionCredentials[redacted]";
    }
}
