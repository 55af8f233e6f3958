package dev.serverlesslab.emulator.lambda;

import dev.serverlesslab.emulator.http.AwsResponse;
import dev.serverlesslab.emulator.http.RestJson;
import dev.serverlesslab.emulator.http.RestCall;
import dev.serverlesslab.emulator.http.RestOperations;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lambda's wire format for the operations around a function rather than on it: updates, versions, aliases,
 * permissions and reserved concurrency.
 */
final class ControlPlaneRoutes {

    private final LambdaBackend backend;
    private final RestJson json;

    ControlPlaneRoutes(LambdaBackend backend, RestJson json) {
        this.backend = backend;
        this.json = json;
    }

    /** The operations served here, by the model's operation name. */
    Map<String, RestOperations.Operation> operations() {
        Map<String, RestOperations.Operation> table = new LinkedHashMap<>();
        table.put("UpdateFunctionCode", call -> json.ok(200, backend.updateFunctionCode(call.scope(),
                call.path("FunctionName"), json.read(call.body(), UpdateFunctionCodeRequest.class))));
        table.put("UpdateFunctionConfiguration", call -> {
                UpdateFunctionConfigurationRequest update =
                    json.read(call.body(), UpdateFunctionConfigurationRequest.class);
            FunctionSettingsCheck.refuseUnemulated(json.object(call.body()).node(),
                    FunctionRef.parse(call.path("FunctionName"), null).name());
            return json.ok(200, backend.updateFunctionConfiguration(call.scope(), call.path("FunctionName"), update));
        });
        table.put("PublishVersion", this::publishVersion);
        table.put("ListVersionsByFunction", call -> json.ok(200, ListPage.body("Versions", ListPage.of(
                backend.listVersions(call.scope(), call.path("FunctionName")), call.queryParameters(),
                ListPage.MAX_LIST_ITEMS))));
        table.put("CreateAlias", call -> json.ok(201, backend.aliases().createAlias(call.scope(),
                call.path("FunctionName"), json.read(call.body(), AliasRequest.class))));
        table.put("GetAlias", call -> json.ok(200,
                backend.aliases().getAlias(call.scope(), call.path("FunctionName"), call.path("Name"))));
        table.put("UpdateAlias", call -> json.ok(200, backend.aliases().updateAlias(call.scope(),
                call.path("FunctionName"), call.path("Name"), json.read(call.body(), AliasRequest.class))));
        table.put("DeleteAlias", call -> {
            backend.aliases().deleteAlias(call.scope(), call.path("FunctionName"), call.path("Name"));
            return AwsResponse.empty(204);
        });
        table.put("ListAliases", call -> json.ok(200, ListPage.body("Aliases", ListPage.of(
                backend.aliases().listAliases(call.scope(), call.path("FunctionName"), call.query("FunctionVersion")),
                call.queryParameters(), ListPage.MAX_LIST_ITEMS))));
        table.put("PutFunctionConcurrency", call -> {
            Integer reserved = json.read(call.body(), ConcurrencyBody.class).reservedConcurrentExecutions();
            return json.ok(200, new ConcurrencyBody(backend.concurrency().putFunctionConcurrency(call.scope(),
                    call.path("FunctionName"), reserved)));
        });
        table.put("GetFunctionConcurrency", call -> json.ok(200, new ConcurrencyBody(
                backend.concurrency().getFunctionConcurrency(call.scope(), call.path("FunctionName")))));
        table.put("DeleteFunctionConcurrency", call -> {
            backend.concurrency().deleteFunctionConcurrency(call.scope(), call.path("FunctionName"));
            return AwsResponse.empty(204);
        });
        table.put("AddPermission", this::addPermission);
        table.put("GetPolicy", this::getPolicy);
        table.put("RemovePermission", call -> {
            backend.permissions().removePermission(call.scope(), call.path("FunctionName"), call.query("Qualifier"),
                    call.path("StatementId"), call.query("RevisionId"));
            return AwsResponse.empty(204);
        });
        return table;
    }

    private AwsResponse publishVersion(RestCall call) {
        PublishVersionRequest publish = call.body().length == 0
                ? new PublishVersionRequest(null, null, null)
                : json.read(call.body(), PublishVersionRequest.class);
        return json.ok(201, backend.publishVersion(call.scope(), call.path("FunctionName"), publish));
    }

    private AwsResponse addPermission(RestCall call) {
        Map<String, Object> statement = backend.permissions().addPermission(call.scope(), call.path("FunctionName"),
                call.query("Qualifier"), json.read(call.body(), AddPermissionRequest.class));
        return json.ok(201, Map.of("Statement", new String(RestJson.raw(statement), StandardCharsets.UTF_8)));
    }

    private AwsResponse getPolicy(RestCall call) {
        ResourcePolicy policy = backend.permissions().getPolicy(call.scope(), call.path("FunctionName"),
                call.query("Qualifier"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Policy", new String(RestJson.raw(policy.document()), StandardCharsets.UTF_8));
        body.put("RevisionId", policy.revisionId());
        return json.ok(200, body);
    }

    /** {@code Concurrency}: the body of the concurrency operations; empty when nothing is reserved. */
    record ConcurrencyBody(Integer reservedConcurrentExecutions) {
    }
}
