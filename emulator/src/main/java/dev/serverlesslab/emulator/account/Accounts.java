package dev.serverlesslab.emulator.account;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.http.AccessKeys;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The accounts and access keys this emulator issued. In strict mode only issued keys are accepted, each acting in
 * its own account; otherwise issued keys still map to their account and any other key follows LocalStack's
 * convention (a 12-digit key is the account, anything else the default account).
 */
public final class Accounts implements AccessKeys {

    /** Key ids look like AWS's ({@code AKIA…}) but say where they come from: Lab-issued. */
    static final String KEY_PREFIX = "LKIA";
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    /** 16 base32 characters: 80 random bits, beyond guessing by a handler that may try for its whole timeout. */
    private static final int KEY_RANDOM_CHARACTERS = 16;
    /** A handler calling AssumeRole in a loop must not fill the emulator's memory with keys. */
    static final int MAX_KEYS_PER_ACCOUNT = 1000;

    private final boolean strict;
    private final SecureRandom random;
    private final Map<String, IssuedCredentials> byKeyId = new ConcurrentHashMap<>();
    private final Set<String> accountIds = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> keysPerAccount = new ConcurrentHashMap<>();
    /** One key per account for its functions' environments, so every cold start does not mint another. */
    private final Map<String, IssuedCredentials> functionKeys = new ConcurrentHashMap<>();

    public Accounts(boolean strict) {
        this(strict, new SecureRandom());
    }

    Accounts(boolean strict, SecureRandom random) {
        this.strict = strict;
        this.random = random;
    }

    /** Whether only issued keys are accepted. */
    public boolean strict() {
        return strict;
    }

    /** A new account with a fresh random 12-digit id, and the first access key acting in it. */
    public IssuedCredentials create() {
        String accountId;
        do {
            accountId = String.format("%012d", random.nextLong(1_000_000_000_000L));
        } while (AccountRegion.DEFAULT_ACCOUNT.equals(accountId) || !accountIds.add(accountId));
        return issue(accountId);
    }

    /** Another access key for an account created here; throws when the emulator never created that account. */
    public IssuedCredentials issue(String accountId) {
        if (!accountIds.contains(accountId)) {
            throw new IllegalArgumentException("Account " + accountId + " was not created by this emulator; "
                    + "create one with accounts().create()");
        }
        if (keysPerAccount.computeIfAbsent(accountId, id -> new AtomicInteger()).incrementAndGet()
                > MAX_KEYS_PER_ACCOUNT) {
            throw new AwsException("LimitExceeded", "Account " + accountId + " already has "
                    + MAX_KEYS_PER_ACCOUNT + " access keys issued by this emulator; reuse the credentials you have",
                    400);
        }
        IssuedCredentials credentials;
        do {
            credentials = new IssuedCredentials(accountId, KEY_PREFIX + randomKeyCharacters(), randomSecret());
        } while (byKeyId.putIfAbsent(credentials.accessKeyId(), credentials) != null);
        return credentials;
    }

    /** Whether the account was created here (rather than named by a LocalStack-style key). */
    public boolean created(String accountId) {
        return accountIds.contains(accountId);
    }

    /** The key an account's functions act with: issued once per account and then reused. */
    public Optional<IssuedCredentials> functionCredentials(String accountId) {
        if (!created(accountId)) {
            return Optional.empty();
        }
        return Optional.of(functionKeys.computeIfAbsent(accountId, this::issue));
    }

    @Override
    public Optional<String> accountOf(String accessKeyId) {
        IssuedCredentials issued = accessKeyId == null ? null : byKeyId.get(accessKeyId);
        if (issued != null) {
            return Optional.of(issued.accountId());
        }
        return strict ? Optional.empty() : AccessKeys.localStack().accountOf(accessKeyId);
    }

    @Override
    public boolean signatureRequired() {
        return strict;
    }

    private String randomKeyCharacters() {
        StringBuilder key = new StringBuilder(KEY_RANDOM_CHARACTERS);
        for (int i = 0; i < KEY_RANDOM_CHARACTERS; i++) {
            key.append(BASE32.charAt(random.nextInt(BASE32.length())));
        }
        return key.toString();
    }

    private String randomSecret() {
        byte[] secret = new byte[30];
        random.nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }
}
