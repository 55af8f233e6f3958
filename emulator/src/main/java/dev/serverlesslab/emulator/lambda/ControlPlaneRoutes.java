package dev.serverlesslab.emulator.lambda;

import dev.serverlesslab.emulator.http.AwsRequest;
import dev.serverlesslab.emulator.http.AwsResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lambda's wire format for the operations around a function rather than on it: updates, versions, aliases and
 * reserved concurrency.
 */
final class ControlPlaneRoutes {

    private final LambdaBackend backend;
    private final LambdaJson json;

    ControlPlaneRoutes(LambdaBackend backend, LambdaJson json) {
        this.backend = backend;
        this.json = json;
    }

    /** Operations on one part of a function (code, configuration, versions, aliases); null when none matches. */
    AwsResponse functionPart(AwsRequest request, String functionName, String part, String method) {
        if ("code".equals(part) && "PUT".equals(method)) {
            return json.ok(200, backend.updateFunctionCode(request.scope(), functionName,
                    json.read(request.body(), UpdateFunctionCodeRequest.class)));
        }
        if ("configuration".equals(part) && "PUT".equals(method)) {
            return json.ok(200, backend.updateFunctionConfiguration(request.scope(), functionName,
                    json.read(request.body(), UpdateFunctionConfigurationRequest.class)));
        }
        if ("versions".equals(part) && "POST".equals(method)) {
            PublishVersionRequest publish = request.body().length == 0
                    ? new PublishVersionRequest(null, null, null)
                    : json.read(request.body(), PublishVersionRequest.class);
            return json.ok(201, backend.publishVersion(request.scope(), functionName, publish));
        }
        if ("versions".equals(part) && "GET".equals(method)) {
            return json.ok(200, LambdaJson.page("Versions", ListPage.of(
                    backend.listVersions(request.scope(), functionName), request.queryParameters(),
                    ListPage.MAX_LIST_ITEMS)));
        }
        if ("aliases".equals(part) && "POST".equals(method)) {
            return json.ok(201, backend.aliases().createAlias(request.scope(), functionName,
                    json.read(request.body(), AliasRequest.class)));
        }
        if ("aliases".equals(part) && "GET".equals(method)) {
            return json.ok(200, LambdaJson.page("Aliases", ListPage.of(backend.aliases().listAliases(
                    request.scope(), functionName, request.queryParameters().get("FunctionVersion")),
                    request.queryParameters(), ListPage.MAX_LIST_ITEMS)));
        }
        if ("policy".equals(part) && "POST".equals(method)) {
            Map<String, Object> statement = backend.permissions().addPermission(request.scope(), functionName,
                    request.queryParameters().get("Qualifier"), json.read(request.body(), AddPermissionRequest.class));
            return json.ok(201, Map.of("Statement", new String(json.raw(statement), StandardCharsets.UTF_8)));
        }
        if ("policy".equals(part) && "GET".equals(method)) {
            ResourcePolicy policy = backend.permissions().getPolicy(request.scope(), functionName,
                    request.queryParameters().get("Qualifier"));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("Policy", new String(json.raw(policy.document()), StandardCharsets.UTF_8));
            body.put("RevisionId", policy.revisionId());
            return json.ok(200, body);
        }
        return null;
    }

    /** RemovePermission; null for any other method on a statement. */
    AwsResponse statement(AwsRequest request, String functionName, String statementId, String method) {
        if (!"DELETE".equals(method)) {
            return null;
        }
        backend.permissions().removePermission(request.scope(), functionName,
                request.queryParameters().get("Qualifier"), statementId, request.queryParameters().get("RevisionId"));
        return AwsResponse.empty(204);
    }

    /** The reserved concurrency operations; null when none matches. */
    AwsResponse concurrency(AwsRequest request, String functionName) {
        FunctionConcurrency concurrency = backend.concurrency();
        switch (request.method()) {
            case "PUT":
                Integer reserved = json.read(request.body(), ConcurrencyBody.class).reservedConcurrentExecutions();
                return json.ok(200, new ConcurrencyBody(
                        concurrency.putFunctionConcurrency(request.scope(), functionName, reserved)));
            case "GET":
                return json.ok(200, new ConcurrencyBody(
                        concurrency.getFunctionConcurrency(request.scope(), functionName)));
            case "DELETE":
                concurrency.deleteFunctionConcurrency(request.scope(), functionName);
                return AwsResponse.empty(204);
            default:
                return null;
        }
    }

    /** {@code Concurrency}: the body of the concurrency operations; empty when nothing is reserved. */
    record ConcurrencyBody(Integer reservedConcurrentExecutions) {
    }

    /** Operations on one alias; null when none matches. */
    AwsResponse alias(AwsRequest request, String functionName, String aliasName, String method) {
        FunctionAliases aliases = backend.aliases();
        switch (method) {
            case "GET":
                return json.ok(200, aliases.getAlias(request.scope(), functionName, aliasName));
            case "PUT":
                return json.ok(200, aliases.updateAlias(request.scope(), functionName, aliasName,
                        json.read(request.body(), AliasRequest.class)));
            case "DELETE":
                aliases.deleteAlias(request.scope(), functionName, aliasName);
                return AwsResponse.empty(204);
            default:
                return null;
        }
    }
}
