package dev.serverlesslab.emulator.lambda;

import dev.serverlesslab.emulator.http.AwsRequest;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The Lambda operations the emulator does not serve, by method and path as Lambda's API model routes them, so an
 * unsupported request is answered with the name of the operation the caller meant.
 */
final class UnsupportedOperations {

    /** One operation's route; {@code queryKey} tells operations apart that share a path (those come first). */
    private record Route(String method, Pattern path, String queryKey, String name) {
    }

    private static final List<Route> ROUTES = List.of(
            op("GET", "/2018-10-31/layers", "find", "GetLayerVersionByArn"),
            op("GET",
                    "/2019-09-30/functions/[^/]+/provisioned-concurrency", "List", "ListProvisionedConcurrencyConfigs"),
            op("POST", "/2014-11-13/functions/[^/]+/invoke-async", null, "InvokeAsync"),
            op("POST", "/2015-03-31/event-source-mappings", null, "CreateEventSourceMapping"),
            op("GET", "/2015-03-31/event-source-mappings", null, "ListEventSourceMappings"),
            op("DELETE", "/2015-03-31/event-source-mappings/[^/]+", null, "DeleteEventSourceMapping"),
            op("GET", "/2015-03-31/event-source-mappings/[^/]+", null, "GetEventSourceMapping"),
            op("PUT", "/2015-03-31/event-source-mappings/[^/]+", null, "UpdateEventSourceMapping"),
            op("GET", "/2016-08-19/account-settings", null, "GetAccountSettings"),
            op("GET", "/2017-03-31/tags/[^/]+", null, "ListTags"),
            op("POST", "/2017-03-31/tags/[^/]+", null, "TagResource"),
            op("DELETE", "/2017-03-31/tags/[^/]+", null, "UntagResource"),
            op("DELETE", "/2019-09-25/functions/[^/]+/event-invoke-config", null, "DeleteFunctionEventInvokeConfig"),
            op("GET", "/2019-09-25/functions/[^/]+/event-invoke-config", null, "GetFunctionEventInvokeConfig"),
            op("PUT", "/2019-09-25/functions/[^/]+/event-invoke-config", null, "PutFunctionEventInvokeConfig"),
            op("POST", "/2019-09-25/functions/[^/]+/event-invoke-config", null, "UpdateFunctionEventInvokeConfig"),
            op("GET", "/2019-09-25/functions/[^/]+/event-invoke-config/list", null, "ListFunctionEventInvokeConfigs"),
            op("DELETE",
                    "/2019-09-30/functions/[^/]+/provisioned-concurrency", null, "DeleteProvisionedConcurrencyConfig"),
            op("GET", "/2019-09-30/functions/[^/]+/provisioned-concurrency", null, "GetProvisionedConcurrencyConfig"),
            op("PUT", "/2019-09-30/functions/[^/]+/provisioned-concurrency", null, "PutProvisionedConcurrencyConfig"),
            op("POST", "/2020-04-22/code-signing-configs", null, "CreateCodeSigningConfig"),
            op("GET", "/2020-04-22/code-signing-configs", null, "ListCodeSigningConfigs"),
            op("DELETE", "/2020-04-22/code-signing-configs/[^/]+", null, "DeleteCodeSigningConfig"),
            op("GET", "/2020-04-22/code-signing-configs/[^/]+", null, "GetCodeSigningConfig"),
            op("PUT", "/2020-04-22/code-signing-configs/[^/]+", null, "UpdateCodeSigningConfig"),
            op("GET", "/2020-04-22/code-signing-configs/[^/]+/functions", null, "ListFunctionsByCodeSigningConfig"),
            op("DELETE", "/2020-06-30/functions/[^/]+/code-signing-config", null, "DeleteFunctionCodeSigningConfig"),
            op("GET", "/2020-06-30/functions/[^/]+/code-signing-config", null, "GetFunctionCodeSigningConfig"),
            op("PUT", "/2020-06-30/functions/[^/]+/code-signing-config", null, "PutFunctionCodeSigningConfig"),
            op("GET", "/2021-07-20/functions/[^/]+/runtime-management-config", null, "GetRuntimeManagementConfig"),
            op("PUT", "/2021-07-20/functions/[^/]+/runtime-management-config", null, "PutRuntimeManagementConfig"),
            op("POST", "/2021-10-31/functions/[^/]+/url", null, "CreateFunctionUrlConfig"),
            op("DELETE", "/2021-10-31/functions/[^/]+/url", null, "DeleteFunctionUrlConfig"),
            op("GET", "/2021-10-31/functions/[^/]+/url", null, "GetFunctionUrlConfig"),
            op("PUT", "/2021-10-31/functions/[^/]+/url", null, "UpdateFunctionUrlConfig"),
            op("GET", "/2021-10-31/functions/[^/]+/urls", null, "ListFunctionUrlConfigs"),
            op("POST", "/2021-11-15/functions/[^/]+/response-streaming-invocations", null, "InvokeWithResponseStream"),
            op("GET", "/2024-08-31/functions/[^/]+/recursion-config", null, "GetFunctionRecursionConfig"),
            op("PUT", "/2024-08-31/functions/[^/]+/recursion-config", null, "PutFunctionRecursionConfig"),
            op("POST", "/2025-11-30/capacity-providers", null, "CreateCapacityProvider"),
            op("GET", "/2025-11-30/capacity-providers", null, "ListCapacityProviders"),
            op("DELETE", "/2025-11-30/capacity-providers/[^/]+", null, "DeleteCapacityProvider"),
            op("GET", "/2025-11-30/capacity-providers/[^/]+", null, "GetCapacityProvider"),
            op("PUT", "/2025-11-30/capacity-providers/[^/]+", null, "UpdateCapacityProvider"),
            op("GET",
                    "/2025-11-30/capacity-providers/[^/]+/function-versions",
                    null, "ListFunctionVersionsByCapacityProvider"),
            op("GET", "/2025-11-30/functions/[^/]+/function-scaling-config", null, "GetFunctionScalingConfig"),
            op("PUT", "/2025-11-30/functions/[^/]+/function-scaling-config", null, "PutFunctionScalingConfig"),
            op("POST",
                    "/2025-12-01/durable-execution-callbacks/[^/]+/fail", null, "SendDurableExecutionCallbackFailure"),
            op("POST",
                    "/2025-12-01/durable-execution-callbacks/[^/]+/heartbeat",
                    null, "SendDurableExecutionCallbackHeartbeat"),
            op("POST",
                    "/2025-12-01/durable-execution-callbacks/[^/]+/succeed",
                    null, "SendDurableExecutionCallbackSuccess"),
            op("GET", "/2025-12-01/durable-executions/[^/]+", null, "GetDurableExecution"),
            op("POST", "/2025-12-01/durable-executions/[^/]+/checkpoint", null, "CheckpointDurableExecution"),
            op("GET", "/2025-12-01/durable-executions/[^/]+/history", null, "GetDurableExecutionHistory"),
            op("GET", "/2025-12-01/durable-executions/[^/]+/state", null, "GetDurableExecutionState"),
            op("POST", "/2025-12-01/durable-executions/[^/]+/stop", null, "StopDurableExecution"),
            op("GET", "/2025-12-01/functions/[^/]+/durable-executions", null, "ListDurableExecutionsByFunction"));

    private UnsupportedOperations() {
    }

    /** The name of the Lambda operation the request addresses, or null when it matches none of them. */
    static String name(AwsRequest request) {
        for (Route route : ROUTES) {
            if (route.method().equals(request.method()) && route.path().matcher(request.rawPath()).matches()
                    && (route.queryKey() == null || request.queryParameters().containsKey(route.queryKey()))) {
                return route.name();
            }
        }
        return null;
    }

    private static Route op(String method, String path, String queryKey, String name) {
        return new Route(method, Pattern.compile(path), queryKey, name);
    }
}
