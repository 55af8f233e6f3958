package dev.serverlesslab.emulator.lambda;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * Layer version policies: AddLayerVersionPermission, GetLayerVersionPolicy and RemoveLayerVersionPermission. Unlike
 * function policies they are enforced: another account may attach a layer version only when a statement grants it
 * {@code lambda:GetLayerVersion}, to its account id or to {@code *}, as on AWS.
 */
final class LayerPermissions {

    /** The only action a layer version policy can grant. */
    static final String GET_LAYER_VERSION = "lambda:GetLayerVersion";
    private static final Pattern STATEMENT_ID = Pattern.compile("[a-zA-Z0-9-_]{1,100}");
    private static final Pattern PRINCIPAL = Pattern.compile("\\d{12}|\\*|arn:aws[a-zA-Z-]*:iam::\\d{12}:root");

    /** Policies by layer version ARN; a version with no statement has none. */
    private final ConcurrentMap<String, ResourcePolicy> policies = new ConcurrentHashMap<>();

    /** Adds one statement to the version's policy and returns it with the policy's new RevisionId. */
    synchronized Added add(String layerVersionArn, AddLayerVersionPermissionRequest request) {
        validate(request);
        ResourcePolicy current = policies.get(layerVersionArn);
        if (current != null && request.revisionId() != null && !request.revisionId().equals(current.revisionId())) {
            throw LambdaErrors.preconditionFailed("The Revision Id provided does not match the latest Revision Id. "
                    + "Call the GetLayerVersionPolicy API to retrieve the latest Revision Id");
        }
        List<Map<String, Object>> statements = current == null ? new ArrayList<>()
                : new ArrayList<>(current.statements());
        if (statements.stream().anyMatch(statement -> request.statementId().equals(statement.get("Sid")))) {
            throw LambdaErrors.conflict("The statement id (" + request.statementId() + ") provided already exists. "
                    + "Please provide a new statement id, or remove the existing statement.");
        }
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Sid", request.statementId());
        statement.put("Effect", "Allow");
        // IAM writes an account as its root user's ARN, and * as it is.
        statement.put("Principal", "*".equals(request.principal()) ? "*"
                : Map.of("AWS", request.principal().matches("\\d{12}")
                        ? "arn:aws:iam::" + request.principal() + ":root" : request.principal()));
        statement.put("Action", GET_LAYER_VERSION);
        statement.put("Resource", layerVersionArn);
        if (request.organizationId() != null) {
            statement.put("Condition", Map.of("StringEquals", Map.of("aws:PrincipalOrgID",
                    request.organizationId())));
        }
        statements.add(statement);
        ResourcePolicy policy = new ResourcePolicy(List.copyOf(statements), UUID.randomUUID().toString());
        policies.put(layerVersionArn, policy);
        return new Added(statement, policy.revisionId());
    }

    /** The version's policy; none is ResourceNotFoundException, as on AWS. */
    ResourcePolicy get(String layerVersionArn) {
        ResourcePolicy policy = policies.get(layerVersionArn);
        if (policy == null) {
            throw LambdaErrors.notFound("No policy is associated with the given resource.");
        }
        return policy;
    }

    /** Removes one statement; the policy goes away with its last statement. */
    synchronized void remove(String layerVersionArn, String statementId, String revisionId) {
        ResourcePolicy current = get(layerVersionArn);
        if (revisionId != null && !revisionId.equals(current.revisionId())) {
            throw LambdaErrors.preconditionFailed("The Revision Id provided does not match the latest Revision Id. "
                    + "Call the GetLayerVersionPolicy API to retrieve the latest Revision Id");
        }
        List<Map<String, Object>> remaining = current.statements().stream()
                .filter(statement -> !statementId.equals(statement.get("Sid"))).toList();
        if (remaining.size() == current.statements().size()) {
            throw LambdaErrors.notFound("Statement " + statementId + " is not found in resource policy.");
        }
        if (remaining.isEmpty()) {
            policies.remove(layerVersionArn);
        } else {
            policies.put(layerVersionArn, new ResourcePolicy(remaining, UUID.randomUUID().toString()));
        }
    }

    /** Whether the version's policy lets {@code accountId} use it (organization conditions never match here). */
    boolean grants(String layerVersionArn, String accountId) {
        ResourcePolicy policy = policies.get(layerVersionArn);
        return policy != null && policy.statements().stream()
                .filter(statement -> !statement.containsKey("Condition"))
                .map(statement -> statement.get("Principal"))
                .anyMatch(principal -> "*".equals(principal)
                        || Map.of("AWS", "arn:aws:iam::" + accountId + ":root").equals(principal));
    }

    /** Forgets the policy of a deleted version. */
    void forget(String layerVersionArn) {
        policies.remove(layerVersionArn);
    }

    private static void validate(AddLayerVersionPermissionRequest request) {
        List<String> violations = new ArrayList<>();
        String sid = request.statementId();
        if (sid == null || !STATEMENT_ID.matcher(sid).matches()) {
            violations.add(LambdaErrors.violation(sid, "statementId", "Member must satisfy regular expression "
                    + "pattern: ([a-zA-Z0-9-_]+) and have length between 1 and 100"));
        }
        if (!GET_LAYER_VERSION.equals(request.action())) {
            violations.add(LambdaErrors.violation(request.action(), "action",
                    "Member must satisfy regular expression pattern: lambda:GetLayerVersion"));
        }
        if (request.principal() == null || !PRINCIPAL.matcher(request.principal()).matches()) {
            violations.add(LambdaErrors.violation(request.principal(), "principal",
                    "Member must be an account id, an account's root ARN or *"));
        }
        if (!violations.isEmpty()) {
            throw LambdaErrors.validation(violations);
        }
    }

    /** AddLayerVersionPermission's request members. */
    record AddLayerVersionPermissionRequest(String statementId, String action, String principal,
            String organizationId, String revisionId) {
    }

    /** The statement just added and the policy's RevisionId after it. */
    record Added(Map<String, Object> statement, String revisionId) {
    }
}
