package dev.serverlesslab.emulator.lambda;

import dev.serverlesslab.emulator.core.AccountRegion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Lambda's resource-based policies: AddPermission, GetPolicy and RemovePermission, one policy per function and per
 * qualifier (version or alias), as on AWS. Callers with their own credentials are not checked against them (the
 * emulator does not evaluate identity policies); AWS services that invoke a function (S3, SNS, EventBridge, function
 * URLs) are, through {@link #allowsService}, as AWS checks them.
 */
public final class FunctionPermissions {

    private static final Pattern STATEMENT_ID = Pattern.compile("([a-zA-Z0-9-_.]+)");
    private static final Pattern ACTION = Pattern.compile("(lambda:[*]|lambda:[a-zA-Z]+|[*])");
    private static final Pattern PRINCIPAL = Pattern.compile("[^\\s]+");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    private final FunctionRegistry registry;

    FunctionPermissions(FunctionRegistry registry) {
        this.registry = registry;
    }

    /** Adds one statement and returns it; a statement id already in the policy is a conflict. */
    public Map<String, Object> addPermission(AccountRegion scope, String functionName, String qualifier,
            AddPermissionRequest request) {
        validate(request);
        LambdaFunction function = registry.function(scope, functionName);
        FunctionRef ref = FunctionRef.parse(functionName, qualifier);
        String resource = resourceArn(scope, function, ref);
        synchronized (function) {
            checkRevision(request.revisionId(), function.revisionId(key(ref)));
            ResourcePolicy current = function.policy(key(ref));
            if (current != null) {
                boolean taken = current.statements().stream()
                        .anyMatch(statement -> request.statementId().equals(statement.get("Sid")));
                if (taken) {
                    throw LambdaErrors.conflict("The statement id (" + request.statementId() + ") provided already "
                            + "exists. Please provide a new statement id, or remove the existing statement.");
                }
            }
            Map<String, Object> statement = statement(request, resource);
            List<Map<String, Object>> statements = current == null ? new ArrayList<>()
                    : new ArrayList<>(current.statements());
            statements.add(statement);
            function.putPolicy(key(ref), statements);
            return statement;
        }
    }

    /** The policy of the function or of one qualifier; none yet is ResourceNotFoundException, as on AWS. */
    public ResourcePolicy getPolicy(AccountRegion scope, String functionName, String qualifier) {
        LambdaFunction function = registry.function(scope, functionName);
        FunctionRef ref = FunctionRef.parse(functionName, qualifier);
        resourceArn(scope, function, ref);
        ResourcePolicy policy = function.policy(key(ref));
        if (policy == null) {
            throw LambdaErrors.notFound("The resource you requested does not exist.");
        }
        return policy;
    }

    /** Removes one statement; the policy goes away with its last statement. */
    public void removePermission(AccountRegion scope, String functionName, String qualifier, String statementId,
            String revisionId) {
        LambdaFunction function = registry.function(scope, functionName);
        FunctionRef ref = FunctionRef.parse(functionName, qualifier);
        resourceArn(scope, function, ref);
        synchronized (function) {
            ResourcePolicy current = function.policy(key(ref));
            if (current == null) {
                throw LambdaErrors.notFound("No policy is found for: " + resourceArn(scope, function, ref));
            }
            checkRevision(revisionId, current.revisionId());
            List<Map<String, Object>> remaining = current.statements().stream()
                    .filter(statement -> !statementId.equals(statement.get("Sid")))
                    .toList();
            if (remaining.size() == current.statements().size()) {
                throw LambdaErrors.notFound("Statement " + statementId + " is not found in resource policy.");
            }
            function.putPolicy(key(ref), remaining);
        }
    }

    /**
     * True when the function's (or the qualifier's) policy lets a service principal invoke it: an Allow statement for
     * that principal (or {@code *}) and {@code lambda:InvokeFunction} (or a wildcard), whose {@code AWS:SourceArn}
     * (ArnLike, {@code *} and {@code ?} wildcards) and {@code AWS:SourceAccount} conditions match the sender. A
     * function without a policy allows no service.
     */
    public boolean allowsService(AccountRegion scope, String functionName, String qualifier, String servicePrincipal,
            String sourceArn, String sourceAccount) {
        LambdaFunction function = registry.function(scope, functionName);
        FunctionRef ref = FunctionRef.parse(functionName, qualifier);
        ResourcePolicy policy = function.policy(key(ref));
        if (policy == null) {
            return false;
        }
        return policy.statements().stream().anyMatch(statement -> "Allow".equals(statement.get("Effect"))
                && principalMatches(statement.get("Principal"), servicePrincipal)
                && List.of("lambda:InvokeFunction", "lambda:*", "*").contains(statement.get("Action"))
                && conditionsMatch(statement.get("Condition"), sourceArn, sourceAccount));
    }

    private static boolean principalMatches(Object principal, String servicePrincipal) {
        return "*".equals(principal)
                || principal instanceof Map<?, ?> map && servicePrincipal.equals(map.get("Service"));
    }

    private static boolean conditionsMatch(Object condition, String sourceArn, String sourceAccount) {
        if (!(condition instanceof Map<?, ?> conditions)) {
            return true;
        }
        if (conditions.get("ArnLike") instanceof Map<?, ?> arnLike && arnLike.get("AWS:SourceArn") instanceof String
                pattern && (sourceArn == null || !wildcardMatches(pattern, sourceArn))) {
            return false;
        }
        return !(conditions.get("StringEquals") instanceof Map<?, ?> equals
                && equals.get("AWS:SourceAccount") instanceof String account && !account.equals(sourceAccount));
    }

    /** IAM's ArnLike: {@code *} any run of characters, {@code ?} one character, everything else literal. */
    static boolean wildcardMatches(String pattern, String text) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.matches(regex.toString(), text);
    }

    private static void checkRevision(String expected, String current) {
        if (expected != null && !expected.equals(current)) {
            throw LambdaErrors.preconditionFailed("The Revision Id provided does not match the latest Revision Id. "
                    + "Call the GetPolicy API to retrieve the latest Revision Id");
        }
    }

    private static void validate(AddPermissionRequest request) {
        List<String> violations = new ArrayList<>();
        String sid = request.statementId();
        if (sid == null || sid.length() > 100 || !STATEMENT_ID.matcher(sid).matches()) {
            violations.add(LambdaErrors.violation(sid, "statementId", sid == null ? "Member must not be null"
                    : "Member must satisfy regular expression pattern: " + STATEMENT_ID.pattern()
                            + " and have length at most 100"));
        }
        if (request.action() == null || !ACTION.matcher(request.action()).matches()) {
            violations.add(LambdaErrors.violation(request.action(), "action", request.action() == null
                    ? "Member must not be null" : "Member must satisfy regular expression pattern: "
                            + ACTION.pattern()));
        }
        if (request.principal() == null || !PRINCIPAL.matcher(request.principal()).matches()) {
            violations.add(LambdaErrors.violation(request.principal(), "principal", request.principal() == null
                    ? "Member must not be null" : "Member must satisfy regular expression pattern: "
                            + PRINCIPAL.pattern()));
        }
        if (!violations.isEmpty()) {
            throw LambdaErrors.validation(violations);
        }
    }

    /** The statement IAM would store, conditions included, as Lambda writes it into the policy. */
    private static Map<String, Object> statement(AddPermissionRequest request, String resource) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Sid", request.statementId());
        statement.put("Effect", "Allow");
        statement.put("Principal", principal(request.principal()));
        statement.put("Action", request.action());
        statement.put("Resource", resource);
        Map<String, Object> condition = new LinkedHashMap<>();
        Map<String, String> equals = new LinkedHashMap<>();
        if (request.sourceAccount() != null) {
            equals.put("AWS:SourceAccount", request.sourceAccount());
        }
        if (request.principalOrgID() != null) {
            equals.put("aws:PrincipalOrgID", request.principalOrgID());
        }
        if (request.eventSourceToken() != null) {
            equals.put("lambda:EventSourceToken", request.eventSourceToken());
        }
        if (request.functionUrlAuthType() != null) {
            equals.put("lambda:FunctionUrlAuthType", request.functionUrlAuthType());
        }
        if (!equals.isEmpty()) {
            condition.put("StringEquals", equals);
        }
        if (request.sourceArn() != null) {
            condition.put("ArnLike", Map.of("AWS:SourceArn", request.sourceArn()));
        }
        if (!condition.isEmpty()) {
            statement.put("Condition", condition);
        }
        return statement;
    }

    /** A service principal, an account (as its root ARN), an ARN or {@code *}, written as IAM writes each. */
    private static Object principal(String principal) {
        if ("*".equals(principal)) {
            return "*";
        }
        if (principal.endsWith(".amazonaws.com")) {
            return Map.of("Service", principal);
        }
        if (ACCOUNT.matcher(principal).matches()) {
            return Map.of("AWS", "arn:aws:iam::" + principal + ":root");
        }
        return Map.of("AWS", principal);
    }

    /** The ARN the policy guards; a qualifier that names no version or alias is ResourceNotFoundException. */
    private static String resourceArn(AccountRegion scope, LambdaFunction function, FunctionRef ref) {
        String base = function.configuration().functionArn();
        if (ref.qualifier() == null) {
            return base;
        }
        if (function.deployment(ref.qualifier()) == null && function.alias(ref.qualifier()) == null) {
            throw LambdaErrors.functionNotFound(ref.arn(scope.region(), scope.accountId()));
        }
        return base + ":" + ref.qualifier();
    }

    /** Policies are kept per qualifier; the unqualified function and $LATEST share one. */
    private static String key(FunctionRef ref) {
        return ref.latest() ? "" : ref.qualifier();
    }
}
