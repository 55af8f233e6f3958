package dev.serverlesslab.emulator.kms;

import dev.serverlesslab.emulator.core.AccountRegion;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * KMS state and rules: keys and aliases per account and region, real AES-256-GCM encryption with symmetric keys,
 * signatures with RSA and ECC keys and HMACs with HMAC keys (the JDK's providers, see {@link Signatures}).
 *
 * <p>Every method that takes a key accepts what AWS accepts: key id, key ARN, alias name or alias ARN.
 */
public final class KmsBackend {

    private static final int DEFAULT_PENDING_WINDOW_DAYS = 30;

    private final Map<AccountRegion, KmsStore> stores = new ConcurrentHashMap<>();
    private final SecureRandom random;
    private final Envelope envelope;
    private final Clock clock;

    public KmsBackend(SecureRandom random, Clock clock) {
        this.random = random;
        this.envelope = new Envelope(random);
        this.clock = clock;
    }

    public KmsBackend() {
        this(new SecureRandom(), Clock.systemUTC());
    }

    public KmsKey createKey(AccountRegion scope, String description, String keyUsage, String keySpec,
            Map<String, String> tags) {
        String spec = keySpec == null ? KeySpecs.SYMMETRIC : keySpec;
        KeySpecs.check(spec);
        String usage = KeySpecs.usage(spec, keyUsage);
        byte[] material = null;
        KeyPair keyPair = null;
        if (KeySpecs.asymmetric(spec)) {
            keyPair = KeySpecs.generate(spec, random);
        } else {
            material = new byte[spec.startsWith("HMAC_") ? KeySpecs.hmacBytes(spec) : 32];
            random.nextBytes(material);
        }
        KmsKey key = new KmsKey(scope.accountId(), scope.region(), UUID.randomUUID().toString(), clock.instant(),
                description == null ? "" : description, KeyState.Enabled, null, null, tags, material, spec, usage,
                keyPair);
        store(scope).keys.put(key.keyId(), key);
        return key;
    }

    /** Sign: the signature of a message (RAW) or of a digest the caller computed (DIGEST), by an asymmetric key. */
    public byte[] sign(AccountRegion scope, String keyId, byte[] message, String messageType, String algorithm) {
        KmsKey key = signingKey(scope, keyId, algorithm);
        return Signatures.sign(key, message, messageType(messageType), algorithm);
    }

    /** Verify: true, or KMSInvalidSignatureException as AWS answers for a signature that does not match. */
    public boolean verify(AccountRegion scope, String keyId, byte[] message, String messageType, String algorithm,
            byte[] signature) {
        KmsKey key = signingKey(scope, keyId, algorithm);
        if (!Signatures.verify(key, message, messageType(messageType), algorithm, signature)) {
            throw KmsErrors.invalidSignature("The signature is not valid for this message, key " + key.arn()
                    + " and algorithm " + algorithm);
        }
        return true;
    }

    /** GenerateMac: the HMAC of a message with an HMAC key. */
    public byte[] generateMac(AccountRegion scope, String keyId, byte[] message, String algorithm) {
        return Signatures.mac(macKey(scope, keyId, algorithm), message, algorithm);
    }

    /** VerifyMac: true, or KMSInvalidMacException for a MAC that does not match. */
    public boolean verifyMac(AccountRegion scope, String keyId, byte[] message, String algorithm, byte[] mac) {
        KmsKey key = macKey(scope, keyId, algorithm);
        if (!Signatures.verifyMac(key, message, algorithm, mac)) {
            throw KmsErrors.invalidMac("The MAC is not valid for this message, key " + key.arn() + " and algorithm "
                    + algorithm);
        }
        return true;
    }

    /** GetPublicKey: the key (an asymmetric one only) whose public half, DER SubjectPublicKeyInfo, may be given out. */
    public KmsKey publicKey(AccountRegion scope, String keyId) {
        KmsKey key = usableKey(scope, keyId);
        if (key.keyPair() == null) {
            throw KmsErrors.unsupported(key.arn() + " is a " + key.keySpec() + " key, which has no public key; "
                    + "GetPublicKey takes an asymmetric (RSA or ECC) key");
        }
        return key;
    }

    private KmsKey signingKey(AccountRegion scope, String keyId, String algorithm) {
        KmsKey key = usableKey(scope, keyId);
        if (!KeySpecs.SIGN_VERIFY.equals(key.keyUsage())) {
            throw KmsErrors.invalidKeyUsage(key.arn() + " has KeyUsage " + key.keyUsage() + "; Sign and Verify "
                    + "need a SIGN_VERIFY key");
        }
        if (!KeySpecs.signingAlgorithms(key.keySpec()).contains(algorithm)) {
            throw KmsErrors.invalidKeyUsage("SigningAlgorithm " + algorithm + " is not valid for " + key.keySpec()
                    + " key " + key.arn() + "; it signs with " + KeySpecs.signingAlgorithms(key.keySpec()));
        }
        return key;
    }

    private KmsKey macKey(AccountRegion scope, String keyId, String algorithm) {
        KmsKey key = usableKey(scope, keyId);
        if (!KeySpecs.GENERATE_VERIFY_MAC.equals(key.keyUsage())) {
            throw KmsErrors.invalidKeyUsage(key.arn() + " has KeyUsage " + key.keyUsage() + "; GenerateMac and "
                    + "VerifyMac need a GENERATE_VERIFY_MAC (HMAC) key");
        }
        if (!KeySpecs.macAlgorithms(key.keySpec()).contains(algorithm)) {
            throw KmsErrors.invalidKeyUsage("MacAlgorithm " + algorithm + " is not valid for " + key.keySpec()
                    + " key " + key.arn() + "; it computes " + KeySpecs.macAlgorithms(key.keySpec()));
        }
        return key;
    }

    private static String messageType(String messageType) {
        if (messageType == null) {
            return "RAW";
        }
        if (!"RAW".equals(messageType) && !"DIGEST".equals(messageType)) {
            throw KmsErrors.validation("MessageType must be RAW or DIGEST, got " + messageType);
        }
        return messageType;
    }

    /**
     * The AWS managed key of a service, e.g. {@code alias/aws/ssm}, created with its alias on first use as AWS does
     * when a service first encrypts for an account and region.
     */
    public KmsKey awsManagedKey(AccountRegion scope, String service) {
        KmsStore store = store(scope);
        String aliasName = "alias/aws/" + service;
        synchronized (store) {
            KmsAlias alias = store.aliases.get(aliasName);
            if (alias != null) {
                return store.keys.get(alias.targetKeyId());
            }
            KmsKey key = createKey(scope, "Default key that protects my " + service.toUpperCase(Locale.ROOT)
                    + " data when no other key is defined", null, null, Map.of());
            Instant now = clock.instant();
            store.aliases.put(aliasName, new KmsAlias(aliasName, aliasArn(scope, aliasName), key.keyId(), now, now));
            return key;
        }
    }

    public KmsKey describeKey(AccountRegion scope, String keyId) {
        return store(scope).key(keyId);
    }

    public List<KmsKey> listKeys(AccountRegion scope) {
        return List.copyOf(store(scope).keys.values());
    }

    public byte[] encrypt(AccountRegion scope, String keyId, byte[] plaintext, Map<String, String> context) {
        if (plaintext == null || plaintext.length == 0 || plaintext.length > 4096) {
            throw KmsErrors.validation("Plaintext must be 1 to 4096 bytes, got "
                    + (plaintext == null ? 0 : plaintext.length) + "; encrypt larger data with a data key "
                    + "from GenerateDataKey");
        }
        return envelope.seal(encryptionKey(scope, keyId), plaintext, context);
    }

    /** Decrypts with the key the blob names; a given keyId must name that same key, as AWS requires. */
    public Decrypted decrypt(AccountRegion scope, byte[] blob, Map<String, String> context, String keyId) {
        KmsKey key = keyOfBlob(scope, blob, keyId);
        return new Decrypted(key.arn(), envelope.open(key, blob, context));
    }

    public DataKey generateDataKey(AccountRegion scope, String keyId, String keySpec, Integer numberOfBytes,
            Map<String, String> context) {
        KmsKey key = encryptionKey(scope, keyId);
        byte[] plaintext = generateRandom(dataKeyLength(keySpec, numberOfBytes));
        return new DataKey(key.arn(), plaintext, envelope.seal(key, plaintext, context));
    }

    public byte[] generateRandom(int numberOfBytes) {
        if (numberOfBytes < 1 || numberOfBytes > 1024) {
            throw KmsErrors.validation("NumberOfBytes must be between 1 and 1024, got " + numberOfBytes);
        }
        byte[] bytes = new byte[numberOfBytes];
        random.nextBytes(bytes);
        return bytes;
    }

    public ReEncrypted reEncrypt(AccountRegion scope, byte[] blob, Map<String, String> sourceContext,
            String sourceKeyId, String destinationKeyId, Map<String, String> destinationContext) {
        KmsKey destination = encryptionKey(scope, destinationKeyId);
        Decrypted source = decrypt(scope, blob, sourceContext, sourceKeyId);
        return new ReEncrypted(source.keyArn(), destination.arn(),
                envelope.seal(destination, source.plaintext(), destinationContext));
    }

    public void createAlias(AccountRegion scope, String aliasName, String targetKeyId) {
        KmsStore store = store(scope);
        checkAliasName(aliasName);
        KmsKey target = store.keyForAlias(targetKeyId);
        Instant now = clock.instant();
        KmsAlias alias = new KmsAlias(aliasName, aliasArn(scope, aliasName), target.keyId(), now, now);
        if (store.aliases.putIfAbsent(aliasName, alias) != null) {
            throw KmsErrors.alreadyExists("Alias " + aliasName + " already exists in " + scope.region()
                    + "; delete it first or point it elsewhere with UpdateAlias");
        }
    }

    public void updateAlias(AccountRegion scope, String aliasName, String targetKeyId) {
        KmsStore store = store(scope);
        KmsKey target = store.keyForAlias(targetKeyId);
        KmsAlias updated = store.aliases.computeIfPresent(aliasName, (name, alias) -> new KmsAlias(name,
                alias.aliasArn(), target.keyId(), alias.creationDate(), clock.instant()));
        if (updated == null) {
            throw KmsErrors.notFound("Alias " + aliasArn(scope, aliasName) + " is not found; create it with "
                    + "CreateAlias");
        }
    }

    public void deleteAlias(AccountRegion scope, String aliasName) {
        if (store(scope).aliases.remove(aliasName) == null) {
            throw KmsErrors.notFound("Alias " + aliasArn(scope, aliasName) + " is not found");
        }
    }

    /** The aliases of the account and region, or only those of one key when keyId is given. */
    public List<KmsAlias> listAliases(AccountRegion scope, String keyId) {
        KmsStore store = store(scope);
        if (keyId == null) {
            return List.copyOf(store.aliases.values());
        }
        String target = store.key(keyId).keyId();
        return store.aliases.values().stream().filter(alias -> alias.targetKeyId().equals(target)).toList();
    }

    public void enableKey(AccountRegion scope, String keyId) {
        update(scope, keyId, key -> {
            requireNotPendingDeletion(key, "enabled");
            return key.withState(KeyState.Enabled, null, null);
        });
    }

    public void disableKey(AccountRegion scope, String keyId) {
        update(scope, keyId, key -> {
            requireNotPendingDeletion(key, "disabled");
            return key.withState(KeyState.Disabled, null, null);
        });
    }

    public KmsKey scheduleKeyDeletion(AccountRegion scope, String keyId, Integer pendingWindowInDays) {
        int days = pendingWindowInDays == null ? DEFAULT_PENDING_WINDOW_DAYS : pendingWindowInDays;
        if (days < 7 || days > 30) {
            throw KmsErrors.validation("PendingWindowInDays must be between 7 and 30, got " + days);
        }
        return update(scope, keyId, key -> {
            requireNotPendingDeletion(key, "scheduled for deletion again");
            return key.withState(KeyState.PendingDeletion, clock.instant().plus(Duration.ofDays(days)), days);
        });
    }

    /** Cancels a scheduled deletion; like AWS, the key comes back disabled. */
    public KmsKey cancelKeyDeletion(AccountRegion scope, String keyId) {
        return update(scope, keyId, key -> {
            if (key.state() != KeyState.PendingDeletion) {
                throw KmsErrors.invalidState(key.arn() + " is " + key.state() + ", not pending deletion");
            }
            return key.withState(KeyState.Disabled, null, null);
        });
    }

    /** AWS's bounds and default for RotationPeriodInDays. */
    private static final int MIN_ROTATION_DAYS = 90;
    private static final int MAX_ROTATION_DAYS = 2560;
    private static final int DEFAULT_ROTATION_DAYS = 365;

    /**
     * Turns on automatic rotation. It is recorded and reported (GetKeyRotationStatus); no new key material is
     * made, which changes nothing a caller can observe since KMS keeps old material to decrypt with anyway.
     */
    public void enableKeyRotation(AccountRegion scope, String keyId, Integer rotationPeriodInDays) {
        int days = rotationPeriodInDays == null ? DEFAULT_ROTATION_DAYS : rotationPeriodInDays;
        if (days < MIN_ROTATION_DAYS || days > MAX_ROTATION_DAYS) {
            throw KmsErrors.validation("RotationPeriodInDays must be between " + MIN_ROTATION_DAYS + " and "
                    + MAX_ROTATION_DAYS + ", got " + days);
        }
        KmsKey key = requireUsable(store(scope).key(keyId));
        if (!KeySpecs.SYMMETRIC.equals(key.keySpec())) {
            throw KmsErrors.unsupported(key.arn() + " is a " + key.keySpec() + " key; as on AWS, automatic rotation "
                    + "is for symmetric encryption keys only");
        }
        store(scope).rotationPeriods.put(key.keyId(), days);
    }

    public void disableKeyRotation(AccountRegion scope, String keyId) {
        KmsKey key = requireUsable(store(scope).key(keyId));
        store(scope).rotationPeriods.remove(key.keyId());
    }

    /** The rotation period in days, or null when automatic rotation is off. */
    public Integer keyRotationPeriod(AccountRegion scope, String keyId) {
        return store(scope).rotationPeriods.get(store(scope).key(keyId).keyId());
    }

    /** The key's policy: what PutKeyPolicy set, else AWS's default key policy (the account's root may do all). */
    public String getKeyPolicy(AccountRegion scope, String keyId, String policyName) {
        requirePolicyName(policyName);
        KmsKey key = store(scope).key(keyId);
        String policy = store(scope).policies.get(key.keyId());
        return policy != null ? policy : "{\n  \"Version\" : \"2012-10-17\",\n  \"Id\" : \"key-default-1\",\n"
                + "  \"Statement\" : [ {\n    \"Sid\" : \"Enable IAM User Permissions\",\n    \"Effect\" : \"Allow\",\n"
                + "    \"Principal\" : {\n      \"AWS\" : \"arn:aws:iam::" + key.accountId() + ":root\"\n    },\n"
                + "    \"Action\" : \"kms:*\",\n    \"Resource\" : \"*\"\n  } ]\n}";
    }

    /** Stores the policy (a JSON object with Statement); like IAM policies here, it is kept and shown, not enforced. */
    public void putKeyPolicy(AccountRegion scope, String keyId, String policyName, String policy) {
        requirePolicyName(policyName);
        KmsKey key = store(scope).key(keyId);
        try {
            com.fasterxml.jackson.databind.JsonNode parsed = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(policy == null ? "" : policy);
            if (parsed == null || !parsed.isObject() || !parsed.has("Statement")) {
                throw KmsErrors.malformedPolicy("Policy must be a JSON policy document with a Statement");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw KmsErrors.malformedPolicy("Policy is not valid JSON: " + e.getOriginalMessage());
        }
        store(scope).policies.put(key.keyId(), policy);
    }

    private static void requirePolicyName(String policyName) {
        if (policyName != null && !"default".equals(policyName)) {
            throw KmsErrors.notFound("Key policy " + policyName + " does not exist; a KMS key has one policy, named "
                    + "default");
        }
    }

    public void tagResource(AccountRegion scope, String keyId, Map<String, String> tags) {
        update(scope, keyId, key -> {
            Map<String, String> merged = new LinkedHashMap<>(key.tags());
            merged.putAll(tags);
            return key.withTags(merged);
        });
    }

    public void untagResource(AccountRegion scope, String keyId, List<String> tagKeys) {
        update(scope, keyId, key -> {
            Map<String, String> kept = new LinkedHashMap<>(key.tags());
            tagKeys.forEach(kept::remove);
            return key.withTags(kept);
        });
    }

    public Map<String, String> listResourceTags(AccountRegion scope, String keyId) {
        return store(scope).key(keyId).tags();
    }

    private KmsStore store(AccountRegion scope) {
        return stores.computeIfAbsent(scope, KmsStore::new);
    }

    private KmsKey update(AccountRegion scope, String keyId, UnaryOperator<KmsKey> change) {
        KmsStore store = store(scope);
        String id = store.key(keyId).keyId();
        return store.keys.computeIfPresent(id, (ignored, key) -> change.apply(key));
    }

    /** A key cryptographic operations may use: enabled, as AWS requires. */
    private KmsKey usableKey(AccountRegion scope, String keyId) {
        return requireUsable(store(scope).key(keyId));
    }

    /** A key Encrypt, GenerateDataKey and ReEncrypt may use: enabled and symmetric. */
    private KmsKey encryptionKey(AccountRegion scope, String keyId) {
        KmsKey key = usableKey(scope, keyId);
        if (!KeySpecs.SYMMETRIC.equals(key.keySpec())) {
            throw KmsErrors.invalidKeyUsage(key.arn() + " is a " + key.keySpec() + " key with KeyUsage "
                    + key.keyUsage() + "; encryption here needs a SYMMETRIC_DEFAULT ENCRYPT_DECRYPT key");
        }
        return key;
    }

    private KmsKey keyOfBlob(AccountRegion scope, byte[] blob, String keyId) {
        KmsStore store = store(scope);
        String named = envelope.keyIdOf(blob);
        KmsKey key = store.keys.get(named);
        if (key == null) {
            throw KmsErrors.notFound("The CiphertextBlob was encrypted under key " + named + ", which does not "
                    + "exist in account " + scope.accountId() + " region " + scope.region());
        }
        if (keyId != null && !store.key(keyId).keyId().equals(named)) {
            throw KmsErrors.incorrectKey("The CiphertextBlob was encrypted under " + key.arn() + ", not under "
                    + keyId + "; leave KeyId out or pass that key");
        }
        return requireUsable(key);
    }

    private static KmsKey requireUsable(KmsKey key) {
        if (key.state() == KeyState.Disabled) {
            throw KmsErrors.disabled(key.arn() + " is disabled; enable it with EnableKey");
        }
        if (key.state() == KeyState.PendingDeletion) {
            throw KmsErrors.invalidState(key.arn() + " is pending deletion; cancel it with CancelKeyDeletion "
                    + "and enable the key to use it");
        }
        return key;
    }

    private static void requireNotPendingDeletion(KmsKey key, String what) {
        if (key.state() == KeyState.PendingDeletion) {
            throw KmsErrors.invalidState(key.arn() + " is pending deletion and cannot be " + what
                    + "; cancel the deletion with CancelKeyDeletion first");
        }
    }

    private static int dataKeyLength(String keySpec, Integer numberOfBytes) {
        if ((keySpec == null) == (numberOfBytes == null)) {
            throw KmsErrors.validation("GenerateDataKey needs exactly one of KeySpec (AES_256 or AES_128) and "
                    + "NumberOfBytes");
        }
        if (numberOfBytes != null) {
            return numberOfBytes;
        }
        return switch (keySpec) {
            case "AES_256" -> 32;
            case "AES_128" -> 16;
            default -> throw KmsErrors.validation("KeySpec must be AES_256 or AES_128, got " + keySpec);
        };
    }

    private static void checkAliasName(String aliasName) {
        if (aliasName == null || !aliasName.matches("alias/[a-zA-Z0-9:/_-]{1,250}")) {
            throw KmsErrors.invalidAliasName("AliasName must look like alias/my-key (letters, digits, / _ - :), "
                    + "got " + aliasName);
        }
        if (aliasName.startsWith("alias/aws/")) {
            throw KmsErrors.invalidAliasName("AliasName " + aliasName + " is reserved for AWS managed keys; "
                    + "choose a name that does not start with alias/aws/");
        }
    }

    static String aliasArn(AccountRegion scope, String aliasName) {
        return "arn:aws:kms:" + scope.region() + ":" + scope.accountId() + ":" + aliasName;
    }
}
