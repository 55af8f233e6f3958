package dev.serverlesslab.graders.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.Emulator;
import dev.serverlesslab.emulator.EmulatorConfig;
import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.graders.Grader;
import dev.serverlesslab.graders.GradingListener;
import dev.serverlesslab.graders.backend.AwsAccess;
import dev.serverlesslab.graders.backend.AwsClients;
import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.graders.backend.ResourceNaming;
import dev.serverlesslab.graders.layer.SdkLayerCache;
import dev.serverlesslab.graders.layer.SdkLayers;
import dev.serverlesslab.graders.provision.ProvisionedResources;
import dev.serverlesslab.graders.provision.Provisioner;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Stage;
import dev.serverlesslab.graders.report.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;

/**
 * The aws backend against the emulator posing as AWS: a region other than us-east-1 and keys other than
 * {@code test}, the endpoint override being the one thing that differs from real AWS. What a grading creates is
 * prefixed, tagged and (roles) under /serverless-lab/; teardown runs after failing checks and when the JVM ends; and
 * cleanup deletes what a crashed grading left, but nothing untagged.
 */
class AwsBackendTests {

    private static final String REGION = "eu-west-3";
    private static final String KEYS_AND_TABLE = """
            resources:
              tables: {orders: {partitionKey: {name: id, type: S}}}
              keys: {notes: {}}
              parameters: {greeting: {name: /app/greeting, value: hi}}
            """;

    private static Emulator emulator;
    private static AwsBackend backend;
    private static AwsClients aws;

    @TempDir
    Path content;

    @BeforeAll
    static void startEmulatorPosingAsAws() {
        emulator = Emulator.start(new EmulatorConfig("127.0.0.1", 0, REGION, null));
        AwsAccess access = AwsAccess.fromEnvironment(Map.of("HOME", "/nonexistent",
                "AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE",
                "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), Optional.empty(),
                Optional.of(REGION));
        backend = AwsBackend.start(access, emulator.endpoint());
        aws = new AwsClients(backend, backend.newAccount());
    }

    @AfterAll
    static void stop() {
        backend.close();
        emulator.close();
    }

    @AfterEach
    void nothingOfAGradingIsLeft() {
        try (ManagedResources managed = new ManagedResources(aws)) {
            managed.delete(managed.find(null).stream().filter(f -> !f.kind().equals("Lambda layer version")).toList());
        }
    }

    @Test
    void provision_prefixesEveryName_tagsEachResource_andPutsTheRoleUnderServerlessLab() {
        Exercise exercise = exercise("tagged", KEYS_AND_TABLE);

        try (Provisioner provisioner = new Provisioner(aws, backend.naming())) {
            ProvisionedResources resources = provisioner.provision(exercise);
            try {
                String id = resources.gradingId();
                assertTrue(id.matches("serverless-lab-tagged-[0-9a-f]{8}"), id);
                Map<String, String> expected = Map.of(ResourceNaming.MANAGED_BY, "serverless-lab",
                        ResourceNaming.GRADING, id);

                try (IamClient iam = aws.buildGlobal(IamClient.builder())) {
                    var role = iam.getRole(b -> b.roleName(id + "-role")).role();
                    assertEquals("/serverless-lab/", role.path());
                    assertEquals(role.arn(), resources.roleArn());
                    // Real AWS enforces the execution role: it may reach this grading's resources and nothing else.
                    String policy = java.net.URLDecoder.decode(iam.getRolePolicy(b -> b.roleName(id + "-role")
                            .policyName("serverless-lab-grading")).policyDocument(), java.nio.charset.StandardCharsets.UTF_8);
                    String account = resources.roleArn().split(":")[4];
                    assertTrue(policy.contains("\"arn:aws:dynamodb:" + REGION + ":" + account + ":table/" + id + "-*\""),
                            policy);
                    assertTrue(policy.contains("\"arn:aws:logs:" + REGION + ":" + account + ":log-group:/aws/lambda/"
                            + id + "*\""), policy);
                    assertTrue(policy.contains("\"arn:aws:ssm:" + REGION + ":" + account + ":parameter"
                            + resources.parameter("greeting").replace("/app/greeting", "/*") + "\""), policy);
                    assertTrue(policy.contains("{\"aws:ResourceTag/serverlesslab:grading\":\"" + id + "\"}"), policy);
                }
                assertTrue(resources.table("orders").startsWith(id + "-"), resources.table("orders"));
                assertEquals(expected, tableTags(resources.table("orders")));
                assertTrue(resources.alias("notes").startsWith("alias/" + id + "-"), resources.alias("notes"));
                assertEquals(expected, keyTags(resources.keyId("notes")));
                assertTrue(resources.parameter("greeting").matches("/serverless-lab/[0-9a-f]{8}/app/greeting"),
                        resources.parameter("greeting"));
                assertEquals(expected, parameterTags(resources.parameter("greeting")));
            } finally {
                provisioner.teardown(resources);
            }
        }
    }

    @Test
    void grade_withFailingChecks_tagsTheFunctionAndApi_thenTearsEverythingDown() throws IOException {
        Exercise httpApi = ExerciseCatalog.load(Path.of("src/test/resources/content")).find("http-api").orElseThrow();
        Map<String, Map<String, String>> functionsDuringChecks = new java.util.HashMap<>();
        List<Map<String, String>> apiTagsDuringChecks = new java.util.ArrayList<>();
        GradingListener watcher = new GradingListener() {
            @Override
            public void stageStarted(Stage stage) {
                if (stage == Stage.CHECK) {
                    try (LambdaClient lambda = aws.build(LambdaClient.builder())) {
                        lambda.listFunctions().functions().forEach(f -> functionsDuringChecks.put(f.functionName(),
                                lambda.listTags(b -> b.resource(f.functionArn())).tags()));
                    }
                    try (var apis = aws.build(software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client.builder())) {
                        apis.getApis().items().forEach(api -> apiTagsDuringChecks.add(api.tags()));
                    }
                }
            }
        };

        GradingReport report = new Grader(backend, new SdkLayers(new SdkLayerCache(content)), e -> List.of())
                .grade(httpApi, Submission.fromDirectory(httpApi.starterDir()), watcher);

        assertEquals(Status.FAILED, report.status(), report::toJson);
        assertEquals(1, functionsDuringChecks.size(), functionsDuringChecks.toString());
        String function = functionsDuringChecks.keySet().iterator().next();
        assertTrue(function.matches("serverless-lab-http-api-[0-9a-f]{8}-function"), function);
        String gradingId = function.substring(0, function.length() - "-function".length());
        assertTrue(ResourceNaming.managed(functionsDuringChecks.get(function), gradingId), functionsDuringChecks::toString);
        assertEquals(1, apiTagsDuringChecks.size());
        assertTrue(ResourceNaming.managed(apiTagsDuringChecks.get(0), gradingId), apiTagsDuringChecks::toString);
        try (ManagedResources managed = new ManagedResources(aws)) {
            assertEquals(List.of(), managed.find(gradingId), "left after the grading's teardown");
        }
        assertEquals(java.util.Set.of(), backend.openGradings());
    }

    @Test
    void provisionsOnlyAfterTheSubmissionCompiled_evenWithAnEndpointOverride() {
        assertFalse(backend.provisionsWhileCompiling(), "a real account gets nothing from a submission that does not "
                + "compile");
        assertTrue(Backend.endpoint(emulator.endpoint()).provisionsWhileCompiling(), "an emulator may provision "
                + "beside the compiler");
    }

    @Test
    void grade_exerciseWithEventResources_isRefusedBeforeAnythingIsCreated() {
        Exercise events = ExerciseCatalog.load(Path.of("src/test/resources/content")).find("event-pipeline")
                .orElseThrow();

        GradingReport report = new Grader(backend, new SdkLayers(new SdkLayerCache(content)), e -> List.of())
                .grade(events, Submission.fromDirectory(events.solutionDir()), GradingListener.NONE);

        assertEquals(Status.ERROR, report.status(), report::toJson);
        assertTrue(report.summary().contains("the aws backend will not grade event-pipeline: It declares S3 buckets, "
                + "SQS queues, EventBridge rules"), report.summary());
        try (ManagedResources managed = new ManagedResources(aws)) {
            assertEquals(List.of(), managed.find(null).stream()
                    .filter(f -> !f.kind().equals("Lambda layer version")).toList());
        }
    }

    @Test
    void cleanup_deletesWhatACrashedGradingLeft_andNothingUntagged() {
        Exercise exercise = exercise("crashed", KEYS_AND_TABLE);
        ProvisionedResources left;
        try (Provisioner provisioner = new Provisioner(aws, backend.naming())) {
            // A grading that dies after provisioning: no teardown ever runs.
            left = provisioner.provision(exercise);
        }
        String id = left.gradingId();
        try (DynamoDbClient dynamoDb = aws.build(DynamoDbClient.builder());
             IamClient iam = aws.buildGlobal(IamClient.builder());
             SsmClient ssm = aws.build(SsmClient.builder())) {
            // Someone else's things in the same account, one with a name that looks like ours but no tag.
            createTable(dynamoDb, "serverless-lab-not-ours");
            createTable(dynamoDb, "orders");
            iam.createRole(b -> b.roleName("someone-elses-role").assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[]}"));
            ssm.putParameter(b -> b.name("/serverless-lab/untagged").value("v").type("String"));

            try (ManagedResources managed = new ManagedResources(aws)) {
                List<ManagedResources.Found> found = managed.find(null);
                List<String> names = found.stream().map(ManagedResources.Found::toString).toList();

                assertEquals(List.of("DynamoDB table " + left.table("orders"),
                        "SSM parameter " + left.parameter("greeting"), "KMS alias " + left.alias("notes"),
                        "KMS key " + left.keyId("notes"), "IAM role " + id + "-role"), names);
                assertEquals(List.of(), managed.delete(found));
                assertEquals(List.of(), managed.find(null));
            }
            assertEquals(List.of("orders", "serverless-lab-not-ours"), dynamoDb.listTables().tableNames());
            assertEquals("someone-elses-role", iam.getRole(b -> b.roleName("someone-elses-role")).role().roleName());
            assertEquals("v", ssm.getParameter(b -> b.name("/serverless-lab/untagged")).parameter().value());
            try (KmsClient kms = aws.build(KmsClient.builder())) {
                assertEquals("PendingDeletion", kms.describeKey(b -> b.keyId(left.keyId("notes"))).keyMetadata()
                        .keyStateAsString());
            }
            dynamoDb.deleteTable(b -> b.tableName("serverless-lab-not-ours"));
            dynamoDb.deleteTable(b -> b.tableName("orders"));
            iam.deleteRole(b -> b.roleName("someone-elses-role"));
            ssm.deleteParameter(b -> b.name("/serverless-lab/untagged"));
        }
    }

    @Test
    void close_deletesWhatAGradingStillOpenLeft_asTheShutdownHookDoes() {
        Exercise exercise = exercise("interrupted", KEYS_AND_TABLE);
        AwsBackend second = AwsBackend.start(new AwsAccess(Optional.of(REGION), Optional.of(
                software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE",
                                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))), "test"), emulator.endpoint());
        String id;
        try (Provisioner provisioner = new Provisioner(new AwsClients(second, second.newAccount()), second.naming())) {
            id = provisioner.provision(exercise, second::gradingStarted).gradingId();
        }
        try (ManagedResources managed = new ManagedResources(aws)) {
            assertEquals(5, managed.find(id).size(), () -> managed.find(id).toString());
        }

        second.close();

        try (ManagedResources managed = new ManagedResources(aws)) {
            assertEquals(List.of(), managed.find(id));
        }
    }

    @Test
    void plan_namesWhatAGradingWouldCreate_andBoundsItsLambdaCost() {
        Exercise exercise = exercise("planned", KEYS_AND_TABLE + "memory: 512\ntimeout: 10\n");

        GradingPlan plan = GradingPlan.of(exercise);
        String text = plan.describe(REGION);

        assertTrue(text.contains("IAM role serverless-lab-planned-<8 hex>-role (path /serverless-lab/) and the inline "
                + "policy serverless-lab-grading"), text);
        assertTrue(text.contains("DynamoDB table serverless-lab-planned-<8 hex>-orders"), text);
        assertTrue(text.contains("SSM parameter /serverless-lab/<8 hex>/app/greeting"), text);
        assertTrue(text.contains("Lambda function serverless-lab-planned-<8 hex>-function (java17, 512 MB, timeout 10 s)"),
                text);
        // 100 invocations x 0.5 GB x 10 s = 500 GB-s at $0.0000166667, plus 100 requests at $0.20 per million.
        assertEquals(500 * 0.0000166667 + 100 * 0.20 / 1_000_000, plan.maxUsd(), 1e-12);
        assertTrue(text.contains("at most $0.0084"), text);
    }

    private Exercise exercise(String id, String body) {
        try {
            Path folder = Files.createDirectories(content.resolve("exercises").resolve(id));
            Files.writeString(folder.resolve("exercise.yml"), "title: T\nlesson: l\nhandler: a.B\n" + body);
            return ExerciseCatalog.load(content).find(id).orElseThrow();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void createTable(DynamoDbClient dynamoDb, String name) {
        dynamoDb.createTable(b -> b.tableName(name).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                .keySchema(k -> k.attributeName("id").keyType("HASH")));
    }

    private static Map<String, String> tableTags(String table) {
        try (DynamoDbClient dynamoDb = aws.build(DynamoDbClient.builder())) {
            String arn = dynamoDb.describeTable(b -> b.tableName(table)).table().tableArn();
            assertTrue(arn.startsWith("arn:aws:dynamodb:" + REGION + ":"), arn);
            return dynamoDb.listTagsOfResource(b -> b.resourceArn(arn)).tags().stream()
                    .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
        }
    }

    private static Map<String, String> keyTags(String keyId) {
        try (KmsClient kms = aws.build(KmsClient.builder())) {
            return kms.listResourceTags(b -> b.keyId(keyId)).tags().stream()
                    .collect(Collectors.toMap(t -> t.tagKey(), t -> t.tagValue()));
        }
    }

    private static Map<String, String> parameterTags(String name) {
        try (SsmClient ssm = aws.build(SsmClient.builder())) {
            return ssm.listTagsForResource(b -> b.resourceType(ResourceTypeForTagging.PARAMETER).resourceId(name))
                    .tagList().stream().collect(Collectors.toMap(t -> t.key(), t -> t.value()));
        }
    }
}
