package dev.serverlesslab.graders.provision;

import dev.serverlesslab.exercises.exercise.KeySpec;
import dev.serverlesslab.exercises.exercise.ParameterSpec;
import dev.serverlesslab.graders.provision.ProvisionedResources.KeyNames;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** Creates declared KMS keys with their aliases, and SSM parameters (SecureStrings sealed with a declared key). */
final class KeyProvisioner {

    // KMS never deletes a key at once; 7 days is the shortest waiting period it accepts.
    private static final int PENDING_DAYS = 7;

    private final ServiceClients clients;

    KeyProvisioner(ServiceClients clients) {
        this.clients = clients;
    }

    KeyNames createKey(KeySpec spec, String aliasName, java.util.Map<String, String> tags, CleanupList cleanup) {
        KmsClient kms = clients.kms();
        KeyMetadata key = kms.createKey(b -> b.description(spec.description().isEmpty()
                        ? "Serverless Lab key " + spec.logicalName() : spec.description())
                .keyUsage(KeyUsageType.ENCRYPT_DECRYPT)
                .keySpec("SYMMETRIC_DEFAULT")
                .tags(tags.entrySet().stream().map(tag -> software.amazon.awssdk.services.kms.model.Tag.builder()
                        .tagKey(tag.getKey()).tagValue(tag.getValue()).build()).toList())).keyMetadata();
        cleanup.add("key " + key.keyId(), () -> kms.scheduleKeyDeletion(b -> b.keyId(key.keyId())
                .pendingWindowInDays(PENDING_DAYS)));
        kms.createAlias(b -> b.aliasName(aliasName).targetKeyId(key.keyId()));
        cleanup.add("alias " + aliasName, () -> kms.deleteAlias(b -> b.aliasName(aliasName)));
        return new KeyNames(key.keyId(), key.arn(), aliasName);
    }

    /**
     * @param keyId the physical id of the key sealing a SecureString, null for SSM's default key
     * @param value this grading's value ({@link ParameterSpec#valueForGrading})
     */
    void createParameter(ParameterSpec spec, String name, String value, String keyId,
                         java.util.Map<String, String> tags, CleanupList cleanup) {
        SsmClient ssm = clients.ssm();
        ssm.putParameter(b -> {
            b.name(name).type(ParameterType.fromValue(spec.type())).value(value)
                    .description("Serverless Lab parameter " + spec.logicalName())
                    .tags(tags.entrySet().stream().map(tag -> software.amazon.awssdk.services.ssm.model.Tag.builder()
                            .key(tag.getKey()).value(tag.getValue()).build()).toList());
            if (keyId != null) {
                b.keyId(keyId);
            }
        });
        cleanup.add("parameter " + name, () -> {
            try {
                ssm.deleteParameter(b -> b.name(name));
            } catch (ParameterNotFoundException alreadyGone) {
                // Nothing left to delete.
            }
        });
    }
}
