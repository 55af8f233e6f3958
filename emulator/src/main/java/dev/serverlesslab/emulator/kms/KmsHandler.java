package dev.serverlesslab.emulator.kms;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.http.AwsJson;
import dev.serverlesslab.emulator.http.AwsRequest;
import dev.serverlesslab.emulator.http.AwsResponse;
import dev.serverlesslab.emulator.http.AwsService;
import dev.serverlesslab.emulator.http.Operations;
import dev.serverlesslab.emulator.http.Protocol;
import dev.serverlesslab.emulator.http.RequiredMembers;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * KMS's awsJson 1.1 wire format: maps {@code X-Amz-Target: TrentService.<Operation>} requests to {@link KmsBackend}
 * calls and their results back to KMS's JSON shapes.
 */
public final class KmsHandler implements AwsService {

    private static final String ALGORITHM = "SYMMETRIC_DEFAULT";

    private final KmsBackend backend;
    private final AwsJson wire = new AwsJson(Protocol.AWS_JSON_1_1, "TrentService");
    private final Operations<Operation> operations = new Operations<>(Protocol.AWS_JSON_1_1, "TrentService",
            RequiredMembers.of("kms", RequiredMembers.coral("ValidationException")));

    /** One operation: reads the request in the caller's scope, calls the backend, returns the answer's members. */
    private interface Operation extends BiFunction<AccountRegion, KmsRequest, Map<String, ?>> {
    }

    public KmsHandler(KmsBackend backend) {
        this.backend = backend;
        operations.add("CreateKey", this::createKey);
        operations.add("DescribeKey", (scope, in) ->
                Map.of("KeyMetadata", metadata(backend.describeKey(scope, in.text("KeyId")))));
        operations.add("ListKeys", (scope, in) -> listKeys(scope));
        operations.add("Encrypt", this::encrypt);
        operations.add("Decrypt", this::decrypt);
        operations.add("GenerateDataKey", (scope, in) -> generateDataKey(scope, in, true));
        operations.add("GenerateDataKeyWithoutPlaintext", (scope, in) -> generateDataKey(scope, in, false));
        operations.add("GenerateRandom", (scope, in) ->
                Map.of("Plaintext", backend.generateRandom(in.number("NumberOfBytes", 32))));
        operations.add("ReEncrypt", this::reEncrypt);
        operations.add("CreateAlias", this::createAlias);
        operations.add("UpdateAlias", this::updateAlias);
        operations.add("DeleteAlias", this::deleteAlias);
        operations.add("ListAliases", this::listAliases);
        operations.add("EnableKey", this::enableKey);
        operations.add("DisableKey", this::disableKey);
        operations.add("ScheduleKeyDeletion", this::scheduleKeyDeletion);
        operations.add("CancelKeyDeletion", (scope, in) ->
                Map.of("KeyId", backend.cancelKeyDeletion(scope, in.text("KeyId")).arn()));
        operations.add("EnableKeyRotation", (scope, in) -> {
            backend.enableKeyRotation(scope, in.text("KeyId"), in.has("RotationPeriodInDays")
                    ? in.number("RotationPeriodInDays", 0) : null);
            return Map.of();
        });
        operations.add("DisableKeyRotation", (scope, in) -> {
            backend.disableKeyRotation(scope, in.text("KeyId"));
            return Map.of();
        });
        operations.add("GetKeyRotationStatus", this::keyRotationStatus);
        operations.add("GetKeyPolicy", (scope, in) -> Map.of("Policy", backend.getKeyPolicy(scope, in.text("KeyId"),
                in.text("PolicyName")), "PolicyName", "default"));
        operations.add("PutKeyPolicy", (scope, in) -> {
            backend.putKeyPolicy(scope, in.text("KeyId"), in.text("PolicyName"), in.text("Policy"));
            return Map.of();
        });
        operations.add("Sign", this::sign);
        operations.add("Verify", (scope, in) ->
                Map.of("KeyId", backend.describeKey(scope, in.text("KeyId")).arn(), "SignatureValid",
                backend.verify(scope, in.text("KeyId"), in.blob("Message"), in.text("MessageType"),
                        required(in, "SigningAlgorithm"), in.blob("Signature")),
                "SigningAlgorithm", in.text("SigningAlgorithm")));
        operations.add("GenerateMac", (scope, in) ->
                Map.of("Mac", backend.generateMac(scope, in.text("KeyId"), in.blob("Message"),
                required(in, "MacAlgorithm")), "MacAlgorithm", in.text("MacAlgorithm"),
                "KeyId", backend.describeKey(scope, in.text("KeyId")).arn()));
        operations.add("VerifyMac", (scope, in) ->
                Map.of("KeyId", backend.describeKey(scope, in.text("KeyId")).arn(), "MacValid",
                backend.verifyMac(scope, in.text("KeyId"), in.blob("Message"), required(in, "MacAlgorithm"),
                        in.blob("Mac")), "MacAlgorithm", in.text("MacAlgorithm")));
        operations.add("GetPublicKey", this::publicKey);
        operations.add("TagResource", this::tagResource);
        operations.add("UntagResource", this::untagResource);
        operations.add("ListResourceTags", this::listResourceTags);
    }

    @Override
    public String signingName() {
        return "kms";
    }

    @Override
    public Protocol protocol() {
        return Protocol.AWS_JSON_1_1;
    }

    @Override
    public List<String> targetPrefixes() {
        return List.of("TrentService");
    }

    @Override
    public AwsResponse handle(AwsRequest request) {
        String name = wire.operation(request);
        Operation operation = operations.find(name);
        JsonNode body = wire.body(request);
        operations.check(name, RequiredMembers.inJson(body));
        KmsRequest in = new KmsRequest(body);
        return wire.ok(operation.apply(request.scope(), in));
    }

    /** The operations served, as the table that dispatches them holds them. */
    @Override
    public List<String> operations() {
        return operations.supported();
    }

    private Map<String, Object> createKey(AccountRegion scope, KmsRequest in) {
        KmsKey key = backend.createKey(scope, in.text("Description"), in.text("KeyUsage"),
                in.text("KeySpec") != null ? in.text("KeySpec") : in.text("CustomerMasterKeySpec"), in.tags("Tags"));
        return Map.of("KeyMetadata", metadata(key));
    }

    private Map<String, Object> sign(AccountRegion scope, KmsRequest in) {
        String algorithm = required(in, "SigningAlgorithm");
        byte[] signature = backend.sign(scope, in.text("KeyId"), in.blob("Message"), in.text("MessageType"),
                algorithm);
        return Map.of("KeyId", backend.describeKey(scope, in.text("KeyId")).arn(), "Signature", signature,
                "SigningAlgorithm", algorithm);
    }

    private Map<String, Object> publicKey(AccountRegion scope, KmsRequest in) {
        KmsKey key = backend.publicKey(scope, in.text("KeyId"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("KeyId", key.arn());
        out.put("PublicKey", key.keyPair().getPublic().getEncoded());
        out.put("CustomerMasterKeySpec", key.keySpec());
        out.put("KeySpec", key.keySpec());
        out.put("KeyUsage", key.keyUsage());
        out.put("SigningAlgorithms", KeySpecs.signingAlgorithms(key.keySpec()));
        return out;
    }

    private static String required(KmsRequest in, String field) {
        String value = in.text(field);
        if (value == null) {
            throw KmsErrors.validation("1 validation error detected: Value null at '" + Character.toLowerCase(
                    field.charAt(0)) + field.substring(1) + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    private Map<String, Object> listKeys(AccountRegion scope) {
        List<Map<String, Object>> keys = new ArrayList<>();
        for (KmsKey key : backend.listKeys(scope)) {
            keys.add(Map.of("KeyId", key.keyId(), "KeyArn", key.arn()));
        }
        return Map.of("Keys", keys, "Truncated", false);
    }

    private Map<String, Object> encrypt(AccountRegion scope, KmsRequest in) {
        String keyArn = backend.describeKey(scope, in.text("KeyId")).arn();
        byte[] blob = backend.encrypt(scope, in.text("KeyId"), in.blob("Plaintext"), in.context("EncryptionContext"));
        return Map.of("CiphertextBlob", blob, "KeyId", keyArn, "EncryptionAlgorithm", ALGORITHM);
    }

    private Map<String, Object> decrypt(AccountRegion scope, KmsRequest in) {
        Decrypted decrypted = backend.decrypt(scope, in.blob("CiphertextBlob"), in.context("EncryptionContext"),
                in.text("KeyId"));
        return Map.of("KeyId", decrypted.keyArn(), "Plaintext", decrypted.plaintext(),
                "EncryptionAlgorithm", ALGORITHM);
    }

    private Map<String, Object> generateDataKey(AccountRegion scope, KmsRequest in, boolean withPlaintext) {
        Integer numberOfBytes = in.has("NumberOfBytes") ? in.number("NumberOfBytes", 0) : null;
        DataKey dataKey = backend.generateDataKey(scope, in.text("KeyId"), in.text("KeySpec"), numberOfBytes,
                in.context("EncryptionContext"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("CiphertextBlob", dataKey.ciphertextBlob());
        if (withPlaintext) {
            out.put("Plaintext", dataKey.plaintext());
        }
        out.put("KeyId", dataKey.keyArn());
        return out;
    }

    private Map<String, Object> reEncrypt(AccountRegion scope, KmsRequest in) {
        ReEncrypted result = backend.reEncrypt(scope, in.blob("CiphertextBlob"), in.context("SourceEncryptionContext"),
                in.text("SourceKeyId"), in.text("DestinationKeyId"), in.context("DestinationEncryptionContext"));
        return Map.of("CiphertextBlob", result.ciphertextBlob(), "SourceKeyId", result.sourceKeyArn(),
                "KeyId", result.destinationKeyArn(), "SourceEncryptionAlgorithm", ALGORITHM,
                "DestinationEncryptionAlgorithm", ALGORITHM);
    }

    private Map<String, Object> createAlias(AccountRegion scope, KmsRequest in) {
        backend.createAlias(scope, in.text("AliasName"), in.text("TargetKeyId"));
        return Map.of();
    }

    private Map<String, Object> updateAlias(AccountRegion scope, KmsRequest in) {
        backend.updateAlias(scope, in.text("AliasName"), in.text("TargetKeyId"));
        return Map.of();
    }

    private Map<String, Object> deleteAlias(AccountRegion scope, KmsRequest in) {
        backend.deleteAlias(scope, in.text("AliasName"));
        return Map.of();
    }

    private Map<String, Object> listAliases(AccountRegion scope, KmsRequest in) {
        List<Map<String, Object>> aliases = new ArrayList<>();
        for (KmsAlias alias : backend.listAliases(scope, in.text("KeyId"))) {
            aliases.add(Map.of("AliasName", alias.aliasName(), "AliasArn", alias.aliasArn(),
                    "TargetKeyId", alias.targetKeyId(), "CreationDate", seconds(alias.creationDate()),
                    "LastUpdatedDate", seconds(alias.lastUpdatedDate())));
        }
        return Map.of("Aliases", aliases, "Truncated", false);
    }

    private Map<String, Object> enableKey(AccountRegion scope, KmsRequest in) {
        backend.enableKey(scope, in.text("KeyId"));
        return Map.of();
    }

    private Map<String, Object> disableKey(AccountRegion scope, KmsRequest in) {
        backend.disableKey(scope, in.text("KeyId"));
        return Map.of();
    }

    private Map<String, Object> scheduleKeyDeletion(AccountRegion scope, KmsRequest in) {
        Integer window = in.has("PendingWindowInDays") ? in.number("PendingWindowInDays", 0) : null;
        KmsKey key = backend.scheduleKeyDeletion(scope, in.text("KeyId"), window);
        return Map.of("KeyId", key.arn(), "DeletionDate", seconds(key.deletionDate()),
                "KeyState", key.state().name(), "PendingWindowInDays", key.pendingWindowInDays());
    }

    private Map<String, Object> keyRotationStatus(AccountRegion scope, KmsRequest in) {
        Integer period = backend.keyRotationPeriod(scope, in.text("KeyId"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("KeyId", backend.describeKey(scope, in.text("KeyId")).arn());
        out.put("KeyRotationEnabled", period != null);
        if (period != null) {
            out.put("RotationPeriodInDays", period);
        }
        return out;
    }

    private Map<String, Object> tagResource(AccountRegion scope, KmsRequest in) {
        backend.tagResource(scope, in.text("KeyId"), in.tags("Tags"));
        return Map.of();
    }

    private Map<String, Object> untagResource(AccountRegion scope, KmsRequest in) {
        backend.untagResource(scope, in.text("KeyId"), in.texts("TagKeys"));
        return Map.of();
    }

    private Map<String, Object> listResourceTags(AccountRegion scope, KmsRequest in) {
        List<Map<String, String>> tags = new ArrayList<>();
        backend.listResourceTags(scope, in.text("KeyId"))
                .forEach((name, value) -> tags.add(Map.of("TagKey", name, "TagValue", value)));
        return Map.of("Tags", tags, "Truncated", false);
    }

    private static Map<String, Object> metadata(KmsKey key) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("AWSAccountId", key.accountId());
        out.put("KeyId", key.keyId());
        out.put("Arn", key.arn());
        out.put("CreationDate", seconds(key.creationDate()));
        out.put("Enabled", key.enabled());
        out.put("Description", key.description());
        out.put("KeyUsage", key.keyUsage());
        out.put("KeyState", key.state().name());
        if (key.deletionDate() != null) {
            out.put("DeletionDate", seconds(key.deletionDate()));
            out.put("PendingDeletionWindowInDays", key.pendingWindowInDays());
        }
        out.put("Origin", "AWS_KMS");
        out.put("KeyManager", "CUSTOMER");
        out.put("CustomerMasterKeySpec", key.keySpec());
        out.put("KeySpec", key.keySpec());
        if (KeySpecs.ENCRYPT_DECRYPT.equals(key.keyUsage())) {
            out.put("EncryptionAlgorithms", List.of(ALGORITHM));
        } else if (KeySpecs.SIGN_VERIFY.equals(key.keyUsage())) {
            out.put("SigningAlgorithms", KeySpecs.signingAlgorithms(key.keySpec()));
        } else {
            out.put("MacAlgorithms", KeySpecs.macAlgorithms(key.keySpec()));
        }
        out.put("MultiRegion", false);
        return out;
    }

    /** awsJson timestamps are epoch seconds; a BigDecimal keeps the milliseconds without exponent notation. */
    private static BigDecimal seconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }
}
