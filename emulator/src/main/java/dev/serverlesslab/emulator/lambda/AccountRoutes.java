package dev.serverlesslab.emulator.lambda;

import dev.serverlesslab.emulator.http.AwsResponse;
import dev.serverlesslab.emulator.http.RestCall;
import dev.serverlesslab.emulator.http.RestJson;
import dev.serverlesslab.emulator.http.RestOperations;
import java.util.LinkedHashMap;
import java.util.Map;

/** Lambda's wire format for tags ({@code /2017-03-31/tags/ARN}) and the account's limits and usage. */
final class AccountRoutes {

    /** GetAccountSettings' AccountLimit: AWS's default quotas for a new account. */
    static final long TOTAL_CODE_SIZE = 80_530_636_800L;
    static final long CODE_SIZE_UNZIPPED = 262_144_000L;
    static final long CODE_SIZE_ZIPPED = 52_428_800L;
    static final int CONCURRENT_EXECUTIONS = 1000;

    private final LambdaBackend backend;
    private final RestJson json;

    AccountRoutes(LambdaBackend backend, RestJson json) {
        this.backend = backend;
        this.json = json;
    }

    Map<String, RestOperations.Operation> operations() {
        Map<String, RestOperations.Operation> table = new LinkedHashMap<>();
        table.put("ListTags", call -> json.ok(200, Map.of("Tags",
                backend.tags().list(call.scope(), call.path("ARN")))));
        table.put("TagResource", call -> {
            backend.tags().tag(call.scope(), call.path("ARN"), json.object(call.body()).stringMap("Tags"));
            return AwsResponse.empty(204);
        });
        table.put("UntagResource", call -> {
            backend.tags().untag(call.scope(), call.path("ARN"), call.request().queryValues("tagKeys"));
            return AwsResponse.empty(204);
        });
        table.put("GetAccountSettings", this::accountSettings);
        return table;
    }

    /** AWS's default limits, and what this account and region use: code of every version, reserved concurrency. */
    private AwsResponse accountSettings(RestCall call) {
        long codeSize = backend.listFunctionVersions(call.scope()).stream()
                .mapToLong(FunctionConfiguration::codeSize).sum();
        int functions = backend.listFunctions(call.scope()).size();
        int reserved = backend.listFunctions(call.scope()).stream()
                .map(f -> backend.concurrency().getFunctionConcurrency(call.scope(), f.functionName()))
                .filter(r -> r != null).mapToInt(Integer::intValue).sum();
        Map<String, Object> limit = new LinkedHashMap<>();
        limit.put("TotalCodeSize", TOTAL_CODE_SIZE);
        limit.put("CodeSizeUnzipped", CODE_SIZE_UNZIPPED);
        limit.put("CodeSizeZipped", CODE_SIZE_ZIPPED);
        limit.put("ConcurrentExecutions", CONCURRENT_EXECUTIONS);
        limit.put("UnreservedConcurrentExecutions", CONCURRENT_EXECUTIONS - reserved);
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("TotalCodeSize", codeSize);
        usage.put("FunctionCount", functions);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("AccountLimit", limit);
        body.put("AccountUsage", usage);
        return json.ok(200, body);
    }
}
