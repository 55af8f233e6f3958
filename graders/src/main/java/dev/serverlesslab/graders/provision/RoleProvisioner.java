package dev.serverlesslab.graders.provision;

import dev.serverlesslab.exercises.exercise.RoleSpec;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/** Creates the function's execution role: trusted by Lambda, with the exercise's managed policies attached. */
final class RoleProvisioner {

    // The trust policy every Lambda execution role carries, so the Lambda service may assume it.
    static final String TRUST_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    private final IamClient iam;

    RoleProvisioner(IamClient iam) {
        this.iam = iam;
    }

    /**
     * Returns the role's ARN.
     *
     * @param path the role's IAM path ({@code /}, or {@code /serverless-lab/} in a real AWS account)
     */
    String create(RoleSpec spec, String name, String path, java.util.Map<String, String> tags, CleanupList cleanup) {
        String arn = iam.createRole(b -> b.roleName(name)
                .path(path)
                .tags(tags.entrySet().stream().map(tag -> software.amazon.awssdk.services.iam.model.Tag.builder()
                        .key(tag.getKey()).value(tag.getValue()).build()).toList())
                .assumeRolePolicyDocument(TRUST_POLICY)
                .description("Serverless Lab execution role")).role().arn();
        cleanup.add("role " + name, () -> {
            try {
                iam.deleteRole(b -> b.roleName(name));
            } catch (NoSuchEntityException alreadyGone) {
                // Nothing left to delete.
            }
        });
        for (String policy : spec.policies()) {
            iam.attachRolePolicy(b -> b.roleName(name).policyArn(policy));
            // IAM refuses to delete a role that still has policies attached, so each is detached first.
            cleanup.add("policy " + policy + " on role " + name,
                    () -> iam.detachRolePolicy(b -> b.roleName(name).policyArn(policy)));
        }
        return arn;
    }

    /** Puts an inline policy on the role, deleted again before the role (IAM refuses to delete a role that has one). */
    void putInlinePolicy(String role, String policyName, String document, CleanupList cleanup) {
        iam.putRolePolicy(b -> b.roleName(role).policyName(policyName).policyDocument(document));
        cleanup.add("policy " + policyName + " of role " + role,
                () -> iam.deleteRolePolicy(b -> b.roleName(role).policyName(policyName)));
    }
}
