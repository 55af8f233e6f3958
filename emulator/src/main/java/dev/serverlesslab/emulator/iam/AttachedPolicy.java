package dev.serverlesslab.emulator.iam;

/** A managed policy attached to a role, named by the last part of its ARN as ListAttachedRolePolicies shows it. */
public record AttachedPolicy(String policyName, String policyArn) {
}
