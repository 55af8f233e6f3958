package dev.serverlesslab.graders.provision;

import dev.serverlesslab.exercises.exercise.ApiSpec;
import java.net.URI;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.AuthorizerType;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/**
 * Puts an API Gateway API in front of a deployed function, every path and method proxied to it, and returns the
 * URL to call it on: {@code <endpoint>/_aws/execute-api/<api id>[/<stage>]}, the path form LocalStack and the
 * emulator both accept. A REST API may have a TOKEN Lambda authorizer in front of every method.
 */
final class ApiProvisioner {

    static final String REST_STAGE = "test";

    private final ServiceClients clients;

    ApiProvisioner(ServiceClients clients) {
        this.clients = clients;
    }

    /** The created API's URL and a line for people. */
    record CreatedApi(String url, String description) {
    }

    /**
     * @param authorizerName the deployed function of the spec's authorizer; null when the API has none
     */
    CreatedApi create(ApiSpec spec, String apiName, String functionName, String authorizerName,
                      java.util.Map<String, String> tags, CleanupList cleanup) {
        String functionArn = arnOf(functionName);
        String authorizerArn = authorizerName == null ? null : arnOf(authorizerName);
        String apiId = spec.type() == ApiSpec.Type.HTTP
                ? createHttpApi(apiName, functionArn, tags, cleanup)
                : createRestApi(apiName, functionArn, authorizerArn, tags, cleanup);
        allowInvoke(functionName, functionArn, apiId);
        if (authorizerName != null) {
            allowInvoke(authorizerName, authorizerArn, apiId);
        }
        String base = clients.aws().endpoint()
                .map(endpoint -> endpoint.toString().replaceAll("/+$", "") + "/_aws/execute-api/" + apiId)
                // Real AWS: the API's own invoke URL in the region (AWS partition).
                .orElse("https://" + apiId + ".execute-api." + clients.aws().region() + ".amazonaws.com");
        String url = spec.type() == ApiSpec.Type.HTTP ? base : base + "/" + REST_STAGE;
        String kind = spec.type() == ApiSpec.Type.HTTP ? "HTTP API" : "REST API";
        return new CreatedApi(URI.create(url).toString(), kind + " " + apiId + " → " + url);
    }

    // Quick create: one call makes the API, a $default route with a Lambda proxy integration (payload format 2.0)
    // and an auto-deployed $default stage.
    private String createHttpApi(String name, String functionArn, java.util.Map<String, String> tags,
                                 CleanupList cleanup) {
        var httpApis = clients.httpApis();
        String apiId = httpApis.createApi(b -> b.name(name).protocolType(ProtocolType.HTTP).target(functionArn)
                .tags(tags)).apiId();
        cleanup.add("HTTP API " + apiId, () -> httpApis.deleteApi(b -> b.apiId(apiId)));
        return apiId;
    }

    private String arnOf(String functionName) {
        return clients.lambda().getFunction(b -> b.functionName(functionName)).configuration().functionArn();
    }

    // The console's "Lambda proxy" shape: ANY on / and on /{proxy+}, both AWS_PROXY to the function, deployed;
    // with an authorizer, both methods are CUSTOM with a TOKEN authorizer on the Authorization header.
    private String createRestApi(String name, String functionArn, String authorizerArn,
                                 java.util.Map<String, String> tags, CleanupList cleanup) {
        ApiGatewayClient restApis = clients.restApis();
        String apiId = restApis.createRestApi(b -> b.name(name).tags(tags)).id();
        cleanup.add("REST API " + apiId, () -> restApis.deleteRestApi(b -> b.restApiId(apiId)));
        String rootId = restApis.getResources(b -> b.restApiId(apiId)).items().stream()
                .filter(resource -> "/".equals(resource.path()))
                .findFirst().orElseThrow(() -> new IllegalStateException("REST API " + apiId + " has no root resource"))
                .id();
        String proxyId = restApis.createResource(b -> b.restApiId(apiId).parentId(rootId).pathPart("{proxy+}")).id();
        String uri = invocationUri(functionArn);
        String authorizerId = authorizerArn == null ? null : restApis.createAuthorizer(b -> b.restApiId(apiId)
                .name(name + "-authorizer").type(AuthorizerType.TOKEN).authorizerUri(invocationUri(authorizerArn))
                .identitySource("method.request.header.Authorization").authorizerResultTtlInSeconds(0)).id();
        for (String resourceId : new String[] {rootId, proxyId}) {
            restApis.putMethod(b -> b.restApiId(apiId).resourceId(resourceId).httpMethod("ANY")
                    .authorizationType(authorizerId == null ? "NONE" : "CUSTOM").authorizerId(authorizerId));
            restApis.putIntegration(b -> b.restApiId(apiId).resourceId(resourceId).httpMethod("ANY")
                    .type(IntegrationType.AWS_PROXY).integrationHttpMethod("POST").uri(uri));
        }
        restApis.createDeployment(b -> b.restApiId(apiId).stageName(REST_STAGE));
        return apiId;
    }

    private String invocationUri(String functionArn) {
        return "arn:aws:apigateway:" + clients.aws().region() + ":lambda:path/2015-03-31/functions/" + functionArn
                + "/invocations";
    }

    // AWS needs a resource-policy statement letting API Gateway invoke the function; backends without
    // AddPermission (the embedded emulator today) do not check it, so their "unsupported" answer is fine.
    private void allowInvoke(String functionName, String functionArn, String apiId) {
        String[] arn = functionArn.split(":");
        String sourceArn = "arn:aws:execute-api:" + arn[3] + ":" + arn[4] + ":" + apiId + "/*";
        try {
            clients.lambda().addPermission(b -> b.functionName(functionName).statementId("lab-api-" + apiId)
                    .action("lambda:InvokeFunction").principal("apigateway.amazonaws.com").sourceArn(sourceArn));
        } catch (AwsServiceException e) {
            if (!isUnsupported(e)) {
                throw e;
            }
        }
    }

    static boolean isUnsupported(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return e.statusCode() == 501 || code != null && (code.contains("Unknown") || code.contains("Unsupported")
                || code.contains("NotImplemented") || code.equals("InvalidAction"));
    }
}
