package dev.serverlesslab.emulator.iam;

import dev.serverlesslab.emulator.http.AwsQuery;
import dev.serverlesslab.emulator.http.AwsRequest;
import dev.serverlesslab.emulator.http.AwsResponse;
import dev.serverlesslab.emulator.http.AwsService;
import dev.serverlesslab.emulator.http.Operations;
import dev.serverlesslab.emulator.http.Protocol;
import dev.serverlesslab.emulator.http.RequiredMembers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * IAM's query-protocol wire format: maps {@code Action=<Operation>} form posts to {@link IamBackend} calls and their
 * results back to IAM's XML shapes. IAM is global, so requests act in their account whatever region they sign for.
 */
public final class IamHandler implements AwsService {

    private final IamBackend backend;
    private final AwsQuery wire = new AwsQuery("https://iam.amazonaws.com/doc/2010-05-08/");
    private final Operations<Action> operations = new Operations<>(Protocol.QUERY, "IAM",
            RequiredMembers.of("iam", RequiredMembers.coral("ValidationError")));

    /** One action: reads the parameters in the caller's account (IAM is global), returns the result's members. */
    private interface Action extends BiFunction<String, Map<String, String>, Map<String, ?>> {
    }

    public IamHandler(IamBackend backend) {
        this.backend = backend;
        operations.add("CreateRole", (account, in) ->
                Map.of("Role", role(backend.createRole(account, in.get("RoleName"), in.get("Path"),
                in.get("AssumeRolePolicyDocument"), in.get("Description")))));
        operations.add("GetRole", (account, in) -> Map.of("Role", role(backend.getRole(account, in.get("RoleName")))));
        operations.add("DeleteRole", (account, in) -> done(() -> backend.deleteRole(account, in.get("RoleName"))));
        operations.add("ListRoles", this::listRoles);
        operations.add("AttachRolePolicy", (account, in) ->
                done(() -> backend.attachRolePolicy(account, in.get("RoleName"), in.get("PolicyArn"))));
        operations.add("DetachRolePolicy", (account, in) ->
                done(() -> backend.detachRolePolicy(account, in.get("RoleName"), in.get("PolicyArn"))));
        operations.add("ListAttachedRolePolicies", (account, in) -> listAttached(account, in.get("RoleName")));
        operations.add("PutRolePolicy", (account, in) ->
                done(() -> backend.putRolePolicy(account, in.get("RoleName"), in.get("PolicyName"),
                in.get("PolicyDocument"))));
        operations.add("GetRolePolicy", (account, in) ->
                getRolePolicy(account, in.get("RoleName"), in.get("PolicyName")));
        operations.add("DeleteRolePolicy", (account, in) ->
                done(() -> backend.deleteRolePolicy(account, in.get("RoleName"), in.get("PolicyName"))));
        operations.add("ListRolePolicies", (account, in) ->
                page("PolicyNames", backend.listRolePolicies(account, in.get("RoleName"))));
        operations.add("CreatePolicy", this::createPolicy);
        operations.add("GetPolicy", (account, in) ->
                Map.of("Policy", policy(account, backend.getPolicy(account, in.get("PolicyArn")))));
        operations.add("GetPolicyVersion", (account, in) ->
                Map.of("PolicyVersion", policyVersion(backend.getPolicyVersion(account,
                in.get("PolicyArn"), in.get("VersionId")))));
        operations.add("DeletePolicy", (account, in) -> done(() -> backend.deletePolicy(account, in.get("PolicyArn"))));
        operations.add("ListPolicies", (account, in) -> page("Policies", backend.listPolicies(account, in.get("Scope"),
                "true".equals(in.get("OnlyAttached")), in.get("PathPrefix")).stream()
                .map(policy -> policy(account, policy)).toList()));
    }

    @Override
    public String signingName() {
        return "iam";
    }

    @Override
    public Protocol protocol() {
        return Protocol.QUERY;
    }

    @Override
    public AwsResponse handle(AwsRequest request) {
        Map<String, String> in = wire.parameters(request);
        String action = wire.operation(in);
        Action operation = operations.find(action);
        operations.check(action, RequiredMembers.inQuery(in));
        return wire.ok(request, action, operation.apply(request.scope().accountId(), in));
    }

    /** The operations served, as the table that dispatches them holds them. */
    @Override
    public List<String> operations() {
        return operations.supported();
    }

    private Map<String, Object> createPolicy(String account, Map<String, String> in) {
        in.keySet().stream().filter(key -> key.startsWith("Tags.")).findFirst().ifPresent(key -> {
            throw IamErrors.validation("Tags on policies are not emulated by Serverless Lab's IAM; create the "
                    + "policy without Tags");
        });
        ManagedPolicy policy = backend.createPolicy(account, in.get("PolicyName"), in.get("Path"),
                in.get("PolicyDocument"), in.get("Description"));
        return Map.of("Policy", policy(account, policy));
    }

    private Map<String, Object> policy(String account, ManagedPolicy policy) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("PolicyName", policy.policyName());
        out.put("PolicyId", policy.policyId());
        out.put("Arn", policy.arn());
        out.put("Path", policy.path());
        if (policy.policyId() != null) {
            out.put("DefaultVersionId", ManagedPolicy.VERSION);
        }
        out.put("AttachmentCount", backend.attachmentCount(account, policy.arn()));
        out.put("PermissionsBoundaryUsageCount", 0);
        out.put("IsAttachable", true);
        out.put("Description", policy.description());
        out.put("CreateDate", policy.createDate());
        out.put("UpdateDate", policy.createDate());
        return out;
    }

    private static Map<String, Object> policyVersion(ManagedPolicy policy) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Document", urlEncoded(policy.document()));
        out.put("VersionId", ManagedPolicy.VERSION);
        out.put("IsDefaultVersion", true);
        out.put("CreateDate", policy.createDate());
        return out;
    }

    /** Operations without output still answer with an empty result element, as IAM does. */
    private static Map<String, Object> done(Runnable operation) {
        operation.run();
        return Map.of();
    }

    private Map<String, Object> listRoles(String account, Map<String, String> in) {
        List<Map<String, Object>> roles = backend.listRoles(account, in.get("PathPrefix")).stream()
                .map(IamHandler::role).toList();
        return page("Roles", roles);
    }

    private Map<String, Object> listAttached(String account, String roleName) {
        List<Map<String, Object>> policies = backend.listAttachedRolePolicies(account, roleName).stream()
                .map(IamHandler::attachedPolicy)
                .toList();
        return page("AttachedPolicies", policies);
    }

    private static Map<String, Object> attachedPolicy(AttachedPolicy policy) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("PolicyName", policy.policyName());
        out.put("PolicyArn", policy.policyArn());
        return out;
    }

    /** A list result in IAM's member order; the emulator returns everything at once, so never truncated. */
    private static Map<String, Object> page(String name, List<?> items) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(name, items);
        out.put("IsTruncated", false);
        return out;
    }

    private Map<String, Object> getRolePolicy(String account, String roleName, String policyName) {
        String document = backend.getRolePolicy(account, roleName, policyName);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("RoleName", backend.getRole(account, roleName).roleName());
        out.put("PolicyName", policyName);
        out.put("PolicyDocument", urlEncoded(document));
        return out;
    }

    private static Map<String, Object> role(IamRole role) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Path", role.path());
        out.put("RoleName", role.roleName());
        out.put("RoleId", role.roleId());
        out.put("Arn", role.arn());
        out.put("CreateDate", role.createDate());
        out.put("AssumeRolePolicyDocument", urlEncoded(role.assumeRolePolicyDocument()));
        out.put("Description", role.description());
        out.put("MaxSessionDuration", role.maxSessionDuration());
        return out;
    }

    /** IAM returns policy documents URL-encoded (RFC 3986, spaces as %20); callers decode them themselves. */
    private static String urlEncoded(String document) {
        return URLEncoder.encode(document, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
