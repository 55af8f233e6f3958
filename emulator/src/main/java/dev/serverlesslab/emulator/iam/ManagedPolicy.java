package dev.serverlesslab.emulator.iam;

import java.time.Instant;

/**
 * A customer managed policy as GetPolicy describes it, with its one version's document as the caller sent it (not
 * URL-encoded); CreatePolicyVersion is not served, so the default version is always {@code v1}.
 */
public record ManagedPolicy(
        String policyName,
        String policyId,
        String path,
        String arn,
        Instant createDate,
        String description,
        String document) {

    static final String VERSION = "v1";
}
