package dev.serverlesslab.emulator.kms;

import dev.serverlesslab.emulator.core.AccountRegion;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** The keys and aliases of one account and region, and how a caller's KeyId finds a key among them. */
final class KmsStore {

    private static final String ALIAS_PREFIX = "alias/";

    final Map<String, KmsKey> keys = new ConcurrentHashMap<>();
    /** Sorted so ListAliases answers in a stable order. */
    final Map<String, KmsAlias> aliases = new ConcurrentSkipListMap<>();
    /** Key id to rotation period in days, for keys with automatic rotation enabled. */
    final Map<String, Integer> rotationPeriods = new ConcurrentHashMap<>();
    /** Key id to the policy PutKeyPolicy set; keys without one have AWS's default policy. */
    final Map<String, String> policies = new ConcurrentHashMap<>();
    private final AccountRegion scope;

    KmsStore(AccountRegion scope) {
        this.scope = scope;
    }

    /** Finds a key by key id, key ARN, alias name or alias ARN, as every KMS operation with a KeyId does. */
    KmsKey key(String keyId) {
        if (keyId == null || keyId.isEmpty()) {
            throw KmsErrors.validation("KeyId is required: pass a key id, key ARN, alias name (alias/...) or "
                    + "alias ARN");
        }
        String local = localPart(keyId);
        String id = local;
        if (local.startsWith(ALIAS_PREFIX)) {
            KmsAlias alias = aliases.get(local);
            if (alias == null) {
                throw KmsErrors.notFound("Alias " + KmsBackend.aliasArn(scope, local) + " is not found; "
                        + "create it with CreateAlias or use the key id");
            }
            id = alias.targetKeyId();
        } else if (local.startsWith("key/")) {
            id = local.substring("key/".length());
        }
        KmsKey key = keys.get(id);
        if (key == null) {
            throw KmsErrors.notFound("Key '" + keyId + "' does not exist in account " + scope.accountId()
                    + " region " + scope.region() + "; check the key id and the client's region");
        }
        return key;
    }

    /** The target of an alias must be a key, not another alias, as AWS requires. */
    KmsKey keyForAlias(String targetKeyId) {
        if (targetKeyId != null && localPart(targetKeyId).startsWith(ALIAS_PREFIX)) {
            throw KmsErrors.validation("TargetKeyId must be a key id or key ARN, not the alias " + targetKeyId);
        }
        return key(targetKeyId);
    }

    /**
     * The part after {@code arn:aws:kms:region:account:}; an ARN of another account or region cannot match here,
     * so it is reported as not found.
     */
    private String localPart(String keyId) {
        if (!keyId.startsWith("arn:")) {
            return keyId;
        }
        String[] parts = keyId.split(":", 6);
        if (parts.length != 6 || !"kms".equals(parts[2]) || !scope.region().equals(parts[3])
                || !scope.accountId().equals(parts[4])) {
            throw KmsErrors.notFound("Key '" + keyId + "' does not exist in account " + scope.accountId()
                    + " region " + scope.region() + "; check the ARN's account and region");
        }
        return parts[5];
    }
}
