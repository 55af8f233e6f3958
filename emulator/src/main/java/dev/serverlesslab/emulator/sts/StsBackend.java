package dev.serverlesslab.emulator.sts;

import dev.serverlesslab.emulator.account.Accounts;
import dev.serverlesslab.emulator.account.IssuedCredentials;
import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.AwsException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * STS rules: the caller's identity from its account, and dummy temporary credentials for any well-formed role ARN,
 * since the emulator neither checks signatures nor enforces trust policies.
 */
public final class StsBackend {

    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):role/(?:[\\x21-\\x7E]*/)?"
            + "([\\w+=,.@-]+)");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final String ID_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final int DEFAULT_DURATION_SECONDS = 3600;
    private static final int MIN_DURATION_SECONDS = 900;
    private static final int MAX_DURATION_SECONDS = 43200;
    /** GetSessionToken's bounds and default for an account's own user (AWS: 15 minutes to 36 hours, 12 hours). */
    private static final int SESSION_DEFAULT_SECONDS = 43200;
    private static final int SESSION_MAX_SECONDS = 129600;

    private final SecureRandom random;
    private final Clock clock;
    private final Accounts accounts;

    /** @param accounts the emulator's issued accounts; null where there are none (LocalStack's convention only) */
    public StsBackend(SecureRandom random, Clock clock, Accounts accounts) {
        this.random = random;
        this.clock = clock;
        this.accounts = accounts;
    }

    public StsBackend(SecureRandom random, Clock clock) {
        this(random, clock, null);
    }

    public StsBackend() {
        this(new SecureRandom(), Clock.systemUTC());
    }

    /** Issues usable credentials for roles in accounts the emulator created. */
    public StsBackend(Accounts accounts) {
        this(new SecureRandom(), Clock.systemUTC(), accounts);
    }

    /** The account's root user, which is who long-term emulator credentials act as. */
    public CallerIdentity callerIdentity(String accountId) {
        return new CallerIdentity(accountId, accountId, "arn:aws:iam::" + accountId + ":root");
    }

    /**
     * Credentials for the role, valid for {@code durationSeconds} (900 to 43200, default 3600).
     *
     * @param durationSeconds null for the default
     */
    public AssumedRole assumeRole(String roleArn, String roleSessionName, Integer durationSeconds) {
        return assumeRole(AccountRegion.DEFAULT_ACCOUNT, roleArn, roleSessionName, durationSeconds);
    }

    /**
     * Credentials for the role, valid for {@code durationSeconds} (900 to 43200, default 3600). A role in an account
     * the emulator created gets an issued key of that account, and only its own account may assume it: accounts
     * here are tenants, and no trust policy lets one reach into another.
     *
     * @param callerAccountId the account the request acts in
     * @param durationSeconds null for the default
     */
    public AssumedRole assumeRole(String callerAccountId, String roleArn, String roleSessionName,
            Integer durationSeconds) {
        if (roleArn == null || roleArn.isEmpty()) {
            throw validation("RoleArn is required, e.g. arn:aws:iam::000000000000:role/my-role");
        }
        Matcher arn = ROLE_ARN.matcher(roleArn);
        if (!arn.matches()) {
            throw validation("RoleArn '" + roleArn + "' is not a role ARN; expected "
                    + "arn:aws:iam::<12-digit account>:role/<name>");
        }
        if (roleSessionName == null || !SESSION_NAME.matcher(roleSessionName).matches()) {
            throw validation("RoleSessionName '" + roleSessionName + "' is not valid: use 2 to 64 letters, digits "
                    + "or the characters _+=,.@-");
        }
        int duration = durationSeconds == null ? DEFAULT_DURATION_SECONDS : durationSeconds;
        if (duration < MIN_DURATION_SECONDS || duration > MAX_DURATION_SECONDS) {
            throw validation("DurationSeconds is " + duration + "; it must be between " + MIN_DURATION_SECONDS
                    + " and " + MAX_DURATION_SECONDS);
        }
        String keyId = "ASIA" + randomId(16);
        String secret = randomSecret(30);
        Optional<IssuedCredentials> issued = issuedFor(callerAccountId, arn.group(1), roleArn);
        if (issued.isPresent()) {
            keyId = issued.get().accessKeyId();
            secret = issued.get().secretAccessKey();
        }
        return new AssumedRole(keyId, secret, randomSecret(96),
                clock.instant().plusSeconds(duration),
                "AROA" + randomId(17) + ":" + roleSessionName,
                "arn:aws:sts::" + arn.group(1) + ":assumed-role/" + arn.group(2) + "/" + roleSessionName);
    }

    /**
     * Temporary credentials for the caller itself, valid for {@code durationSeconds} (900 to 129600, default
     * 43200). In an account the emulator created they are an issued key of that account, so they work here.
     *
     * @param durationSeconds null for the default
     */
    public SessionCredentials getSessionToken(String callerAccountId, Integer durationSeconds) {
        int duration = durationSeconds == null ? SESSION_DEFAULT_SECONDS : durationSeconds;
        if (duration < MIN_DURATION_SECONDS || duration > SESSION_MAX_SECONDS) {
            throw validation("DurationSeconds is " + duration + "; it must be between " + MIN_DURATION_SECONDS
                    + " and " + SESSION_MAX_SECONDS);
        }
        String keyId = "ASIA" + randomId(16);
        String secret = randomSecret(30);
        if (accounts != null && accounts.created(callerAccountId)) {
            IssuedCredentials issued = accounts.issue(callerAccountId);
            keyId = issued.accessKeyId();
            secret = issued.secretAccessKey();
        }
        return new SessionCredentials(keyId, secret, randomSecret(96), clock.instant().plusSeconds(duration));
    }

    private Optional<IssuedCredentials> issuedFor(String callerAccountId, String roleAccountId, String roleArn) {
        boolean created = accounts != null && accounts.created(roleAccountId);
        boolean strict = accounts != null && accounts.strict();
        if ((created || strict) && !roleAccountId.equals(callerAccountId)) {
            throw new AwsException("AccessDenied", "User: arn:aws:iam::" + callerAccountId + ":root is not "
                    + "authorized to perform: sts:AssumeRole on resource: " + roleArn + " (on Serverless Lab's "
                    + "emulator an account may assume only its own roles)", 403);
        }
        return created ? Optional.of(accounts.issue(roleAccountId)) : Optional.empty();
    }

    private static AwsException validation(String message) {
        return new AwsException("ValidationError", message, 400);
    }

    private String randomId(int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(ID_CHARACTERS.charAt(random.nextInt(ID_CHARACTERS.length())));
        }
        return id.toString();
    }

    private String randomSecret(int bytes) {
        byte[] secret = new byte[bytes];
        random.nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }
}
