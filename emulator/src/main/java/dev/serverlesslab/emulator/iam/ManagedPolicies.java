package dev.serverlesslab.emulator.iam;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * CreatePolicy, GetPolicy, GetPolicyVersion, DeletePolicy and ListPolicies on one account's customer managed policies,
 * and the check AttachRolePolicy makes of a policy ARN: a customer policy must exist in the caller's account.
 */
final class ManagedPolicies {

    private ManagedPolicies() {
    }

    static ManagedPolicy create(IamAccount account, String accountId, String name, String path, String document,
            String description, String policyId, Instant now) {
        ManagedPolicy policy = new ManagedPolicy(name, policyId, path,
                "arn:aws:iam::" + accountId + ":policy" + path + name, now, description, document);
        boolean taken = account.policies.values().stream().anyMatch(p -> p.policyName().equalsIgnoreCase(name));
        if (taken) {
            throw IamErrors.alreadyExists("A policy called " + name + " already exists. Duplicate names are not "
                    + "allowed.");
        }
        account.policies.put(policy.arn(), policy);
        return policy;
    }

    static ManagedPolicy get(IamAccount account, String policyArn) {
        ManagedPolicy policy = policyArn == null ? null : account.policies.get(policyArn);
        if (policy == null) {
            throw IamErrors.noSuchEntity("Policy " + policyArn + " does not exist or is not attachable.");
        }
        return policy;
    }

    static ManagedPolicy version(IamAccount account, String policyArn, String versionId) {
        ManagedPolicy policy = get(account, policyArn);
        if (!ManagedPolicy.VERSION.equals(versionId)) {
            throw IamErrors.noSuchEntity("Policy " + policyArn + " version " + versionId + " does not exist; "
                    + "it has version " + ManagedPolicy.VERSION + " only (CreatePolicyVersion is not emulated)");
        }
        return policy;
    }

    static void delete(IamAccount account, String policyArn) {
        get(account, policyArn);
        if (account.attachments(policyArn) > 0) {
            throw IamErrors.deleteConflict("Cannot delete a policy attached to entities: detach " + policyArn
                    + " from its roles with DetachRolePolicy first");
        }
        account.policies.remove(policyArn);
    }

    /**
     * The policies ListPolicies shows: Local, the account's customer managed policies; AWS, the AWS managed policies
     * attached to its roles (the emulator holds no catalogue of AWS's, so only their name, ARN and path are known); All,
     * both.
     */
    static List<ManagedPolicy> list(IamAccount account, String scope, boolean onlyAttached, String pathPrefix) {
        String wanted = scope == null ? "All" : scope;
        if (!List.of("All", "AWS", "Local").contains(wanted)) {
            throw IamErrors.validation("Scope must be All, AWS or Local, got " + wanted);
        }
        String prefix = pathPrefix == null || pathPrefix.isEmpty() ? "/" : pathPrefix;
        List<ManagedPolicy> policies = new ArrayList<>();
        if (!"Local".equals(wanted)) {
            Set<String> aws = new LinkedHashSet<>();
            account.attachedPolicies.values().forEach(arns -> arns.stream()
                    .filter(arn -> arn.startsWith("arn:aws:iam::aws:policy/")).forEach(aws::add));
            aws.stream().sorted().filter(arn -> path(arn).startsWith(prefix)).forEach(arn -> policies.add(
                    new ManagedPolicy(arn.substring(arn.lastIndexOf('/') + 1), null, path(arn), arn, null, null,
                            null)));
        }
        if (!"AWS".equals(wanted)) {
            account.policies.values().stream()
                    .filter(policy -> policy.path().startsWith(prefix))
                    .filter(policy -> !onlyAttached || account.attachments(policy.arn()) > 0)
                    .forEach(policies::add);
        }
        return policies;
    }

    /** The path of an AWS managed policy's ARN: {@code /service-role/} of {@code ...:policy/service-role/Name}. */
    static String path(String arn) {
        String resource = arn.substring(arn.indexOf(":policy") + ":policy".length());
        return resource.substring(0, resource.lastIndexOf('/') + 1);
    }
}
