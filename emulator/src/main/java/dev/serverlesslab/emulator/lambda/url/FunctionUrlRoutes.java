package dev.serverlesslab.emulator.lambda.url;

import dev.serverlesslab.emulator.http.AwsResponse;
import dev.serverlesslab.emulator.http.RestJson;
import dev.serverlesslab.emulator.http.RestOperations;
import dev.serverlesslab.emulator.lambda.ListPage;
import java.util.LinkedHashMap;
import java.util.Map;

/** Lambda's wire format for function URLs: {@code /2021-10-31/functions/NAME/url[s]}. */
public final class FunctionUrlRoutes {

    private final FunctionUrls urls;
    private final RestJson json;

    public FunctionUrlRoutes(FunctionUrls urls, RestJson json) {
        this.urls = urls;
        this.json = json;
    }

    /** The operations served here, by the model's operation name. */
    public Map<String, RestOperations.Operation> operations() {
        Map<String, RestOperations.Operation> table = new LinkedHashMap<>();
        table.put("CreateFunctionUrlConfig", call -> json.ok(201, urls.create(call.scope(),
                call.path("FunctionName"), call.query("Qualifier"), json.object(call.body()))));
        table.put("GetFunctionUrlConfig", call -> json.ok(200, urls.get(call.scope(), call.path("FunctionName"),
                call.query("Qualifier"))));
        table.put("UpdateFunctionUrlConfig", call -> json.ok(200, urls.update(call.scope(),
                call.path("FunctionName"), call.query("Qualifier"), json.object(call.body()))));
        table.put("DeleteFunctionUrlConfig", call -> {
            urls.delete(call.scope(), call.path("FunctionName"), call.query("Qualifier"));
            return AwsResponse.empty(204);
        });
        table.put("ListFunctionUrlConfigs", call -> json.ok(200, ListPage.body("FunctionUrlConfigs", ListPage.of(
                urls.list(call.scope(), call.path("FunctionName")), call.queryParameters(), 50))));
        return table;
    }
}
