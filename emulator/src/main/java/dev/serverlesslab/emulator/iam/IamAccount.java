package dev.serverlesslab.emulator.iam;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The roles of one account, what is attached to each, and its customer managed policies; IAM is global, so there is
 * no region here.
 */
final class IamAccount {

    /** IAM role names are unique regardless of case, and lists come back sorted by name. */
    final Map<String, IamRole> roles = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final Map<String, Map<String, String>> inlinePolicies = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final Map<String, Set<String>> attachedPolicies = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    /** Customer managed policies by ARN; IAM policy names are unique regardless of case, as role names are. */
    final Map<String, ManagedPolicy> policies = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    /** How many roles have the policy attached. */
    int attachments(String policyArn) {
        return (int) attachedPolicies.values().stream().filter(arns -> arns.contains(policyArn)).count();
    }

    IamRole role(String roleName) {
        IamRole role = roles.get(roleName);
        if (role == null) {
            throw IamErrors.noSuchEntity("The role with name " + roleName + " cannot be found; create it with "
                    + "CreateRole or check the name");
        }
        return role;
    }

    Map<String, String> inline(String roleName) {
        return inlinePolicies.computeIfAbsent(roleName, name -> new TreeMap<>());
    }

    Set<String> attached(String roleName) {
        return attachedPolicies.computeIfAbsent(roleName, name -> new LinkedHashSet<>());
    }

    void remove(String roleName) {
        roles.remove(roleName);
        inlinePolicies.remove(roleName);
        attachedPolicies.remove(roleName);
    }
}
