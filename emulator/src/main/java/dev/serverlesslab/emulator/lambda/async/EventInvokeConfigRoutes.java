package dev.serverlesslab.emulator.lambda.async;

import dev.serverlesslab.emulator.http.AwsResponse;
import dev.serverlesslab.emulator.http.RestCall;
import dev.serverlesslab.emulator.http.RestJson;
import dev.serverlesslab.emulator.http.RestOperations;
import dev.serverlesslab.emulator.lambda.FunctionRef;
import dev.serverlesslab.emulator.lambda.LambdaBackend;
import dev.serverlesslab.emulator.lambda.ListPage;
import java.util.LinkedHashMap;
import java.util.Map;

/** Lambda's wire format for asynchronous invocation settings: {@code /2019-09-25/functions/NAME/event-invoke-config}. */
public final class EventInvokeConfigRoutes {

    private final LambdaBackend backend;
    private final EventInvokeConfigs configs;
    private final RestJson json;

    public EventInvokeConfigRoutes(LambdaBackend backend, RestJson json) {
        this.backend = backend;
        this.configs = backend.eventInvokeConfigs();
        this.json = json;
    }

    /** The operations served here, by the model's operation name. */
    public Map<String, RestOperations.Operation> operations() {
        Map<String, RestOperations.Operation> table = new LinkedHashMap<>();
        table.put("PutFunctionEventInvokeConfig", call -> {
            Target target = target(call);
            return json.ok(200, configs.put(call.scope(), target.name, target.qualifier, target.arn,
                    json.object(call.body())));
        });
        table.put("UpdateFunctionEventInvokeConfig", call -> {
            Target target = target(call);
            return json.ok(200, configs.update(call.scope(), target.name, target.qualifier, target.arn,
                    json.object(call.body())));
        });
        table.put("GetFunctionEventInvokeConfig", call -> {
            Target target = target(call);
            return json.ok(200, configs.get(call.scope(), target.name, target.qualifier, target.arn));
        });
        table.put("DeleteFunctionEventInvokeConfig", call -> {
            Target target = target(call);
            configs.delete(call.scope(), target.name, target.qualifier, target.arn);
            return AwsResponse.empty(204);
        });
        table.put("ListFunctionEventInvokeConfigs", call -> {
            String name = target(call).name;
            return json.ok(200, ListPage.body("FunctionEventInvokeConfigs", ListPage.of(
                    configs.list(call.scope(), name), call.queryParameters(), 50)));
        });
        return table;
    }

    /** The function and qualifier the call names, checked to exist, with the ARN AWS reports for it. */
    private Target target(RestCall call) {
        FunctionRef ref = FunctionRef.parse(call.path("FunctionName"), call.query("Qualifier"));
        backend.getFunctionConfiguration(call.scope(), ref.name(), ref.qualifier());
        String qualifier = ref.latest() ? "$LATEST" : ref.qualifier();
        String arn = "arn:aws:lambda:" + call.scope().region() + ":" + call.scope().accountId() + ":function:"
                + ref.name() + ":" + qualifier;
        return new Target(ref.name(), qualifier, arn);
    }

    private record Target(String name, String qualifier, String arn) {
    }
}
