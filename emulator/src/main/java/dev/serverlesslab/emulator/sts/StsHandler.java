package dev.serverlesslab.emulator.sts;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.http.AwsQuery;
import dev.serverlesslab.emulator.http.AwsRequest;
import dev.serverlesslab.emulator.http.AwsResponse;
import dev.serverlesslab.emulator.http.AwsService;
import dev.serverlesslab.emulator.http.Operations;
import dev.serverlesslab.emulator.http.Protocol;
import dev.serverlesslab.emulator.http.RequiredMembers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * STS's query-protocol wire format: maps {@code Action=<Operation>} form posts to {@link StsBackend} calls and their
 * results back to STS's XML shapes.
 */
public final class StsHandler implements AwsService {

    private final StsBackend backend;
    private final AwsQuery wire = new AwsQuery("https://sts.amazonaws.com/doc/2011-06-15/");
    private final Operations<Action> operations = new Operations<>(Protocol.QUERY, "STS",
            RequiredMembers.of("sts", RequiredMembers.coral("ValidationError")));

    /** One action: reads the parameters in the caller's scope, returns the result's members. */
    private interface Action extends BiFunction<AccountRegion, Map<String, String>, Map<String, ?>> {
    }

    public StsHandler(StsBackend backend) {
        this.backend = backend;
        operations.add("GetCallerIdentity", (scope, in) -> callerIdentity(backend.callerIdentity(scope.accountId())));
        operations.add("AssumeRole", (scope, in) -> assumeRole(scope.accountId(), in));
        operations.add("GetSessionToken", (scope, in) -> {
            if (in.containsKey("SerialNumber") || in.containsKey("TokenCode")) {
                // Accepting an MFA code and ignoring it would let a wrong code pass.
                throw new AwsException("ValidationError", "MFA (SerialNumber, TokenCode) is not emulated by "
                        + "Serverless Lab's STS; call GetSessionToken without them", 400);
            }
            return sessionToken(backend.getSessionToken(scope.accountId(),
                    integer(in, "DurationSeconds")));
        });
    }

    @Override
    public String signingName() {
        return "sts";
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
        return wire.ok(request, action, operation.apply(request.scope(), in));
    }

    /** The operations served, as the table that dispatches them holds them. */
    @Override
    public List<String> operations() {
        return operations.supported();
    }

    private static Map<String, Object> callerIdentity(CallerIdentity identity) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("UserId", identity.userId());
        out.put("Account", identity.account());
        out.put("Arn", identity.arn());
        return out;
    }

    private static Map<String, Object> sessionToken(SessionCredentials session) {
        Map<String, Object> credentials = new LinkedHashMap<>();
        credentials.put("AccessKeyId", session.accessKeyId());
        credentials.put("SecretAccessKey", session.secretAccessKey());
        credentials.put("SessionToken", session.sessionToken());
        credentials.put("Expiration", session.expiration());
        return Map.of("Credentials", credentials);
    }

    private Map<String, Object> assumeRole(String callerAccountId, Map<String, String> in) {
        AssumedRole role = backend.assumeRole(callerAccountId, in.get("RoleArn"), in.get("RoleSessionName"),
                integer(in, "DurationSeconds"));
        Map<String, Object> credentials = new LinkedHashMap<>();
        credentials.put("AccessKeyId", role.accessKeyId());
        credentials.put("SecretAccessKey", role.secretAccessKey());
        credentials.put("SessionToken", role.sessionToken());
        credentials.put("Expiration", role.expiration());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Credentials", credentials);
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("AssumedRoleId", role.assumedRoleId());
        user.put("Arn", role.assumedRoleArn());
        out.put("AssumedRoleUser", user);
        out.put("PackedPolicySize", 0);
        return out;
    }

    private static Integer integer(Map<String, String> in, String name) {
        String value = in.get(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new AwsException("ValidationError", name + " must be a whole number of seconds, got '" + value
                    + "'", 400);
        }
    }
}
