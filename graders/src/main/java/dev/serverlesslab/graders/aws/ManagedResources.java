package dev.serverlesslab.graders.aws;

import dev.serverlesslab.graders.backend.AwsClients;
import dev.serverlesslab.graders.backend.ResourceNaming;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;

/**
 * What gradings made in a real AWS account, found by their marks and deleted: Lambda functions, DynamoDB tables,
 * HTTP and REST APIs, KMS keys (scheduled for deletion) and SSM parameters by the {@value ResourceNaming#MANAGED_BY}
 * tag (and {@value ResourceNaming#GRADING} for one grading); KMS aliases pointing to such keys; IAM roles by their
 * path {@code /serverless-lab/} and name prefix (IAM tags are set too, but the path is what marks them); log groups
 * {@code /aws/lambda/serverless-lab-...}, which Lambda makes untagged; and, for a whole-account cleanup, the
 * {@code serverless-lab-sdk-*} layers. A resource without these marks is never touched.
 */
public final class ManagedResources implements AutoCloseable {

    /** KMS's shortest waiting period before a scheduled key is deleted. */
    private static final int KEY_PENDING_DAYS = 7;

    private static final String ROOT = ResourceNaming.MANAGED.root();

    /** One resource found, in the order it is deleted (dependents before what they depend on). */
    public record Found(String kind, String name) {
        @Override
        public String toString() {
            return kind + " " + name;
        }
    }

    private final LambdaClient lambda;
    private final ApiGatewayV2Client httpApis;
    private final ApiGatewayClient restApis;
    private final CloudWatchLogsClient logs;
    private final DynamoDbClient dynamoDb;
    private final SsmClient ssm;
    private final KmsClient kms;
    private final IamClient iam;

    /** @param aws clients acting in the account and region to look in */
    public ManagedResources(AwsClients aws) {
        lambda = aws.build(LambdaClient.builder());
        httpApis = aws.build(ApiGatewayV2Client.builder());
        restApis = aws.build(ApiGatewayClient.builder());
        logs = aws.build(CloudWatchLogsClient.builder());
        dynamoDb = aws.build(DynamoDbClient.builder());
        ssm = aws.build(SsmClient.builder());
        kms = aws.build(KmsClient.builder());
        iam = aws.buildGlobal(IamClient.builder());
    }

    /**
     * Everything gradings made, or only grading {@code gradingId}'s when not null, in deletion order.
     */
    public List<Found> find(String gradingId) {
        String prefix = gradingId != null ? gradingId : ROOT + "-";
        List<Found> found = new ArrayList<>();
        lambda.listFunctionsPaginator().functions().stream()
                .filter(function -> function.functionName().startsWith(prefix))
                .filter(function -> managed(lambda.listTags(b -> b.resource(function.functionArn())).tags(), gradingId))
                .forEach(function -> found.add(new Found("Lambda function", function.functionName())));
        httpApis().stream()
                .filter(api -> managed(api.tags(), gradingId))
                .forEach(api -> found.add(new Found("HTTP API", api.apiId() + " (" + api.name() + ")")));
        restApis.getRestApisPaginator().items().stream()
                .filter(api -> managed(api.tags(), gradingId))
                .forEach(api -> found.add(new Found("REST API", api.id() + " (" + api.name() + ")")));
        logs.describeLogGroupsPaginator(b -> b.logGroupNamePrefix("/aws/lambda/" + prefix)).logGroups()
                .forEach(group -> found.add(new Found("log group", group.logGroupName())));
        dynamoDb.listTablesPaginator().tableNames().stream()
                .filter(table -> table.startsWith(prefix))
                .filter(table -> managed(tableTags(table), gradingId))
                .forEach(table -> found.add(new Found("DynamoDB table", table)));
        ssm.getParametersByPathPaginator(b -> b.path("/" + ROOT).recursive(true)).stream()
                .flatMap(page -> page.parameters().stream())
                .filter(parameter -> managed(ssm.listTagsForResource(b -> b.resourceType(ResourceTypeForTagging.PARAMETER)
                        .resourceId(parameter.name())).tagList().stream().collect(Collectors.toMap(
                                software.amazon.awssdk.services.ssm.model.Tag::key,
                                software.amazon.awssdk.services.ssm.model.Tag::value)), gradingId))
                .forEach(parameter -> found.add(new Found("SSM parameter", parameter.name())));
        found.addAll(keysAndAliases(prefix, gradingId));
        iam.listRolesPaginator(b -> b.pathPrefix(ResourceNaming.MANAGED.rolePath())).roles().stream()
                .filter(role -> role.roleName().startsWith(prefix))
                .forEach(role -> found.add(new Found("IAM role", role.roleName())));
        if (gradingId == null) {
            lambda.listLayersPaginator().layers().stream()
                    .filter(layer -> layer.layerName().startsWith(ROOT + "-sdk-"))
                    .forEach(layer -> lambda.listLayerVersionsPaginator(b -> b.layerName(layer.layerName()))
                            .layerVersions().forEach(version -> found.add(new Found("Lambda layer version",
                                    layer.layerName() + ":" + version.version()))));
        }
        return found;
    }

    /**
     * Deletes what {@link #find} found, in its order; a failure does not stop the rest.
     *
     * @return one line per resource that could not be deleted, with AWS's answer
     */
    public List<String> delete(List<Found> found) {
        List<String> problems = new ArrayList<>();
        for (Found resource : found) {
            try {
                delete(resource);
            } catch (SdkException e) {
                problems.add("could not delete " + resource + ": " + e.getMessage());
            }
        }
        return problems;
    }

    private void delete(Found resource) {
        String name = resource.name();
        switch (resource.kind()) {
            case "Lambda function" -> lambda.deleteFunction(b -> b.functionName(name));
            case "HTTP API" -> httpApis.deleteApi(b -> b.apiId(idOf(name)));
            case "REST API" -> restApis.deleteRestApi(b -> b.restApiId(idOf(name)));
            case "log group" -> logs.deleteLogGroup(b -> b.logGroupName(name));
            case "DynamoDB table" -> dynamoDb.deleteTable(b -> b.tableName(name));
            case "SSM parameter" -> ssm.deleteParameter(b -> b.name(name));
            case "KMS alias" -> kms.deleteAlias(b -> b.aliasName(name));
            case "KMS key" -> kms.scheduleKeyDeletion(b -> b.keyId(name).pendingWindowInDays(KEY_PENDING_DAYS));
            case "IAM role" -> deleteRole(name);
            case "Lambda layer version" -> lambda.deleteLayerVersion(b -> b
                    .layerName(name.substring(0, name.lastIndexOf(':')))
                    .versionNumber(Long.parseLong(name.substring(name.lastIndexOf(':') + 1))));
            default -> throw new IllegalStateException("no deletion for " + resource.kind());
        }
    }

    /** Keys tagged as a grading's and not already pending deletion, after the aliases that point to them. */
    private List<Found> keysAndAliases(String prefix, String gradingId) {
        Set<String> managedKeys = new HashSet<>();
        List<Found> keys = new ArrayList<>();
        kms.listKeysPaginator().keys().forEach(entry -> {
            KeyMetadata key;
            Map<String, String> tags;
            try {
                key = kms.describeKey(b -> b.keyId(entry.keyId())).keyMetadata();
                if (!"CUSTOMER".equals(key.keyManagerAsString())) {
                    return;
                }
                tags = kms.listResourceTags(b -> b.keyId(entry.keyId())).tags().stream()
                        .collect(Collectors.toMap(software.amazon.awssdk.services.kms.model.Tag::tagKey,
                                software.amazon.awssdk.services.kms.model.Tag::tagValue));
            } catch (SdkException notOurs) {
                // A key whose policy does not let these credentials read it was not made by them.
                return;
            }
            if (managed(tags, gradingId)) {
                managedKeys.add(key.keyId());
                if (key.keyState() != KeyState.PENDING_DELETION) {
                    keys.add(new Found("KMS key", key.keyId()));
                }
            }
        });
        List<Found> found = new ArrayList<>();
        kms.listAliasesPaginator().aliases().stream()
                .filter(alias -> alias.aliasName().startsWith("alias/" + prefix))
                .filter(alias -> alias.targetKeyId() != null && managedKeys.contains(alias.targetKeyId()))
                .forEach(alias -> found.add(new Found("KMS alias", alias.aliasName())));
        found.addAll(keys);
        return found;
    }

    /** GetApis pages by NextToken and the SDK has no paginator for it. */
    private List<software.amazon.awssdk.services.apigatewayv2.model.Api> httpApis() {
        List<software.amazon.awssdk.services.apigatewayv2.model.Api> apis = new ArrayList<>();
        String next = null;
        do {
            String token = next;
            var page = httpApis.getApis(b -> b.nextToken(token));
            apis.addAll(page.items());
            next = page.nextToken();
        } while (next != null && !next.isEmpty());
        return apis;
    }

    private Map<String, String> tableTags(String table) {
        String arn;
        try {
            arn = dynamoDb.describeTable(b -> b.tableName(table)).table().tableArn();
        } catch (software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException deletedMeanwhile) {
            return Map.of();
        }
        return dynamoDb.listTagsOfResource(b -> b.resourceArn(arn)).tags().stream()
                .collect(Collectors.toMap(software.amazon.awssdk.services.dynamodb.model.Tag::key,
                        software.amazon.awssdk.services.dynamodb.model.Tag::value));
    }

    /** IAM refuses to delete a role that still has policies: managed ones are detached, inline ones deleted. */
    private void deleteRole(String role) {
        iam.listAttachedRolePoliciesPaginator(b -> b.roleName(role)).attachedPolicies()
                .forEach(policy -> iam.detachRolePolicy(b -> b.roleName(role).policyArn(policy.policyArn())));
        iam.listRolePoliciesPaginator(b -> b.roleName(role)).policyNames()
                .forEach(policy -> iam.deleteRolePolicy(b -> b.roleName(role).policyName(policy)));
        iam.deleteRole(b -> b.roleName(role));
    }

    private static String idOf(String described) {
        return described.substring(0, described.indexOf(' '));
    }

    private static boolean managed(Map<String, String> tags, String gradingId) {
        return ResourceNaming.managed(tags, gradingId);
    }

    @Override
    public void close() {
        for (AutoCloseable client : List.<AutoCloseable>of(lambda, httpApis, restApis, logs, dynamoDb, ssm, kms, iam)) {
            try {
                client.close();
            } catch (Exception e) {
                // Closing releases connections only.
            }
        }
    }
}
