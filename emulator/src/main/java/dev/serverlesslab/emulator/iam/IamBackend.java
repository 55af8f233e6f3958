package dev.serverlesslab.emulator.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * IAM state and rules: roles per account with their trust policies, inline policies and attached managed policies,
 * and the account's customer managed policies.
 *
 * <p>Policies are stored and validated as JSON, never enforced: every call in the emulator is allowed.
 */
public final class IamBackend {

    private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]+");
    private static final Pattern PATH = Pattern.compile("/|/[\\x21-\\x7E]*/");
    private static final Pattern POLICY_ARN = Pattern.compile("arn:aws:iam::(aws|\\d{12}):policy/[\\x21-\\x7E]+");
    private static final String ID_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final int DEFAULT_MAX_SESSION_SECONDS = 3600;

    private final Map<String, IamAccount> accounts = new HashMap<>();
    private final ObjectMapper json = new ObjectMapper();
    private final SecureRandom random;
    private final Clock clock;

    public IamBackend(SecureRandom random, Clock clock) {
        this.random = random;
        this.clock = clock;
    }

    public IamBackend() {
        this(new SecureRandom(), Clock.systemUTC());
    }

    public synchronized IamRole createRole(String accountId, String roleName, String path,
            String assumeRolePolicyDocument, String description) {
        checkName("RoleName", roleName, 64);
        String rolePath = path == null || path.isEmpty() ? "/" : path;
        if (rolePath.length() > 512 || !PATH.matcher(rolePath).matches()) {
            throw IamErrors.validation("Path '" + rolePath + "' is not valid: it must begin and end with / "
                    + "(e.g. /service-role/) and be at most 512 characters");
        }
        checkPolicy("AssumeRolePolicyDocument", assumeRolePolicyDocument);
        if (description != null && description.length() > 1000) {
            throw IamErrors.validation("Description is " + description.length()
                    + " characters long; IAM allows at most 1000");
        }
        IamAccount account = account(accountId);
        if (account.roles.containsKey(roleName)) {
            throw IamErrors.alreadyExists("Role with name " + roleName + " already exists in account " + accountId
                    + "; pick another name or delete the existing role first");
        }
        IamRole role = new IamRole(roleName, "AROA" + randomId(17), rolePath,
                "arn:aws:iam::" + accountId + ":role" + rolePath + roleName, clock.instant(),
                assumeRolePolicyDocument, description, DEFAULT_MAX_SESSION_SECONDS);
        account.roles.put(roleName, role);
        return role;
    }

    public synchronized IamRole getRole(String accountId, String roleName) {
        checkName("RoleName", roleName, 64);
        return account(accountId).role(roleName);
    }

    /** Deletes a role; like AWS, only once no policy is attached to it or embedded in it. */
    public synchronized void deleteRole(String accountId, String roleName) {
        IamAccount account = account(accountId);
        getRole(accountId, roleName);
        if (!account.attached(roleName).isEmpty() || !account.inline(roleName).isEmpty()) {
            throw IamErrors.deleteConflict("Cannot delete role " + roleName + ": it still has policies; detach "
                    + "them with DetachRolePolicy and delete inline ones with DeleteRolePolicy first");
        }
        account.remove(roleName);
    }

    /** The roles whose path starts with the prefix (all when it is null), sorted by name. */
    public synchronized List<IamRole> listRoles(String accountId, String pathPrefix) {
        String prefix = pathPrefix == null || pathPrefix.isEmpty() ? "/" : pathPrefix;
        return account(accountId).roles.values().stream().filter(role -> role.path().startsWith(prefix)).toList();
    }

    /** Attaches an AWS managed policy, or a customer managed policy that exists in the account. */
    public synchronized void attachRolePolicy(String accountId, String roleName, String policyArn) {
        getRole(accountId, roleName);
        checkPolicyArn(policyArn);
        if (!policyArn.startsWith("arn:aws:iam::aws:")) {
            ManagedPolicies.get(account(accountId), policyArn);
        }
        account(accountId).attached(roleName).add(policyArn);
    }

    /** CreatePolicy: a customer managed policy with its document as version v1. */
    public synchronized ManagedPolicy createPolicy(String accountId, String policyName, String path,
            String policyDocument, String description) {
        checkName("PolicyName", policyName, 128);
        String policyPath = path == null || path.isEmpty() ? "/" : path;
        if (policyPath.length() > 512 || !PATH.matcher(policyPath).matches()) {
            throw IamErrors.validation("Path '" + policyPath + "' is not valid: it must begin and end with / "
                    + "and be at most 512 characters");
        }
        checkPolicy("PolicyDocument", policyDocument);
        if (description != null && description.length() > 1000) {
            throw IamErrors.validation("Description is " + description.length()
                    + " characters long; IAM allows at most 1000");
        }
        return ManagedPolicies.create(account(accountId), accountId, policyName, policyPath, policyDocument,
                description, "ANPA" + randomId(17), clock.instant());
    }

    public synchronized ManagedPolicy getPolicy(String accountId, String policyArn) {
        return ManagedPolicies.get(account(accountId), policyArn);
    }

    /** The policy whose version {@code versionId} exists (only v1 does). */
    public synchronized ManagedPolicy getPolicyVersion(String accountId, String policyArn, String versionId) {
        return ManagedPolicies.version(account(accountId), policyArn, versionId);
    }

    public synchronized void deletePolicy(String accountId, String policyArn) {
        ManagedPolicies.delete(account(accountId), policyArn);
    }

    public synchronized List<ManagedPolicy> listPolicies(String accountId, String scope, boolean onlyAttached,
            String pathPrefix) {
        return ManagedPolicies.list(account(accountId), scope, onlyAttached, pathPrefix);
    }

    /** How many roles of the account have the policy attached. */
    public synchronized int attachmentCount(String accountId, String policyArn) {
        return account(accountId).attachments(policyArn);
    }

    public synchronized void detachRolePolicy(String accountId, String roleName, String policyArn) {
        getRole(accountId, roleName);
        checkPolicyArn(policyArn);
        if (!account(accountId).attached(roleName).remove(policyArn)) {
            throw IamErrors.noSuchEntity("Policy " + policyArn + " was not attached to role " + roleName
                    + "; see ListAttachedRolePolicies for what is attached");
        }
    }

    public synchronized List<AttachedPolicy> listAttachedRolePolicies(String accountId, String roleName) {
        getRole(accountId, roleName);
        List<AttachedPolicy> policies = new ArrayList<>();
        for (String arn : account(accountId).attached(roleName)) {
            policies.add(new AttachedPolicy(arn.substring(arn.lastIndexOf('/') + 1), arn));
        }
        return policies;
    }

    /** Adds or replaces an inline policy of the role. */
    public synchronized void putRolePolicy(String accountId, String roleName, String policyName,
            String policyDocument) {
        getRole(accountId, roleName);
        checkName("PolicyName", policyName, 128);
        checkPolicy("PolicyDocument", policyDocument);
        account(accountId).inline(roleName).put(policyName, policyDocument);
    }

    /** The inline policy's document as it was put, not URL-encoded. */
    public synchronized String getRolePolicy(String accountId, String roleName, String policyName) {
        getRole(accountId, roleName);
        checkName("PolicyName", policyName, 128);
        String document = account(accountId).inline(roleName).get(policyName);
        if (document == null) {
            throw IamErrors.noSuchEntity("The role policy with name " + policyName + " cannot be found on role "
                    + roleName + "; see ListRolePolicies for its inline policies");
        }
        return document;
    }

    public synchronized void deleteRolePolicy(String accountId, String roleName, String policyName) {
        getRolePolicy(accountId, roleName, policyName);
        account(accountId).inline(roleName).remove(policyName);
    }

    /** The names of the role's inline policies, sorted. */
    public synchronized List<String> listRolePolicies(String accountId, String roleName) {
        getRole(accountId, roleName);
        return List.copyOf(account(accountId).inline(roleName).keySet());
    }

    private IamAccount account(String accountId) {
        return accounts.computeIfAbsent(accountId, id -> new IamAccount());
    }

    private static void checkName(String field, String value, int maxLength) {
        if (value == null || value.isEmpty()) {
            throw IamErrors.validation(field + " is required");
        }
        if (value.length() > maxLength || !NAME.matcher(value).matches()) {
            throw IamErrors.validation(field + " '" + value + "' is not valid: use 1 to " + maxLength
                    + " letters, digits or the characters _+=,.@-");
        }
    }

    private static void checkPolicyArn(String policyArn) {
        if (policyArn == null || !POLICY_ARN.matcher(policyArn).matches()) {
            throw IamErrors.validation("PolicyArn '" + policyArn + "' is not a policy ARN; expected e.g. "
                    + "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
        }
    }

    /** Checks the document is a JSON object with a Statement, which is as far as AWS's syntax check matters here. */
    private void checkPolicy(String field, String document) {
        if (document == null || document.isEmpty()) {
            throw IamErrors.validation(field + " is required: pass the policy as a JSON document");
        }
        JsonNode node;
        try {
            node = json.readTree(document);
        } catch (JsonProcessingException e) {
            throw IamErrors.malformedPolicy(field + " is not valid JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
        if (node == null || !node.isObject()) {
            throw IamErrors.malformedPolicy(field + " must be a JSON object like {\"Version\":\"2012-10-17\","
                    + "\"Statement\":[...]}");
        }
        if (!node.has("Statement")) {
            throw IamErrors.malformedPolicy(field + " has no Statement; add \"Statement\":[{\"Effect\":...,"
                    + "\"Action\":...}]");
        }
    }

    private String randomId(int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(ID_CHARACTERS.charAt(random.nextInt(ID_CHARACTERS.length())));
        }
        return id.toString();
    }
}
