package dev.serverlesslab.emulator.iam;

import java.time.Instant;

/** An IAM role as GetRole describes it; the trust policy is kept as the caller sent it, not URL-encoded. */
public record IamRole(
        String roleName,
        String roleId,
        String path,
        String arn,
        Instant createDate,
        String assumeRolePolicyDocument,
        String description,
        int maxSessionDuration) {
}
