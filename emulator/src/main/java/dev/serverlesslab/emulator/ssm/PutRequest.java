package dev.serverlesslab.emulator.ssm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What PutParameter asks for.
 *
 * @param type null when overwriting keeps the current type
 * @param keyId the KMS key for a SecureString, or null for {@code alias/aws/ssm}
 */
public record PutRequest(
        String name,
        String value,
        ParameterType type,
        String description,
        String keyId,
        boolean overwrite,
        Map<String, String> tags) {

    public PutRequest {
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }
}
